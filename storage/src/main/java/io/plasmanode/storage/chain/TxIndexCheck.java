package io.plasmanode.storage.chain;

import static io.plasmanode.storage.chain.ChainColumns.TX_INDEX;

import io.plasmanode.core.types.Hash32;
import io.plasmanode.storage.chain.ChainProblem.Kind;
import io.plasmanode.storage.kv.KeyValueStore;
import java.util.BitSet;
import java.util.Optional;

/**
 * The transaction index maps exactly the stored transactions' hashes to where they are.
 * Transactions whose chunk was unreadable are not checked (that chunk is a problem already).
 */
final class TxIndexCheck {
  private TxIndexCheck() {}

  /** One pass over the whole index against every transaction's hash: the full check. */
  static void scan(KeyValueStore kv, BlockIndex blocks, TxHashes hashes, ChainProblems problems) {
    BitSet indexed = new BitSet(hashes.count());
    CheckedColumns.forEach(
        kv,
        TX_INDEX,
        problems,
        (hash, location) -> {
          long number = blocks.txNumber(location);
          if (number < 0) {
            wrong(hash, location, "which is not a stored transaction", problems);
          } else if (hashes.isKnown(number) && !hashes.matches(number, hash)) {
            wrong(hash, location, "which is " + ChainProblem.hash(hashes.get(number)), problems);
          } else {
            indexed.set((int) (number - hashes.first()));
          }
        });
    for (int slot = indexed.nextClearBit(0); slot < hashes.count(); ) {
      long number = hashes.first() + slot;
      if (hashes.isKnown(number)) {
        missing(blocks.location(number), hashes.get(number), problems);
      }
      slot = indexed.nextClearBit(slot + 1);
    }
  }

  /** A lookup of each transaction of {@code hashes}' range: the quick check of one block. */
  static void lookUp(KeyValueStore kv, BlockIndex blocks, TxHashes hashes, ChainProblems problems) {
    for (long number = hashes.first(); number < hashes.first() + hashes.count(); number++) {
      if (!hashes.isKnown(number)) {
        continue;
      }
      Hash32 hash = hashes.get(number);
      TxLocation location = blocks.location(number);
      Optional<TxLocation> indexed = CheckedColumns.get(kv, TX_INDEX, hash, problems);
      if (indexed.isEmpty()) {
        missing(location, hash, problems);
      } else if (!indexed.get().equals(location)) {
        wrong(hash, indexed.get(), "but it is " + ChainProblem.location(location), problems);
      }
    }
  }

  private static void wrong(
      Hash32 hash, TxLocation location, String actual, ChainProblems problems) {
    problems.add(
        Kind.TX_INDEX_WRONG,
        "tx index entry " + ChainProblem.hash(hash),
        "points to %s, %s".formatted(ChainProblem.location(location), actual));
  }

  private static void missing(TxLocation location, Hash32 hash, ChainProblems problems) {
    problems.add(
        Kind.TX_INDEX_MISSING,
        "tx " + ChainProblem.location(location),
        "(%s) is missing from the tx index".formatted(ChainProblem.hash(hash)));
  }
}
