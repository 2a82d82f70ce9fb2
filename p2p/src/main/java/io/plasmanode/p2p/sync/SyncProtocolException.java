package io.plasmanode.p2p.sync;

import static java.util.Objects.requireNonNull;

/** A peer broke the protocol; the connection is closed and the peer scored down. */
public final class SyncProtocolException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final Misbehaviour misbehaviour;

  public SyncProtocolException(Misbehaviour misbehaviour, String message) {
    super(message, null, false, false);
    this.misbehaviour = requireNonNull(misbehaviour, "misbehaviour");
  }

  public Misbehaviour misbehaviour() {
    return misbehaviour;
  }
}
