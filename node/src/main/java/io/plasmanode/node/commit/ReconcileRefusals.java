package io.plasmanode.node.commit;

import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Hash32;
import java.util.Optional;

/**
 * The start-up refusals of {@link Reconciler} where the database and the contract disagree on the
 * chain, each with its diagnosis and what to do. The diagnosis rests on whether the database shares
 * a block with the contract: a block's root covers its signed transactions, whose signatures bind
 * the contract's address, so equal roots mean the database's chain is this contract's.
 *
 * <ul>
 *   <li>{@link #foreignRoot}: L1 has a block the database did not produce, after blocks they agree
 *       on: someone else submitted it with the operator key (or the database is an old backup).
 *   <li>{@link #otherContract}: the first block compared differs, or a block the database records
 *       committed: the database belongs to another contract or L1 chain.
 *   <li>{@link #behindL1}: L1 has blocks and the database none that it agrees on (e.g. empty).
 * </ul>
 */
final class ReconcileRefusals {
  private static final long INTERVAL = UtxoPos.CHILD_BLOCK_INTERVAL;

  private ReconcileRefusals() {}

  /**
   * L1 has block {@code blknum}, which the database did not produce: it lacks the block ({@code
   * ownRoot} empty, the contract being at {@code lastOnL1}) or has another root.
   *
   * @param agreedUpTo the last block that the database and L1 agree on, below {@code blknum}
   */
  static ReconcileException foreignRoot(
      long blknum,
      Optional<Hash32> ownRoot,
      Hash32 onL1,
      Optional<SubmittedBlock> event,
      long agreedUpTo,
      long lastOnL1) {
    String tx = event.map(e -> " (L1 tx " + e.l1TxHash().toHex() + ")").orElse("");
    String own =
        ownRoot
            .map(root -> "this database's block %d has root %s".formatted(blknum, root.toHex()))
            .orElse(
                "the L1 contract has child blocks %d..%d that the database (height %d) does not"
                        .formatted(blknum, lastOnL1, blknum - INTERVAL)
                    + " have");
    String backup =
        ownRoot.isPresent()
            ? ""
            : ", or this database is an old backup of this chain (then restore the operator"
                + " database that produced these blocks)";
    return new ReconcileException(
        ("L1 has a block this operator did not produce (foreign root at block %d): its root on L1"
                + " is %s%s, while %s. The database agrees with L1 up to block %d, so it belongs to"
                + " this contract: someone else submitted block %d with the operator key (a leaked"
                + " key, or a second node running with it)%s. Refusing to start: this database"
                + " cannot continue the chain on L1. Stop every other node that uses the operator"
                + " key; if one of them is yours, continue the chain with its database. Otherwise"
                + " the key is stolen, and the contract's operator cannot be changed: stop this"
                + " chain and tell users to exit their outputs of blocks before %d.")
            .formatted(blknum, onL1.toHex(), tx, own, agreedUpTo, blknum, backup, blknum));
  }

  /**
   * Block {@code blknum}'s roots differ, and it is recorded committed or no earlier block agrees
   * (the first block is always compared).
   */
  static ReconcileException otherContract(
      long blknum, Hash32 root, Hash32 onL1, boolean recordedCommitted) {
    String why =
        recordedCommitted
            ? "the database records it committed, so it was committed on another contract"
            : "no earlier block of the database is on L1";
    return new ReconcileException(
        ("block %d: the database root %s differs from the root on L1 %s (high 224 bits"
                + " compared; %s). This database does not belong to the chain on this contract;"
                + " refusing to start. Use the matching database or contract.")
            .formatted(blknum, root.toHex(), onL1.toHex(), why));
  }

  /** L1 has blocks past the database's {@code height}, and they share no block. */
  static ReconcileException behindL1(long height, long lastOnL1) {
    return new ReconcileException(
        ("the L1 contract has child blocks %d..%d that the database (height %d) does not have:"
                + " the database is behind L1 (restored from an old backup, or the data"
                + " directory of another chain?). Restore the operator database that produced"
                + " these blocks, or point the node at the contract this database belongs to."
                + " Refusing to start: new blocks would not match the chain on L1.")
            .formatted(height + INTERVAL, lastOnL1, height));
  }
}
