package io.plasmanode.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** README's module table names exactly the Maven modules of the parent pom (and no stale one). */
class ReadmeModuleTableTest {
  private static final Path ROOT = Path.of("..");
  private static final Pattern MODULE = Pattern.compile("<module>([^<]+)</module>");
  private static final Pattern ROW = Pattern.compile("^\\| `([^`]+)` \\|");

  @Test
  void moduleTable_namesEveryModuleOfTheParentPom() throws IOException {
    Set<String> modules = pomModules();
    Set<String> rows = tableRows();

    assertThat(modules).isNotEmpty();
    assertThat(rows).as("README.md's '## Modules' table").containsAll(modules);
    assertThat(rows.stream().filter(row -> Files.exists(ROOT.resolve(row).resolve("pom.xml"))))
        .as("rows naming a Maven project must be modules of the parent pom")
        .allMatch(modules::contains);
  }

  private static Set<String> pomModules() throws IOException {
    Matcher matcher = MODULE.matcher(Files.readString(ROOT.resolve("pom.xml")));
    return matcher.results().map(result -> result.group(1).trim()).collect(Collectors.toSet());
  }

  private static Set<String> tableRows() throws IOException {
    List<String> lines = Files.readAllLines(ROOT.resolve("README.md"));
    return lines.stream()
        .dropWhile(line -> !line.equals("## Modules"))
        .skip(1)
        .takeWhile(line -> !line.startsWith("## "))
        .map(ROW::matcher)
        .filter(Matcher::find)
        .map(matcher -> matcher.group(1))
        .collect(Collectors.toSet());
  }
}
