package io.plasmanode.core.tx;

import static io.plasmanode.core.rlp.RlpWriter.bytes;
import static io.plasmanode.core.rlp.RlpWriter.integer;
import static io.plasmanode.core.rlp.RlpWriter.list;
import static org.assertj.core.api.Assertions.assertThat;

import io.plasmanode.core.rlp.RlpWriter;
import io.plasmanode.core.rlp.RlpWriter.Item;
import io.plasmanode.core.testing.TxGen;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Hash32;
import io.plasmanode.core.types.Hex;
import io.plasmanode.core.validation.Rejection;
import io.plasmanode.core.validation.ValidationResult;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TxCodecTest {
  static final Address OWNER = Address.fromHex("0x" + "11".repeat(20));

  static final String DEPOSIT_HEX =
      "0xf855" // list, 85-byte payload
          + "01" // txType 1
          + "c0" // no inputs
          + "f0" // outputs: 48 bytes
          + "ef01ed" // output: [1, [ (45 bytes)
          + "94"
          + "11".repeat(20) // owner
          + "94"
          + "00".repeat(20) // token: ETH
          + "8203e8" // amount 1000
          + "80" // txData 0
          + "a0"
          + "00".repeat(32); // metadata

  static final String TRANSFER_PAYLOAD =
      "01" // txType 1
          + "e1a0"
          + "00".repeat(28)
          + "3b9aca15" // inputs: [utxoPos 1000/2/1 = 1,000,000,021 as a word]
          + "f85e" // outputs: 94 bytes
          + "ed01eb"
          + "94"
          + "22".repeat(20)
          + "94"
          + "00".repeat(20)
          + "05" // 5 wei to 0x22..
          + "ef01ed"
          + "94"
          + "33".repeat(20)
          + "94"
          + "44".repeat(20)
          + "820100" // 256 of 0x44..
          + "80" // txData 0
          + "a0"
          + "ab".repeat(32); // metadata

  static final String TRANSFER_HEX = "0xf8a5" + TRANSFER_PAYLOAD;

  static final String SIGNED_TRANSFER_HEX =
      "0xf8ea" // list, 234-byte payload
          + "f843b841" // sigs: [65-byte string]
          + "00".repeat(31)
          + "01"
          + "00".repeat(31)
          + "02"
          + "1b" // r=1, s=2, v=27
          + TRANSFER_PAYLOAD;

  // The fields of a valid transfer, for building malformed variants.
  private static final Item TX_TYPE = integer(1);
  private static final Item TX_DATA = integer(0);
  private static final Item METADATA = bytes(new byte[32]);
  private static final Item INPUT = word(new UtxoPos(1000, 0, 0).toLong());
  private static final Item INPUTS = list(INPUT);
  private static final Item OUTPUT = output(integer(1), owner(), bytes(new byte[20]), integer(7));
  private static final Item OUTPUTS = list(OUTPUT);
  private static final Item SIG = sig(BigInteger.ONE, BigInteger.ONE, 27);

  static PaymentTransaction deposit() {
    return PaymentTransaction.deposit(new Output(OWNER, Address.ZERO, BigInteger.valueOf(1000)));
  }

  static PaymentTransaction transfer() {
    return new PaymentTransaction(
        List.of(new UtxoPos(1000, 2, 1)),
        List.of(
            new Output(repeat("22"), Address.ZERO, BigInteger.valueOf(5)),
            new Output(repeat("33"), repeat("44"), BigInteger.valueOf(256))),
        Hash32.fromHex("ab".repeat(32)));
  }

  static SignedTransaction signedTransfer() {
    Signature signature = TxGen.signature(BigInteger.ONE, BigInteger.TWO, 27);
    return new SignedTransaction(transfer(), List.of(signature));
  }

  @Test
  void encode_depositMatchesGoldenVector() {
    assertThat(Hex.encode(TxCodec.encode(deposit()))).isEqualTo(DEPOSIT_HEX);
    assertThat(TxCodec.decode(Hex.decode(DEPOSIT_HEX)).get()).isEqualTo(deposit());
  }

  @Test
  void encode_transferMatchesGoldenVector() {
    assertThat(Hex.encode(TxCodec.encode(transfer()))).isEqualTo(TRANSFER_HEX);
    assertThat(TxCodec.decode(Hex.decode(TRANSFER_HEX)).get()).isEqualTo(transfer());
  }

  @Test
  void encodeSigned_matchesGoldenVector() {
    assertThat(Hex.encode(TxCodec.encodeSigned(signedTransfer()))).isEqualTo(SIGNED_TRANSFER_HEX);
    assertThat(TxCodec.decodeSigned(Hex.decode(SIGNED_TRANSFER_HEX)).get())
        .isEqualTo(signedTransfer());
  }

  @Test
  void encodeSigned_ofDepositHasEmptySignatureList() {
    byte[] signed = TxCodec.encodeSigned(new SignedTransaction(deposit(), List.of()));
    assertThat(Hex.encode(signed)).isEqualTo("0xf856c0" + DEPOSIT_HEX.substring(6));
    assertThat(TxCodec.decodeSigned(signed).get().tx()).isEqualTo(deposit());
  }

  @Test
  void decode_rejectsSignedBytesAndDecodeSignedRejectsUnsignedBytes() {
    assertThat(TxCodec.decode(Hex.decode(SIGNED_TRANSFER_HEX)))
        .isEqualTo(
            ValidationResult.invalid(
                Rejection.MALFORMED_TX_STRUCTURE, "the transaction has 6 items, not 5"));
    assertThat(reason(TxCodec.decodeSigned(Hex.decode(TRANSFER_HEX))))
        .isEqualTo(Rejection.MALFORMED_TX_STRUCTURE);
  }

  @Test
  void decode_detailSaysWhichFieldIsWrong() {
    Item output = list(integer(1), list(bytes(OWNER.toArray()), bytes(new byte[20]), integer(0)));
    byte[] tx = list(integer(1), list(), list(output), integer(0), bytes(new byte[32])).encode();
    assertThat(TxCodec.decode(tx))
        .isEqualTo(ValidationResult.invalid(Rejection.ZERO_AMOUNT, "output 0 amount is zero"));
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("malformed")
  void decode_rejectsEachMalformedShapeByName(
      Rejection expected, String what, boolean signed, byte[] bytes) {
    ValidationResult<?> result = signed ? TxCodec.decodeSigned(bytes) : TxCodec.decode(bytes);
    assertThat(reason(result)).as(result.toString()).isEqualTo(expected);
  }

  @Test
  void malformedCases_coverEveryDecodingRejection() {
    Set<Rejection> covered = EnumSet.noneOf(Rejection.class);
    Stream.concat(malformed(), FeeClaimCodecTest.malformed())
        .forEach(arguments -> covered.add((Rejection) arguments.get()[0]));
    assertThat(covered)
        .containsExactlyInAnyOrderElementsOf(
            EnumSet.range(Rejection.RLP_TRUNCATED, Rejection.HIGH_S_SIGNATURE));
  }

  static Stream<Arguments> malformed() {
    byte[] valid = tx(TX_TYPE, INPUTS, OUTPUTS, TX_DATA, METADATA);
    return Stream.of(
        unsigned(Rejection.RLP_TRUNCATED, "cut short", Arrays.copyOf(valid, valid.length - 1)),
        unsigned(Rejection.RLP_NON_CANONICAL, "txType 0x8101", txTypeEncodedAs("8101")),
        unsigned(
            Rejection.RLP_TRAILING_BYTES, "a byte after", Arrays.copyOf(valid, valid.length + 1)),
        unsigned(
            Rejection.RLP_TOO_DEEP,
            "txData nested 9 deep",
            tx(TX_TYPE, INPUTS, OUTPUTS, nest(9), METADATA)),
        unsigned(Rejection.MALFORMED_TX_STRUCTURE, "not a list", bytes(valid).encode()),
        unsigned(
            Rejection.MALFORMED_TX_STRUCTURE, "4 fields", tx(TX_TYPE, INPUTS, OUTPUTS, TX_DATA)),
        unsigned(
            Rejection.MALFORMED_TX_STRUCTURE,
            "inputs a string",
            tx(TX_TYPE, INPUT, OUTPUTS, TX_DATA, METADATA)),
        unsigned(
            Rejection.MALFORMED_TX_STRUCTURE,
            "input a list",
            tx(TX_TYPE, list(INPUTS), OUTPUTS, TX_DATA, METADATA)),
        unsigned(
            Rejection.MALFORMED_TX_STRUCTURE,
            "output of 3 items",
            withOutputs(list(integer(1), integer(1), integer(1)))),
        unsigned(
            Rejection.MALFORMED_TX_STRUCTURE,
            "output data of 2 items",
            withOutputs(list(integer(1), list(owner(), owner())))),
        unsigned(
            Rejection.MALFORMED_TX_STRUCTURE,
            "metadata a list",
            tx(TX_TYPE, INPUTS, OUTPUTS, TX_DATA, list(METADATA))),
        unsigned(
            Rejection.WRONG_TX_TYPE,
            "txType 2",
            tx(integer(2), INPUTS, OUTPUTS, TX_DATA, METADATA)),
        unsigned(
            Rejection.WRONG_TX_TYPE,
            "txType 0",
            tx(integer(0), INPUTS, OUTPUTS, TX_DATA, METADATA)),
        unsigned(
            Rejection.WRONG_OUTPUT_TYPE,
            "outputType 2",
            withOutputs(output(integer(2), owner(), owner(), integer(1)))),
        unsigned(Rejection.MALFORMED_INTEGER, "txType 0x00 0x01", txTypeEncodedAs("820001")),
        unsigned(
            Rejection.MALFORMED_INTEGER,
            "txType a list",
            tx(list(), INPUTS, OUTPUTS, TX_DATA, METADATA)),
        unsigned(
            Rejection.MALFORMED_INTEGER,
            "amount of 33 bytes",
            withOutputs(output(integer(1), owner(), owner(), bytes(new byte[33])))),
        unsigned(Rejection.MALFORMED_INPUT, "31-byte input", withInputs(bytes(new byte[31]))),
        unsigned(Rejection.INVALID_UTXO_POS, "input 0", withInputs(word(0))),
        unsigned(Rejection.INVALID_UTXO_POS, "oindex 4", withInputs(word(1_000_000_004L))),
        unsigned(Rejection.INVALID_UTXO_POS, "word above 2^63", withInputs(bytes(ones(32)))),
        unsigned(
            Rejection.TOO_MANY_INPUTS,
            "5 inputs",
            withInputs(word(1e6), word(2e6), word(3e6), word(4e6), word(5e6))),
        unsigned(
            Rejection.TOO_MANY_OUTPUTS,
            "5 outputs",
            withOutputs(OUTPUT, OUTPUT, OUTPUT, OUTPUT, OUTPUT)),
        unsigned(Rejection.NO_OUTPUTS, "no outputs", withOutputs()),
        unsigned(
            Rejection.MALFORMED_DEPOSIT,
            "deposit, 2 outputs",
            tx(TX_TYPE, list(), list(OUTPUT, OUTPUT), TX_DATA, METADATA)),
        unsigned(Rejection.DUPLICATE_INPUTS, "same input twice", withInputs(INPUT, INPUT)),
        unsigned(
            Rejection.MALFORMED_ADDRESS,
            "19-byte owner",
            withOutputs(output(integer(1), bytes(ones(19)), owner(), integer(1)))),
        unsigned(
            Rejection.MALFORMED_ADDRESS,
            "21-byte token",
            withOutputs(output(integer(1), owner(), bytes(ones(21)), integer(1)))),
        unsigned(
            Rejection.ZERO_OWNER,
            "zero owner",
            withOutputs(output(integer(1), bytes(new byte[20]), owner(), integer(1)))),
        unsigned(
            Rejection.ZERO_AMOUNT,
            "zero amount",
            withOutputs(output(integer(1), owner(), owner(), integer(0)))),
        unsigned(
            Rejection.NONZERO_TX_DATA,
            "txData 1",
            tx(TX_TYPE, INPUTS, OUTPUTS, integer(1), METADATA)),
        unsigned(
            Rejection.MALFORMED_METADATA,
            "31-byte metadata",
            tx(TX_TYPE, INPUTS, OUTPUTS, TX_DATA, bytes(new byte[31]))),
        signed(Rejection.MALFORMED_TX_STRUCTURE, "sigs a string", bytes(new byte[65])),
        signed(
            Rejection.MALFORMED_TX_STRUCTURE, "signature a list", list(list(bytes(new byte[65])))),
        signed(Rejection.SIGNATURE_COUNT_MISMATCH, "no signature", list()),
        signed(Rejection.SIGNATURE_COUNT_MISMATCH, "2 signatures", list(SIG, SIG)),
        signed(Rejection.MALFORMED_SIGNATURE, "64 bytes", list(bytes(ones(64)))),
        signed(Rejection.INVALID_SIGNATURE, "v 29", list(sig(BigInteger.ONE, BigInteger.ONE, 29))),
        signed(Rejection.INVALID_SIGNATURE, "v 0", list(sig(BigInteger.ONE, BigInteger.ONE, 0))),
        signed(Rejection.INVALID_SIGNATURE, "r 0", list(sig(BigInteger.ZERO, BigInteger.ONE, 27))),
        signed(
            Rejection.INVALID_SIGNATURE,
            "r n",
            list(sig(SignatureShape.SECP256K1_N, BigInteger.ONE, 27))),
        signed(Rejection.INVALID_SIGNATURE, "s 0", list(sig(BigInteger.ONE, BigInteger.ZERO, 28))),
        signed(
            Rejection.INVALID_SIGNATURE,
            "s n",
            list(sig(BigInteger.ONE, SignatureShape.SECP256K1_N, 28))),
        signed(
            Rejection.HIGH_S_SIGNATURE,
            "s n/2+1",
            list(sig(BigInteger.ONE, SignatureShape.HALF_N.add(BigInteger.ONE), 28))));
  }

  @Test
  void decodeSigned_acceptsTheLargestLowS() {
    Item sigs =
        list(sig(SignatureShape.SECP256K1_N.subtract(BigInteger.ONE), SignatureShape.HALF_N, 28));
    byte[] signed = list(sigs, TX_TYPE, INPUTS, OUTPUTS, TX_DATA, METADATA).encode();
    assertThat(TxCodec.decodeSigned(signed).isValid()).isTrue();
  }

  private static Arguments unsigned(Rejection expected, String what, byte[] bytes) {
    return Arguments.of(expected, what, false, bytes);
  }

  private static Arguments signed(Rejection expected, String what, Item sigs) {
    byte[] signed = list(sigs, TX_TYPE, INPUTS, OUTPUTS, TX_DATA, METADATA).encode();
    return Arguments.of(expected, what, true, signed);
  }

  private static byte[] tx(Item... fields) {
    return list(fields).encode();
  }

  private static byte[] withInputs(Item... inputs) {
    return tx(TX_TYPE, list(inputs), OUTPUTS, TX_DATA, METADATA);
  }

  private static byte[] withOutputs(Item... outputs) {
    return tx(TX_TYPE, INPUTS, list(outputs), TX_DATA, METADATA);
  }

  private static byte[] txTypeEncodedAs(String hex) {
    return tx(RlpWriter.encoded(Hex.decode(hex)), INPUTS, OUTPUTS, TX_DATA, METADATA);
  }

  private static Item output(Item type, Item owner, Item token, Item amount) {
    return list(type, list(owner, token, amount));
  }

  static Item sigItem(Signature signature) {
    return bytes(signature.toArray());
  }

  private static Item owner() {
    return bytes(OWNER.toArray());
  }

  private static Item word(double value) {
    return word((long) value);
  }

  static Item word(long value) {
    byte[] word = new byte[32];
    for (int i = 0; i < 8; i++) {
      word[31 - i] = (byte) (value >>> (8 * i));
    }
    return bytes(word);
  }

  private static Item sig(BigInteger r, BigInteger s, int v) {
    byte[] bytes = new byte[65];
    byte[] rBytes = r.toByteArray();
    byte[] sBytes = s.toByteArray();
    int rLength = Math.min(32, rBytes.length);
    int sLength = Math.min(32, sBytes.length);
    System.arraycopy(rBytes, rBytes.length - rLength, bytes, 32 - rLength, rLength);
    System.arraycopy(sBytes, sBytes.length - sLength, bytes, 64 - sLength, sLength);
    bytes[64] = (byte) v;
    return bytes(bytes);
  }

  private static Item nest(int depth) {
    Item item = list();
    for (int i = 1; i < depth; i++) {
      item = list(item);
    }
    return item;
  }

  private static byte[] ones(int size) {
    byte[] bytes = new byte[size];
    Arrays.fill(bytes, (byte) 0xff);
    return bytes;
  }

  static Rejection reason(ValidationResult<?> result) {
    assertThat(result).isInstanceOf(ValidationResult.Invalid.class);
    return ((ValidationResult.Invalid<?>) result).reason();
  }

  private static Address repeat(String hexByte) {
    return Address.fromHex(hexByte.repeat(Address.SIZE));
  }
}
