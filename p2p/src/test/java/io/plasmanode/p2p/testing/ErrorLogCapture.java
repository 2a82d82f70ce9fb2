package io.plasmanode.p2p.testing;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxy;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Collects the ERROR events logged while it is open: how a server reports an exception that reached
 * its last-resort handler (a failed dispatch, an unexpected pipeline error). Fuzz targets count
 * each one as an uncaught exception.
 */
public final class ErrorLogCapture extends AppenderBase<ILoggingEvent> implements AutoCloseable {
  private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  private final List<ILoggingEvent> events = new ArrayList<>();

  private ErrorLogCapture() {}

  public static ErrorLogCapture attach() {
    ErrorLogCapture capture = new ErrorLogCapture();
    capture.setContext(capture.root.getLoggerContext());
    capture.start();
    capture.root.addAppender(capture);
    return capture;
  }

  @Override
  protected synchronized void append(ILoggingEvent event) {
    if (event.getLevel().isGreaterOrEqual(Level.ERROR)) {
      events.add(event);
    }
  }

  /** Throws the first ERROR logged since the last call, with its exception as the cause. */
  public synchronized void rethrowErrors() {
    if (events.isEmpty()) {
      return;
    }
    ILoggingEvent first = events.get(0);
    int count = events.size();
    events.clear();
    Throwable cause =
        first.getThrowableProxy() instanceof ThrowableProxy proxy ? proxy.getThrowable() : null;
    throw new LoggedError(
        count
            + " ERROR event(s), first from "
            + first.getLoggerName()
            + ": "
            + first.getFormattedMessage(),
        cause);
  }

  /** Forgets the ERROR events logged so far. */
  public synchronized void clear() {
    events.clear();
  }

  @Override
  public void close() {
    root.detachAppender(this);
    stop();
  }

  /** An exception a server only logged: uncaught as far as its caller is concerned. */
  public static final class LoggedError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    LoggedError(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
