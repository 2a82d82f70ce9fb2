package io.plasmanode.node.watcher;

import static java.util.Objects.requireNonNull;

import io.plasmanode.p2p.sync.Misbehaviour;
import io.plasmanode.p2p.sync.Peer;
import io.plasmanode.p2p.sync.PeerInfo;
import io.plasmanode.p2p.sync.PeerNode;
import io.plasmanode.p2p.sync.SyncBlock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Blocks from other watchers over p2p (docs/p2p.md). Asks the best connected peer that has the
 * block (the highest, then the best scored) for it and the blocks after it, up to {@code batch},
 * and keeps the extra ones for the next calls. Remembers which peer served each block: when the
 * watcher rejects one ({@link #rejected}), that peer is penalized for a bad block (which
 * disconnects and bans it), its other blocks are dropped, and the next fetch asks another peer.
 */
final class P2pBlockSource implements RemoteBlockSource {
  private final PeerNode node;
  private final int batch;
  private final Duration timeout;
  private final NavigableMap<Long, Served> prefetched = new TreeMap<>();
  private final NavigableMap<Long, Peer> servedBy = new TreeMap<>();

  /**
   * @param batch blocks asked for at once, at most the peers' {@code maxBlocksPerRequest}
   * @param timeout how long to wait for a peer's answer
   */
  P2pBlockSource(PeerNode node, int batch, Duration timeout) {
    this.node = requireNonNull(node, "node");
    this.batch = batch;
    this.timeout = requireNonNull(timeout, "timeout");
  }

  @Override
  public String name() {
    return "p2p peers";
  }

  @Override
  public synchronized Optional<List<byte[]>> fetch(long blknum) {
    prefetched.headMap(blknum, false).clear();
    servedBy.headMap(blknum, false).clear();
    Served served = prefetched.remove(blknum);
    if (served == null) {
      served = request(blknum).orElse(null);
      if (served == null) {
        return Optional.empty();
      }
    }
    servedBy.put(blknum, served.peer());
    return Optional.of(served.block().signedTxs());
  }

  @Override
  public synchronized void rejected(long blknum, String reason) {
    Peer peer = servedBy.remove(blknum);
    if (peer == null) {
      return;
    }
    prefetched.values().removeIf(served -> served.peer() == peer);
    node.penalize(peer, Misbehaviour.BAD_BLOCK, "block " + blknum + ": " + reason);
  }

  private Optional<Served> request(long blknum) {
    Optional<PeerInfo> best =
        node.peers().stream()
            .filter(p -> p.height() >= blknum)
            .max(Comparator.comparingLong(PeerInfo::height).thenComparingInt(PeerInfo::score));
    if (best.isEmpty()) {
      return Optional.empty();
    }
    Peer peer = best.get().peer();
    long available = (best.get().height() - blknum) / SyncBlock.CHILD_BLOCK_INTERVAL + 1;
    List<SyncBlock> blocks = await(peer, blknum, (int) Math.min(batch, available));
    Served first = null;
    for (SyncBlock block : blocks) {
      Served served = new Served(peer, block);
      if (block.blknum() == blknum) {
        first = served;
      } else {
        prefetched.put(block.blknum(), served);
      }
    }
    return Optional.ofNullable(first);
  }

  private List<SyncBlock> await(Peer peer, long blknum, int count) {
    try {
      return node.requestBlocks(peer, blknum, count).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for " + peer, e);
    } catch (ExecutionException e) {
      throw new IllegalStateException(peer + " did not serve block " + blknum, e.getCause());
    } catch (TimeoutException e) {
      throw new IllegalStateException(peer + " did not answer within " + timeout, e);
    }
  }

  private record Served(Peer peer, SyncBlock block) {}
}
