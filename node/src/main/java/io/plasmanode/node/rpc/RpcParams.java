package io.plasmanode.node.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Hash32;
import io.plasmanode.core.types.Hex;
import io.plasmanode.p2p.rpc.JsonRpcException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Strict reading of positional JSON-RPC params. Every problem is an invalid-params error (-32602)
 * whose message names the parameter and says what is wrong, e.g. {@code param 0 (address) must be
 * 20 bytes, got 19}.
 */
final class RpcParams {
  private static final Pattern DECIMAL = Pattern.compile("0|[1-9][0-9]*");
  private static final int MAX_SHOWN_CHARS = 20;

  private final JsonNode params;

  private RpcParams(JsonNode params) {
    this.params = params;
  }

  /** The params of a method taking {@code min..max} positional params. */
  static RpcParams of(JsonNode params, int min, int max) {
    if (!params.isArray()) {
      throw JsonRpcException.invalidParams(
          "params must be a JSON array (positional), got " + typeOf(params));
    }
    int size = params.size();
    if (size > max) {
      throw JsonRpcException.invalidParams(
          "expected at most " + max + " params, got " + size + count(min, max));
    }
    return new RpcParams(params);
  }

  private static String count(int min, int max) {
    return min == max ? " (it takes " + max + ")" : " (it takes " + min + " to " + max + ")";
  }

  /** Variable-length hex, e.g. a signed transaction. */
  byte[] hex(int index, String name) {
    return hexOf(required(index, name), describe(index, name));
  }

  /**
   * An address; in mixed case only with its EIP-55 checksum right (a wrong one is a mistyped
   * address), all lower or all upper case without the check.
   */
  Address address(int index, String name) {
    fixedHex(index, name, Address.SIZE);
    try {
      return Address.fromHexChecked(params.get(index).textValue());
    } catch (IllegalArgumentException e) {
      throw invalid(
          describe(index, name),
          "has a wrong EIP-55 checksum (mixed-case letters that do not match its digits: probably"
              + " mistyped; all lower case skips the check): "
              + shorten(params.get(index).textValue()));
    }
  }

  Hash32 hash32(int index, String name) {
    return Hash32.of(fixedHex(index, name, Hash32.SIZE));
  }

  /** A child block number: a JSON integer, a positive multiple of 1000. */
  long childBlknum(int index, String name) {
    String param = describe(index, name);
    JsonNode node = required(index, name);
    if (!node.isIntegralNumber()) {
      throw invalid(param, "must be a JSON integer, got " + typeOf(node));
    }
    BigInteger value = node.bigIntegerValue();
    if (value.signum() < 0) {
      throw invalid(param, "must not be negative, got " + value);
    }
    if (value.bitLength() > 63 || value.longValue() > UtxoPos.MAX_BLKNUM) {
      throw invalid(param, "is too large: " + value + " > " + UtxoPos.MAX_BLKNUM);
    }
    long blknum = value.longValue();
    if (blknum == 0 || blknum % UtxoPos.CHILD_BLOCK_INTERVAL != 0) {
      throw invalid(
          param, "is not a child block number (a positive multiple of 1000), got " + blknum);
    }
    return blknum;
  }

  /** An optional boolean; empty when the param is absent. */
  Optional<Boolean> optionalBoolean(int index, String name) {
    if (index >= params.size()) {
      return Optional.empty();
    }
    JsonNode node = params.get(index);
    if (!node.isBoolean()) {
      throw invalid(describe(index, name), "must be true or false, got " + typeOf(node));
    }
    return Optional.of(node.booleanValue());
  }

  /** An optional string; empty when the param is absent or null. */
  Optional<String> optionalText(int index, String name) {
    if (index >= params.size() || params.get(index).isNull()) {
      return Optional.empty();
    }
    JsonNode node = params.get(index);
    if (!node.isTextual()) {
      throw invalid(describe(index, name), "must be a string or null, got " + typeOf(node));
    }
    return Optional.of(node.textValue());
  }

  /** An optional JSON integer in {@code min..max}; empty when the param is absent or null. */
  Optional<Integer> optionalInt(int index, String name, int min, int max) {
    if (index >= params.size() || params.get(index).isNull()) {
      return Optional.empty();
    }
    String param = describe(index, name);
    JsonNode node = params.get(index);
    if (!node.isIntegralNumber()) {
      throw invalid(param, "must be a JSON integer, got " + typeOf(node));
    }
    BigInteger value = node.bigIntegerValue();
    if (value.compareTo(BigInteger.valueOf(min)) < 0
        || value.compareTo(BigInteger.valueOf(max)) > 0) {
      throw invalid(param, "must be " + min + ".." + max + ", got " + value);
    }
    return Optional.of(value.intValueExact());
  }

