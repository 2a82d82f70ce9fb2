package io.plasmanode.p2p.sync;

import static java.util.Objects.requireNonNull;

/**
 * A connected peer as listed by {@link PeerNode#peers()}.
 *
 * @param peer the handle to request blocks from or penalize
 * @param height its validated height when listed
 * @param score its score when listed (0 is clean; banned at minus the ban threshold)
 */
public record PeerInfo(Peer peer, long height, int score) {
  public PeerInfo {
    requireNonNull(peer, "peer");
  }
}
