package io.plasmanode.p2p.sync;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connected peers of one node: admission after the handshake (bans, connections to self,
 * duplicates, the peer limit), penalties, and the hand-off of events to the listener. Thread-safe.
 */
final class PeerRegistry {
  private static final Logger LOG = LoggerFactory.getLogger(PeerRegistry.class);

  private final long ownNodeId;
  private final int maxPeers;
  private final PeerScores scores;
  private final SyncListener listener;
  private final Executor listenerExecutor;
  private final Set<Peer> peers = new LinkedHashSet<>();

  PeerRegistry(
      long ownNodeId,
      int maxPeers,
      PeerScores scores,
      SyncListener listener,
      Executor listenerExecutor) {
    this.ownNodeId = ownNodeId;
    this.maxPeers = maxPeers;
    this.scores = scores;
    this.listener = listener;
    this.listenerExecutor = listenerExecutor;
  }

  long ownNodeId() {
    return ownNodeId;
  }

  PeerScores scores() {
    return scores;
  }

  /**
   * Adds a peer that completed the handshake, or says why not. Between two nodes connected twice,
   * the connection dialed by the node with the smaller id stays, so both ends keep the same one.
   */
  Optional<String> admit(Peer peer) {
    Optional<Peer> replaced;
    synchronized (this) {
      if (peer.nodeId() == ownNodeId) {
        return Optional.of("a connection to self");
      }
      if (scores.isBanned(peer.address())) {
        return Optional.of("banned");
      }
      replaced = peers.stream().filter(p -> p.nodeId() == peer.nodeId()).findFirst();
      if (replaced.isPresent() && !preferred(peer)) {
        return Optional.of("already connected to node " + Long.toHexString(peer.nodeId()));
      }
      if (replaced.isEmpty() && peers.size() >= maxPeers) {
        return Optional.of("already " + maxPeers + " peers");
      }
      replaced.ifPresent(peers::remove);
      peers.add(peer);
      peer.markConnected();
    }
    replaced.ifPresent(this::disconnected);
    replaced.ifPresent(Peer::close);
    notifyListener(l -> l.onConnected(peer, peer.height()));
    return Optional.empty();
  }

  private boolean preferred(Peer peer) {
    long dialer = peer.direction() == Peer.Direction.OUTBOUND ? ownNodeId : peer.nodeId();
    return dialer == Math.min(ownNodeId, peer.nodeId());
  }

  /** Forgets a closed connection; tells the listener if it was a connected peer. */
  void remove(Peer peer) {
    boolean removed;
    synchronized (this) {
      removed = peers.remove(peer);
    }
    if (removed) {
      disconnected(peer);
    }
  }

  private void disconnected(Peer peer) {
    LOG.debug("Disconnected from {}", peer);
    notifyListener(l -> l.onDisconnected(peer));
  }

  synchronized List<Peer> peers() {
    return new ArrayList<>(peers);
  }

  synchronized boolean isConnected(long nodeId) {
    return peers.stream().anyMatch(p -> p.nodeId() == nodeId);
  }

  synchronized boolean isFull() {
    return peers.size() >= maxPeers;
  }

  /** Scores the peer down and closes its connection; once per connection. */
  void penalize(Peer peer, Misbehaviour misbehaviour, String detail) {
    if (!peer.close()) {
      return;
    }
    boolean banned = scores.penalize(peer.address(), misbehaviour.penalty());
    LOG.debug("Disconnecting {}: {} ({})", peer, misbehaviour, detail);
    if (banned) {
      LOG.info("Banned {} after {}: {}", peer.address(), misbehaviour, detail);
    }
  }

  /** Runs {@code event} on the listener thread; a failing listener is logged, never rethrown. */
  void notifyListener(Consumer<SyncListener> event) {
    try {
      listenerExecutor.execute(
          () -> {
            try {
              event.accept(listener);
            } catch (RuntimeException e) {
              LOG.error("Sync listener failed", e);
            }
          });
    } catch (RejectedExecutionException e) {
      LOG.debug("Sync listener stopped; event dropped");
    }
  }
}
