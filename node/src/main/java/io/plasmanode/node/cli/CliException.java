package io.plasmanode.node.cli;

/**
 * A failure to report to the user in plain words (exit code 1): a rejection, an unreachable node, a
 * missing key. The message says what went wrong and, where possible, what to do.
 */
public final class CliException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public CliException(String message) {
    super(message);
  }

  public CliException(String message, Throwable cause) {
    super(message, cause);
  }
}
