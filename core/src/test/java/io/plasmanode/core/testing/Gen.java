package io.plasmanode.core.testing;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * Random values for property tests, drawn from one seeded {@link SplittableRandom} (one per case,
 * see {@link Cases}) and biased towards the values that break code:
 *
 * <ul>
 *   <li>a bounded number is, one draw in {@value #EDGE_ONE_IN}, an edge of its range (min, min+1,
 *       max-1, max, and 0, 1, -1 when inside it); three draws in eight have a uniformly drawn bit
 *       length above min (so small values and every byte length appear); the rest are uniform;
 *   <li>sizes are bounded numbers, so empty and full lists and arrays come up often;
 *   <li>byte arrays are sometimes all 0x00, all 0xff, or made of the RLP boundary bytes 0x00, 0x01,
 *       0x7f, 0x80, 0xff.
 * </ul>
 */
public final class Gen {
  public static final int EDGE_ONE_IN = 8;
  private static final byte[] EDGE_BYTES = {0x00, 0x01, 0x7f, (byte) 0x80, (byte) 0xff};

  private final SplittableRandom random;

  public Gen(long seed) {
    this.random = new SplittableRandom(seed);
  }

  public boolean bool() {
    return random.nextBoolean();
  }

  /** True with probability 1/n. */
  public boolean oneIn(int n) {
    return random.nextInt(n) == 0;
  }

  /** An int in [min, max], edges favoured. */
  public int intBetween(int min, int max) {
    return (int) longBetween(min, max);
  }

  /** A long in [min, max], edges and small offsets from min favoured. */
  public long longBetween(long min, long max) {
    if (min > max) {
      throw new IllegalArgumentException("empty range " + min + ".." + max);
    }
    int mode = random.nextInt(EDGE_ONE_IN);
    if (mode == 0) {
      return pick(edges(min, max));
    }
    if (mode <= 3) {
      long span = max - min; // may overflow: then compare unsigned
      int bits = 1 + random.nextInt(64 - Long.numberOfLeadingZeros(span | 1));
      long offset = random.nextLong() >>> (64 - bits);
      return Long.compareUnsigned(offset, span) <= 0 ? min + offset : max;
    }
    return uniform(min, max);
  }

  /** A BigInteger in [min, max], edges and small offsets from min favoured. */
  public BigInteger bigBetween(BigInteger min, BigInteger max) {
    BigInteger span = max.subtract(min);
    if (span.signum() < 0) {
      throw new IllegalArgumentException("empty range " + min + ".." + max);
    }
    int mode = random.nextInt(EDGE_ONE_IN);
    if (mode == 0) {
      return pick(
          List.of(
              min, min.add(BigInteger.ONE).min(max), max.subtract(BigInteger.ONE).max(min), max));
    }
    int bits = mode <= 3 ? 1 + random.nextInt(Math.max(1, span.bitLength())) : span.bitLength();
    BigInteger offset;
    do {
      offset = new BigInteger(1, bytes((bits + 7) / 8)).shiftRight((8 - bits % 8) % 8);
    } while (mode > 3 && offset.compareTo(span) > 0);
    return min.add(offset.min(span));
  }

  /** Any byte, the edges 0, 1, 127, -128 and -1 favoured. */
  public byte anyByte() {
    return oneIn(EDGE_ONE_IN)
        ? EDGE_BYTES[random.nextInt(EDGE_BYTES.length)]
        : (byte) random.nextInt();
  }

  /** {@code size} bytes: random, or (one time in eight) all 0x00, all 0xff or boundary bytes. */
  public byte[] bytes(int size) {
    byte[] bytes = new byte[size];
    switch (random.nextInt(2 * EDGE_ONE_IN)) {
      case 0 -> {}
      case 1 -> Arrays.fill(bytes, (byte) 0xff);
      case 2, 3 -> {
        for (int i = 0; i < size; i++) {
          bytes[i] = EDGE_BYTES[random.nextInt(EDGE_BYTES.length)];
        }
      }
      default -> random.nextBytes(bytes);
    }
    return bytes;
  }

  /** {@link #bytes(int)} of a size in [minSize, maxSize], edges favoured. */
  public byte[] bytes(int minSize, int maxSize) {
    return bytes(intBetween(minSize, maxSize));
  }

  public <T> T pick(List<T> values) {
    return values.get(random.nextInt(values.size()));
  }

  @SafeVarargs
  public final <T> T pick(T... values) {
    return values[random.nextInt(values.length)];
  }

  /** A list of [minSize, maxSize] elements, the sizes' edges favoured. */
  public <T> List<T> list(int minSize, int maxSize, Supplier<T> element) {
    int size = intBetween(minSize, maxSize);
    List<T> list = new ArrayList<>(size);
    for (int i = 0; i < size; i++) {
      list.add(element.get());
    }
    return list;
  }

  /**
   * A list of [minSize, maxSize] distinct elements; {@code element} must be able to give that many
   * (it is asked at most 100 times per element).
   */
  public <T> List<T> distinctList(int minSize, int maxSize, Supplier<T> element) {
    int size = intBetween(minSize, maxSize);
    Set<T> set = new LinkedHashSet<>();
    for (int tries = 0; set.size() < size; tries++) {
      if (tries > 100 * size) {
        throw new IllegalStateException("no " + size + " distinct elements after " + tries);
      }
      set.add(element.get());
    }
    return new ArrayList<>(set);
  }

  private long uniform(long min, long max) {
    if (max < Long.MAX_VALUE) {
      return random.nextLong(min, max + 1);
    }
    return min > Long.MIN_VALUE ? random.nextLong(min - 1, max) + 1 : random.nextLong();
  }

  private static List<Long> edges(long min, long max) {
    List<Long> edges = new ArrayList<>(List.of(min, max));
    edges.add(min < max ? min + 1 : min);
    edges.add(min < max ? max - 1 : max);
    for (long special : new long[] {0, 1, -1}) {
      if (special >= min && special <= max) {
        edges.add(special);
      }
    }
    return edges;
  }
}
