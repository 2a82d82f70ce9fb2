package io.plasmanode.node.fees;

/**
 * A fee-specs file the operator cannot start with: unreadable, or malformed (line, column, why).
 */
public final class FeeSpecsException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  FeeSpecsException(String message, Throwable cause) {
    super(message, cause);
  }
}
