package io.plasmanode.storage.chain;

import static com.google.common.base.Preconditions.checkElementIndex;

import java.util.Arrays;

/**
 * A growable array of {@code long}s: 8 bytes per element where a {@code List<Long>} takes about 24,
 * for the tables a {@link ChainCheck} keeps per output or per block.
 */
final class LongArray {
  private long[] values;
  private int size;

  LongArray() {
    this(16);
  }

  LongArray(int capacity) {
    values = new long[Math.max(capacity, 16)];
  }

  void add(long value) {
    if (size == values.length) {
      values = Arrays.copyOf(values, values.length + (values.length >> 1));
    }
    values[size++] = value;
  }

  long get(int index) {
    checkElementIndex(index, size);
    return values[index];
  }

  void set(int index, long value) {
    checkElementIndex(index, size);
    values[index] = value;
  }

  int size() {
    return size;
  }

  boolean isEmpty() {
    return size == 0;
  }

  long last() {
    return get(size - 1);
  }

  /** The index of {@code value} if this array is sorted and holds it, else a negative number. */
  int indexOf(long value) {
    int index = Arrays.binarySearch(values, 0, size, value);
    return Math.max(index, -1);
  }
}
