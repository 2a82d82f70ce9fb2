package io.plasmanode.core.rlp;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;

/**
 * Writes canonical RLP. Build a tree of {@link Item}s, whose sizes are computed as it is built,
 * then {@link Item#encode()} writes it into one array of the exact size.
 */
public final class RlpWriter {
  static final int STRING_OFFSET = 0x80;
  static final int LIST_OFFSET = 0xc0;
  static final int SHORT_LIMIT = 56;
  static final int MAX_INTEGER_BYTES = 32;

  private RlpWriter() {}

  /** An item ready to write: its encoded length is known before any byte is written. */
  public sealed interface Item permits StringItem, ListItem, EncodedItem {
    int encodedLength();

    /** Writes the item into {@code target} at {@code offset}; returns the offset just past it. */
    int writeTo(byte[] target, int offset);

    /** The item's encoding in a new array of exactly {@link #encodedLength()} bytes. */
    default byte[] encode() {
      byte[] target = new byte[encodedLength()];
      writeTo(target, 0);
      return target;
    }
  }

  /** A byte string. The array is not copied: do not modify it until the item is written. */
  public static Item bytes(byte[] value) {
    return new StringItem(requireNonNull(value, "value"));
  }

  /** An unsigned integer below 2^256: big-endian without leading zeros, zero as {@code 0x80}. */
  public static Item integer(BigInteger value) {
    checkArgument(value.signum() >= 0, "RLP integers are unsigned, got %s", value);
    checkArgument(value.bitLength() <= 8 * MAX_INTEGER_BYTES, "RLP integers have at most 256 bits");
    byte[] twosComplement = value.toByteArray();
    int start = twosComplement[0] == 0 ? 1 : 0;
    return new StringItem(Arrays.copyOfRange(twosComplement, start, twosComplement.length));
  }

  /** A non-negative integer: big-endian without leading zeros, zero as {@code 0x80}. */
  public static Item integer(long value) {
    checkArgument(value >= 0, "RLP integers are unsigned, got %s", value);
    byte[] magnitude = new byte[byteCount(value)];
    for (int i = 0; i < magnitude.length; i++) {
      magnitude[i] = (byte) (value >>> (8 * (magnitude.length - 1 - i)));
    }
    return new StringItem(magnitude);
  }

  public static Item list(Item... items) {
    return new ListItem(List.of(items));
  }

  public static Item list(List<? extends Item> items) {
    return new ListItem(List.copyOf(items));
  }

  /** An item encoded elsewhere, written as is. The array is not copied. */
  public static Item encoded(byte[] rlp) {
    checkArgument(rlp.length > 0, "an encoded item has at least one byte");
    return new EncodedItem(rlp);
  }

  public static byte[] encodeBytes(byte[] value) {
    return bytes(value).encode();
  }

  public static byte[] encodeInteger(BigInteger value) {
    return integer(value).encode();
  }

  public static byte[] encodeLong(long value) {
    return integer(value).encode();
  }

  /** A list of items that are already RLP-encoded. */
  public static byte[] encodeList(List<byte[]> encodedItems) {
    return list(encodedItems.stream().map(RlpWriter::encoded).toList()).encode();
  }

  static int headerLength(int payloadLength) {
    return payloadLength < SHORT_LIMIT ? 1 : 1 + byteCount(payloadLength);
  }

  static int writeHeader(byte[] target, int offset, int typeOffset, int payloadLength) {
    if (payloadLength < SHORT_LIMIT) {
      target[offset] = (byte) (typeOffset + payloadLength);
      return offset + 1;
    }
    int lengthBytes = byteCount(payloadLength);
    target[offset++] = (byte) (typeOffset + SHORT_LIMIT - 1 + lengthBytes);
    for (int i = lengthBytes - 1; i >= 0; i--) {
      target[offset++] = (byte) (payloadLength >>> (8 * i));
    }
    return offset;
  }

  private static int byteCount(long value) {
    return (Long.SIZE - Long.numberOfLeadingZeros(value) + 7) / 8;
  }

  private static final class StringItem implements Item {
    private final byte[] value;

    StringItem(byte[] value) {
      this.value = value;
    }

    private boolean isSingleByte() {
      return value.length == 1 && (value[0] & 0xff) < STRING_OFFSET;
    }

    @Override
    public int encodedLength() {
      return isSingleByte() ? 1 : Math.addExact(headerLength(value.length), value.length);
    }

    @Override
    public int writeTo(byte[] target, int offset) {
      int start =
          isSingleByte() ? offset : writeHeader(target, offset, STRING_OFFSET, value.length);
      System.arraycopy(value, 0, target, start, value.length);
      return start + value.length;
    }
  }

  private static final class ListItem implements Item {
    private final List<Item> items;
    private final int payloadLength;

    ListItem(List<Item> items) {
      this.items = items;
      int total = 0;
      for (Item item : items) {
        total = Math.addExact(total, item.encodedLength());
      }
      this.payloadLength = total;
    }

    @Override
    public int encodedLength() {
      return Math.addExact(headerLength(payloadLength), payloadLength);
    }

    @Override
    public int writeTo(byte[] target, int offset) {
      int position = writeHeader(target, offset, LIST_OFFSET, payloadLength);
      for (Item item : items) {
        position = item.writeTo(target, position);
      }
      return position;
    }
  }

  private static final class EncodedItem implements Item {
    private final byte[] rlp;

    EncodedItem(byte[] rlp) {
      this.rlp = rlp;
    }

    @Override
    public int encodedLength() {
      return rlp.length;
    }

    @Override
    public int writeTo(byte[] target, int offset) {
      System.arraycopy(rlp, 0, target, offset, rlp.length);
      return offset + rlp.length;
    }
  }
}