  /** An input or output index of a transaction: 0..3, a decimal string or a JSON integer. */
  int slotIndex(int index, String name) {
    String param = describe(index, name);
    BigInteger value = nonNegativeInteger(required(index, name), param);
    if (value.compareTo(BigInteger.valueOf(UtxoPos.MAX_OUTPUTS)) >= 0) {
      throw invalid(param, "must be 0..3, got " + value);
    }
    return value.intValueExact();
  }

  /** A utxo position: a decimal string or a JSON integer. */
  UtxoPos utxoPos(int index, String name) {
    String param = describe(index, name);
    BigInteger value = nonNegativeInteger(required(index, name), param);
    return UtxoPos.fromBigInteger(value)
        .orElseThrow(
            () ->
                invalid(
                    param,
                    "is not a valid utxo position (blknum * 1e6 + txIndex * 10 + oindex, with"
                        + " 1 <= blknum <= "
                        + UtxoPos.MAX_BLKNUM
                        + ", txIndex < 65536, oindex < 4), got "
                        + value));
  }

  /** A JSON array of variable-length hex strings. */
  List<byte[]> hexList(int index, String name) {
    JsonNode node = required(index, name);
    if (!node.isArray()) {
      throw invalid(describe(index, name), "must be an array of hex strings, got " + typeOf(node));
    }
    List<byte[]> items = new ArrayList<>(node.size());
    for (int i = 0; i < node.size(); i++) {
      items.add(hexOf(node.get(i), describe(index, name) + " item " + i));
    }
    return items;
  }

  private JsonNode required(int index, String name) {
    if (index >= params.size() || params.get(index).isNull()) {
      throw invalid(describe(index, name), "is missing");
    }
    return params.get(index);
  }

  private byte[] fixedHex(int index, String name, int size) {
    byte[] bytes = hex(index, name);
    if (bytes.length != size) {
      throw invalid(describe(index, name), "must be " + size + " bytes, got " + bytes.length);
    }
    return bytes;
  }

  private static byte[] hexOf(JsonNode node, String param) {
    if (!node.isTextual()) {
      throw invalid(param, "must be a hex string, got " + typeOf(node));
    }
    String text = node.textValue();
    String digits = text.startsWith("0x") || text.startsWith("0X") ? text.substring(2) : text;
    if (!isHex(digits)) {
      throw invalid(param, "is not hex (0-9, a-f after an optional 0x): " + shorten(text));
    }
    if (digits.length() % 2 != 0) {
      throw invalid(param, "has an odd number of hex digits (" + digits.length() + ")");
    }
    return Hex.decode(digits);
  }

  /** A plain loop: this runs for every submitted transaction (a regex cost 4% of the operator). */
  private static boolean isHex(String digits) {
    for (int i = 0; i < digits.length(); i++) {
      if (!HexFormat.isHexDigit(digits.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static BigInteger nonNegativeInteger(JsonNode node, String param) {
    BigInteger value;
    if (node.isIntegralNumber()) {
      value = node.bigIntegerValue();
    } else if (node.isTextual() && DECIMAL.matcher(node.textValue()).matches()) {
      value = new BigInteger(node.textValue());
    } else if (node.isTextual() && node.textValue().startsWith("-")) {
      throw invalid(param, "must not be negative, got " + shorten(node.textValue()));
    } else if (node.isTextual()) {
      throw invalid(param, "is not a decimal integer: " + shorten(node.textValue()));
    } else {
      throw invalid(param, "must be a decimal string or a JSON integer, got " + typeOf(node));
    }
    if (value.signum() < 0) {
      throw invalid(param, "must not be negative, got " + value);
    }
    return value;
  }

  private static String describe(int index, String name) {
    return "param " + index + " (" + name + ")";
  }

  private static JsonRpcException invalid(String param, String problem) {
    return JsonRpcException.invalidParams(param + " " + problem);
  }

  private static String typeOf(JsonNode node) {
    if (node.isNumber()) {
      return node.isIntegralNumber() ? "an integer" : "a fractional number";
    }
    String type = node.getNodeType().name().toLowerCase(Locale.ROOT);
    return switch (type) {
      case "array", "object" -> "an " + type;
      case "null" -> "null";
      default -> "a " + type;
    };
  }

  private static String shorten(String text) {
    return '"'
        + (text.length() <= MAX_SHOWN_CHARS ? text : text.substring(0, MAX_SHOWN_CHARS) + "...")
        + '"';
  }
}
