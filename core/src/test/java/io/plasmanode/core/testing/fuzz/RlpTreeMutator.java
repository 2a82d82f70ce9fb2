package io.plasmanode.core.testing.fuzz;

import io.plasmanode.core.rlp.RlpItem;
import io.plasmanode.core.rlp.RlpReader;
import io.plasmanode.core.rlp.RlpWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Structural mutations that keep the RLP well formed, so the decoders' field rules are reached
 * rather than their framing checks: a value replaced by another (one byte more or less, a leading
 * zero, 33 bytes, empty), a string swapped for a list or the reverse, an item deleted, duplicated,
 * inserted or moved.
 */
public final class RlpTreeMutator {
  private RlpTreeMutator() {}

  /** A structural mutation of the RLP in {@code rlp}; {@code rlp} itself when it does not parse. */
  public static byte[] mutate(byte[] rlp, Random random) {
    var decoded = RlpReader.decode(rlp);
    if (!decoded.isValid()) {
      return rlp;
    }
    List<Object> root = new ArrayList<>(List.of(tree(decoded.get())));
    List<Slot> slots = new ArrayList<>();
    collect(root, slots);
    int count = 1 + random.nextInt(2);
    for (int i = 0; i < count; i++) {
      Slot slot = slots.get(random.nextInt(slots.size()));
      mutate(slot, random);
    }
    return encode(root.get(0)).encode();
  }

  /** Where a value sits: index {@code index} of {@code parent}. */
  private record Slot(List<Object> parent, int index) {
    Object value() {
      return index < parent.size() ? parent.get(index) : null;
    }
  }

  private static void mutate(Slot slot, Random random) {
    Object value = slot.value();
    if (value == null) {
      return;
    }
    List<Object> parent = slot.parent();
    int at = slot.index();
    switch (random.nextInt(7)) {
      case 0 -> parent.set(at, otherLeaf(value, random));
      case 1 -> parent.set(at, value instanceof byte[] bytes ? listOf(bytes) : leafOf(value));
      case 2 -> {
        if (parent.size() > 1) {
          parent.remove(at);
        } else {
          parent.set(at, new ArrayList<>());
        }
      }
      case 3 -> parent.add(at, copy(value));
      case 4 -> parent.add(at, ByteMutator.randomBytes(random, 40));
      case 5 -> Collections.swap(parent, at, random.nextInt(parent.size()));
      default -> parent.set(at, otherLeaf(value, random));
    }
  }

  private static Object otherLeaf(Object value, Random random) {
    byte[] bytes = value instanceof byte[] b ? b : new byte[0];
    return switch (random.nextInt(8)) {
      case 0 -> prepend((byte) 0, bytes);
      case 1 -> prepend((byte) (1 + random.nextInt(255)), bytes);
      case 2 -> bytes.length == 0 ? new byte[] {0} : Arrays.copyOf(bytes, bytes.length - 1);
      case 3 -> new byte[0];
      case 4 -> new byte[] {(byte) random.nextInt(256)};
      case 5 -> filled(33, random);
      case 6 -> filled(bytes.length, random);
      default -> filled(random.nextInt(70), random);
    };
  }

  private static byte[] prepend(byte first, byte[] bytes) {
    byte[] out = new byte[bytes.length + 1];
    out[0] = first;
    System.arraycopy(bytes, 0, out, 1, bytes.length);
    return out;
  }

  private static byte[] filled(int length, Random random) {
    byte[] out = new byte[length];
    random.nextBytes(out);
    return out;
  }

  private static List<Object> listOf(byte[] bytes) {
    List<Object> list = new ArrayList<>();
    list.add(bytes);
    return list;
  }

  private static byte[] leafOf(Object list) {
    return encode(list).encode();
  }

  @SuppressWarnings("unchecked")
  private static Object copy(Object value) {
    if (value instanceof byte[] bytes) {
      return bytes.clone();
    }
    List<Object> copy = new ArrayList<>();
    ((List<Object>) value).forEach(child -> copy.add(copy(child)));
    return copy;
  }

  @SuppressWarnings("unchecked")
  private static void collect(List<Object> parent, List<Slot> out) {
    for (int i = 0; i < parent.size(); i++) {
      out.add(new Slot(parent, i));
      if (parent.get(i) instanceof List<?> list) {
        collect((List<Object>) list, out);
      }
    }
  }

  private static Object tree(RlpItem item) {
    if (!item.isList()) {
      return item.bytes();
    }
    List<Object> list = new ArrayList<>();
    item.items().forEach(child -> list.add(tree(child)));
    return list;
  }

  @SuppressWarnings("unchecked")
  private static RlpWriter.Item encode(Object value) {
    if (value instanceof byte[] bytes) {
      return RlpWriter.bytes(bytes);
    }
    return RlpWriter.list(((List<Object>) value).stream().map(RlpTreeMutator::encode).toList());
  }
}
