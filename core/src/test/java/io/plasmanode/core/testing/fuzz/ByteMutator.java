package io.plasmanode.core.testing.fuzz;

import io.plasmanode.core.testing.fuzz.RlpHeaders.Header;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Byte-level mutations of valid encodings, as coverage-less fuzzers apply them: bit flips, byte
 * overwrites, inserts and deletes, truncation, duplicated ranges, splices of two valid encodings,
 * and tampering with RLP length prefixes (lengths off by a few, huge lengths, non-canonical long
 * forms, leading zeros, list/string type swaps).
 */
public final class ByteMutator {
  /** One kind of mutation. */
  public enum Kind {
    BIT_FLIP,
    BYTE_SET,
    INSERT,
    DELETE,
    TRUNCATE,
    DUPLICATE,
    SPLICE,
    LENGTH_PREFIX
  }

  private static final Kind[] KINDS = Kind.values();

  /** Bytes that sit on RLP's boundaries: single byte, short/long string and list prefixes. */
  private static final int[] INTERESTING_BYTES = {
    0x00, 0x01, 0x7f, 0x80, 0x81, 0xb7, 0xb8, 0xb9, 0xbb, 0xbf, 0xc0, 0xc1, 0xf7, 0xf8, 0xf9, 0xfb,
    0xff
  };

  /** Declared lengths around the short/long boundary, the int range and beyond. */
  private static final long[] INTERESTING_LENGTHS = {
    0,
    1,
    54,
    55,
    56,
    255,
    256,
    65_535,
    65_536,
    0x7fff_ffffL,
    0x8000_0000L,
    0xffff_ffffL,
    Long.MAX_VALUE,
    -1
  };

  private ByteMutator() {}

  /**
   * One to three stacked mutations of {@code input}; {@code donor} is another valid encoding for
   * splices. The result differs from {@code input} unless {@code input} is empty and every attempt
   * left it so.
   */
  public static byte[] mutate(byte[] input, byte[] donor, Random random) {
    byte[] out = input;
    for (int attempt = 0; attempt < 4 && Arrays.equals(out, input); attempt++) {
      int count = 1 + random.nextInt(3);
      out = input;
      for (int i = 0; i < count; i++) {
        out = apply(KINDS[random.nextInt(KINDS.length)], out, donor, random);
      }
    }
    return out;
  }

  public static byte[] apply(Kind kind, byte[] input, byte[] donor, Random random) {
    if (input.length == 0 && kind != Kind.INSERT && kind != Kind.SPLICE) {
      return insert(input, random);
    }
    return switch (kind) {
      case BIT_FLIP -> flipBit(input, random);
      case BYTE_SET -> setByte(input, random);
      case INSERT -> insert(input, random);
      case DELETE -> delete(input, random);
      case TRUNCATE -> Arrays.copyOf(input, random.nextInt(input.length));
      case DUPLICATE -> duplicate(input, random);
      case SPLICE -> splice(input, donor, random);
      case LENGTH_PREFIX -> tamperLength(input, random);
    };
  }

