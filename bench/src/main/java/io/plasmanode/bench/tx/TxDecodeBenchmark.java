package io.plasmanode.bench.tx;

import io.plasmanode.bench.fixture.TransferBlocks;
import io.plasmanode.core.tx.SignedTransaction;
import io.plasmanode.core.tx.TxCodec;
import io.plasmanode.core.validation.ValidationResult;
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

/** Strict decoding of a signed transfer from its RPC bytes: RLP, shape and signature checks. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(value = 2, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class TxDecodeBenchmark {
  /** Inputs (and outputs) of the transfer. */
  @Param({"1", "2"})
  public int inputs;

  private byte[] signedBytes;

  @Setup
  public void encode() {
    SignedTransaction signed = TransferBlocks.signed(1000, 1, inputs).get(0);
    signedBytes = TxCodec.encodeSigned(signed);
    if (!TxCodec.decodeSigned(signedBytes).isValid()) {
      throw new IllegalStateException("the benchmark transfer does not decode");
    }
  }

  @Benchmark
  public ValidationResult<SignedTransaction> decodeSigned() {
    return TxCodec.decodeSigned(signedBytes);
  }
}
