package io.plasmanode.storage.chain;

import static io.plasmanode.storage.chain.ChainColumns.UTXOS;

import io.plasmanode.core.ledger.UtxoStatus;
import io.plasmanode.core.tx.Output;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.storage.chain.ChainProblem.Kind;
import io.plasmanode.storage.kv.KeyValueStore;

/**
 * Compares the stored UTXO column with the recomputed outputs in one pass over both, in position
 * order: every created output has an entry, every entry was created, and each entry's status is the
 * recomputed one (spent by the recomputed spender; unspent or, locked by an L1 exit, exiting, with
 * the output its transaction created). Collects the stored unspent outputs for the owner index
 * check.
 */
final class UtxoComparison {
  private final CreatedOutputs created;
  private final ChainProblems problems;
  private final StoredUnspent unspent = new StoredUnspent();
  private int next;
  private long compared;

  UtxoComparison(CreatedOutputs created, ChainProblems problems) {
    this.created = created;
    this.problems = problems;
  }

  void run(KeyValueStore kv) {
    CheckedColumns.forEach(kv, UTXOS, new byte[0], problems, this::entry, this::matching);
    while (next < created.size()) {
      missing(next++);
    }
  }

  StoredUnspent unspent() {
    return unspent;
  }

  /** The UTXO entries read. */
  long compared() {
    return compared;
  }

  private void entry(UtxoPos pos, UtxoEntry stored) {
    compared++;
    int index = matching(pos);
    if (index < 0) {
      problems.add(
          Kind.UTXO_UNEXPECTED,
          "utxo " + ChainProblem.pos(pos),
          "is stored (%s) but no deposit or stored transaction created it"
              .formatted(describe(stored)));
    } else {
      compare(pos, stored, created.spender(index), created.fingerprint(index), problems);
    }
    if (stored.status() instanceof UtxoStatus.Unspent output) {
      unspent.add(pos, output.output().owner());
    }
  }

  /** The index of the created output at {@code pos}, or -1; outputs below it are missing. */
  private int matching(UtxoPos pos) {
    long value = pos.toLong();
    while (next < created.size() && created.position(next) < value) {
      missing(next++);
    }
    return next < created.size() && created.position(next) == value ? next++ : -1;
  }

  private void missing(int index) {
    UtxoPos pos = UtxoPos.fromLong(created.position(index)).orElseThrow();
    long spender = created.spender(index);
    problems.add(
        Kind.UTXO_MISSING,
        "utxo " + ChainProblem.pos(pos),
        "%s has no stored entry%s"
            .formatted(
                pos.isDeposit()
                    ? "of deposit " + pos.blknum()
                    : "created by tx " + pos.blknum() + ":" + pos.txindex(),
                spender == CreatedOutputs.UNSPENT
                    ? ""
                    : " (spent by " + ChainProblem.location(CreatedOutputs.decode(spender)) + ")"));
  }

  /**
   * Checks a stored entry against the recomputed state of its output.
   *
   * @param spender the recomputed spender ({@link CreatedOutputs#encode}d) or {@link
   *     CreatedOutputs#UNSPENT}
   * @param fingerprint the created output's fingerprint, or {@link CreatedOutputs#ANY_OUTPUT} for a
   *     deposit (whose output only its UTXO entry records)
   */
  static void compare(
      UtxoPos pos, UtxoEntry stored, long spender, long fingerprint, ChainProblems problems) {
    String where = "utxo " + ChainProblem.pos(pos);
    if (spender != CreatedOutputs.UNSPENT) {
      TxLocation by = CreatedOutputs.decode(spender);
      if (!stored.spender().map(by::equals).orElse(false)) {
        problems.add(
            Kind.UTXO_STATUS_MISMATCH,
            where,
            "stored %s but spent by %s".formatted(describe(stored), ChainProblem.location(by)));
      }
      return;
    }
    Output output =
        switch (stored.status()) {
          case UtxoStatus.Unspent unspentOutput -> unspentOutput.output();
          case UtxoStatus.Exiting exiting -> exiting.output();
          case UtxoStatus.Spent spent -> null;
          case UtxoStatus.Unknown unknown -> null;
        };
    if (output == null) {
      problems.add(
          Kind.UTXO_STATUS_MISMATCH,
          where,
          "stored %s but no stored transaction spends it".formatted(describe(stored)));
    } else if (fingerprint != CreatedOutputs.ANY_OUTPUT
        && CreatedOutputs.fingerprint(output) != fingerprint) {
      problems.add(
          Kind.UTXO_OUTPUT_MISMATCH,
          where,
          "stores %s, not the output tx %d:%d created"
              .formatted(describe(output), pos.blknum(), pos.txindex()));
    }
  }

  /** {@code unspent}, {@code exiting}, {@code spent by 3000:7} or {@code spent (no spender)}. */
  static String describe(UtxoEntry stored) {
    return switch (stored.status()) {
      case UtxoStatus.Unspent unspentOutput -> "unspent";
      case UtxoStatus.Exiting exiting -> "exiting";
      case UtxoStatus.Spent spent ->
          stored
              .spender()
              .map(by -> "spent by " + ChainProblem.location(by))
              .orElse("spent (no spender recorded)");
      case UtxoStatus.Unknown unknown -> "unknown";
    };
  }

  static String describe(Output output) {
    return "owner %s, token %s, amount %s"
        .formatted(output.owner().toHex(), output.token().toHex(), output.amount());
  }
}
