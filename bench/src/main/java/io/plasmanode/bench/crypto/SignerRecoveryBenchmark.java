package io.plasmanode.bench.crypto;

import io.plasmanode.bench.fixture.RecoveryLibrary;
import io.plasmanode.core.crypto.Keccak;
import io.plasmanode.core.crypto.PrivateKey;
import io.plasmanode.core.crypto.SignerRecovery;
import io.plasmanode.core.tx.Signature;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Hash32;
import java.nio.ByteBuffer;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Optional;
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
 * secp256k1 signer recovery (public key recovery + keccak to an address), pure-Java BouncyCastle
 * against native libsecp256k1. Recoveries per second per thread; run with {@code -t N} to see how
 * it scales over N cores.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(value = 2, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class SignerRecoveryBenchmark {
  private static final int SIGNATURES = 1024;

  @Param public RecoveryLibrary library;

  private SignerRecovery recovery;
  private final Hash32[] digests = new Hash32[SIGNATURES];
  private final Signature[] signatures = new Signature[SIGNATURES];

  /** Each thread walks the signatures from its own place. */
  @State(Scope.Thread)
  public static class Cursor {
    int next;
  }

  @Setup
  public void sign() throws NoSuchAlgorithmException {
    recovery = library.create();
    SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
    random.setSeed(42);
    for (int i = 0; i < SIGNATURES; i++) {
      PrivateKey key = PrivateKey.random(random);
      digests[i] = Keccak.keccak256(ByteBuffer.allocate(4).putInt(i).array());
      signatures[i] = key.sign(digests[i]);
      if (!recovery.recover(digests[i], signatures[i]).equals(Optional.of(key.address()))) {
        throw new IllegalStateException(library + " does not recover signature " + i);
      }
    }
  }

  @Benchmark
  public Optional<Address> recover(Cursor cursor) {
    int i = cursor.next++ & (SIGNATURES - 1);
    return recovery.recover(digests[i], signatures[i]);
  }
}
