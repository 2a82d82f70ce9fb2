package io.plasmanode.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.plasmanode.node.cli.ServerLogging.LogLevel;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class ServerLoggingTest {
  private static final Logger LOG = (Logger) LoggerFactory.getLogger(ServerLoggingTest.class);
  private static final String[] NAMES = {Logger.ROOT_LOGGER_NAME, "org.web3j", "io.netty"};

  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
  private Map<String, Optional<Level>> before;

  @BeforeEach
  void capture() {
    before =
        Stream.of(NAMES)
            .collect(
                Collectors.toMap(
                    name -> name, name -> Optional.ofNullable(logger(name).getLevel())));
    appender.start();
    LOG.addAppender(appender);
  }

  @AfterEach
  void restore() {
    LOG.detachAppender(appender);
    before.forEach((name, level) -> logger(name).setLevel(level.orElse(null)));
  }

  private static Logger logger(String name) {
    return (Logger) LoggerFactory.getLogger(name);
  }

  @Test
  void enable_debug_showsDebugLines() {
    ServerLogging.enable(LogLevel.DEBUG, Optional.empty());

    LOG.debug("a debug line");

    assertThat(appender.list)
        .extracting(ILoggingEvent::getFormattedMessage)
        .contains("a debug line");
    assertThat(logger("io.netty").getLevel())
        .as("Netty's plumbing stays quiet")
        .isEqualTo(Level.WARN);
  }

  @Test
  void enable_info_hidesDebugLines_error_quietsTheLibrariesToo() {
    ServerLogging.enable(LogLevel.INFO, Optional.empty());
    LOG.debug("a debug line");
    LOG.info("an info line");

    assertThat(appender.list)
        .extracting(ILoggingEvent::getFormattedMessage)
        .containsExactly("an info line");

    ServerLogging.enable(LogLevel.ERROR, Optional.empty());
    assertThat(logger("org.web3j").getLevel()).isEqualTo(Level.ERROR);
  }

  @Test
  void enable_withTheOperatorsLogbackFile_setsNoLevel() {
    logger(Logger.ROOT_LOGGER_NAME).setLevel(Level.TRACE);
    logger("io.netty").setLevel(Level.DEBUG);

    ServerLogging.enable(LogLevel.ERROR, Optional.of("my-logback.xml"));

    assertThat(logger(Logger.ROOT_LOGGER_NAME).getLevel()).isEqualTo(Level.TRACE);
    assertThat(logger("io.netty").getLevel()).isEqualTo(Level.DEBUG);
  }
}
