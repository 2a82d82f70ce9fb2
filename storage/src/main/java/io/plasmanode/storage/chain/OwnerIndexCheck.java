package io.plasmanode.storage.chain;

import static io.plasmanode.storage.chain.ChainColumns.OWNER_UTXOS;
import static io.plasmanode.storage.chain.ChainColumns.UTXOS;

import io.plasmanode.core.ledger.UtxoStatus;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import io.plasmanode.storage.chain.ChainProblem.Kind;
import io.plasmanode.storage.kv.KeyValueStore;
import java.util.BitSet;

/**
 * The owner index lists exactly the stored unspent outputs, each under its owner: one pass over the
 * index against the unspent outputs the UTXO comparison collected. Exiting and spent outputs are
 * not listed.
 */
final class OwnerIndexCheck {
  private OwnerIndexCheck() {}

  static void run(KeyValueStore kv, StoredUnspent unspent, ChainProblems problems) {
    BitSet listed = new BitSet(unspent.size());
    CheckedColumns.forEach(
        kv,
        OWNER_UTXOS,
        problems,
        (key, marker) -> {
          int index = unspent.indexOf(key.pos());
          if (index >= 0 && unspent.isOwnedBy(index, key.owner())) {
            listed.set(index);
          } else {
            stale(kv, key, problems);
          }
        });
    for (int index = listed.nextClearBit(0); index < unspent.size(); ) {
      missing(kv, unspent.position(index), problems);
      index = listed.nextClearBit(index + 1);
    }
  }

  /** An index entry that is not an unspent output of that owner. */
  static void stale(KeyValueStore kv, OwnedPos key, ChainProblems problems) {
    String actual =
        CheckedColumns.get(kv, UTXOS, key.pos(), problems)
            .map(
                stored ->
                    stored.status() instanceof UtxoStatus.Unspent output
                        ? "owned by " + output.output().owner().toHex()
                        : UtxoComparison.describe(stored))
            .orElse("not stored");
    problems.add(
        Kind.OWNER_INDEX_STALE,
        "owner index entry %s %s".formatted(key.owner().toHex(), ChainProblem.pos(key.pos())),
        "lists an output that is " + actual);
  }

  /** An unspent output the index does not list under its owner. */
  static void missing(KeyValueStore kv, UtxoPos pos, ChainProblems problems) {
    String owner =
        CheckedColumns.get(kv, UTXOS, pos, problems)
            .map(UtxoEntry::status)
            .filter(UtxoStatus.Unspent.class::isInstance)
            .map(status -> ((UtxoStatus.Unspent) status).output().owner())
            .map(Address::toHex)
            .orElse("?");
    problems.add(
        Kind.OWNER_INDEX_MISSING,
        "utxo " + ChainProblem.pos(pos),
        "is unspent but missing from the owner index of " + owner);
  }
}
