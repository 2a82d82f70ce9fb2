package io.plasmanode.core.rlp;

import static org.assertj.core.api.Assertions.assertThat;

import io.plasmanode.core.types.Hex;
import io.plasmanode.core.validation.Rejection;
import io.plasmanode.core.validation.ValidationResult;
import java.math.BigInteger;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Positive;
import net.jqwik.api.constraints.Size;

class RlpPropertyTest {

  /** A test-side RLP value: a string (as hex) or a list. */
  sealed interface Tree {
    RlpWriter.Item item();

    static Tree of(RlpItem item) {
      return item.isList()
          ? new Branch(item.items().stream().map(Tree::of).toList())
          : new Leaf(Hex.encode(item.bytes()));
    }
  }

  record Leaf(String hex) implements Tree {
    @Override
    public RlpWriter.Item item() {
      return RlpWriter.bytes(Hex.decode(hex));
    }
  }

  record Branch(List<Tree> children) implements Tree {
    @Override
    public RlpWriter.Item item() {
      return RlpWriter.list(children.stream().map(Tree::item).toList());
    }
  }

  @Property
  void bytes_roundTrip(@ForAll @Size(max = 300) byte[] value) {
    byte[] encoded = RlpWriter.encodeBytes(value);
    RlpItem item = RlpReader.decode(encoded).get();
    assertThat(item.isList()).isFalse();
    assertThat(item.bytes()).isEqualTo(value);
  }

  @Property
  void integers_roundTrip(@ForAll("uint256") BigInteger value) {
    byte[] encoded = RlpWriter.encodeInteger(value);
    assertThat(RlpReader.decode(encoded).get().asInteger().get()).isEqualTo(value);
  }

  @Property
  void longs_roundTripAndMatchBigIntegers(@ForAll @Positive long value) {
    byte[] encoded = RlpWriter.encodeLong(value);
    assertThat(encoded).isEqualTo(RlpWriter.encodeInteger(BigInteger.valueOf(value)));
    assertThat(RlpReader.decode(encoded).get().asInteger().get()).isEqualTo(value);
  }

  @Property
  void trees_roundTrip(@ForAll("trees") Tree tree) {
    byte[] encoded = tree.item().encode();
    assertThat(encoded).hasSize(tree.item().encodedLength());
    assertThat(Tree.of(RlpReader.decode(encoded).get())).isEqualTo(tree);
  }

  @Property
  void decodingArbitraryBytes_neverThrowsAndAcceptsOnlyCanonicalForms(@ForAll byte[] input) {
    assertCanonicalOrRejected(input);
  }

  @Property
  void decodingMutatedEncodings_neverThrowsAndAcceptsOnlyCanonicalForms(
      @ForAll("trees") Tree tree,
      @ForAll @IntRange(max = 10_000) int where,
      @ForAll byte value,
      @ForAll @IntRange(max = 10_000) int cut) {
    byte[] encoded = tree.item().encode();
    encoded[where % encoded.length] = value;
    assertCanonicalOrRejected(encoded);
    assertCanonicalOrRejected(java.util.Arrays.copyOf(encoded, cut % (encoded.length + 1)));
  }

  private static void assertCanonicalOrRejected(byte[] input) {
    ValidationResult<RlpItem> result = RlpReader.decode(input);
    if (result.isValid()) {
      RlpItem item = result.get();
      assertThat(Tree.of(item).item().encode()).isEqualTo(input);
      if (!item.isList()) {
        assertThat(item.asInteger()).isNotNull();
      }
    }
  }

  @Provide
  Arbitrary<BigInteger> uint256() {
    return Arbitraries.bigIntegers()
        .between(BigInteger.ZERO, BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE));
  }

  @Provide
  Arbitrary<Tree> trees() {
    return Arbitraries.recursive(this::leaves, this::branches, 0, 5);
  }

  private Arbitrary<Tree> leaves() {
    return Arbitraries.bytes()
        .array(byte[].class)
        .ofMaxSize(70)
        .map(bytes -> (Tree) new Leaf(Hex.encode(bytes)));
  }

  private Arbitrary<Tree> branches(Arbitrary<Tree> children) {
    return children.list().ofMaxSize(6).map(list -> (Tree) new Branch(list));
  }

  /**
   * Re-framing any short string or list (payload < 56 bytes) in the long form, which encodes the
   * same value, is rejected: the canonical encoding is the only one accepted.
   */
  @Property
  void longFormForShortPayloads_isRejected(
      @ForAll @Size(max = 55) byte[] payload, @ForAll boolean asList) {
    byte[] longForm = new byte[payload.length + 2];
    longForm[0] = (byte) (asList ? 0xf8 : 0xb8);
    longForm[1] = (byte) payload.length;
    System.arraycopy(payload, 0, longForm, 2, payload.length);

    ValidationResult<RlpItem> decoded = RlpReader.decode(longForm);

    assertThat(decoded)
        .isInstanceOfSatisfying(
            ValidationResult.Invalid.class,
            invalid ->
                assertThat(invalid.reason())
                    .isIn(Rejection.RLP_NON_CANONICAL, Rejection.RLP_TRUNCATED));
  }

  /** A length prefix with a leading zero byte is rejected, whatever follows. */
  @Property
  void lengthWithLeadingZero_isRejected(@ForAll @Size(min = 56, max = 300) byte[] payload) {
    byte[] padded = new byte[payload.length + 4];
    padded[0] = (byte) 0xb9;
    padded[1] = 0;
    padded[2] = (byte) payload.length;
    System.arraycopy(payload, 0, padded, 3, payload.length);

    assertThat(RlpReader.decode(java.util.Arrays.copyOf(padded, payload.length + 3)).isValid())
        .isFalse();
  }
}
