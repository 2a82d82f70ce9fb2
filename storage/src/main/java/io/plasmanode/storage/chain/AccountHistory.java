package io.plasmanode.storage.chain;

import static com.google.common.base.Preconditions.checkArgument;
import static io.plasmanode.storage.chain.ChainColumns.DEPOSITS;
import static io.plasmanode.storage.chain.ChainColumns.HISTORY;
import static io.plasmanode.storage.chain.ChainColumns.META;

import io.plasmanode.core.ledger.Utxo;
import io.plasmanode.core.ledger.UtxoStatus;
import io.plasmanode.core.ledger.UtxoView;
import io.plasmanode.core.tx.Output;
import io.plasmanode.core.tx.PaymentTransaction;
import io.plasmanode.core.tx.SignedTransaction;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.validation.ValidationResult;
import io.plasmanode.storage.kv.KeyPrefix;
import io.plasmanode.storage.kv.KeyValueStore;
import io.plasmanode.storage.kv.StorageException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The account history of a {@link ChainStore}: for every address, each transaction and deposit
 * where it owns a spent output or a created one, with what it sent and received per token and its
 * counterparties ({@link HistoryEntry}). Entries are written in the same batch as their block or
 * deposit, so the history is exactly as complete as the chain after any crash.
 *
 * <p>The history is kept from the chain's first block or not at all: a chain database written
 * before it existed is refused ({@link #requireKept}), as it cannot be rebuilt from what that
 * database stores (a spent deposit's output, its owner and amount, is not kept anywhere else).
 */
final class AccountHistory {
  /** The value of {@link MetaKey#HISTORY_INDEX}: history kept since the chain's start. */
  static final long KEPT = 1;

  private AccountHistory() {}

  /**
   * Writes the history marker into an empty chain; accepts a chain that has it.
   *
   * @throws StorageException naming {@code database} if it holds a chain written before the account
   *     history existed
   */
  static void requireKept(KeyValueStore kv, Object database) {
    if (isKept(kv)) {
      return;
    }
    if (!isEmptyChain(kv)) {
      throw new StorageException(notKept(database));
    }
    try (KeyValueStore.Transaction tx = kv.startTransaction()) {
      META.put(tx, MetaKey.HISTORY_INDEX, KEPT);
      tx.commit();
    }
  }

  /** Why a chain written before the account history cannot be used, and what to do. */
  static String notKept(Object database) {
    return ("%s was written before the account history (plasma_getTransactions)"
            + " existed, and the history cannot be rebuilt from it: a spent deposit's owner and"
            + " amount are not stored. A watcher's database: move it away and start the watcher,"
            + " which syncs the chain again from L1 and the operator. An operator's: keep running"
            + " the plasma version that wrote it, or start a new chain (new data dir and contract)")
        .formatted(database);
  }

  static boolean isKept(KeyValueStore kv) {
    return META.get(kv, MetaKey.HISTORY_INDEX).isPresent();
  }

  /** No block and no deposit stored. */
  static boolean isEmptyChain(KeyValueStore kv) {
    boolean[] anyDeposit = {false};
    DEPOSITS.scanFrom(
        kv,
        new byte[0],
        new byte[0],
        (blknum, l1Block) -> {
          anyDeposit[0] = true;
          return false;
        });
    return META.get(kv, MetaKey.HEIGHT).orElse(0L) == 0 && !anyDeposit[0];
  }

  /**
   * Adds the entries of {@code block}'s transactions to {@code tx}. A spent output is read from
   * {@code before} (the chain without the block) or from an earlier transaction of the block; one
   * known to neither (only in hand-made test blocks) has no entry.
   */
  static void writeBlock(KeyValueStore.Transaction tx, UtxoView before, StoredBlock block) {
    Map<UtxoPos, Output> createdInBlock = new HashMap<>();
    List<TxBytes> transactions = block.transactions();
    for (int txindex = 0; txindex < transactions.size(); txindex++) {
      TxBytes stored = transactions.get(txindex);
      ValidationResult<SignedTransaction> decoded = stored.decode();
      if (!decoded.isValid()) {
        continue;
      }
      PaymentTransaction payment = decoded.get().tx();
      List<Output> spent = new ArrayList<>(payment.inputs().size());
      for (UtxoPos input : payment.inputs()) {
        Output inBlock = createdInBlock.remove(input);
        Optional<Output> output =
            inBlock != null ? Optional.of(inBlock) : outputOf(before.status(input));
        output.ifPresent(spent::add);
      }
      TxLocation location = new TxLocation(block.blknum(), txindex);
      write(
          tx,
          location,
          HistoryEntry.ofParties(Optional.of(stored.txHash()), spent, payment.outputs()));
      for (int oindex = 0; oindex < payment.outputs().size(); oindex++) {
        createdInBlock.put(
            new UtxoPos(block.blknum(), txindex, oindex), payment.outputs().get(oindex));
      }
    }
  }

  /** The output of an unspent or exiting position; empty for a spent or unknown one. */
  static Optional<Output> outputOf(UtxoStatus status) {
    return switch (status) {
      case UtxoStatus.Unspent unspent -> Optional.of(unspent.output());
      case UtxoStatus.Exiting exiting -> Optional.of(exiting.output());
      default -> Optional.empty();
    };
  }

  /** Adds a deposit's entry (its owner received its output) to {@code tx}. */
  static void writeDeposit(KeyValueStore.Transaction tx, Utxo deposit) {
    TxLocation location = new TxLocation(deposit.pos().blknum(), deposit.pos().txindex());
    write(
        tx,
        location,
        HistoryEntry.ofParties(Optional.empty(), List.of(), List.of(deposit.output())));
  }

  private static void write(
      KeyValueStore.Transaction tx, TxLocation location, Map<Address, HistoryEntry> entries) {
    entries.forEach((address, entry) -> HISTORY.put(tx, new HistoryKey(address, location), entry));
  }

  /**
   * A page of {@code address}'s history, newest first.
   *
   * @param after the position the page starts after (a page's {@link HistoryPage#next()}); empty
   *     for the newest page
   * @param limit the most items the page holds
   */
  static HistoryPage page(
      KeyValueStore kv, Address address, Optional<TxLocation> after, int limit) {
    checkArgument(limit > 0, "limit must be positive, got %s", limit);
    byte[] prefix = HistoryKeySerializer.addressPrefix(address);
    byte[] from =
        after
            .map(
                location ->
                    KeyPrefix.concat(
                        HistoryKeySerializer.INSTANCE.serialize(new HistoryKey(address, location)),
                        new byte[] {0}))
            .orElse(prefix);
    List<HistoryPage.Item> items = new ArrayList<>();
    boolean[] more = {false};
    HISTORY.scanFrom(
        kv,
        prefix,
        from,
        (key, entry) -> {
          if (items.size() == limit) {
            more[0] = true;
            return false;
          }
          items.add(new HistoryPage.Item(key.location(), entry));
          return true;
        });
    Optional<TxLocation> next =
        more[0] ? Optional.of(items.getLast().location()) : Optional.empty();
    return new HistoryPage(items, next);
  }
}
