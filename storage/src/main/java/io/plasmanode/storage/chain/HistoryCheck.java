package io.plasmanode.storage.chain;

import static io.plasmanode.storage.chain.ChainColumns.HISTORY;
import static io.plasmanode.storage.chain.ChainColumns.UTXOS;

import io.plasmanode.core.tx.Output;
import io.plasmanode.core.tx.PaymentTransaction;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import io.plasmanode.storage.chain.ChainProblem.Kind;
import io.plasmanode.storage.kv.KeyValueStore;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.function.LongPredicate;

/**
 * The account history ({@link AccountHistory}) against the chain: every owner of a replayed
 * transaction's outputs, and of each unspent deposit, has an entry at its position that names the
 * transaction's hash and what it received; and (the full check's pass over the column) every entry
 * is at a stored transaction with that hash or at an applied deposit. A sender's part cannot be
 * recomputed without the spent outputs, which the chain does not keep once spent: the entries of
 * senders are checked to exist only where they also received.
 */
final class HistoryCheck implements ReplayListener {
  private final KeyValueStore kv;
  private final BlockIndex blocks;
  private final TxHashes hashes;
  private final ChainProblems problems;

  /** Whether the replay compares the hashes, as no {@link #scan} follows (the quick check). */
  private final boolean replayComparesHashes;

  private HistoryCheck(
      KeyValueStore kv,
      BlockIndex blocks,
      TxHashes hashes,
      ChainProblems problems,
      boolean replayComparesHashes) {
    this.kv = kv;
    this.blocks = blocks;
    this.hashes = hashes;
    this.problems = problems;
    this.replayComparesHashes = replayComparesHashes;
  }

  /**
   * The check of a chain that keeps its history; empty (and a problem) for a chain written before
   * the history existed, empty for an empty chain that does not record it yet.
   *
   * @param mode full: the replay looks up entries and {@link #scan} compares their hashes; quick:
   *     the replay does both
   */
  static Optional<HistoryCheck> ifKept(
      KeyValueStore kv,
      BlockIndex blocks,
      TxHashes hashes,
      ChainProblems problems,
      ChainCheckMode mode) {
    if (AccountHistory.isKept(kv)) {
      return Optional.of(
          new HistoryCheck(kv, blocks, hashes, problems, mode != ChainCheckMode.FULL));
    }
    if (!AccountHistory.isEmptyChain(kv)) {
      problems.add(
          Kind.HISTORY_NOT_KEPT, "account history", AccountHistory.notKept("the database"));
    }
    return Optional.empty();
  }

  @Override
  public void transaction(TxLocation location, PaymentTransaction tx) {
    long number = blocks.txNumber(location);
    for (Address owner : new LinkedHashSet<>(tx.outputs().stream().map(Output::owner).toList())) {
      HistoryKey key = new HistoryKey(owner, location);
      kv.get(HISTORY.key(key))
          .ifPresentOrElse(
              raw ->
                  CheckedColumns.decodeValue(HISTORY, key, raw, replayProblems())
                      .ifPresent(entry -> compare(owner, location, entry, number, tx.outputs())),
              () -> missing(owner, location, "received an output of tx"));
    }
  }

  /** Where the replay reports an unreadable entry: nowhere when {@link #scan} reports it. */
  private ChainProblems replayProblems() {
    return replayComparesHashes ? problems : new ChainProblems(1);
  }

  private void compare(
      Address owner, TxLocation location, HistoryEntry entry, long number, List<Output> outputs) {
    if (entry.isDeposit()) {
      wrong(owner, location, "is a deposit's but a transaction is stored there");
    } else if (replayComparesHashes
        && number >= 0
        && hashes.isKnown(number)
        && !hashes.matches(number, entry.txHash().orElseThrow())) {
      wrong(owner, location, "names tx " + ChainProblem.hash(entry.txHash().orElseThrow()));
    } else if (!entry.received().equals(HistoryEntry.sums(outputs, owner))) {
      wrong(owner, location, "says it received " + entry.received());
    }
  }

  /**
   * Each applied deposit whose blknum {@code checked} accepts has its owner's entry, while its
   * output is kept (unspent or exiting: a spent deposit's owner is not stored but in the history).
   */
  void checkDeposits(LongArray deposits, LongPredicate checked) {
    for (int index = 0; index < deposits.size(); index++) {
      long blknum = deposits.get(index);
      if (!checked.test(blknum)) {
        continue;
      }
      TxLocation location = new TxLocation(blknum, 0);
      Optional<Output> output =
          CheckedColumns.get(kv, UTXOS, new UtxoPos(blknum, 0, 0), problems)
              .map(UtxoEntry::status)
              .flatMap(AccountHistory::outputOf);
      output.ifPresent(deposit -> checkDeposit(location, deposit));
    }
  }

  private void checkDeposit(TxLocation location, Output deposit) {
    Address owner = deposit.owner();
    HistoryKey key = new HistoryKey(owner, location);
    Optional<byte[]> raw = kv.get(HISTORY.key(key));
    if (raw.isEmpty()) {
      missing(owner, location, "made deposit");
      return;
    }
    Optional<HistoryEntry> entry =
        CheckedColumns.decodeValue(HISTORY, key, raw.get(), replayProblems());
    if (entry.isPresent()
        && (!entry.get().isDeposit()
            || !entry.get().received().equals(HistoryEntry.sums(List.of(deposit), owner)))) {
      wrong(owner, location, "does not say it received the deposit " + deposit.amount());
    }
  }

  /** One pass over the history: every entry is at a stored transaction or an applied deposit. */
  void scan(LongArray deposits) {
    CheckedColumns.forEach(
        kv,
        HISTORY,
        problems,
        (key, entry) -> {
          TxLocation location = key.location();
          boolean child = location.blknum() % UtxoPos.CHILD_BLOCK_INTERVAL == 0;
          if (child && blocks.txNumber(location) < 0) {
            wrong(key.address(), location, "is at no stored transaction");
          } else if (!child
              && (location.txindex() != 0 || deposits.indexOf(location.blknum()) < 0)) {
            wrong(key.address(), location, "is at no applied deposit");
          } else if (child == entry.isDeposit()) {
            wrong(key.address(), location, child ? "is a deposit's" : "is a transaction's");
          } else if (child && !matchesHash(location, entry)) {
            wrong(
                key.address(),
                location,
                "names tx " + ChainProblem.hash(entry.txHash().orElseThrow()));
          } else if (entry.sent().isEmpty() && entry.received().isEmpty()) {
            wrong(key.address(), location, "says the address neither sent nor received");
          }
        });
  }

  private boolean matchesHash(TxLocation location, HistoryEntry entry) {
    long number = blocks.txNumber(location);
    return !hashes.isKnown(number) || hashes.matches(number, entry.txHash().orElseThrow());
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
