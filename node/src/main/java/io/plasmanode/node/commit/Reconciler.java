package io.plasmanode.node.commit;

import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Hash32;
import io.plasmanode.storage.chain.ChainStore;
import io.plasmanode.storage.chain.CommitStatus;
import io.plasmanode.storage.kv.StorageException;
import java.util.ArrayList;
import java.util.List;
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
  private final int confirmations;

  Reconciler(ChainStore store, CommitChannel channel, int confirmations) {
    this.store = store;
    this.channel = channel;
    this.confirmations = confirmations;
  }

  /** Checks and repairs the commit state; returns the anchor and the blocks not final yet. */
  Reconciliation run() {
    checkOperator();
    ChainAnchor anchor = channel.anchor();
    long lastOnL1 = anchor.nextChildBlock() - INTERVAL;
    long height = store.height();
    List<Long> reopened = reopenDropped(lastOnL1);
    SortedSet<Long> compared = blocksToCheck(Math.min(lastOnL1, height));
    long agreedUpTo = compareRoots(compared, lastOnL1);
    if (lastOnL1 > height) {
      throw agreedUpTo > 0
          ? foreignRoot(height + INTERVAL, Optional.empty(), agreedUpTo, lastOnL1)
          : ReconcileRefusals.behindL1(height, lastOnL1);
    }
    List<Reconciliation.Unconfirmed> unconfirmed = new ArrayList<>();
    int marked = 0;
    for (long blknum : compared) {
      if (isPending(blknum) && settle(blknum, anchor.l1Block(), unconfirmed)) {
        marked++;
      }
    }
    long pendingNonce = channel.pendingNonce();
    LOG.info(
        "Reconciled with L1: contract at child block {}, database height {}, {} block(s) found"
            + " committed, {} awaiting confirmations, {} dropped by L1 to submit again, operator"
            + " nonce {} ({} pending in the L1 pool)",
        anchor.nextChildBlock(),
        height,
        marked,
        unconfirmed.size(),
        reopened.size(),
        anchor.nonce(),
        Math.max(0, pendingNonce - anchor.nonce()));
    return new Reconciliation(anchor, unconfirmed);
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

  /**
   * Blocks the database records committed but the contract does not have: an L1 reorganisation
   * deeper than the commit confirmations dropped their submissions while the node was down. They
   * are pending again, so the committer submits them in order. Only when L1 proves the drop: their
   * transactions are unknown to L1 and the contract holds the chain's first block. A mined
   * transaction, or a contract without blocks, means the database belongs to another contract.
   */
  private List<Long> reopenDropped(long lastOnL1) {
    List<Long> dropped = new ArrayList<>();
    for (long blknum = lastOnL1 + INTERVAL; blknum <= store.height(); blknum += INTERVAL) {
      if (store.commitStatus(blknum).orElse(CommitStatus.PENDING)
          instanceof CommitStatus.Committed committed) {
        requireDropped(blknum, committed.l1TxHash(), lastOnL1);
        dropped.add(blknum);
      }
    }
    if (!dropped.isEmpty()) {
      store.reopenCommits(dropped.get(0));
      LOG.warn(
          "L1 no longer has block(s) {}..{} recorded committed: an L1 reorganisation deeper than"
              + " {} confirmation(s) dropped their submissions; submitting them again",
          dropped.get(0),
          dropped.get(dropped.size() - 1),
          confirmations);
    }
    return dropped;
  }

  private void requireDropped(long blknum, Hash32 l1TxHash, long lastOnL1) {
    String refusal =
        ("block %d is recorded committed (L1 tx %s) but the contract is at block %d. Refusing to"
                + " start: the database belongs to another contract or L1 chain; point the node at"
                + " the contract this database belongs to.")
            .formatted(blknum, l1TxHash.toHex(), lastOnL1);
    if (lastOnL1 < INTERVAL) {
      throw new ReconcileException(refusal + " (the contract has no block at all)");
    }
    if (l1TxHash.equals(Hash32.ZERO)) {
      throw new ReconcileException(refusal + " (the transaction was never known)");
    }
    if (channel.receipt(l1TxHash).isPresent()) {
      throw new ReconcileException(refusal + " (that transaction is mined)");
    }
  }

  /**
   * Compares the roots of {@code blocks} (in order) on L1 and in the database; refuses at the first
   * that differs, diagnosed by whether an earlier block agreed ({@link ReconcileRefusals}).
   *
   * @return the last block compared (they all agree), 0 if none
   */
  private long compareRoots(SortedSet<Long> blocks, long lastOnL1) {
    long agreedUpTo = 0;
    for (long blknum : blocks) {
      Hash32 root = ownRoot(blknum);
      Hash32 onL1 = rootOnL1(blknum);
      if (!onL1.high224Equals(root)) {
        throw agreedUpTo > 0 && isPending(blknum)
            ? foreignRoot(blknum, Optional.of(root), agreedUpTo, lastOnL1)
            : ReconcileRefusals.otherContract(blknum, root, onL1, !isPending(blknum));
      }
      agreedUpTo = blknum;
    }
    return agreedUpTo;
  }

  private ReconcileException foreignRoot(
      long blknum, Optional<Hash32> ownRoot, long agreedUpTo, long lastOnL1) {
    return ReconcileRefusals.foreignRoot(
        blknum, ownRoot, rootOnL1(blknum), channel.findSubmission(blknum), agreedUpTo, lastOnL1);
  }

  private Hash32 ownRoot(long blknum) {
    return store
        .blockRoot(blknum)
        .orElseThrow(() -> new StorageException("database height includes missing " + blknum));
  }

  private Hash32 rootOnL1(long blknum) {
    return channel
        .storedRoot(blknum)
        .orElseThrow(
            () ->
                new ReconcileException(
                    "the contract is past block %d but returns no root for it: wrong contract address?"
                        .formatted(blknum)));
  }

  private boolean isPending(long blknum) {
    return store.commitStatus(blknum).orElse(CommitStatus.PENDING) instanceof CommitStatus.Pending;
  }

  /**
   * A block on L1 that the DB lists as pending: the node stopped after its submission was mined and
   * before it was final. Marked committed, with the tx hash of its {@code BlockSubmitted} event, if
   * that is {@code confirmations} deep below {@code head} (and every earlier one was), else added
   * to {@code unconfirmed}. When the node cannot find the event (e.g. logs pruned, so not recent),
   * the zero hash is recorded: the root check already proved the commitment.
   *
   * @return whether it was marked committed
   */
  private boolean settle(long blknum, long head, List<Reconciliation.Unconfirmed> unconfirmed) {
    Optional<SubmittedBlock> event = channel.findSubmission(blknum);
    if (event.isEmpty() && unconfirmed.isEmpty()) {
      LOG.warn("Block {} is on L1 but its BlockSubmitted event was not found", blknum);
      markCommitted(blknum, Hash32.ZERO);
      return true;
    }
    Optional<SubmissionReceipt> receipt =
        event.flatMap(submitted -> channel.receipt(submitted.l1TxHash()));
    if (unconfirmed.isEmpty()
        && receipt.isPresent()
        && receipt.get().l1Block() <= head - confirmations) {
      markCommitted(blknum, receipt.get().txHash());
      return true;
    }
    unconfirmed.add(new Reconciliation.Unconfirmed(blknum, receipt));
    return false;
  }

  private void markCommitted(long blknum, Hash32 l1TxHash) {
    store.markCommitted(blknum, l1TxHash);
    LOG.info(
        "Block {} was committed on L1 before the last stop (tx {}); marked committed",
        blknum,
        l1TxHash.toShortHex());
  }
}
