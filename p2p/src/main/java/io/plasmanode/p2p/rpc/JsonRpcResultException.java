package io.plasmanode.p2p.rpc;

/**
 * A JSON-RPC result that does not have the documented shape of its method's answer: a field
 * missing, of the wrong type, or not a valid value (an address that is not 20 bytes of hex).
 */
public final class JsonRpcResultException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String method;

  public JsonRpcResultException(String method, String message, Throwable cause) {
    super(message, cause);
    this.method = method;
  }

  /** The method whose result it was. */
  public String method() {
    return method;
  }
}
