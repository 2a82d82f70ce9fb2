package io.plasmanode.core.testing.fuzz;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ContainerNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Mutations of JSON-RPC request bodies: values swapped for hostile ones (deep nesting, huge and odd
 * numbers, wrong types, long strings), members removed or renamed, requests wrapped in batches
 * (empty, oversized), then text-level damage: invalid UTF-8, truncation, trailing garbage, byte
 * mutations, or a body replaced by a hand-written hostile text.
 */
public final class JsonMutator {
  /** Writes nesting far deeper than any server reads (Jackson's default limit is 1000). */
  private static final ObjectMapper JSON =
      new ObjectMapper(
          JsonFactory.builder()
              .streamWriteConstraints(
                  StreamWriteConstraints.builder().maxNestingDepth(1_000_000).build())
              .build());

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** Byte sequences that are not UTF-8: stray continuation, overlong, surrogate, truncated. */
  private static final byte[][] INVALID_UTF8 = {
    {(byte) 0xff},
    {(byte) 0xfe, (byte) 0xff},
    {(byte) 0x80},
    {(byte) 0xc0, (byte) 0xaf},
    {(byte) 0xe0, (byte) 0x80, (byte) 0xaf},
    {(byte) 0xed, (byte) 0xa0, (byte) 0x80},
    {(byte) 0xe2, (byte) 0x82},
    {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
    {0}
  };

  private static final String[] HOSTILE_NUMBERS = {
    "1e999999999",
    "-1e-999999999",
    "1e2147483648",
    "1E-2147483649",
    "-0",
    "0.0",
    "-0.0e-0",
    "1.5",
    "9223372036854775808",
    "-9223372036854775809",
    "18446744073709551616",
    "115792089237316195423570985008687907853269984665640564039457584007913129639936",
    "1" + "0".repeat(999),
    "1" + "0".repeat(1500),
    "0." + "0".repeat(2000) + "1",
    "1e309",
    "4.9e-325",
    "12345678901234567890.123456789e-30"
  };

  private static final String[] HOSTILE_TEXTS = {
    "",
    " ",
    "null",
    "true",
    "0",
    "\"\"",
    "[]",
    "{}",
    "[{}]",
    "[null]",
    "[[]]",
    "{\"jsonrpc\":\"2.0\"}",
    "{\"jsonrpc\":\"2.0\",\"method\":null,\"id\":1}",
    "NaN",
    "Infinity",
    "-Infinity",
    "01",
    "0x10",
    "{'jsonrpc':'2.0'}",
    "{jsonrpc:\"2.0\"}",
    "/* */ {}",
    "{} {}",
    "[] x",
    "\"\\ud800\"",
    "\"\\u0000\"",
    "{\"a\":1,\"a\":2}",
    "\ufeff{}"
  };

  private JsonMutator() {}

  /** One to three mutations of {@code request}; {@code other} is another request to mix in. */
  public static byte[] mutate(JsonNode request, JsonNode other, Random random) {
    JsonNode tree = request.deepCopy();
    int treeMutations = random.nextInt(3);
    for (int i = 0; i < treeMutations; i++) {
      tree = mutateTree(tree, other, random);
    }
    byte[] text = bytes(tree);
    return switch (random.nextInt(10)) {
      case 0 -> insert(text, INVALID_UTF8[random.nextInt(INVALID_UTF8.length)], random);
      case 1 -> Arrays.copyOf(text, random.nextInt(text.length + 1));
      case 2 -> concat(text, bytes(other));
      case 3 -> ByteMutator.mutate(text, bytes(other), random);
      case 4 -> hostileText(random);
      default ->
          text.length == 0 || treeMutations > 0 ? text : mutateTreeBytes(tree, other, random);
    };
  }

  private static byte[] mutateTreeBytes(JsonNode tree, JsonNode other, Random random) {
    return bytes(mutateTree(tree, other, random));
  }

  /** A body that is hostile as text: deep nesting, a huge number, or a malformed snippet. */
  public static byte[] hostileText(Random random) {
    return switch (random.nextInt(4)) {
      case 0 -> {
        int depth = 1 + random.nextInt(random.nextBoolean() ? 1_200 : 20_000);
        String open = random.nextBoolean() ? "[" : "{\"a\":";
        String close = open.equals("[") ? "]" : "}";
        boolean closed = random.nextBoolean();
        yield utf8(open.repeat(depth) + "1" + (closed ? close.repeat(depth) : ""));
      }
      case 1 ->
          utf8(
              "{\"jsonrpc\":\"2.0\",\"method\":\"m\",\"id\":"
                  + HOSTILE_NUMBERS[random.nextInt(HOSTILE_NUMBERS.length)]
                  + "}");
      default -> utf8(HOSTILE_TEXTS[random.nextInt(HOSTILE_TEXTS.length)]);
    };
  }

  private static JsonNode mutateTree(JsonNode tree, JsonNode other, Random random) {
    switch (random.nextInt(8)) {
      case 0 -> {
        return batch(tree, other, random);
      }
      case 1 -> {
        return hostileValue(random);
      }
      default -> {
        List<Slot> slots = new ArrayList<>();
        collect(tree, slots);
        if (slots.isEmpty()) {
          return hostileValue(random);
        }
        Slot slot = slots.get(random.nextInt(slots.size()));
        mutateSlot(slot, random);
        return tree;
      }
    }
  }

  /** A member of an object or an element of an array. */
  private record Slot(ContainerNode<?> parent, String field, int index) {}

  private static void mutateSlot(Slot slot, Random random) {
    int action = random.nextInt(6);
    if (slot.parent() instanceof ObjectNode object) {
      switch (action) {
        case 0 -> object.remove(slot.field());
        case 1 ->
            object.set(
                slot.field() + (random.nextBoolean() ? "x" : ""), object.remove(slot.field()));
        case 2 -> object.set(slot.field().toUpperCase(Locale.ROOT), object.get(slot.field()));
        default -> object.set(slot.field(), hostileValue(random));
      }
    } else if (slot.parent() instanceof ArrayNode array) {
      switch (action) {
        case 0 -> array.remove(slot.index());
        case 1 -> array.insert(slot.index(), hostileValue(random));
        default -> array.set(slot.index(), hostileValue(random));
      }
    }
  }

  private static JsonNode batch(JsonNode tree, JsonNode other, Random random) {
    ArrayNode batch = NODES.arrayNode();
    int size =
        switch (random.nextInt(6)) {
          case 0 -> 0;
          case 1 -> 95 + random.nextInt(20);
          default -> 1 + random.nextInt(5);
        };
    for (int i = 0; i < size; i++) {
      batch.add(random.nextBoolean() ? tree.deepCopy() : other.deepCopy());
    }
    return batch;
  }

  /** A value of a random type, many of them hostile. */
  public static JsonNode hostileValue(Random random) {
    return switch (random.nextInt(14)) {
      case 0 -> NODES.nullNode();
      case 1 -> NODES.booleanNode(random.nextBoolean());
      case 2 -> NODES.numberNode(random.nextLong());
      case 3 -> NODES.numberNode(new BigInteger(1 + random.nextInt(4000), random));
      case 4 ->
          NODES.numberNode(new BigDecimal(BigInteger.valueOf(random.nextLong()), random.nextInt()));
      case 5 -> NODES.numberNode(random.nextDouble() * 1e300);
      case 6 -> NODES.textNode("0x" + "ab".repeat(random.nextInt(200)));
      case 7 -> NODES.textNode("x".repeat(random.nextInt(5000)));
      case 8 -> NODES.textNode("\u00e9\u4e2d\ud83d\ude00\u0000\u202e" + random.nextInt());
      case 9 -> nested(random, 1 + random.nextInt(random.nextBoolean() ? 50 : 990));
      case 10 -> NODES.arrayNode();
      case 11 -> NODES.objectNode();
      case 12 -> NODES.textNode("2.0");
      default -> NODES.textNode(Long.toString(random.nextLong()));
    };
  }

  private static JsonNode nested(Random random, int depth) {
    JsonNode node = NODES.numberNode(1);
    for (int i = 0; i < depth; i++) {
      node = random.nextBoolean() ? NODES.arrayNode().add(node) : NODES.objectNode().set("a", node);
    }
    return node;
  }

  private static void collect(JsonNode node, List<Slot> slots) {
    if (slots.size() > 200) {
      return;
    }
    if (node instanceof ObjectNode object) {
      List<String> names = new ArrayList<>();
      object.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        slots.add(new Slot(object, name, -1));
        collect(object.get(name), slots);
      }
    } else if (node instanceof ArrayNode array) {
      for (int i = 0; i < array.size(); i++) {
        slots.add(new Slot(array, null, i));
        collect(array.get(i), slots);
      }
    }
  }

  private static byte[] insert(byte[] text, byte[] inserted, Random random) {
    int at = random.nextInt(text.length + 1);
    ByteArrayOutputStream out = new ByteArrayOutputStream(text.length + inserted.length);
    out.write(text, 0, at);
    out.write(inserted, 0, inserted.length);
    out.write(text, at, text.length - at);
    return out.toByteArray();
  }

  private static byte[] concat(byte[] first, byte[] second) {
    byte[] out = Arrays.copyOf(first, first.length + second.length);
    System.arraycopy(second, 0, out, first.length, second.length);
    return out;
  }

  /** The tree as JSON bytes, however deep. */
  public static byte[] bytes(JsonNode tree) {
    try {
      return JSON.writeValueAsBytes(tree);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