  /** Up to {@code maxLength} random bytes, sometimes biased towards RLP prefix bytes. */
  public static byte[] randomBytes(Random random, int maxLength) {
    byte[] bytes = new byte[random.nextInt(maxLength + 1)];
    boolean interesting = random.nextBoolean();
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] =
          interesting && random.nextInt(4) == 0 ? interestingByte(random) : randomByte(random);
    }
    return bytes;
  }

  private static byte[] flipBit(byte[] input, Random random) {
    byte[] out = input.clone();
    out[random.nextInt(out.length)] ^= (byte) (1 << random.nextInt(8));
    return out;
  }

  private static byte[] setByte(byte[] input, Random random) {
    byte[] out = input.clone();
    out[random.nextInt(out.length)] =
        random.nextBoolean() ? interestingByte(random) : randomByte(random);
    return out;
  }

  private static byte[] insert(byte[] input, Random random) {
    byte[] inserted = new byte[1 + random.nextInt(8)];
    for (int i = 0; i < inserted.length; i++) {
      inserted[i] = random.nextBoolean() ? interestingByte(random) : randomByte(random);
    }
    return replace(input, random.nextInt(input.length + 1), 0, inserted);
  }

  private static byte[] delete(byte[] input, Random random) {
    int at = random.nextInt(input.length);
    int count = 1 + random.nextInt(Math.min(16, input.length - at));
    return replace(input, at, count, new byte[0]);
  }

  private static byte[] duplicate(byte[] input, Random random) {
    int from = random.nextInt(input.length);
    int count = 1 + random.nextInt(Math.min(64, input.length - from));
    byte[] copy = Arrays.copyOfRange(input, from, from + count);
    return replace(input, random.nextInt(input.length + 1), 0, copy);
  }

  private static byte[] splice(byte[] input, byte[] donor, Random random) {
    int keep = random.nextInt(input.length + 1);
    int from = random.nextInt(donor.length + 1);
    ByteArrayOutputStream out = new ByteArrayOutputStream(keep + donor.length - from);
    out.write(input, 0, keep);
    out.write(donor, from, donor.length - from);
    return out.toByteArray();
  }

  /** Rewrites the header of one RLP item with another declared length, type or form. */
  private static byte[] tamperLength(byte[] input, Random random) {
    List<Header> headers = RlpHeaders.scan(input);
    if (headers.isEmpty()) {
      return setByte(input, random);
    }
    Header header = headers.get(random.nextInt(headers.size()));
    long length =
        switch (random.nextInt(6)) {
          case 0 -> header.payloadLength() + 1 + random.nextInt(3);
          case 1 -> Math.max(0, header.payloadLength() - 1 - random.nextInt(3));
          case 2 -> INTERESTING_LENGTHS[random.nextInt(INTERESTING_LENGTHS.length)];
          case 3 -> random.nextInt(1 << 16);
          default -> header.payloadLength();
        };
    boolean list = random.nextInt(8) == 0 ? !header.list() : header.list();
    byte[] encoded = header(list, length, random.nextInt(4));
    int oldLength = Math.min(1 + header.lengthBytes(), input.length - header.offset());
    return replace(input, header.offset(), oldLength, encoded);
  }

  /**
   * An RLP header for {@code length}: form 0 canonical, 1 long form even for short payloads, 2 long
   * form with a leading zero, 3 long form with eight length bytes.
   */
  private static byte[] header(boolean list, long length, int form) {
    int base = list ? 0xc0 : 0x80;
    if (form == 0 && length >= 0 && length < 56) {
      return new byte[] {(byte) (base + length)};
    }
    int minimal = Math.max(1, (Long.SIZE - Long.numberOfLeadingZeros(length) + 7) / 8);
    int lengthBytes =
        switch (form) {
          case 2 -> Math.min(8, minimal + 1);
          case 3 -> 8;
          default -> minimal;
        };
    byte[] out = new byte[1 + lengthBytes];
    out[0] = (byte) (base + 55 + lengthBytes);
    for (int i = 0; i < lengthBytes; i++) {
      out[lengthBytes - i] = (byte) (length >>> (8 * i));
    }
    return out;
  }

  private static byte[] replace(byte[] input, int at, int removed, byte[] inserted) {
    byte[] out = new byte[input.length - removed + inserted.length];
    System.arraycopy(input, 0, out, 0, at);
    System.arraycopy(inserted, 0, out, at, inserted.length);
    System.arraycopy(input, at + removed, out, at + inserted.length, input.length - at - removed);
    return out;
  }

  private static byte interestingByte(Random random) {
    return (byte) INTERESTING_BYTES[random.nextInt(INTERESTING_BYTES.length)];
  }

  private static byte randomByte(Random random) {
    return (byte) random.nextInt(256);
  }
}
