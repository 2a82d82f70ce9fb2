package io.plasmanode.storage.chain;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import io.plasmanode.core.types.Hash32;
import java.time.Instant;

/** What the blocks column keeps per block; the transactions are in their own column. */
record BlockHeader(Hash32 root, Instant timestamp, int txCount) {
  BlockHeader {
    requireNonNull(root, "root");
    requireNonNull(timestamp, "timestamp");
    checkArgument(txCount >= 0, "txCount %s", txCount);
  }

  static BlockHeader of(StoredBlock block) {
    return new BlockHeader(block.root(), block.timestamp(), block.transactions().size());
  }
}
