package io.plasmanode.node.fees;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import io.plasmanode.core.fees.FeeSpec;
import io.plasmanode.core.fees.FeeTable;
import io.plasmanode.core.tx.PaymentTransaction;
import io.plasmanode.core.types.Address;
import java.io.IOException;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads a fee-specs file (elixir-omg's shape, amounts as decimal strings): tx type to token to
 * spec,
 *
 * <pre>{@code
 * { "1": { "0x0000000000000000000000000000000000000000":
 *          { "amount": "1000000000000", "subunit_to_unit": "1000000000000000000", "symbol": "ETH" } } }
 * }</pre>
 *
 * <p>Strict: every tx type is {@code "1"} (payments, the only transactions that pay fees), every
 * token a 0x-prefixed 20-byte address listed once, every spec has exactly the three fields, amounts
 * are positive decimal strings (at most 78 digits: a uint256), the symbol is 1..16 printable
 * characters, and at least one token is listed. Anything else is {@link Malformed}, with the line
 * and column where it was found and the reason; nothing of a malformed file is taken.
 */
public final class FeeSpecsParser {
  /** The largest file taken: a fee table lists a few tokens. */
  public static final int MAX_BYTES = 1 << 20;

  static final int MAX_SYMBOL_LENGTH = 16;
  private static final int MAX_DIGITS = 78;
  private static final Set<String> FIELDS = Set.of("amount", "subunit_to_unit", "symbol");
  private static final JsonFactory JSON =
      JsonFactory.builder()
          .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(8).build())
          .build();

  private FeeSpecsParser() {}

  /** What a fee-specs text parses to: the table, or where and why it is malformed. */
  public sealed interface Result permits Parsed, Malformed {}

  /** A well-formed fee table. */
  public record Parsed(FeeTable table) implements Result {
    public Parsed {
      requireNonNull(table, "table");
    }
  }

  /**
   * A malformed fee-specs text.
   *
   * @param line the line (from 1) where the problem is
   * @param column the column (from 1) where the problem is
   * @param reason what is wrong there
   */
  public record Malformed(int line, int column, String reason) implements Result {
    public Malformed {
      requireNonNull(reason, "reason");
    }

    /** {@code line L, column C: reason}. */
    public String message() {
      return "line %d, column %d: %s".formatted(line, column, reason);
    }
  }

  /** Parses {@code text}; never throws on bad input. */
  public static Result parse(String text) {
    requireNonNull(text, "text");
    try (JsonParser parser = JSON.createParser(text)) {
      return new Parsed(new FeeTable(readTable(parser)));
    } catch (MalformedSpecs e) {
      return new Malformed(e.line, e.column, e.getMessage());
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      return new Malformed(
          at == null ? 1 : at.getLineNr(),
          at == null ? 1 : at.getColumnNr(),
          "not JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new IllegalStateException("reading a string cannot fail", e);
    }
  }

  private static Map<Integer, Map<Address, FeeSpec>> readTable(JsonParser parser)
      throws IOException {
    expect(parser, parser.nextToken(), JsonToken.START_OBJECT, "the fee specs must be an object");
    Map<Integer, Map<Address, FeeSpec>> byTxType = new TreeMap<>();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      int txType = txType(parser);
      if (byTxType.containsKey(txType)) {
        throw malformed(parser, "tx type %d is listed twice".formatted(txType));
      }
      byTxType.put(txType, readTokens(parser));
    }
    if (parser.nextToken() != null) {
      throw malformed(parser, "text after the fee specs' closing brace");
    }
    if (byTxType.isEmpty()) {
      throw malformed(
          parser,
          "no fee is listed: list at least one token under \"1\", or run without --fee-specs"
              + " (no fees)");
    }
    return byTxType;
  }

  private static int txType(JsonParser parser) throws IOException {
    String name = parser.currentName();
    if (!name.equals(Integer.toString(PaymentTransaction.TX_TYPE_PAYMENT))) {
      throw malformed(
          parser,
          "tx type \"%s\" cannot pay fees: only payments (\"%d\") do"
              .formatted(name, PaymentTransaction.TX_TYPE_PAYMENT));
    }
    return PaymentTransaction.TX_TYPE_PAYMENT;
  }

  private static Map<Address, FeeSpec> readTokens(JsonParser parser) throws IOException {
    expect(
        parser,
        parser.nextToken(),
        JsonToken.START_OBJECT,
        "the fees of a tx type must be an object of token address to fee spec");
    Map<Address, FeeSpec> byToken = new LinkedHashMap<>();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      Address token = token(parser);
      if (byToken.containsKey(token)) {
        throw malformed(parser, "token %s is listed twice".formatted(token.toHex()));
      }
      byToken.put(token, readSpec(parser));
    }
    if (byToken.isEmpty()) {
      throw malformed(parser, "a tx type lists no token: remove it or list a token");
    }
    return byToken;
  }

  private static Address token(JsonParser parser) throws IOException {
    String name = parser.currentName();
    if (!name.matches("0x[0-9a-fA-F]{40}")) {
      throw malformed(
          parser,
          "token \"%s\" is not an address (0x and 40 hex digits; 0x000...000 is ETH)"
              .formatted(name));
    }
    try {
      return Address.fromHexChecked(name);
    } catch (IllegalArgumentException e) {
      throw malformed(parser, "token " + e.getMessage());
    }
  }

  private static FeeSpec readSpec(JsonParser parser) throws IOException {
    expect(
        parser,
        parser.nextToken(),
        JsonToken.START_OBJECT,
        "a fee spec must be an object {amount, subunit_to_unit, symbol}");
    Map<String, String> fields = new HashMap<>();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String field = parser.currentName();
      if (!FIELDS.contains(field)) {
        throw malformed(
            parser,
            "unknown field \"%s\" (a fee spec has amount, subunit_to_unit and symbol)"
                .formatted(field));
      }
      if (fields.containsKey(field)) {
        throw malformed(parser, "field \"%s\" is listed twice".formatted(field));
      }
      JsonToken value = parser.nextToken();
      expect(parser, value, JsonToken.VALUE_STRING, "\"%s\" must be a string".formatted(field));
      fields.put(field, checkedValue(parser, field, parser.getText()));
    }
    for (String field : new String[] {"amount", "subunit_to_unit", "symbol"}) {
      if (!fields.containsKey(field)) {
        throw malformed(parser, "the fee spec has no \"%s\"".formatted(field));
      }
    }
    return new FeeSpec(
        new BigInteger(fields.get("amount")),
        new BigInteger(fields.get("subunit_to_unit")),
        fields.get("symbol"));
  }

  private static String checkedValue(JsonParser parser, String field, String value)
      throws IOException {
    if (field.equals("symbol")) {
      if (value.isEmpty()
          || value.length() > MAX_SYMBOL_LENGTH
          || !value.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
        throw malformed(
            parser,
            "symbol \"%s\" must be 1..%d printable ASCII characters without spaces"
                .formatted(value, MAX_SYMBOL_LENGTH));
      }
      return value;
    }
    if (!value.matches("[1-9][0-9]{0," + (MAX_DIGITS - 1) + "}")
        || new BigInteger(value).bitLength() > 256) {
      throw malformed(
          parser,
          "\"%s\" must be a positive whole number as a decimal string (a uint256), got \"%s\""
              .formatted(field, value));
    }
    return value;
  }

  private static void expect(JsonParser parser, JsonToken actual, JsonToken expected, String why)
      throws IOException {
    if (actual != expected) {
      throw malformed(parser, why);
    }
  }

  private static MalformedSpecs malformed(JsonParser parser, String reason) {
    JsonLocation at = parser.currentTokenLocation();
    return new MalformedSpecs(at.getLineNr(), at.getColumnNr(), reason);
  }

  /** Unwinds the parse to {@link #parse}, which turns it into a {@link Malformed}. */
  private static final class MalformedSpecs extends IOException {
    private static final long serialVersionUID = 1L;
    private final transient int line;
    private final transient int column;

    MalformedSpecs(int line, int column, String reason) {
      super(reason);
      this.line = line;
      this.column = column;
    }
  }
}
