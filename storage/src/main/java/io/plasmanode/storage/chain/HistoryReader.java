package io.plasmanode.storage.chain;

import static io.plasmanode.storage.chain.ChainColumns.DEPOSIT_OUTPUTS;

import io.plasmanode.core.tx.Output;
import io.plasmanode.core.tx.PaymentTransaction;
import io.plasmanode.core.tx.SignedTransaction;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.validation.ValidationResult;
import io.plasmanode.storage.kv.KeyValueStore;
import io.plasmanode.storage.kv.StorageException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Builds {@link HistoryEntry history entries} from the chain for one page of {@link
 * AccountHistory}: the transaction at an entry's position, the outputs its inputs spent (from the
 * transactions that created them, or the deposit outputs kept in {@link
 * ChainColumns#DEPOSIT_OUTPUTS}). Each transaction is read and decoded once per page.
 */
final class HistoryReader {
  private final KeyValueStore kv;
  private final ChainStore chain;
  private final Map<TxLocation, Optional<Decoded>> transactions = new HashMap<>();

  private record Decoded(StoredTransaction stored, PaymentTransaction tx) {}

  HistoryReader(KeyValueStore kv, ChainStore chain) {
    this.kv = kv;
    this.chain = chain;
  }

  /**
   * {@code address}'s part in the transaction or deposit at {@code location}.
   *
   * @throws StorageException if the chain holds nothing there, or {@code address} is no party
   */
  HistoryEntry entry(Address address, TxLocation location) {
    Map<Address, HistoryEntry> parties;
    if (location.blknum() % UtxoPos.CHILD_BLOCK_INTERVAL != 0) {
      Output deposit =
          depositOutput(location.blknum())
              .orElseThrow(() -> corrupt(address, location, "no deposit is stored there"));
      parties = HistoryEntry.ofParties(Optional.empty(), List.of(), List.of(deposit));
    } else {
      Decoded decoded =
          transaction(location)
              .orElseThrow(() -> corrupt(address, location, "no transaction is stored there"));
      List<Output> spent = new ArrayList<>(decoded.tx().inputs().size());
      decoded.tx().inputs().forEach(input -> output(input).ifPresent(spent::add));
      parties =
          HistoryEntry.ofParties(
              Optional.of(decoded.stored().tx().txHash()), spent, decoded.tx().outputs());
    }
    HistoryEntry entry = parties.get(address);
    if (entry == null) {
      throw corrupt(address, location, "the address owns none of its outputs");
    }
    return entry;
  }

  /** The output at {@code pos} as it was created, spent or not; empty if the chain has none. */
  Optional<Output> output(UtxoPos pos) {
    if (pos.isDeposit()) {
      return depositOutput(pos.blknum());
    }
    return transaction(new TxLocation(pos.blknum(), pos.txindex()))
        .map(Decoded::tx)
        .filter(tx -> pos.oindex() < tx.outputs().size())
        .map(tx -> tx.outputs().get(pos.oindex()));
  }

  private Optional<Output> depositOutput(long blknum) {
    return DEPOSIT_OUTPUTS.get(kv, blknum);
  }

  private Optional<Decoded> transaction(TxLocation location) {
    return transactions.computeIfAbsent(
        location,
        at ->
            chain
                .transaction(at)
                .flatMap(
                    stored -> {
                      ValidationResult<SignedTransaction> signed = stored.tx().decode();
                      return signed.isValid()
                          ? Optional.of(new Decoded(stored, signed.get().tx()))
                          : Optional.empty();
                    }));
  }

  private static StorageException corrupt(Address address, TxLocation location, String why) {
    return new StorageException(
        "corrupt account history: %s has an entry at %s but %s (run plasma db check)"
            .formatted(address.toHex(), ChainProblem.location(location), why));
  }
}
