package io.plasmanode.core.rlp;

import static org.assertj.core.api.Assertions.assertThat;

import io.plasmanode.core.testing.Cases;
import io.plasmanode.core.testing.Gen;
import io.plasmanode.core.types.Hex;
import io.plasmanode.core.validation.Rejection;
import io.plasmanode.core.validation.ValidationResult;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class RlpPropertyTest {
  private static final int CASES = 1000;
  private static final BigInteger MAX_UINT256 =
      BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE);

  /** The largest payload of the short forms, and the smallest of the long forms. */
  private static final int SHORT_MAX = 55;

  private static final int LONG_MIN = 56;

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

  @Test
  void bytes_roundTrip() {
    Cases.check(
        CASES,
        gen -> {
          byte[] value = bytesAroundTheForms(gen, 0, 300);
          byte[] encoded = RlpWriter.encodeBytes(value);
          RlpItem item = RlpReader.decode(encoded).get();
          assertThat(item.isList()).isFalse();
          assertThat(item.bytes()).isEqualTo(value);
        });
  }

  @Test
  void integers_roundTrip() {
    Cases.check(
        CASES,
        gen -> {
          BigInteger value = gen.bigBetween(BigInteger.ZERO, MAX_UINT256);
          byte[] encoded = RlpWriter.encodeInteger(value);
          assertThat(RlpReader.decode(encoded).get().asInteger().get()).isEqualTo(value);
        });
  }

  @Test
  void longs_roundTripAndMatchBigIntegers() {
    Cases.check(
        CASES,
        gen -> {
          long value = gen.longBetween(1, Long.MAX_VALUE);
          byte[] encoded = RlpWriter.encodeLong(value);
          assertThat(encoded).isEqualTo(RlpWriter.encodeInteger(BigInteger.valueOf(value)));
          assertThat(RlpReader.decode(encoded).get().asInteger().get()).isEqualTo(value);
        });
  }

  @Test
  void trees_roundTrip() {
    Cases.check(
        CASES,
        gen -> {
          Tree tree = tree(gen);
          byte[] encoded = tree.item().encode();
          assertThat(encoded).hasSize(tree.item().encodedLength());
          assertThat(Tree.of(RlpReader.decode(encoded).get())).isEqualTo(tree);
        });
  }

  @Test
  void decodingArbitraryBytes_neverThrowsAndAcceptsOnlyCanonicalForms() {
    Cases.check(CASES, gen -> assertCanonicalOrRejected(gen.bytes(0, 255)));
  }

  @Test
  void decodingMutatedEncodings_neverThrowsAndAcceptsOnlyCanonicalForms() {
    Cases.check(
        CASES,
        gen -> {
          byte[] encoded = tree(gen).item().encode();
          encoded[gen.intBetween(0, 10_000) % encoded.length] = gen.anyByte();
          assertCanonicalOrRejected(encoded);
          int cut = gen.intBetween(0, 10_000);
          assertCanonicalOrRejected(Arrays.copyOf(encoded, cut % (encoded.length + 1)));
        });
  }

  /**
   * Re-framing any short string or list (payload < 56 bytes) in the long form, which encodes the
   * same value, is rejected: the canonical encoding is the only one accepted.
   */
  @Test
  void longFormForShortPayloads_isRejected() {
    Cases.check(
        CASES,
        gen -> {
          byte[] payload = gen.bytes(0, SHORT_MAX);
          byte[] longForm = new byte[payload.length + 2];
          longForm[0] = (byte) (gen.bool() ? 0xf8 : 0xb8);
          longForm[1] = (byte) payload.length;
          System.arraycopy(payload, 0, longForm, 2, payload.length);

          ValidationResult<RlpItem> decoded = RlpReader.decode(longForm);

          assertThat(decoded)
              .isInstanceOfSatisfying(
                  ValidationResult.Invalid.class,
                  invalid ->
                      assertThat(invalid.reason())
                          .isIn(Rejection.RLP_NON_CANONICAL, Rejection.RLP_TRUNCATED));
        });
  }

  /** A length prefix with a leading zero byte is rejected, whatever follows. */
  @Test
  void lengthWithLeadingZero_isRejected() {
    Cases.check(
        CASES,
        gen -> {
          byte[] payload = gen.bytes(LONG_MIN, 300);
          byte[] padded = new byte[payload.length + 4];
          padded[0] = (byte) 0xb9;
          padded[1] = 0;
          padded[2] = (byte) payload.length;
          System.arraycopy(payload, 0, padded, 3, payload.length);

          assertThat(RlpReader.decode(Arrays.copyOf(padded, payload.length + 3)).isValid())
              .isFalse();
        });
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

  /**
   * Bytes of [minSize, maxSize]; one time in eight of 0, 1, 55 or 56 bytes (where forms change).
   */
  private static byte[] bytesAroundTheForms(Gen gen, int minSize, int maxSize) {
    return gen.oneIn(Gen.EDGE_ONE_IN)
        ? gen.bytes(gen.pick(0, 1, SHORT_MAX, LONG_MIN))
        : gen.bytes(minSize, maxSize);
  }

  /** A tree of depth 0..5: lists of 0..6 children, leaves of 0..70 bytes. */
  private static Tree tree(Gen gen) {
    return tree(gen, gen.intBetween(0, 5));
  }

  private static Tree tree(Gen gen, int depth) {
    if (depth == 0 || gen.oneIn(4)) {
      return new Leaf(Hex.encode(bytesAroundTheForms(gen, 0, 70)));
    }
    return new Branch(gen.list(0, 6, () -> tree(gen, depth - 1)));
  }
}
