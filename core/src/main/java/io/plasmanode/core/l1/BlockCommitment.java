package io.plasmanode.core.l1;

import static java.util.Objects.requireNonNull;

import io.plasmanode.core.types.Hash32;
import java.time.Instant;

/**
 * What L1 stores for a block: the high 224 bits of its Merkle root (low 32 bits zero) and the L1
 * time it was committed. Compare roots with {@link Hash32#high224Equals}.
 */
public record BlockCommitment(long blknum, Hash32 rootHigh224, Instant timestamp) {
  public BlockCommitment {
    requireNonNull(rootHigh224, "rootHigh224");
    requireNonNull(timestamp, "timestamp");
  }

  public boolean commits(Hash32 root) {
    return rootHigh224.high224Equals(root);
  }
}
