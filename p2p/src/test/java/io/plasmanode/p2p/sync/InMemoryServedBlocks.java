package io.plasmanode.p2p.sync;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;

/** A test block source that also stores what a node receives, so it can re-serve it. */
final class InMemoryServedBlocks implements ServedBlocks {
  private final ConcurrentSkipListMap<Long, SyncBlock> blocks = new ConcurrentSkipListMap<>();

  /** A source with blocks 1000 .. count * 1000, each with a few distinct transactions. */
  static InMemoryServedBlocks withBlocks(int count) {
    InMemoryServedBlocks source = new InMemoryServedBlocks();
    for (int i = 1; i <= count; i++) {
      source.add(block(i * SyncBlock.CHILD_BLOCK_INTERVAL, 3));
    }
    return source;
  }

  static SyncBlock block(long blknum, int txs) {
    List<byte[]> signedTxs = new ArrayList<>();
    for (int i = 0; i < txs; i++) {
      signedTxs.add(("tx " + i + " of block " + blknum).getBytes(StandardCharsets.US_ASCII));
    }
    return SyncBlock.of(blknum, signedTxs);
  }

  void add(SyncBlock block) {
    blocks.put(block.blknum(), block);
  }

  void addAll(List<SyncBlock> received) {
    received.forEach(this::add);
  }

  List<SyncBlock> all() {
    return List.copyOf(blocks.values());
  }

  @Override
  public Optional<SyncBlock> block(long blknum) {
    return Optional.ofNullable(blocks.get(blknum));
  }

  /** The last block of the run 1000, 2000, ... without gaps. */
  @Override
  public long height() {
    long height = 0;
    while (blocks.containsKey(height + SyncBlock.CHILD_BLOCK_INTERVAL)) {
      height += SyncBlock.CHILD_BLOCK_INTERVAL;
    }
    return height;
  }
}
