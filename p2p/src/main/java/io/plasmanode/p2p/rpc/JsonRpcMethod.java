package io.plasmanode.p2p.rpc;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One JSON-RPC method. Runs on the server's executor, never on an event loop, so it may block.
 *
 * <p>{@code params} is the request's array or object ({@code []} when the request has none). The
 * result is any Jackson-serializable value, or null. Throw {@link JsonRpcException} to answer with
 * an error (e.g. {@link JsonRpcException#invalidParams}); any other exception becomes a generic
 * internal error and is logged.
 */
@FunctionalInterface
public interface JsonRpcMethod {
  Object invoke(JsonNode params);
}
