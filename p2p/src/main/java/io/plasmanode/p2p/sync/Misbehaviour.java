package io.plasmanode.p2p.sync;

/**
 * What a peer did wrong, and the points it costs. Each one disconnects the peer; a peer whose score
 * falls to {@code -banThreshold} is banned (docs/p2p.md).
 */
public enum Misbehaviour {
  /** Bytes that are not a message: unknown type, bad RLP, wrong fields. */
  MALFORMED_MESSAGE(40),
  /** A frame longer than the maximum frame size. */
  OVERSIZED_FRAME(40),
  /** Another protocol version, chain or contract: the peer is of no use, so it is banned. */
  INCOMPATIBLE(100),
  /** A message out of turn: anything before Hello, or a second Hello. */
  UNEXPECTED_MESSAGE(40),
  /** Blocks that answer no request. */
  UNSOLICITED_RESPONSE(25),
  /** Blocks outside the requested range or out of order. */
  OUT_OF_RANGE_RESPONSE(40),
  /** A request outside the limits (too many blocks). */
  INVALID_REQUEST(25),
  /** More messages per second than allowed, or too many requests in flight. */
  REQUEST_FLOOD(25),
  /** No answer to a request within the request timeout. */
  UNRESPONSIVE(10),
  /** Reported by the watcher: a block whose root differs from the one committed on L1. */
  BAD_BLOCK(100);

  private final int penalty;

  Misbehaviour(int penalty) {
    this.penalty = penalty;
  }

  /** The points taken off the peer's score. */
  public int penalty() {
    return penalty;
  }
}
