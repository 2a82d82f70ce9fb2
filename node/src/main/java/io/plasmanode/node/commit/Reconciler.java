package io.plasmanode.node.commit;

import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Hash32;
import io.plasmanode.node.storage.ChainStore;
import io.plasmanode.node.storage.CommitStatus;
import io.plasmanode.node.storage.StorageException;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The startup check of the database against the contract (see {@link RootCommitter#reconcile()}).
 */
final class Reconciler {
  private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);
  private static final long INTERVAL = UtxoPos.CHILD_BLOCK_INTERVAL;

  private final ChainStore store;
  private final CommitChannel channel;

  Reconciler(ChainStore store, CommitChannel channel) {
    this.store = store;
    this.channel = channel;
  }

  /** Checks and repairs the commit state; returns the anchor of the nonce mapping. */
  ChainAnchor run() {
    checkOperator();
    ChainAnchor anchor = channel.anchor();
    long lastOnL1 = anchor.nextChildBlock() - INTERVAL;
    long height = store.height();
    if (lastOnL1 > height) {
      throw new ReconcileException(
          ("the L1 contract has child blocks %d..%d that the database (height %d) does not have:"
                  + " the database is behind L1 (restored from an old backup, or the data"
                  + " directory of another chain?). Restore the operator database that produced"
                  + " these blocks, or point the node at the contract this database belongs to."
                  + " Refusing to start: new blocks would not match the chain on L1.")
              .formatted(height + INTERVAL, lastOnL1, height));
    }
    int marked = 0;
    for (long blknum : blocksToCheck(lastOnL1)) {
      if (checkBlock(blknum)) {
        marked++;
      }
    }
    long pendingNonce = channel.pendingNonce();
    LOG.info(
        "Reconciled with L1: contract at child block {}, database height {}, {} block(s) found"
            + " committed, operator nonce {} ({} pending in the L1 pool)",
        anchor.nextChildBlock(),
        height,
        marked,
        anchor.nonce(),
        Math.max(0, pendingNonce - anchor.nonce()));
    return anchor;
  }

  /**
   * The blocks on L1 whose roots are compared: the first and the last (a database of another chain
   * differs there) and every one the database still lists as pending. The others were checked
   * against their {@code BlockSubmitted} log when their submission was mined, so a restart costs a
   * few L1 reads, not one per block of the chain's history.
   */
  private SortedSet<Long> blocksToCheck(long lastOnL1) {
    SortedSet<Long> blocks = new TreeSet<>();
    if (lastOnL1 >= INTERVAL) {
      blocks.add(INTERVAL);
      blocks.add(lastOnL1);
    }
    store.pendingCommits().stream().filter(blknum -> blknum <= lastOnL1).forEach(blocks::add);
    return blocks;
  }

  private void checkOperator() {
    Address operator = channel.contractOperator();
    if (!operator.equals(channel.sender())) {
      throw new ReconcileException(
          "the contract's operator is %s but the committer signs as %s: configure the operator key of this contract"
              .formatted(operator.toHex(), channel.sender().toHex()));
    }
  }

  /** Compares block {@code blknum}'s roots; marks it committed if the DB still lists it pending. */
  private boolean checkBlock(long blknum) {
    Hash32 root =
        store
            .blockRoot(blknum)
            .orElseThrow(() -> new StorageException("database height includes missing " + blknum));
    Hash32 onL1 =
        channel
            .storedRoot(blknum)
            .orElseThrow(
                () ->
                    new ReconcileException(
                        "the contract is past block %d but returns no root for it: wrong contract address?"
                            .formatted(blknum)));
    if (!onL1.high224Equals(root)) {
      throw new ReconcileException(
          ("block %d: the database root %s differs from the root on L1 %s (high 224 bits"
                  + " compared). This database does not belong to the chain on this contract;"
                  + " refusing to start. Use the matching database or contract.")
              .formatted(blknum, root.toHex(), onL1.toHex()));
    }
    if (store.commitStatus(blknum).orElse(CommitStatus.PENDING) instanceof CommitStatus.Pending) {
      markFromEvent(blknum);
      return true;
    }
    return false;
  }

  /**
   * A block on L1 that the DB lists as pending: the node stopped after its submission was mined and
   * before it was recorded. The L1 tx hash comes from the block's {@code BlockSubmitted} event;
   * when the node cannot find it (e.g. logs pruned), the zero hash is recorded: the root check
   * above already proved the commitment.
   */
  private void markFromEvent(long blknum) {
    Optional<SubmittedBlock> event = channel.findSubmission(blknum);
    Hash32 l1TxHash = event.map(SubmittedBlock::l1TxHash).orElse(Hash32.ZERO);
    if (event.isEmpty()) {
      LOG.warn("Block {} is on L1 but its BlockSubmitted event was not found", blknum);
    }
    store.markCommitted(blknum, l1TxHash);
    LOG.info(
        "Block {} was committed on L1 before the last stop (tx {}); marked committed",
        blknum,
        l1TxHash.toShortHex());
  }
}
