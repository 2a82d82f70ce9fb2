package io.plasmanode.node.loadgen;

/** The bench cannot go on (the operator refused the fan-out, a wait timed out, ...). */
public final class BenchException extends RuntimeException {
  public BenchException(String message) {
    super(message);
  }

  public BenchException(String message, Throwable cause) {
    super(message, cause);
  }
}
