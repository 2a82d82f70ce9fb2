package io.plasmanode.p2p.rpc;

/** User events that tell the {@link RequestDeadlineHandler} where the current request stands. */
enum HttpRequestEvent {
  /** Bytes were read (fired before the codec sees them): a request may have begun. */
  BYTES_READ,
  /** A refused request's body has been read and dropped: it will not come through whole. */
  REQUEST_DISCARDED
}
