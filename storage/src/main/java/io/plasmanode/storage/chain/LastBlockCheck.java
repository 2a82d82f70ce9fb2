package io.plasmanode.storage.chain;

import static io.plasmanode.storage.chain.ChainColumns.BLOCK_TXS;
import static io.plasmanode.storage.chain.ChainColumns.OWNER_UTXOS;
import static io.plasmanode.storage.chain.ChainColumns.UTXOS;

import io.plasmanode.core.ledger.UtxoStatus;
import io.plasmanode.core.tx.Output;
import io.plasmanode.core.tx.PaymentTransaction;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.storage.chain.ChainProblem.Kind;
import io.plasmanode.storage.kv.KeyValueStore;
import io.plasmanode.storage.serialize.LongSerializer;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The quick check's look at the newest data: the last block's effects on the UTXO set and both
 * indexes (each input spent by it, each output it created unspent, exiting or spent by a later
 * transaction of the block, listed under its owner exactly when unspent), nothing stored for the
 * block after it, and an entry for every deposit since the block before it. Point reads only: the
 * cost depends on the last block's size, not the chain's.
 */
final class LastBlockCheck implements ReplayListener {
  private final Map<UtxoPos, Output> created = new LinkedHashMap<>();
  private final Map<UtxoPos, TxLocation> spentBy = new HashMap<>();
  private final ChainProblems problems;
  private long utxosRead;

  LastBlockCheck(ChainProblems problems) {
    this.problems = problems;
  }

  @Override
  public void transaction(TxLocation location, PaymentTransaction tx) {
    for (UtxoPos input : tx.inputs()) {
      TxLocation earlier = spentBy.putIfAbsent(input, location);
      if (earlier != null) {
        problems.add(
            Kind.DOUBLE_SPEND,
            "utxo " + ChainProblem.pos(input),
            "is spent by %s and again by %s"
                .formatted(ChainProblem.location(earlier), ChainProblem.location(location)));
      }
    }
    for (int oindex = 0; oindex < tx.outputs().size(); oindex++) {
      created.put(
          new UtxoPos(location.blknum(), location.txindex(), oindex), tx.outputs().get(oindex));
    }
  }

  /** The UTXO entries read. */
  long utxosRead() {
    return utxosRead;
  }

  /** Checks the effects of the block replayed into this listener. */
  void checkEffects(KeyValueStore kv) {
    Map<UtxoPos, Optional<UtxoEntry>> spentEntries = new HashMap<>();
    spentBy.forEach(
        (pos, spender) -> {
          Optional<UtxoEntry> entry = stored(kv, pos);
          spentEntries.put(pos, entry);
          entry.ifPresent(
              stored ->
                  UtxoComparison.compare(
                      pos,
                      stored,
                      CreatedOutputs.encode(spender),
                      CreatedOutputs.ANY_OUTPUT,
                      problems));
        });
    created.forEach(
        (pos, output) -> {
          Optional<UtxoEntry> entry = spentEntries.get(pos);
          if (entry == null) {
            entry = stored(kv, pos);
            entry.ifPresent(
                stored ->
                    UtxoComparison.compare(
                        pos,
                        stored,
                        CreatedOutputs.UNSPENT,
                        CreatedOutputs.fingerprint(output),
                        problems));
          }
          checkOwnerIndex(kv, pos, output, entry);
        });
  }

  private void checkOwnerIndex(
      KeyValueStore kv, UtxoPos pos, Output output, Optional<UtxoEntry> entry) {
    OwnedPos key = new OwnedPos(output.owner(), pos);
    boolean listed = kv.get(OWNER_UTXOS.key(key)).isPresent();
    boolean unspent =
        entry.map(UtxoEntry::status).orElse(UtxoStatus.UNKNOWN) instanceof UtxoStatus.Unspent;
    if (unspent && !listed) {
      OwnerIndexCheck.missing(kv, pos, problems);
    } else if (!unspent && listed) {
      OwnerIndexCheck.stale(kv, key, problems);
    }
  }

  /** The entry at {@code pos}; its absence is a problem. */
  private Optional<UtxoEntry> stored(KeyValueStore kv, UtxoPos pos) {
    utxosRead++;
    Optional<UtxoEntry> entry = CheckedColumns.get(kv, UTXOS, pos, problems);
    if (entry.isEmpty() && kv.get(UTXOS.key(pos)).isEmpty()) {
      problems.add(
          Kind.UTXO_MISSING,
          "utxo " + ChainProblem.pos(pos),
          spentBy.containsKey(pos)
              ? "is spent by " + ChainProblem.location(spentBy.get(pos)) + " but has no entry"
              : "created by tx %d:%d has no stored entry".formatted(pos.blknum(), pos.txindex()));
    }
    return entry;
  }

  /**
   * Nothing of block {@code height + 1000} is stored (its transactions, its first output), and
   * every deposit above {@code height - 1000} has a UTXO entry.
   */
  void checkAround(KeyValueStore kv, long height, LongArray deposits) {
    long nextBlock = height + UtxoPos.CHILD_BLOCK_INTERVAL;
    CheckedColumns.forEach(
        kv,
        BLOCK_TXS,
        LongSerializer.INSTANCE.serialize(nextBlock),
        problems,
        (key, chunk) -> orphanChunk(key, height),
        key -> orphanChunk(key, height));
    UtxoPos firstOutput = new UtxoPos(nextBlock, 0, 0);
    if (kv.get(UTXOS.key(firstOutput)).isPresent()) {
      problems.add(
          Kind.UTXO_UNEXPECTED,
          "utxo " + ChainProblem.pos(firstOutput),
          "is stored but block %d is above height %d".formatted(nextBlock, height));
    }
    for (int index = deposits.size() - 1;
        index >= 0 && deposits.get(index) > height - UtxoPos.CHILD_BLOCK_INTERVAL;
        index--) {
      UtxoPos deposit = new UtxoPos(deposits.get(index), 0, 0);
      utxosRead++;
      if (kv.get(UTXOS.key(deposit)).isEmpty()) {
        problems.add(
            Kind.UTXO_MISSING,
            "utxo " + ChainProblem.pos(deposit),
            "of deposit %d has no stored entry".formatted(deposit.blknum()));
      }
    }
  }

  private void orphanChunk(TxLocation key, long height) {
    problems.add(
        Kind.BLOCK_CHUNK_ORPHAN,
        "transactions " + ChainProblem.location(key),
        "are stored for block %d, above height %d".formatted(key.blknum(), height));
  }
}
