package io.plasmanode.bench.crypto;

import io.plasmanode.bench.fixture.RecoveryLibrary;
import io.plasmanode.bench.fixture.TransferBlocks;
import io.plasmanode.core.eip712.SignatureChecker;
import io.plasmanode.core.tx.TxCodec;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.validation.ValidationResult;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the operator does with a {@code plasma_submitTransactions} batch before the ledger rules:
 * decode each transfer and recover its signers, one task per transaction on a pool of {@code
 * threads} threads ({@code all}: one per core, the operator's default). Scores are transactions per
 * second.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class BatchVerifyBenchmark {
  private static final int BATCH = 4096;

  @Param public RecoveryLibrary library;

  /** Verification threads: a number, or {@code all} for one per core. */
  @Param({"1", "all"})
  public String threads;

  private ExecutorService pool;
  private SignatureChecker checker;
  private List<byte[]> batch;

  @Setup
  public void start() {
    int poolSize =
        threads.equals("all")
            ? Runtime.getRuntime().availableProcessors()
            : Integer.parseInt(threads);
    pool = Executors.newFixedThreadPool(poolSize);
    checker = new SignatureChecker(TransferBlocks.DOMAIN, library.create());
    batch = TransferBlocks.signed(1000, BATCH, 1).stream().map(TxCodec::encodeSigned).toList();
    if (verifyBatch() != BATCH) {
      throw new IllegalStateException("some transactions of the batch do not verify");
    }
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public int verifyBatch() {
    List<CompletableFuture<ValidationResult<List<Address>>>> results =
        batch.stream()
            .map(bytes -> CompletableFuture.supplyAsync(() -> verify(bytes), pool))
            .toList();
    int valid = 0;
    for (CompletableFuture<ValidationResult<List<Address>>> result : results) {
      valid += result.join().isValid() ? 1 : 0;
    }
    return valid;
  }

  private ValidationResult<List<Address>> verify(byte[] signedBytes) {
    return TxCodec.decodeSigned(signedBytes).flatMap(checker::recoverSigners);
  }

  @TearDown
  public void stop() {
    pool.shutdownNow();
  }
}
