package io.plasmanode.node.loadgen;

import static com.google.common.base.Preconditions.checkArgument;

import io.plasmanode.core.crypto.DigestSigner;
import io.plasmanode.core.crypto.Keccak;
import io.plasmanode.core.crypto.SignerRecovery;
import io.plasmanode.core.tx.Signature;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Hash32;
import io.plasmanode.node.crypto.SignerRecoveries;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Measures {@link RecoveryBaseline} on the calling thread: recovers the signers of {@value
 * #SIGNATURES} signed digests in turn (checking every answer), one untimed warm-up round, then
 * {@code rounds} timed rounds; the rate is the best round's. As JMH's {@code
 * SignerRecoveryBenchmark} with {@code -t 1}, in a few seconds and inside the bench.
 */
public final class RecoveryRateMeter {
  static final int SIGNATURES = 256;
  private static final int KEYS = 16;
  private static final int BETWEEN_CLOCK_READS = 32;

  private final SignerRecovery recovery;
  private final LongSupplier nanoTime;
  private final Hash32[] digests = new Hash32[SIGNATURES];
  private final Signature[] signatures = new Signature[SIGNATURES];
  private final Address[] signers = new Address[SIGNATURES];

  RecoveryRateMeter(SignerRecovery recovery, DigestSigner signer, LongSupplier nanoTime) {
    this.recovery = recovery;
    this.nanoTime = nanoTime;
    BenchAccounts keys = BenchAccounts.derive("recovery-baseline", KEYS);
    for (int i = 0; i < SIGNATURES; i++) {
      digests[i] = Keccak.keccak256(ByteBuffer.allocate(Integer.BYTES).putInt(i).array());
      signatures[i] = signer.sign(keys.key(i % KEYS), digests[i]);
      signers[i] = keys.key(i % KEYS).address();
    }
  }

  /** The meter of the recovery the operator uses on this machine ({@link SignerRecoveries}). */
  public static RecoveryRateMeter operators() {
    return new RecoveryRateMeter(
        SignerRecoveries.best(), SignerRecoveries.bestSigner(), System::nanoTime);
  }

  /** Measures for about {@code seconds} (plus one round of warm-up) in {@code rounds} rounds. */
  public RecoveryBaseline measure(double seconds, int rounds) {
    checkArgument(seconds > 0, "the measurement needs a positive duration, got %s", seconds);
    checkArgument(rounds >= 1, "at least one round, got %s", rounds);
    long roundNanos = (long) (seconds * 1e9 / rounds);
    long start = nanoTime.getAsLong();
    round(roundNanos);
    List<Double> rates = new ArrayList<>(rounds);
    for (int r = 0; r < rounds; r++) {
      rates.add(round(roundNanos));
    }
    double best = rates.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
    return new RecoveryBaseline(
        recovery.toString(), best, rates, (nanoTime.getAsLong() - start) / 1e9);
  }

  /** Recovers until {@code nanos} have passed; returns the recoveries per second. */
  private double round(long nanos) {
    long start = nanoTime.getAsLong();
    long now;
    long recovered = 0;
    do {
      for (int i = 0; i < BETWEEN_CLOCK_READS; i++) {
        recoverOne((int) (recovered++ % SIGNATURES));
      }
      now = nanoTime.getAsLong();
    } while (now - start < nanos);
    return recovered * 1e9 / (now - start);
  }

  private void recoverOne(int i) {
    Optional<Address> signer = recovery.recover(digests[i], signatures[i]);
    if (signer.isEmpty() || !signer.get().equals(signers[i])) {
      throw new IllegalStateException(recovery + " does not recover signature " + i);
    }
  }
}
