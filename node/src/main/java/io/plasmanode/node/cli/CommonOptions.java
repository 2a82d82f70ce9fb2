package io.plasmanode.node.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options every command has: the config file, machine-readable output and stack traces. */
public final class CommonOptions {
  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = {
        "Java properties file with option defaults (key = option name without dashes).",
        "Default: PLASMA_CONFIG, else",
        "~/.plasma/config.properties if it exists."
      })
  Path config;

  @Option(names = "--json", description = "Print the result as JSON, for scripts.")
  boolean json;

  @Option(names = "--verbose", description = "On failure, also print the stack trace.")
  boolean verbose;

  public boolean json() {
    return json;
  }

  public boolean verbose() {
    return verbose;
  }
}
