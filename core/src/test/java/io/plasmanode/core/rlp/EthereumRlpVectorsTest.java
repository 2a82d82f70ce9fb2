package io.plasmanode.core.rlp;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.plasmanode.core.tx.TxCodec;
import io.plasmanode.core.types.Hex;
import io.plasmanode.core.validation.Rejection;
import io.plasmanode.core.validation.ValidationResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The official RLP vectors of ethereum/tests (src/test/resources/ethereum-tests, MIT licence):
 * every invalid vector is rejected by the RLP reader and by the transaction decoder; every valid
 * vector is what our writer produces for its input, and decodes back to that input and the same
 * bytes. Big integers beyond 256 bits are compared as bytes.
 */
class EthereumRlpVectorsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DIRECTORY = "/ethereum-tests/RLPTests/";
  private static final Set<Rejection> RLP_REJECTIONS =
      EnumSet.range(Rejection.RLP_TRUNCATED, Rejection.RLP_TOO_DEEP);

  /** Upstream's one inconsistent vector (see the README next to the files). */
  private static final String LIST_OF_BINARIES = "listofbinaries";

  @Test
  void files_holdTheUpstreamVectors() {
    assertThat(vectors("invalidRLPTest.json")).hasSize(17);
    assertThat(vectors("rlptest.json")).hasSize(29);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidVectors")
  void invalidVector_isRejectedByTheReaderAndTheTxDecoder(JsonNode vector) {
    assertThat(vector.get("in").asText()).isEqualTo("INVALID");
    byte[] bytes = hex(vector.get("out").asText());

    assertThat(rejection(RlpReader.decode(bytes))).isIn(RLP_REJECTIONS);
    assertThat(rejection(TxCodec.decodeSigned(bytes))).isIn(RLP_REJECTIONS);
    assertThat(rejection(TxCodec.decode(bytes))).isIn(RLP_REJECTIONS);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validVectors")
  void validVector_isWrittenAndReadBackByteForByte(String name, JsonNode vector) {
    byte[] out = hex(vector.get("out").asText());
    JsonNode in = vector.get("in");
    byte[] written = item(in).encode();
    if (name.equals(LIST_OF_BINARIES)) {
      assertThat(written).isNotEqualTo(out);
      assertThat(rejection(RlpReader.decode(out))).isEqualTo(Rejection.RLP_TRAILING_BYTES);
      out = written;
    }
    assertThat(Hex.encode(written)).isEqualTo(Hex.encode(out));

    RlpItem decoded = RlpReader.decode(out).get();

    assertThat(tree(decoded)).isEqualTo(tree(in));
    assertThat(reencode(decoded).encode()).isEqualTo(out);
    if (in.isIntegralNumber() || isBigInteger(in)) {
      checkInteger(decoded, integer(in));
    }
  }

  @Test
  void listOfBinaries_isTheOnlyVectorWhoseOutIsNotTheEncodingOfItsIn() {
    List<String> inconsistent = new ArrayList<>();
    for (Map.Entry<String, JsonNode> vector : vectors("rlptest.json").entrySet()) {
      byte[] out = hex(vector.getValue().get("out").asText());
      if (!Hex.encode(item(vector.getValue().get("in")).encode()).equals(Hex.encode(out))) {
        inconsistent.add(vector.getKey());
      }
    }
    assertThat(inconsistent).containsExactly(LIST_OF_BINARIES);
  }

  static Stream<Named<JsonNode>> invalidVectors() {
    return vectors("invalidRLPTest.json").entrySet().stream()
        .map(entry -> Named.of(entry.getKey(), entry.getValue()));
  }

  static Stream<Arguments> validVectors() {
    return vectors("rlptest.json").entrySet().stream()
        .map(entry -> Arguments.of(entry.getKey(), entry.getValue()));
  }

  private static Map<String, JsonNode> vectors(String file) {
    try (InputStream in = EthereumRlpVectorsTest.class.getResourceAsStream(DIRECTORY + file)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + DIRECTORY + file);
      }
      Map<String, JsonNode> vectors = new LinkedHashMap<>();
      JSON.readTree(in)
          .properties()
          .forEach(entry -> vectors.put(entry.getKey(), entry.getValue()));
      return vectors;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The writer's item for a vector's input. */
  private static RlpWriter.Item item(JsonNode in) {
    if (in.isArray()) {
      List<RlpWriter.Item> items = new ArrayList<>();
      in.forEach(child -> items.add(item(child)));
      return RlpWriter.list(items);
    }
    if (in.isIntegralNumber()) {
      return RlpWriter.integer(in.bigIntegerValue());
    }
    return RlpWriter.bytes(bytes(in));
  }

  /** A comparable rendering: strings as hex, lists as lists. */
  private static Object tree(JsonNode in) {
    if (in.isArray()) {
      List<Object> items = new ArrayList<>();
      in.forEach(child -> items.add(tree(child)));
      return items;
    }
    return Hex.encode(in.isIntegralNumber() ? magnitude(in.bigIntegerValue()) : bytes(in));
  }

  private static Object tree(RlpItem item) {
    if (!item.isList()) {
      return Hex.encode(item.bytes());
    }
    List<Object> items = new ArrayList<>();
    item.items().forEach(child -> items.add(tree(child)));
    return items;
  }

  private static RlpWriter.Item reencode(RlpItem item) {
    if (!item.isList()) {
      return RlpWriter.bytes(item.bytes());
    }
    return RlpWriter.list(item.items().stream().map(EthereumRlpVectorsTest::reencode).toList());
  }

  /** Integers up to 256 bits read back as themselves; longer ones are refused as integers. */
  private static void checkInteger(RlpItem decoded, BigInteger expected) {
    ValidationResult<BigInteger> value = decoded.asInteger();
    if (expected.bitLength() <= 256) {
      assertThat(value.get()).isEqualTo(expected);
    } else {
      assertThat(rejection(value)).isEqualTo(Rejection.MALFORMED_INTEGER);
    }
  }

  /** A string input's bytes: {@code #n} as a big integer, {@code 0x..} as hex, else UTF-8. */
  private static byte[] bytes(JsonNode in) {
    String text = in.textValue();
    if (isBigInteger(in)) {
      return magnitude(integer(in));
    }
    if (text.startsWith("0x")) {
      return hex(text);
    }
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static boolean isBigInteger(JsonNode in) {
    return in.isTextual() && in.textValue().startsWith("#");
  }

  private static BigInteger integer(JsonNode in) {
    return in.isIntegralNumber()
        ? in.bigIntegerValue()
        : new BigInteger(in.textValue().substring(1));
  }

  /** Big-endian without leading zeros; zero is empty. */
  private static byte[] magnitude(BigInteger value) {
    byte[] bytes = value.toByteArray();
    return bytes[0] == 0 ? Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
  }

  private static byte[] hex(String text) {
    String digits = text.startsWith("0x") ? text.substring(2) : text;
    return Hex.decode(digits.toLowerCase(Locale.ROOT));
  }

  private static Rejection rejection(ValidationResult<?> result) {
    assertThat(result).isInstanceOf(ValidationResult.Invalid.class);
    return ((ValidationResult.Invalid<?>) result).reason();
  }
}
