package io.plasmanode.node.cli;

import io.plasmanode.node.cli.ServerLogging.LogLevel;
import picocli.CommandLine.Option;

/** {@code --log-level} of the long-running commands (operator, watcher, devnet). */
final class LogLevelOption {
  @Option(
      names = "--log-level",
      paramLabel = "LEVEL",
      defaultValue = "INFO",
      description =
          "Least severe log lines shown: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE});"
              + " web3j and Netty stay at WARN unless it is quieter. A logback file given with"
              + " -Dlogback.configurationFile (JAVA_OPTS for scripts/plasma) replaces it.")
  LogLevel level;

  /** Applies the level (unless a logback file of the operator's decides). */
  void apply() {
    ServerLogging.enable(level);
  }
}
