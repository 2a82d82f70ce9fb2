package io.plasmanode.storage.chain;

import static com.google.common.base.Preconditions.checkArgument;
import static io.plasmanode.storage.chain.ChainColumns.DEPOSITS;
import static io.plasmanode.storage.chain.ChainColumns.DEPOSIT_OUTPUTS;
import static io.plasmanode.storage.chain.ChainColumns.HISTORY;
import static io.plasmanode.storage.chain.ChainColumns.META;

import io.plasmanode.core.ledger.Utxo;
import io.plasmanode.core.ledger.UtxoDelta;
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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The account history of a {@link ChainStore}: for every address, each transaction and deposit
 * where it owns a spent output or a created one. The index holds only keys, {@code (address,
 * position)}, written in the same batch as their block or deposit, so the history is exactly as
 * complete as the chain after any crash; a page reads the rest from the chain ({@link
 * HistoryEntry}: what the address sent and received per token, its counterparties, the
 * transaction's hash): the transaction at the position, the transactions that created its inputs,
 * and the outputs of deposits, which {@link ChainColumns#DEPOSIT_OUTPUTS} keeps after they are
 * spent. About 60 bytes per transfer are written, where the entries themselves took ~250.
 *
 * <p>The history is kept from the chain's first block or not at all: a chain database written
 * before it existed is refused ({@link #requireKept}), as it cannot be rebuilt from what that
 * database stores (a spent deposit's output, its owner and amount, is not kept anywhere else).
 */
final class AccountHistory {
  /** The value of {@link MetaKey#HISTORY_INDEX}: history keys kept since the chain's start. */
  static final long KEPT = 2;

  /**
   * The first format (2026-12-06/07 development builds only): whole entries, no deposit outputs.
   */
  static final long ENTRIES = 1;

  private AccountHistory() {}

  /**
   * Writes the history marker into an empty chain; accepts a chain that has it.
   *
   * @throws StorageException naming {@code database} if it holds a chain written before the account
   *     history existed, or with its first format
   */
  static void requireKept(KeyValueStore kv, Object database) {
    Optional<Long> marker = marker(kv);
    if (marker.isPresent() && marker.get() == KEPT) {
      return;
    }
    if (marker.isPresent() || !isEmptyChain(kv)) {
      throw new StorageException(notKept(database, marker));
    }
    try (KeyValueStore.Transaction tx = kv.startTransaction()) {
      META.put(tx, MetaKey.HISTORY_INDEX, KEPT);
      tx.commit();
    }
  }

  /**
   * Why a chain written before the account history, or with another format of it, cannot be used,
   * and what to do.
   */
  static String notKept(Object database, Optional<Long> marker) {
    String written =
        marker.isEmpty()
            ? "was written before the account history (plasma_getTransactions) existed"
            : marker.get() == ENTRIES
                ? "keeps the account history in its first format (development builds of"
                    + " 2026-12-06/07), which did not keep spent deposits' outputs"
                : "keeps the account history in format %d, unknown to this plasma"
                    .formatted(marker.get());
    return ("%s %s, and the history cannot be rebuilt from it: a spent deposit's owner and"
            + " amount are not stored. A watcher's database: move it away and start the watcher,"
            + " which syncs the chain again from L1 and the operator. An operator's: keep running"
            + " the plasma version that wrote it, or start a new chain (new data dir and contract)")
        .formatted(database, written);
  }

  static boolean isKept(KeyValueStore kv) {
    return marker(kv).orElse(0L) == KEPT;
  }

  /** The history marker, if any: {@link #KEPT} or another format. */
  static Optional<Long> marker(KeyValueStore kv) {
    return META.get(kv, MetaKey.HISTORY_INDEX);
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
   * Adds the keys of {@code block}'s transactions to {@code tx}: the owners of each transaction's
   * spent and created outputs. A spent output's owner is read from {@code delta} ({@link
   * UtxoDelta#spentOutputs}) or, for a delta that does not carry it, from {@code before} (the chain
   * without the block) or an earlier transaction of the block; one known to none (only in hand-made
   * test blocks) has no key.
   */
  static void writeBlock(
      KeyValueStore.Transaction tx, UtxoView before, StoredBlock block, UtxoDelta delta) {
    Map<UtxoPos, Output> createdInBlock = new HashMap<>();
    Set<Address> parties = new LinkedHashSet<>();
    List<TxBytes> transactions = block.transactions();
    for (int txindex = 0; txindex < transactions.size(); txindex++) {
      ValidationResult<SignedTransaction> decoded = transactions.get(txindex).decode();
      if (!decoded.isValid()) {
        continue;
      }
      PaymentTransaction payment = decoded.get().tx();
      parties.clear();
      for (UtxoPos input : payment.inputs()) {
        Output spent = delta.spentOutputs().get(input);
        if (spent == null) {
          spent = createdInBlock.get(input);
        }
        if (spent == null) {
          spent = outputOf(before.status(input)).orElse(null);
        }
        if (spent != null) {
          parties.add(spent.owner());
        }
      }
      payment.outputs().forEach(output -> parties.add(output.owner()));
      TxLocation location = new TxLocation(block.blknum(), txindex);
      parties.forEach(party -> HISTORY.put(tx, new HistoryKey(party, location), Marker.PRESENT));
      if (delta.spentOutputs().size() < delta.spent().size()) {
        for (int oindex = 0; oindex < payment.outputs().size(); oindex++) {
          createdInBlock.put(
              new UtxoPos(block.blknum(), txindex, oindex), payment.outputs().get(oindex));
        }
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

  /** Adds a deposit's key (its owner received its output) and its output to {@code tx}. */
  static void writeDeposit(KeyValueStore.Transaction tx, Utxo deposit) {
    TxLocation location = new TxLocation(deposit.pos().blknum(), deposit.pos().txindex());
    HISTORY.put(tx, new HistoryKey(deposit.output().owner(), location), Marker.PRESENT);
    DEPOSIT_OUTPUTS.put(tx, deposit.pos().blknum(), deposit.output());
  }

  /**
   * A page of {@code address}'s history, newest first.
   *
   * @param after the position the page starts after (a page's {@link HistoryPage#next()}); empty
   *     for the newest page
   * @param limit the most items the page holds
   * @throws StorageException if a key names a position the chain does not hold, or an address that
   *     is no party there
   */
  static HistoryPage page(
      KeyValueStore kv, ChainStore chain, Address address, Optional<TxLocation> after, int limit) {
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
    List<TxLocation> locations = new ArrayList<>();
    boolean[] more = {false};
    HISTORY.scanFrom(
        kv,
        prefix,
        from,
        (key, marker) -> {
          if (locations.size() == limit) {
            more[0] = true;
            return false;
          }
          locations.add(key.location());
          return true;
        });
    HistoryReader reader = new HistoryReader(kv, chain);
    List<HistoryPage.Item> items = new ArrayList<>(locations.size());
    for (TxLocation location : locations) {
      items.add(new HistoryPage.Item(location, reader.entry(address, location)));
    }
    Optional<TxLocation> next = more[0] ? Optional.of(locations.getLast()) : Optional.empty();
    return new HistoryPage(items, next);
  }
}
