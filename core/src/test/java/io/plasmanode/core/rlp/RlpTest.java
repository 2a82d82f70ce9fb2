package io.plasmanode.core.rlp;

import static org.assertj.core.api.Assertions.assertThat;

import io.plasmanode.core.types.Hex;
import io.plasmanode.core.validation.Rejection;
import io.plasmanode.core.validation.ValidationResult;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RlpTest {
  private static final String LOREM = "Lorem ipsum dolor sit amet, consectetur adipisicing elit";

  @Test
  void encode_matchesEthereumVectors() {
    assertThat(hex(RlpWriter.encodeBytes(ascii("dog")))).isEqualTo("0x83646f67");
    assertThat(hex(RlpWriter.list(text("cat"), text("dog")).encode()))
        .isEqualTo("0xc88363617483646f67");
    assertThat(hex(RlpWriter.encodeBytes(new byte[0]))).isEqualTo("0x80");
    assertThat(hex(RlpWriter.list().encode())).isEqualTo("0xc0");
    assertThat(hex(RlpWriter.encodeLong(0))).isEqualTo("0x80");
    assertThat(hex(RlpWriter.encodeBytes(new byte[] {0}))).isEqualTo("0x00");
    assertThat(hex(RlpWriter.encodeLong(15))).isEqualTo("0x0f");
    assertThat(hex(RlpWriter.encodeBytes(new byte[] {4, 0}))).isEqualTo("0x820400");
    assertThat(hex(RlpWriter.encodeLong(1024))).isEqualTo("0x820400");
    assertThat(hex(RlpWriter.encodeInteger(BigInteger.valueOf(1024)))).isEqualTo("0x820400");
    assertThat(hex(RlpWriter.encodeLong(0x80))).isEqualTo("0x8180");
    assertThat(hex(RlpWriter.encodeBytes(ascii(LOREM))))
        .isEqualTo("0xb838" + Hex.encode(ascii(LOREM)).substring(2));
  }

  @Test
  void encode_setTheoreticRepresentationOfThree() {
    RlpWriter.Item empty = RlpWriter.list();
    RlpWriter.Item one = RlpWriter.list(empty);
    RlpWriter.Item two = RlpWriter.list(empty, one);
    assertThat(hex(RlpWriter.list(empty, one, two).encode())).isEqualTo("0xc7c0c1c0c3c0c1c0");
  }

  @Test
  void encode_longListAndBigIntegers() {
    byte[] item = RlpWriter.encodeBytes(ascii(LOREM));
    assertThat(hex(RlpWriter.encodeList(List.of(item)))).startsWith("0xf83ab838");
    assertThat(hex(RlpWriter.encodeInteger(BigInteger.ONE.shiftLeft(255))))
        .isEqualTo("0xa08" + "0".repeat(63));
    assertThat(hex(RlpWriter.encodeLong(Long.MAX_VALUE))).isEqualTo("0x887fffffffffffffff");
  }

  @Test
  void decode_readsStringsListsAndIntegers() {
    RlpItem list = decode("0xc88363617483646f67");
    assertThat(list.isList()).isTrue();
    assertThat(list.items())
        .extracting(item -> new String(item.bytes(), StandardCharsets.US_ASCII))
        .containsExactly("cat", "dog");
    assertThat(decode("0x820400").asInteger().get()).isEqualTo(1024);
    assertThat(decode("0x80").asInteger().get()).isEqualTo(0);
    assertThat(decode("0x0f").asInteger().get()).isEqualTo(15);
    assertThat(decode("0x00").bytes()).containsExactly(0);
    assertThat(decode("0xb838" + Hex.encode(ascii(LOREM)).substring(2)).bytes())
        .isEqualTo(ascii(LOREM));
    RlpItem three = decode("0xc7c0c1c0c3c0c1c0");
    assertThat(three.items()).hasSize(3);
    assertThat(three.items().get(2).items().get(1).items().get(0).items()).isEmpty();
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource({
    "RLP_TRUNCATED, 0x",
    "RLP_TRUNCATED, 0x83646f",
    "RLP_TRUNCATED, 0xb8",
    "RLP_TRUNCATED, 0xb83a00",
    "RLP_TRUNCATED, 0xc88363617483646f",
    "RLP_TRUNCATED, 0xc28364",
    "RLP_TRUNCATED, 0xbb7fffffff",
    "RLP_TRUNCATED, 0xf9",
    "RLP_NON_CANONICAL, 0x8105",
    "RLP_NON_CANONICAL, 0x817f",
    "RLP_NON_CANONICAL, 0xc28100",
    "RLP_NON_CANONICAL, 0xb80400000000",
    "RLP_NON_CANONICAL, 0xf800",
    "RLP_NON_CANONICAL, 0xb90038",
    "RLP_NON_CANONICAL, 0xf9003800",
    "RLP_NON_CANONICAL, 0xbb80000000",
    "RLP_NON_CANONICAL, 0xbc0100000000",
    "RLP_NON_CANONICAL, 0xbfffffffffffffffff",
    "RLP_NON_CANONICAL, 0xffffffffffffffffff",
    "RLP_TRAILING_BYTES, 0x8000",
    "RLP_TRAILING_BYTES, 0xc0c0",
    "RLP_TRAILING_BYTES, 0x83646f6767",
  })
  void decode_rejects(Rejection expected, String hex) {
    assertThat(reason(RlpReader.decode(Hex.decode(hex)))).isEqualTo(expected);
  }

  @Test
  void decode_acceptsNestingUpToMaxDepthAndRejectsDeeper() {
    assertThat(RlpReader.decode(nested(RlpReader.MAX_DEPTH)).isValid()).isTrue();
    assertThat(RlpReader.decode(nested(RlpReader.MAX_DEPTH + 1)))
        .isEqualTo(ValidationResult.invalid(Rejection.RLP_TOO_DEEP, "lists nested deeper than 8"));
  }

  @Test
  void decode_rejectsDeepNestingWithoutRecursingIntoIt() {
    assertThat(reason(RlpReader.decode(deeplyNested(100_000)))).isEqualTo(Rejection.RLP_TOO_DEEP);
  }

  @Test
  void asInteger_rejectsMalformedIntegers() {
    for (String hex : List.of("0x820001", "0x00", "0xc0", "0xa1" + "01" + "00".repeat(32))) {
      assertThat(reason(decode(hex).asInteger())).as(hex).isEqualTo(Rejection.MALFORMED_INTEGER);
    }
  }

  @Test
  void asInteger_accepts32ByteMaximum() {
    RlpItem max = decode("0xa0" + "ff".repeat(32));
    assertThat(max.asInteger().get())
        .isEqualTo(BigInteger.ONE.shiftLeft(256).subtract(BigInteger.ONE));
  }

  private static byte[] nested(int depth) {
    RlpWriter.Item item = RlpWriter.list();
    for (int i = 1; i < depth; i++) {
      item = RlpWriter.list(item);
    }
    return item.encode();
  }

  /** Lists nested {@code depth} deep, written without recursion. */
  private static byte[] deeplyNested(int depth) {
    int[] payloads = new int[depth];
    for (int level = 1; level < depth; level++) {
      payloads[level] = RlpWriter.headerLength(payloads[level - 1]) + payloads[level - 1];
    }
    byte[] out = new byte[RlpWriter.headerLength(payloads[depth - 1]) + payloads[depth - 1]];
    int position = 0;
    for (int level = depth - 1; level >= 0; level--) {
      position = RlpWriter.writeHeader(out, position, RlpWriter.LIST_OFFSET, payloads[level]);
    }
    assertThat(position).isEqualTo(out.length);
    return out;
  }

  private static RlpItem decode(String hex) {
    return RlpReader.decode(Hex.decode(hex)).get();
  }

  private static Rejection reason(ValidationResult<?> result) {
    assertThat(result).isInstanceOf(ValidationResult.Invalid.class);
    return ((ValidationResult.Invalid<?>) result).reason();
  }

  private static RlpWriter.Item text(String value) {
    return RlpWriter.bytes(ascii(value));
  }

  private static byte[] ascii(String value) {
    return value.getBytes(StandardCharsets.US_ASCII);
  }

  private static String hex(byte[] bytes) {
    return Hex.encode(bytes);
  }
}
