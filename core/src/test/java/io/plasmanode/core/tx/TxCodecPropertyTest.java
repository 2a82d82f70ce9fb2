package io.plasmanode.core.tx;

import static org.assertj.core.api.Assertions.assertThat;

import io.plasmanode.core.testing.TxArbitraries;
import io.plasmanode.core.validation.ValidationResult;
import java.util.Arrays;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class TxCodecPropertyTest {

  @Property
  void transactions_roundTrip(@ForAll("transactions") PaymentTransaction tx) {
    byte[] encoded = TxCodec.encode(tx);
    assertThat(TxCodec.decode(encoded).get()).isEqualTo(tx);
    assertThat(TxCodec.encode(TxCodec.decode(encoded).get())).isEqualTo(encoded);
  }

  @Property
  void signedTransactions_roundTrip(@ForAll("signedTransactions") SignedTransaction signed) {
    byte[] encoded = TxCodec.encodeSigned(signed);
    assertThat(TxCodec.decodeSigned(encoded).get()).isEqualTo(signed);
    assertThat(TxCodec.encodeSigned(TxCodec.decodeSigned(encoded).get())).isEqualTo(encoded);
  }

  @Property
  void mutatedTransactions_decodeToTheirOwnBytesOrARejection(
      @ForAll("transactions") PaymentTransaction tx,
      @ForAll @IntRange(max = 1000) int where,
      @ForAll byte value,
      @ForAll @IntRange(max = 1000) int cut) {
    byte[] mutated = TxCodec.encode(tx);
    mutated[where % mutated.length] = value;
    assertUnsignedCanonicalOrRejected(mutated);
    assertUnsignedCanonicalOrRejected(Arrays.copyOf(mutated, cut % (mutated.length + 1)));
  }

  @Property
  void mutatedSignedTransactions_decodeToTheirOwnBytesOrARejection(
      @ForAll("signedTransactions") SignedTransaction signed,
      @ForAll @IntRange(max = 1000) int where,
      @ForAll byte value,
      @ForAll @IntRange(max = 1000) int cut) {
    byte[] mutated = TxCodec.encodeSigned(signed);
    mutated[where % mutated.length] = value;
    assertSignedCanonicalOrRejected(mutated);
    assertSignedCanonicalOrRejected(Arrays.copyOf(mutated, cut % (mutated.length + 1)));
  }

  @Property
  void arbitraryBytes_decodeToARejectionWithoutThrowing(@ForAll byte[] input) {
    assertUnsignedCanonicalOrRejected(input);
    assertSignedCanonicalOrRejected(input);
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

  @Provide
  Arbitrary<PaymentTransaction> transactions() {
    return TxArbitraries.paymentTransaction();
  }

  @Provide
  Arbitrary<SignedTransaction> signedTransactions() {
    return TxArbitraries.signedTransaction();
  }
}
