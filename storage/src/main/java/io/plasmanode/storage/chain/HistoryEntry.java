package io.plasmanode.storage.chain;

import static java.util.Objects.requireNonNull;

import io.plasmanode.core.tx.Output;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Hash32;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SequencedSet;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One address's part in a transaction or deposit, as the account history keeps it.
 *
 * @param txHash the transaction's hash; empty for a deposit (it has no child-chain transaction)
 * @param sent per token, the sum of the outputs the address owned that the transaction spent
 * @param received per token, the sum of the transaction's (or deposit's) outputs to the address
 * @param counterparties the other owners of the spent and created outputs, in order of first
 *     appearance (inputs first), each once
 */
public record HistoryEntry(
    Optional<Hash32> txHash,
    SortedMap<Address, BigInteger> sent,
    SortedMap<Address, BigInteger> received,
    List<Address> counterparties) {
  public HistoryEntry {
    requireNonNull(txHash, "txHash");
    sent = Collections.unmodifiableSortedMap(new TreeMap<>(sent));
    received = Collections.unmodifiableSortedMap(new TreeMap<>(received));
    counterparties = List.copyOf(counterparties);
  }

  /** Whether this is a deposit's entry. */
  public boolean isDeposit() {
    return txHash.isEmpty();
  }

  /**
   * The entry of every owner among {@code spent} and {@code created}, in order of first appearance:
   * an address that both spends and receives (a self-transfer, change) has one entry with both.
   *
   * @param spent the outputs the transaction's inputs spent, where known
   * @param created the transaction's outputs
   */
  static Map<Address, HistoryEntry> ofParties(
      Optional<Hash32> txHash, List<Output> spent, List<Output> created) {
    SequencedSet<Address> parties = new LinkedHashSet<>();
    spent.forEach(output -> parties.add(output.owner()));
    created.forEach(output -> parties.add(output.owner()));
    Map<Address, HistoryEntry> entries = new LinkedHashMap<>();
    for (Address party : parties) {
      List<Address> others = new ArrayList<>(parties);
      others.remove(party);
      entries.put(
          party, new HistoryEntry(txHash, sums(spent, party), sums(created, party), others));
    }
    return entries;
  }

  /** Per token, the sum of {@code outputs} owned by {@code owner}. */
  static SortedMap<Address, BigInteger> sums(List<Output> outputs, Address owner) {
    SortedMap<Address, BigInteger> byToken = new TreeMap<>();
    for (Output output : outputs) {
      if (output.owner().equals(owner)) {
        byToken.merge(output.token(), output.amount(), BigInteger::add);
      }
    }
    return byToken;
  }
}
