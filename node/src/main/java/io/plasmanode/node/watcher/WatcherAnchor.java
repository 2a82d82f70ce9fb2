package io.plasmanode.node.watcher;

import io.plasmanode.core.l1.BlockCommitment;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Hash32;
import io.plasmanode.exitgame.WithholdingDetector.PendingRoot;
import io.plasmanode.storage.chain.ChainStore;
import java.util.Optional;
import java.util.function.LongFunction;

/**
 * The watcher's start check against L1: its database must describe this contract's chain. Every
 * block it validated and every root it saw was final on L1 (past the finality margin) when it acted
 * on it, so L1 must still hold the same root for each. If it does not, the data directory belongs
 * to another contract or chain, or L1 was reset or reorganised deeper than the margin; the watcher
 * then refuses to run rather than judge exits and blocks against a chain L1 does not have. Checks
 * the last validated block and the roots seen for blocks not validated yet (the newest ones):
 * cheap, one L1 read each.
 */
final class WatcherAnchor {
  private WatcherAnchor() {}

  /**
   * @param l1Block what the contract holds for a child block number (empty: no such block)
   * @throws IllegalStateException naming the block, both roots and the fix
   */
  static void check(
      ChainStore chain,
      WatcherStore store,
      Address contract,
      LongFunction<Optional<BlockCommitment>> l1Block) {
    long height = chain.height();
    if (height > 0) {
      Hash32 root =
          chain
              .blockRoot(height)
              .orElseThrow(
                  () ->
                      new IllegalStateException(
                          "the watcher's database is damaged: its height is %d but block %d is"
                                  .formatted(height, height)
                              + " missing; start from a fresh --data-dir"));
      requireOnL1(contract, "validated block", height, root, l1Block);
    }
    for (PendingRoot pending : store.pendingRoots()) {
      Optional<BlockCommitment> seen = store.root(pending.blknum());
      if (seen.isPresent()) {
        requireOnL1(
            contract, "root seen for block", pending.blknum(), seen.get().rootHigh224(), l1Block);
      }
    }
  }

  private static void requireOnL1(
      Address contract,
      String what,
      long blknum,
      Hash32 root,
      LongFunction<Optional<BlockCommitment>> l1Block) {
    Optional<BlockCommitment> onL1 = l1Block.apply(blknum);
    String fix =
        "this data directory belongs to another contract or chain, or L1 was reset or reorganised"
            + " deeper than --finality-margin; start this watcher from a fresh --data-dir";
    if (onL1.isEmpty()) {
      throw new IllegalStateException(
          "the watcher's database holds %s %d (root %s) but contract %s has no block %d: %s"
              .formatted(what, blknum, root.toShortHex(), contract.toHex(), blknum, fix));
    }
    if (!onL1.get().commits(root)) {
      throw new IllegalStateException(
          "the watcher's database holds %s %d with root %s but contract %s holds root %s: %s"
              .formatted(
                  what,
                  blknum,
                  root.toShortHex(),
                  contract.toHex(),
                  onL1.get().rootHigh224().toShortHex(),
                  fix));
    }
  }
}
