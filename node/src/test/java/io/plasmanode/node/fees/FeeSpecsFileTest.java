package io.plasmanode.node.fees;

import static io.plasmanode.node.fees.FeeSpecsParserTest.table;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeeSpecsFileTest {
  private static final Duration POLL = Duration.ofMillis(20);

  @TempDir Path dir;
  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

  @AfterEach
  void stop() {
    scheduler.shutdownNow();
  }

  private Path write(String text) throws IOException {
    Path file = dir.resolve("fee-specs.json");
    Path next = dir.resolve("fee-specs.json.new");
    Files.writeString(next, text);
    Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return file;
  }

  private FeeSpecsFile polling(Path file, Duration grace) {
    FeeSpecsFile specs = FeeSpecsFile.load(file, grace, Clock.systemUTC());
    specs.startPolling(scheduler, POLL);
    return specs;
  }

  @Test
  void load_refusesAMalformedFileNamingLineAndColumn() throws IOException {
    Path file = write("{\n  \"1\": {\n    \"0xnope\": {}\n  }\n}\n");

    assertThatThrownBy(() -> FeeSpecsFile.load(file, Duration.ZERO, Clock.systemUTC()))
        .isInstanceOf(FeeSpecsException.class)
        .hasMessageContaining("line 3, column 5")
        .hasMessageContaining("\"0xnope\" is not an address");
  }

  @Test
  void load_refusesAMissingFile() {
    assertThatThrownBy(
            () -> FeeSpecsFile.load(dir.resolve("absent.json"), Duration.ZERO, Clock.systemUTC()))
        .isInstanceOf(FeeSpecsException.class)
        .hasMessageContaining("cannot read the fee specs");
  }

  @Test
  void polling_takesAChangedFileAndKeepsThePreviousTableForTheGrace() throws IOException {
    FeeSpecsFile specs = polling(write(FeeSpecsJson.text(table(1))), Duration.ofSeconds(3));

    write(FeeSpecsJson.text(table(2)));

    await().atMost(Duration.ofSeconds(5)).until(() -> specs.schedule().current().equals(table(2)));
    assertThat(specs.schedule().accepted()).containsExactly(table(2), table(1));
    await().atMost(Duration.ofSeconds(5)).until(() -> specs.schedule().accepted().size() == 1);
    assertThat(specs.schedule().accepted()).containsExactly(table(2));
    assertThat(specs.alarm()).isEmpty();
  }

  @Test
  void polling_refusesAMalformedChangeAndKeepsTheLastGoodTable() throws IOException {
    FeeSpecsFile specs = polling(write(FeeSpecsJson.text(table(1))), Duration.ofSeconds(30));

    write(FeeSpecsJson.text(table(2)).replace("\"2\"", "2"));

    await().atMost(Duration.ofSeconds(5)).until(() -> specs.alarm().isPresent());
    assertThat(specs.alarm().get())
        .contains("are malformed: line 4, column")
        .contains("\"amount\" must be a string")
        .contains("the last good fee table stays in force");
    assertThat(specs.schedule().current()).isEqualTo(table(1));
    assertThat(specs.schedule().accepted()).containsExactly(table(1));

    write(FeeSpecsJson.text(table(3)));

    await().atMost(Duration.ofSeconds(5)).until(() -> specs.schedule().current().equals(table(3)));
    assertThat(specs.alarm()).isEmpty();
  }

  @Test
  void reload_ofADeletedFileAlarmsAndKeepsTheTable() throws IOException {
    Path file = write(FeeSpecsJson.text(table(1)));
    FeeSpecsFile specs = FeeSpecsFile.load(file, Duration.ofSeconds(30), Clock.systemUTC());

    Files.delete(file);

    assertThat(specs.reload()).isFalse();
    assertThat(specs.alarm().get()).contains("cannot be read");
    assertThat(specs.schedule().current()).isEqualTo(table(1));
    write(FeeSpecsJson.text(table(1)));
    assertThat(specs.reload()).isFalse();
    assertThat(specs.alarm()).isEmpty();
  }

  @Test
  void reload_ofAnUnchangedFileChangesNothing() throws IOException {
    FeeSpecsFile specs =
        FeeSpecsFile.load(write(FeeSpecsJson.text(table(1))), Duration.ZERO, Clock.systemUTC());

    assertThat(specs.reload()).isFalse();
    assertThat(specs.schedule().accepted()).containsExactly(table(1));
  }
}
