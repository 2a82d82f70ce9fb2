package io.plasmanode.core.tx;

import static io.plasmanode.core.rlp.RlpWriter.bytes;
import static io.plasmanode.core.rlp.RlpWriter.integer;
import static io.plasmanode.core.rlp.RlpWriter.list;
import static io.plasmanode.core.tx.TxCodecTest.reason;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plasmanode.core.rlp.RlpWriter.Item;
import io.plasmanode.core.testing.TxGen;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Hash32;
import io.plasmanode.core.types.Hex;
import io.plasmanode.core.validation.Rejection;
import io.plasmanode.core.validation.ValidationResult;
import java.math.BigInteger;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The bytes of fee-claim transactions (txType 3) and their strict decoding. */
class FeeClaimCodecTest {
  private static final Address CLAIMER = TxCodecTest.OWNER;
  private static final Address TOKEN = Address.fromHex("0x" + "44".repeat(20));

  /** keccak256(abi.encode(uint256 1000, address 0)), computed with Foundry's cast. */
  static final String NONCE_1000_ETH =
      "0x3d77ce4419cb1d1793e08820c680b14ae3fac2ad92b6fb987bac1a53afc2d5ee";

  /**
   * 03 (txType 3), c0 (no inputs), f0 ef 02 ed (one output of type 2, 45 bytes of data), 94
   * claimer, 94 token (ETH), 82 03e8 (amount 1000), 80 (txData 0), a0 nonce of (1000, ETH).
   */
  static final String CLAIM_PAYLOAD =
      String.join(
          "",
          "03c0f0ef02ed94",
          "11".repeat(20),
          "94",
          "00".repeat(20),
          "8203e880a0",
          NONCE_1000_ETH.substring(2));

  static final String CLAIM_HEX = "0xf855" + CLAIM_PAYLOAD;

  private static final Item CLAIM_TYPE = integer(3);
  private static final Item TX_DATA = integer(0);
  private static final Item NONCE = bytes(Hex.decode(NONCE_1000_ETH));
  private static final Item CLAIM_OUTPUT =
      list(integer(2), list(bytes(CLAIMER.toArray()), bytes(new byte[20]), integer(1000)));
  private static final Item INPUT = TxCodecTest.word(new UtxoPos(1000, 0, 0).toLong());

  static PaymentTransaction claim() {
    return PaymentTransaction.feeClaim(1000, Address.ZERO, CLAIMER, BigInteger.valueOf(1000));
  }

  @Test
  void feeClaimNonce_isKeccakOfAbiEncodedBlknumAndToken() {
    assertThat(PaymentTransaction.feeClaimNonce(1000, Address.ZERO))
        .isEqualTo(Hash32.fromHex(NONCE_1000_ETH));
    // cast keccak $(cast abi-encode "f(uint256,address)" 9000000000000 0x4444...44)
    assertThat(PaymentTransaction.feeClaimNonce(UtxoPos.MAX_BLKNUM, TOKEN))
        .isEqualTo(
            Hash32.fromHex("0xf2a5cb5919a73665dc35856d0cbba2b0000f418a557faa119d95e3226dcaf930"));
  }

  @Test
  void feeClaim_isATxType3WithOneOutputAndTheNonce() {
    PaymentTransaction claim = claim();
    assertThat(claim.txType()).isEqualTo(PaymentTransaction.TX_TYPE_FEE_CLAIM);
    assertThat(claim.isFeeClaim()).isTrue();
    assertThat(claim.isDeposit()).isFalse();
    assertThat(claim.outputType()).isEqualTo(Output.OUTPUT_TYPE_FEE_CLAIM);
    assertThat(claim.inputs()).isEmpty();
    assertThat(claim.outputs())
        .containsExactly(new Output(CLAIMER, Address.ZERO, BigInteger.valueOf(1000)));
    assertThat(claim.metadata()).isEqualTo(Hash32.fromHex(NONCE_1000_ETH));
    assertThat(TxCodecTest.deposit().isFeeClaim()).isFalse();
    assertThat(TxCodecTest.deposit().isDeposit()).isTrue();
    assertThat(TxCodecTest.transfer().isDeposit()).isFalse();
  }

