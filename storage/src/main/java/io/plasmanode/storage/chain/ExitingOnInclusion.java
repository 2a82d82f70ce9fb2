package io.plasmanode.storage.chain;

import static io.plasmanode.storage.chain.ChainColumns.EXITING_ON_INCLUSION;

import io.plasmanode.core.types.Hash32;
import io.plasmanode.storage.kv.KeyValueStore;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Reads of the {@code EXITING_ON_INCLUSION} column for {@link ChainStore}: the outputs of in-flight
 * transactions piggybacked on L1 before a stored block held them.
 */
final class ExitingOnInclusion {
  private ExitingOnInclusion() {}

  /** {@code block}'s outputs to create exiting (txindex -> bits); {@code tx} drops the records. */
  static Map<Integer, Long> take(
      KeyValueStore store, KeyValueStore.Transaction tx, StoredBlock block) {
    Map<Integer, Long> exiting = new TreeMap<>();
    List<TxBytes> transactions = block.transactions();
    for (int txindex = 0; txindex < transactions.size(); txindex++) {
      Hash32 txHash = transactions.get(txindex).txHash();
      Optional<Long> outputs = EXITING_ON_INCLUSION.get(store, txHash);
      if (outputs.isPresent()) {
        exiting.put(txindex, outputs.get());
        EXITING_ON_INCLUSION.delete(tx, txHash);
      }
    }
    return exiting;
  }

  /** Every record: txHash -> output bits. */
  static Map<Hash32, Long> all(KeyValueStore store) {
    Map<Hash32, Long> records = new TreeMap<>();
    EXITING_ON_INCLUSION.forEach(store, records::put);
    return Collections.unmodifiableMap(records);
  }
}
