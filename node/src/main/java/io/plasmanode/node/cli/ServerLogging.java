package io.plasmanode.node.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/** Long-running commands (operator, devnet) log their progress; wallet commands only warnings. */
final class ServerLogging {
  private ServerLogging() {}

  static void enable() {
    ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).setLevel(Level.INFO);
    // web3j and Netty are chatty at INFO about their own plumbing.
    ((Logger) LoggerFactory.getLogger("org.web3j")).setLevel(Level.WARN);
    ((Logger) LoggerFactory.getLogger("io.netty")).setLevel(Level.WARN);
  }
}
