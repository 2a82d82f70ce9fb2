package io.plasmanode.storage.chain;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import io.plasmanode.core.types.Hash32;
import java.time.Instant;

/**
 * What the blocks column keeps per block (the transactions are in their own column): its root, when
 * it closed and how many transactions it holds.
 */
public record BlockHeader(Hash32 root, Instant timestamp, int txCount) {
  public BlockHeader {
    requireNonNull(root, "root");
    requireNonNull(timestamp, "timestamp");
    checkArgument(txCount >= 0, "txCount %s", txCount);
  }

  static BlockHeader of(StoredBlock block) {
    return new BlockHeader(block.root(), block.timestamp(), block.transactions().size());
  }
}
