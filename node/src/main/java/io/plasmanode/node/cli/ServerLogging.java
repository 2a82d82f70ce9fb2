package io.plasmanode.node.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import java.util.Optional;
import org.slf4j.LoggerFactory;

/**
 * The log levels of the plasma command. Without a logback file of the operator's own ({@code
 * -Dlogback.configurationFile}), wallet commands show warnings only and the long-running commands
 * (operator, watcher, devnet) log at their {@code --log-level}; with one, that file alone decides.
 */
final class ServerLogging {
  /** The system property logback reads its configuration file from. */
  static final String CONFIG_FILE_PROPERTY = "logback.configurationFile";

  /** The levels {@code --log-level} takes. */
  enum LogLevel {
    ERROR(Level.ERROR),
    WARN(Level.WARN),
    INFO(Level.INFO),
    DEBUG(Level.DEBUG),
    TRACE(Level.TRACE);

    private final Level level;

    LogLevel(Level level) {
      this.level = level;
    }
  }

  private ServerLogging() {}

  /** For wallet commands: warnings and errors only, unless the operator's logback file decides. */
  static void quiet() {
    if (operatorConfigFile().isEmpty()) {
      logger(Logger.ROOT_LOGGER_NAME).setLevel(Level.WARN);
    }
  }

  /** For long-running commands: {@code level}, unless the operator's logback file decides. */
  static void enable(LogLevel level) {
    enable(level, operatorConfigFile());
  }

  /**
   * Sets the root logger to {@code level} unless {@code configFile} is given. web3j and Netty log
   * their own plumbing at INFO and DEBUG, so they stay at WARN unless {@code level} is quieter.
   */
  static void enable(LogLevel level, Optional<String> configFile) {
    if (configFile.isPresent()) {
      return;
    }
    logger(Logger.ROOT_LOGGER_NAME).setLevel(level.level);
    Level libraries = level.level.isGreaterOrEqual(Level.WARN) ? level.level : Level.WARN;
    logger("org.web3j").setLevel(libraries);
    logger("io.netty").setLevel(libraries);
  }

  private static Optional<String> operatorConfigFile() {
    return Optional.ofNullable(System.getProperty(CONFIG_FILE_PROPERTY)).filter(s -> !s.isBlank());
  }

  private static Logger logger(String name) {
    return (Logger) LoggerFactory.getLogger(name);
  }
}
