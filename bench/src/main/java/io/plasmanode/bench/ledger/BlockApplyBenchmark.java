package io.plasmanode.bench.ledger;

import io.plasmanode.bench.fixture.TransferBlocks;
import io.plasmanode.core.ledger.BlockApplier;
import io.plasmanode.core.ledger.InMemoryUtxoSet;
import io.plasmanode.core.ledger.UtxoDelta;
import io.plasmanode.core.ledger.VerifiedTransaction;
import io.plasmanode.core.validation.ValidationResult;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The ledger rules over a whole block ({@code BlockApplier}, i.e. {@code PendingBlock.add} per
 * transaction) against an in-memory UTXO set, signers already recovered. The set is only read, so
 * every invocation applies the same block to the same state.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(value = 2, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class BlockApplyBenchmark {
  private static final long SPENT_BLKNUM = 1000;
  private static final long BLKNUM = 2000;

  /** Transfers in the block. */
  @Param({"10000"})
  public int txs;

  /** Inputs (and outputs) per transfer. */
  @Param({"1", "2"})
  public int inputs;

  private InMemoryUtxoSet utxos;
  private List<VerifiedTransaction> block;

  @Setup
  public void fund() {
    utxos = new InMemoryUtxoSet();
    utxos.apply(TransferBlocks.spendable(SPENT_BLKNUM, txs, inputs));
    block = TransferBlocks.verified(SPENT_BLKNUM, txs, inputs);
    if (!apply().isValid()) {
      throw new IllegalStateException("the benchmark block is rejected: " + apply());
    }
  }

  @Benchmark
  public ValidationResult<UtxoDelta> apply() {
    return BlockApplier.apply(utxos, BLKNUM, block);
  }
}
