package io.plasmanode.core.tx;

import static org.assertj.core.api.Assertions.assertThat;

import io.plasmanode.core.testing.Cases;
import io.plasmanode.core.testing.Gen;
import io.plasmanode.core.testing.TxGen;
import io.plasmanode.core.validation.ValidationResult;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class TxCodecPropertyTest {
  private static final int CASES = 1000;

  @Test
  void transactions_roundTrip() {
    Cases.check(
        CASES,
        gen -> {
          PaymentTransaction tx = TxGen.anyTransaction(gen);
          byte[] encoded = TxCodec.encode(tx);
          assertThat(TxCodec.decode(encoded).get()).isEqualTo(tx);
          assertThat(TxCodec.encode(TxCodec.decode(encoded).get())).isEqualTo(encoded);
        });
  }

  @Test
  void signedTransactions_roundTrip() {
    Cases.check(
        CASES,
        gen -> {
          SignedTransaction signed = TxGen.anySignedTransaction(gen);
          byte[] encoded = TxCodec.encodeSigned(signed);
          assertThat(TxCodec.decodeSigned(encoded).get()).isEqualTo(signed);
          assertThat(TxCodec.encodeSigned(TxCodec.decodeSigned(encoded).get())).isEqualTo(encoded);
        });
  }

  @Test
  void mutatedTransactions_decodeToTheirOwnBytesOrARejection() {
    Cases.check(
        CASES,
        gen -> {
          byte[] mutated = mutate(TxCodec.encode(TxGen.anyTransaction(gen)), gen);
          assertUnsignedCanonicalOrRejected(mutated);
          assertUnsignedCanonicalOrRejected(cut(mutated, gen));
        });
  }

  @Test
  void mutatedSignedTransactions_decodeToTheirOwnBytesOrARejection() {
    Cases.check(
        CASES,
        gen -> {
          byte[] mutated = mutate(TxCodec.encodeSigned(TxGen.anySignedTransaction(gen)), gen);
          assertSignedCanonicalOrRejected(mutated);
          assertSignedCanonicalOrRejected(cut(mutated, gen));
        });
  }

  @Test
  void arbitraryBytes_decodeToARejectionWithoutThrowing() {
    Cases.check(
        CASES,
        gen -> {
          byte[] input = gen.bytes(0, 255);
          assertUnsignedCanonicalOrRejected(input);
          assertSignedCanonicalOrRejected(input);
        });
  }

  /** One byte (at 0..1000 modulo the length) set to any value. */
  private static byte[] mutate(byte[] encoded, Gen gen) {
    encoded[gen.intBetween(0, 1000) % encoded.length] = gen.anyByte();
    return encoded;
  }

  /** The first 0..1000 (modulo the length + 1) bytes. */
  private static byte[] cut(byte[] bytes, Gen gen) {
    return Arrays.copyOf(bytes, gen.intBetween(0, 1000) % (bytes.length + 1));
  }

  private static void assertUnsignedCanonicalOrRejected(byte[] input) {
    ValidationResult<PaymentTransaction> result = TxCodec.decode(input);
    if (result.isValid()) {
      assertThat(TxCodec.encode(result.get())).isEqualTo(input);
    } else {
      assertThat(result).isInstanceOf(ValidationResult.Invalid.class);
    }
  }

  private static void assertSignedCanonicalOrRejected(byte[] input) {
    ValidationResult<SignedTransaction> result = TxCodec.decodeSigned(input);
    if (result.isValid()) {
      assertThat(TxCodec.encodeSigned(result.get())).isEqualTo(input);
    } else {
      assertThat(result).isInstanceOf(ValidationResult.Invalid.class);
    }
  }
}
