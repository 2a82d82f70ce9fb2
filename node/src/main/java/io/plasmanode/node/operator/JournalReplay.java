package io.plasmanode.node.operator;

import static java.util.Objects.requireNonNull;

import io.plasmanode.core.ledger.PendingBlock;
import io.plasmanode.core.ledger.VerifiedTransaction;
import io.plasmanode.core.merkle.MerkleTree;
import io.plasmanode.core.tx.SignedTransaction;
import io.plasmanode.core.tx.TxCodec;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.validation.ValidationResult;
import io.plasmanode.storage.chain.JournaledTxs;
import io.plasmanode.storage.chain.TxJournal;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replays the {@link TxJournal} at start: the transactions acknowledged before a crash ({@code kill
 * -9}, power loss) that no stored block holds go back into the open block and the closed blocks
 * that were not written, at the same numbers and indexes, so a crash loses nothing that was
 * acknowledged.
 *
 * <p>A journal that does not replay exactly (a gap, a transaction that no longer decodes or is now
 * rejected) is refused: the operator must not run, since it would renumber what it acknowledged. So
 * the blocks the replay closes are not written here: {@link #replay} returns them, for the producer
 * to write only once the whole journal replayed; nothing of a journal that does not replay is
 * stored.
 */
final class JournalReplay {
  private static final Logger LOG = LoggerFactory.getLogger(JournalReplay.class);

  private final TxJournal journal;
  private final JournalWriter journalWriter;
  private final OpenBlock open;
  private final long height;
  private final List<ClosedBlock> closed = new ArrayList<>();
  private int replayed;

  /**
   * @param height the store's height: the journal's entries of blocks up to it are stored already
   */
  JournalReplay(TxJournal journal, JournalWriter journalWriter, OpenBlock open, long height) {
    this.journal = requireNonNull(journal, "journal");
    this.journalWriter = requireNonNull(journalWriter, "journalWriter");
    this.open = requireNonNull(open, "open");
    this.height = height;
  }

  /** Deletes the journal's entries of stored blocks (before the producer's lock is taken). */
  void forgetStored() {
    journal.forgetThrough(height);
  }

  /**
   * Re-includes every journaled transaction above the height where it was acknowledged; the
   * producer's lock is held.
   *
   * @return the blocks closed on the way, in block order: to write once this returned
   * @throws IllegalStateException if the journal does not replay exactly
   */
  List<ClosedBlock> replay() {
    journal.forEachAbove(
        height,
        entry -> {
          replayEntry(entry);
          journalWriter.replayed(entry);
          replayed += entry.txs().size();
        });
    return closed;
  }

  /** Re-includes one journal entry where it was acknowledged. */
  private void replayEntry(JournaledTxs entry) {
    if (entry.blknum() == open.blknum() + UtxoPos.CHILD_BLOCK_INTERVAL && !open.isEmpty()) {
      closed.add(open.close());
    }
    if (entry.blknum() != open.blknum() || entry.firstTxindex() != open.size()) {
      throw journalMismatch(
          entry.blknum(),
          entry.firstTxindex(),
          "the next acknowledged position is %d:%d".formatted(open.blknum(), open.size()));
    }
    int txindex = entry.firstTxindex();
    for (JournaledTxs.Tx journaled : entry.txs()) {
      replayTx(entry.blknum(), txindex++, journaled);
    }
  }

  private void replayTx(long blknum, int txindex, JournaledTxs.Tx journaled) {
    ValidationResult<SignedTransaction> decoded = journaled.tx().decode();
    if (decoded instanceof ValidationResult.Invalid<SignedTransaction> invalid) {
      throw journalMismatch(blknum, txindex, "it does not decode (%s)".formatted(invalid.detail()));
    }
    SignedTransaction signed = decoded.get();
    ValidationResult<PendingBlock.Inclusion> added =
        open.add(
            new VerifiedTransaction(signed, journaled.signers()),
            journaled.tx(),
            MerkleTree.leafHash(TxCodec.encode(signed.tx())));
    if (added instanceof ValidationResult.Invalid<PendingBlock.Inclusion> rejected) {
      throw journalMismatch(
          blknum,
          txindex,
          "it is now rejected (%s: %s)".formatted(rejected.reason(), rejected.detail()));
    }
  }

  private static IllegalStateException journalMismatch(long blknum, int txindex, String why) {
    return new IllegalStateException(
        ("the journal of accepted transactions does not replay: the transaction acknowledged at"
                + " %d:%d cannot take that place, %s. Refusing to run rather than renumber"
                + " acknowledged transactions; restore the data directory from a backup")
            .formatted(blknum, txindex, why));
  }

  /** Logs what was replayed, if anything (after the producer's lock is released). */
  void logSummary() {
    if (replayed > 0) {
      LOG.info(
          "Replayed {} accepted transactions from the journal: blocks {} to {} ({} open)",
          replayed,
          height + UtxoPos.CHILD_BLOCK_INTERVAL,
          open.blknum(),
          open.size());
    }
  }
}
