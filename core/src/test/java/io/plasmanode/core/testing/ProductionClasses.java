package io.plasmanode.core.testing;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import java.util.regex.Pattern;

/**
 * Imports production classes only, for the architecture tests: not test classes, whether they come
 * from a directory ({@code target/test-classes}) or from a module's test-jar ({@code *-tests.jar},
 * which the reactor puts on the classpath from the {@code package} phase on).
 */
public final class ProductionClasses implements ImportOption {
  private static final Pattern TEST_JAR = Pattern.compile(".*-tests\\.jar!/.*");

  @Override
  public boolean includes(Location location) {
    return !location.contains("/test-classes/") && !location.matches(TEST_JAR);
  }
}
