package io.plasmanode.storage.chain;

import static io.plasmanode.storage.chain.ChainColumns.DEPOSIT_OUTPUTS;
import static io.plasmanode.storage.chain.ChainColumns.HISTORY;
import static io.plasmanode.storage.chain.ChainColumns.UTXOS;

import io.plasmanode.core.tx.Output;
import io.plasmanode.core.tx.PaymentTransaction;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import io.plasmanode.storage.chain.ChainProblem.Kind;
import io.plasmanode.storage.kv.KeyValueStore;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.function.LongPredicate;

/**
 * The account history ({@link AccountHistory}) against the chain: every owner of a replayed
 * transaction's outputs, and of each applied deposit, has a key at its position; each applied
 * deposit's output is kept ({@link ChainColumns#DEPOSIT_OUTPUTS}) and matches the UTXO set while it
 * is unspent; and (the full check's pass over the column) every key is at a stored transaction or
 * at an applied deposit, a deposit's at its owner. A sender's key is checked only where the sender
 * also received: finding a spent output's owner means reading the transaction that created it, once
 * per input, which the check does not afford; a page that meets a key naming no party fails with a
 * message naming it ({@link HistoryReader}).
 */
final class HistoryCheck implements ReplayListener {
  private final KeyValueStore kv;
  private final BlockIndex blocks;
  private final ChainProblems problems;

  private HistoryCheck(KeyValueStore kv, BlockIndex blocks, ChainProblems problems) {
    this.kv = kv;
    this.blocks = blocks;
    this.problems = problems;
  }

  /**
   * The check of a chain that keeps its history; empty (and a problem) for a chain written before
   * the history existed or with another format of it, empty for an empty chain that does not record
   * it yet.
   */
  static Optional<HistoryCheck> ifKept(
      KeyValueStore kv, BlockIndex blocks, ChainProblems problems) {
    if (AccountHistory.isKept(kv)) {
      return Optional.of(new HistoryCheck(kv, blocks, problems));
    }
    Optional<Long> marker = AccountHistory.marker(kv);
    if (marker.isPresent() || !AccountHistory.isEmptyChain(kv)) {
      problems.add(
          Kind.HISTORY_NOT_KEPT, "account history", AccountHistory.notKept("the database", marker));
    }
    return Optional.empty();
  }

  @Override
  public void transaction(TxLocation location, PaymentTransaction tx) {
    for (Address owner : new LinkedHashSet<>(tx.outputs().stream().map(Output::owner).toList())) {
      if (!hasKey(owner, location)) {
        missing(owner, location, "received an output of tx");
      }
    }
  }

  private boolean hasKey(Address owner, TxLocation location) {
    return kv.get(HISTORY.key(new HistoryKey(owner, location))).isPresent();
  }

  /**
   * Each applied deposit whose blknum {@code checked} accepts has its output kept, matching the
   * UTXO set's while that keeps it, and its owner's key.
   */
  void checkDeposits(LongArray deposits, LongPredicate checked) {
    for (int index = 0; index < deposits.size(); index++) {
      long blknum = deposits.get(index);
      if (checked.test(blknum)) {
        checkDeposit(blknum);
      }
    }
  }

  private void checkDeposit(long blknum) {
    TxLocation location = new TxLocation(blknum, 0);
    Optional<Output> kept = CheckedColumns.get(kv, DEPOSIT_OUTPUTS, blknum, problems);
    Optional<Output> unspent =
        CheckedColumns.get(kv, UTXOS, new UtxoPos(blknum, 0, 0), problems)
            .map(UtxoEntry::status)
            .flatMap(AccountHistory::outputOf);
    if (kept.isEmpty()) {
      problems.add(
          Kind.HISTORY_MISSING,
          "deposit output " + ChainProblem.location(location),
          "is not kept, although deposit %s was applied"
              .formatted(ChainProblem.location(location)));
      unspent.ifPresent(output -> requireKey(output.owner(), location));
      return;
    }
    if (unspent.isPresent() && !unspent.get().equals(kept.get())) {
      wrong(
          kept.get().owner(),
          location,
          "keeps deposit output %s but the UTXO set holds %s".formatted(kept.get(), unspent.get()));
    }
    requireKey(kept.get().owner(), location);
  }

  private void requireKey(Address owner, TxLocation location) {
    if (!hasKey(owner, location)) {
      missing(owner, location, "made deposit");
    }
  }

  /**
   * One pass over the history: every key is at a stored transaction or an applied deposit, a
   * deposit's at the deposit's owner.
   */
  void scan(LongArray deposits) {
    CheckedColumns.forEach(
        kv,
        HISTORY,
        problems,
        (key, marker) -> {
          TxLocation location = key.location();
          boolean child = location.blknum() % UtxoPos.CHILD_BLOCK_INTERVAL == 0;
          if (child && blocks.txNumber(location) < 0) {
            wrong(key.address(), location, "is at no stored transaction");
          } else if (!child
              && (location.txindex() != 0 || deposits.indexOf(location.blknum()) < 0)) {
            wrong(key.address(), location, "is at no applied deposit");
          } else if (!child) {
            DEPOSIT_OUTPUTS
                .get(kv, location.blknum())
                .filter(output -> !output.owner().equals(key.address()))
                .ifPresent(
                    output ->
                        wrong(key.address(), location, "is at a deposit to " + output.owner()));
          }
        });
  }

  private void missing(Address owner, TxLocation location, String role) {
    problems.add(
        Kind.HISTORY_MISSING,
        "history of " + owner.toHex(),
        "has no entry for %s, although it %s %s"
            .formatted(ChainProblem.location(location), role, ChainProblem.location(location)));
  }

  private void wrong(Address owner, TxLocation location, String detail) {
    problems.add(
        Kind.HISTORY_WRONG,
        "history entry %s %s".formatted(owner.toHex(), ChainProblem.location(location)),
        detail);
  }
}
