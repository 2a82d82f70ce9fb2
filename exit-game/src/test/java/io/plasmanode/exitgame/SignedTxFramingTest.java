package io.plasmanode.exitgame;

import static org.assertj.core.api.Assertions.assertThat;

import io.plasmanode.core.testing.Cases;
import io.plasmanode.core.testing.TxGen;
import io.plasmanode.core.tx.SignedTransaction;
import io.plasmanode.core.tx.TxCodec;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SignedTxFramingTest {

  @Test
  void unsignedBytes_ofAnySignedTransaction_areItsCanonicalUnsignedBytes() {
    Cases.check(
        300,
        gen -> {
          SignedTransaction signed = TxGen.signedTransaction(gen);
          assertThat(SignedTxFraming.unsignedBytes(TxCodec.encodeSigned(signed)))
              .hasValueSatisfying(
                  bytes -> assertThat(bytes).isEqualTo(TxCodec.encode(signed.tx())));
        });
  }

  @Test
  void unsignedBytes_ofATruncatedSignedTransaction_isEmpty() {
    Cases.check(
        300,
        gen -> {
          byte[] bytes = TxCodec.encodeSigned(TxGen.signedTransaction(gen));

          assertThat(SignedTxFraming.unsignedBytes(Arrays.copyOf(bytes, bytes.length - 1)))
              .isEmpty();
        });
  }

  @Test
  void unsignedBytes_ofAStringOrEmptyInput_isEmpty() {
    assertThat(SignedTxFraming.unsignedBytes(new byte[0])).isEmpty();
    assertThat(SignedTxFraming.unsignedBytes(new byte[] {(byte) 0x82, 1, 2})).isEmpty();
    assertThat(SignedTxFraming.unsignedBytes(new byte[] {(byte) 0xc0})).isEmpty();
  }

  @Test
  void unsignedBytes_withTrailingBytes_isEmpty() {
    assertThat(SignedTxFraming.unsignedBytes(new byte[] {(byte) 0xc1, (byte) 0xc0, 0})).isEmpty();
  }

  @Test
  void unsignedBytes_whenTheSignatureItemOverrunsTheList_isEmpty() {
    assertThat(SignedTxFraming.unsignedBytes(new byte[] {(byte) 0xc2, (byte) 0x83, 1})).isEmpty();
  }

  @Test
  void unsignedBytes_copiesFieldsAsTheyAre_evenWhenTheyBreakTheFormat() {
    byte[] signed = {(byte) 0xc3, (byte) 0xc0, (byte) 0x81, 0x05};

    assertThat(SignedTxFraming.unsignedBytes(signed))
        .hasValueSatisfying(
            bytes -> assertThat(bytes).containsExactly((byte) 0xc2, (byte) 0x81, 0x05));
  }

  @Test
  void unsignedBytes_acceptsALongFormOuterList() {
    byte[] signed = {(byte) 0xf8, 0x02, (byte) 0xc0, 0x01};

    assertThat(SignedTxFraming.unsignedBytes(signed))
        .hasValueSatisfying(bytes -> assertThat(bytes).containsExactly((byte) 0xc1, 0x01));
  }
}
