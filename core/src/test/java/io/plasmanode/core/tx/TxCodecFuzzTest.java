package io.plasmanode.core.tx;

import io.plasmanode.core.testing.fuzz.ByteMutator;
import io.plasmanode.core.testing.fuzz.FuzzCampaign;
import io.plasmanode.core.testing.fuzz.FuzzOutcome;
import io.plasmanode.core.testing.fuzz.RandomTransactions;
import io.plasmanode.core.testing.fuzz.RlpTreeMutator;
import io.plasmanode.core.types.Hex;
import io.plasmanode.core.validation.Rejection;
import io.plasmanode.core.validation.ValidationResult;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes {@link TxCodec#decodeSigned} and {@link TxCodec#decode} (and so the RLP reader under them)
 * with valid signed and unsigned encodings, their byte mutations (bit flips, inserts, deletes,
 * truncation, length-prefix tampering, splices of two transactions), structural mutations that keep
 * the RLP valid, and random bytes. Properties: neither decoder ever throws; every rejection is a
 * decoding rejection with a detail; what is accepted re-encodes to exactly the input bytes; valid
 * encodings are accepted as what was encoded.
 */
class TxCodecFuzzTest {
  private static final int SHORT_TRIES = 50_000;
  private static final Set<Rejection> DECODING_REJECTIONS =
      EnumSet.range(Rejection.RLP_TRUNCATED, Rejection.HIGH_S_SIGNATURE);

  /** An input; {@code original} is the signed transaction it encodes unmutated, else null. */
  record Input(byte[] bytes, SignedTransaction original, boolean signed) {}

  @Test
  void decoders_neverThrowAndAcceptOnlyCanonicalEncodings() {
    FuzzCampaign.of("tx-decoder", SHORT_TRIES)
        .run(TxCodecFuzzTest::input, TxCodecFuzzTest::decode, input -> Hex.encode(input.bytes()));
  }

  static Input input(Random random) {
    SignedTransaction seed = RandomTransactions.signed(random);
    boolean signed = random.nextInt(4) != 0;
    byte[] encoded = signed ? TxCodec.encodeSigned(seed) : TxCodec.encode(seed.tx());
    int roll = random.nextInt(100);
    if (roll < 5) {
      return new Input(ByteMutator.randomBytes(random, 400), null, false);
    }
    if (roll < 12) {
      return new Input(encoded, seed, signed);
    }
    if (roll < 30) {
      return new Input(RlpTreeMutator.mutate(encoded, random), null, false);
    }
    byte[] donor = TxCodec.encodeSigned(RandomTransactions.signed(random));
    return new Input(ByteMutator.mutate(encoded, donor, random), null, false);
  }

  static FuzzOutcome decode(Input input) {
    byte[] bytes = input.bytes();
    ValidationResult<SignedTransaction> signed = TxCodec.decodeSigned(bytes);
    ValidationResult<PaymentTransaction> unsigned = TxCodec.decode(bytes);
    if (signed.isValid() && unsigned.isValid()) {
      throw new AssertionError("both a signed and an unsigned transaction");
    }
    if (signed.isValid() && !Arrays.equals(TxCodec.encodeSigned(signed.get()), bytes)) {
      throw new AssertionError("accepted a non-canonical signed encoding of " + signed.get());
    }
    if (unsigned.isValid() && !Arrays.equals(TxCodec.encode(unsigned.get()), bytes)) {
      throw new AssertionError("accepted a non-canonical unsigned encoding of " + unsigned.get());
    }
    checkRejection(signed);
    checkRejection(unsigned);
    if (input.original() != null) {
      checkOriginal(input, signed, unsigned);
    }
    if (signed.isValid()) {
      return FuzzOutcome.accepted("signed");
    }
    if (unsigned.isValid()) {
      return FuzzOutcome.accepted("unsigned");
    }
    return FuzzOutcome.rejected(((ValidationResult.Invalid<?>) signed).reason().code());
  }

  private static void checkRejection(ValidationResult<?> result) {
    if (result instanceof ValidationResult.Invalid<?> invalid
        && (!DECODING_REJECTIONS.contains(invalid.reason()) || invalid.detail().isBlank())) {
      throw new AssertionError("rejected with " + invalid + ", not a named decoding rejection");
    }
  }

  private static void checkOriginal(
      Input input,
      ValidationResult<SignedTransaction> signed,
      ValidationResult<PaymentTransaction> unsigned) {
    boolean ok =
        input.signed()
            ? signed.isValid() && signed.get().equals(input.original())
            : unsigned.isValid() && unsigned.get().equals(input.original().tx());
    if (!ok) {
      throw new AssertionError(
          "a valid encoding of " + input.original() + " decoded to " + signed + " / " + unsigned);
    }
  }
}
