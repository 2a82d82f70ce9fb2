package io.plasmanode.node.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import io.plasmanode.core.fees.FeeSpec;
import io.plasmanode.core.fees.FeeTable;
import io.plasmanode.core.types.Address;
import java.math.BigInteger;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads the fee table in the shape {@code plasma_getFees} answers (docs/json-rpc.md): {@code { "1":
 * { "0x00..": { "amount": "1000000000000", "subunit_to_unit": "1000000000000000000", "symbol":
 * "ETH" } } }}, transaction type to token to fee, amounts as decimal strings.
 */
public final class FeeTableJson {
  private FeeTableJson() {}

  /**
   * The table {@code json} holds; an empty object is {@link FeeTable#NONE}'s contents.
   *
   * @throws IllegalArgumentException naming what is malformed
   */
  public static FeeTable read(JsonNode json) {
    require(json.isObject(), "expected an object of transaction types, got " + json.getNodeType());
    Map<Integer, Map<Address, FeeSpec>> byTxType = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> types = json.fields(); types.hasNext(); ) {
      Map.Entry<String, JsonNode> type = types.next();
      byTxType.put(txType(type.getKey()), tokens(type.getKey(), type.getValue()));
    }
    return new FeeTable(byTxType);
  }

  private static Map<Address, FeeSpec> tokens(String txType, JsonNode json) {
    require(json.isObject(), "transaction type " + txType + ": expected an object of tokens");
    Map<Address, FeeSpec> byToken = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> tokens = json.fields(); tokens.hasNext(); ) {
      Map.Entry<String, JsonNode> token = tokens.next();
      String where = "transaction type " + txType + ", token " + token.getKey();
      Address address;
      try {
        address = Address.fromHex(token.getKey());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(where + ": not an address", e);
      }
      JsonNode spec = token.getValue();
      require(spec.isObject(), where + ": expected an object");
      byToken.put(
          address,
          new FeeSpec(
              decimal(spec, "amount", where),
              decimal(spec, "subunit_to_unit", where),
              spec.path("symbol").asText("")));
    }
    return byToken;
  }

  private static int txType(String text) {
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("transaction type '" + text + "' is not a number", e);
    }
  }

  private static BigInteger decimal(JsonNode spec, String field, String where) {
    JsonNode value = spec.path(field);
    require(value.isTextual(), where + ": " + field + " must be a decimal string");
    try {
      BigInteger parsed = new BigInteger(value.asText());
      require(parsed.signum() >= 0, where + ": " + field + " must not be negative");
      return parsed;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(where + ": " + field + " is not a decimal number", e);
    }
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(message);
    }
  }
}
