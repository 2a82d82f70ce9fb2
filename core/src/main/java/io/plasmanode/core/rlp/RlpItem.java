package io.plasmanode.core.rlp;

import static com.google.common.base.Preconditions.checkState;

import io.plasmanode.core.validation.Rejection;
import io.plasmanode.core.validation.ValidationResult;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A view of one well-formed RLP item inside a decoded array (see {@link RlpReader}): a byte string
 * or a list. Nothing is copied until a value is extracted.
 */
public final class RlpItem {
  private final byte[] data;
  private final boolean list;
  private final int offset;
  private final int length;
  private final int end;

  RlpItem(byte[] data, boolean list, int offset, int length, int end) {
    this.data = data;
    this.list = list;
    this.offset = offset;
    this.length = length;
    this.end = end;
  }

  /** Reads a value from {@code source} at {@code offset}, like {@code Address::of}. */
  @FunctionalInterface
  public interface OffsetReader<T> {
    T read(byte[] source, int offset);
  }

  public boolean isList() {
    return list;
  }

  /** The payload's length: a string's byte count, or the total encoded size of a list's items. */
  public int length() {
    return length;
  }

  /** A list's items, in order. */
  public List<RlpItem> items() {
    checkState(list, "not a list");
    List<RlpItem> items = new ArrayList<>();
    for (int position = offset; position < end; ) {
      RlpItem item = RlpReader.parse(data, position, end);
      items.add(item);
      position = item.end;
    }
    return items;
  }

  /** A copy of a string's bytes. */
  public byte[] bytes() {
    checkState(!list, "not a string");
    return Arrays.copyOfRange(data, offset, offset + length);
  }

  /** Applies {@code reader} to a string's bytes in place; check {@link #length()} first. */
  public <T> T read(OffsetReader<T> reader) {
    checkState(!list, "not a string");
    return reader.read(data, offset);
  }

  /**
   * The string as an unsigned integer: at most 32 bytes, no leading zeros, the empty string is 0.
   * Otherwise {@code MALFORMED_INTEGER}.
   */
  public ValidationResult<BigInteger> asInteger() {
    if (list) {
      return ValidationResult.invalid(Rejection.MALFORMED_INTEGER, "a list, not an integer");
    }
    if (length > RlpWriter.MAX_INTEGER_BYTES) {
      return ValidationResult.invalid(
          Rejection.MALFORMED_INTEGER, "an integer of " + length + " bytes, at most 32");
    }
    if (length > 0 && data[offset] == 0) {
      return ValidationResult.invalid(Rejection.MALFORMED_INTEGER, "integer with leading zeros");
    }
    return ValidationResult.valid(
        length == 0 ? BigInteger.ZERO : new BigInteger(1, data, offset, length));
  }

  byte[] data() {
    return data;
  }

  int offset() {
    return offset;
  }

  int end() {
    return end;
  }

  @Override
  public String toString() {
    return (list ? "RlpItem[list of " : "RlpItem[string of ") + length + " bytes]";
  }
}