  @Test
  void constructor_refusesAClaimWithInputsAndUnknownTxTypes() {
    List<Output> outputs = claim().outputs();
    List<UtxoPos> inputs = List.of(new UtxoPos(1000, 0, 0));
    assertThatThrownBy(() -> new PaymentTransaction(3, inputs, outputs, Hash32.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("a fee claim has no inputs and exactly one output");
    List<Output> two = List.of(outputs.getFirst(), outputs.getFirst());
    assertThatThrownBy(() -> new PaymentTransaction(3, List.of(), two, Hash32.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("a fee claim has no inputs and exactly one output");
    assertThatThrownBy(() -> new PaymentTransaction(3, List.of(), List.of(), Hash32.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new PaymentTransaction(2, inputs, outputs, Hash32.ZERO))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("txType 2");
  }

  @Test
  void encode_claimMatchesGoldenVector() {
    assertThat(Hex.encode(TxCodec.encode(claim()))).isEqualTo(CLAIM_HEX);
    assertThat(TxCodec.decode(Hex.decode(CLAIM_HEX)).get()).isEqualTo(claim());
  }

  @Test
  void encodeSigned_ofClaimHasEmptySignatureList() {
    SignedTransaction signed = new SignedTransaction(claim(), List.of());
    String signedHex = "0xf856c0" + CLAIM_PAYLOAD;
    assertThat(Hex.encode(TxCodec.encodeSigned(signed))).isEqualTo(signedHex);
    assertThat(TxCodec.decodeSigned(Hex.decode(signedHex)).get()).isEqualTo(signed);
  }

  @Test
  void decodeSigned_detailSaysAClaimIsNeverSigned() {
    Item sig = TxCodecTest.sigItem(TxGen.signature(BigInteger.ONE, BigInteger.ONE, 27));
    byte[] signed =
        list(list(sig), CLAIM_TYPE, list(), list(CLAIM_OUTPUT), TX_DATA, NONCE).encode();
    assertThat(TxCodec.decodeSigned(signed))
        .isEqualTo(
            ValidationResult.invalid(
                Rejection.MALFORMED_FEE_CLAIM,
                "a fee claim is never signed, but has 1 signatures"));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("malformed")
  void decode_rejectsEachMalformedClaimByName(
      Rejection expected, String what, boolean signed, byte[] bytes) {
    ValidationResult<?> result = signed ? TxCodec.decodeSigned(bytes) : TxCodec.decode(bytes);
    assertThat(reason(result)).as(result.toString()).isEqualTo(expected);
  }

  static Stream<Arguments> malformed() {
    Item sig = TxCodecTest.sigItem(TxGen.signature(BigInteger.ONE, BigInteger.ONE, 27));
    Item paymentOutput =
        list(integer(1), list(bytes(CLAIMER.toArray()), bytes(new byte[20]), integer(1000)));
    return Stream.of(
        unsigned(
            Rejection.MALFORMED_FEE_CLAIM,
            "a claim with an input",
            tx(CLAIM_TYPE, list(INPUT), list(CLAIM_OUTPUT), TX_DATA, NONCE)),
        unsigned(
            Rejection.MALFORMED_FEE_CLAIM,
            "a claim with 2 outputs",
            tx(CLAIM_TYPE, list(), list(CLAIM_OUTPUT, CLAIM_OUTPUT), TX_DATA, NONCE)),
        unsigned(
            Rejection.NO_OUTPUTS,
            "a claim with no output",
            tx(CLAIM_TYPE, list(), list(), TX_DATA, NONCE)),
        unsigned(
            Rejection.WRONG_OUTPUT_TYPE,
            "a claim with a payment output",
            tx(CLAIM_TYPE, list(), list(paymentOutput), TX_DATA, NONCE)),
        unsigned(
            Rejection.WRONG_OUTPUT_TYPE,
            "a deposit with a claim output",
            tx(integer(1), list(), list(CLAIM_OUTPUT), TX_DATA, NONCE)),
        unsigned(
            Rejection.NONZERO_TX_DATA,
            "a claim with txData 1",
            tx(CLAIM_TYPE, list(), list(CLAIM_OUTPUT), integer(1), NONCE)),
        unsigned(
            Rejection.WRONG_TX_TYPE,
            "txType 2",
            tx(integer(2), list(), list(CLAIM_OUTPUT), TX_DATA, NONCE)),
        unsigned(
            Rejection.WRONG_TX_TYPE,
            "txType 4",
            tx(integer(4), list(), list(CLAIM_OUTPUT), TX_DATA, NONCE)),
        Arguments.of(
            Rejection.MALFORMED_FEE_CLAIM,
            "a signed claim",
            true,
            list(list(sig), CLAIM_TYPE, list(), list(CLAIM_OUTPUT), TX_DATA, NONCE).encode()),
        Arguments.of(
            Rejection.MALFORMED_FEE_CLAIM,
            "a claim with an input and its signature",
            true,
            list(list(sig), CLAIM_TYPE, list(INPUT), list(CLAIM_OUTPUT), TX_DATA, NONCE).encode()));
  }

  private static Arguments unsigned(Rejection expected, String what, byte[] bytes) {
    return Arguments.of(expected, what, false, bytes);
  }

  private static byte[] tx(Item... fields) {
    return list(fields).encode();
  }
}
