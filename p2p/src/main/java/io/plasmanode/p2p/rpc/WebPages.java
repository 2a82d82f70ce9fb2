package io.plasmanode.p2p.rpc;

import java.util.List;
import java.util.Map;

/**
 * Read-only web pages served beside JSON-RPC on the same server, under one path {@link #prefix()}:
 * the server answers only {@code GET} and {@code HEAD} there (others 405), adds the security
 * headers and calls {@link #get} on its executor, never on an event loop. Implementations are
 * Netty-free and thread-safe.
 */
public interface WebPages {
  /** The path the pages live under, e.g. {@code /explorer}: that path and everything below it. */
  String prefix();

  /**
   * The answer to {@code GET path?query}.
   *
   * @param path the request's path, percent-decoded, starting with {@link #prefix()}
   * @param query the query parameters, percent-decoded, in request order
   */
  WebResponse get(String path, Map<String, List<String>> query);
}
