package io.plasmanode.p2p.rpc;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A JSON-RPC call that got no usable answer: connection refused, timeout, or a response that is not
 * JSON-RPC. Errors answered by the server are {@link JsonRpcException}s instead.
 */
public final class JsonRpcTransportException extends UncheckedIOException {
  private static final long serialVersionUID = 1L;

  public JsonRpcTransportException(String message, IOException cause) {
    super(message, cause);
  }
}
