package io.plasmanode.node.cli;

import java.util.Optional;
import picocli.CommandLine.IVersionProvider;

/**
 * {@code plasma --version}: the version Maven built, from the {@code Implementation-Version} of the
 * plasma jar's manifest (the shade execution in node/pom.xml writes it), so it names the same
 * version as the distribution archive {@code plasma-<version>.tar.gz}.
 */
final class PlasmaVersion implements IVersionProvider {
  @Override
  public String[] getVersion() {
    return new String[] {
      "plasma " + version().orElse("(development build, not from the plasma jar)")
    };
  }

  /** The jar's version; empty when the classes do not come from the plasma jar (IDE, tests). */
  static Optional<String> version() {
    return Optional.ofNullable(PlasmaCli.class.getPackage().getImplementationVersion());
  }
}
