package io.plasmanode.core.testing.fuzz;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds the RLP headers in a byte array, leniently (no canonical checks, a truncated payload still
 * yields its header), so mutations can tamper with declared lengths. Independent of core's reader.
 */
final class RlpHeaders {
  private static final int MAX_HEADERS = 512;
  private static final int MAX_DEPTH = 16;

  /**
   * One header.
   *
   * @param offset where the prefix byte is
   * @param lengthBytes 0 for the short form, else the bytes of the length after the prefix
   * @param list a list rather than a string
   * @param payloadLength the declared payload length
   */
  record Header(int offset, int lengthBytes, boolean list, long payloadLength) {}

  private RlpHeaders() {}

  static List<Header> scan(byte[] data) {
    List<Header> headers = new ArrayList<>();
    walk(data, 0, data.length, 0, headers);
    return headers;
  }

  private static void walk(byte[] data, int position, int end, int depth, List<Header> out) {
    while (position < end && out.size() < MAX_HEADERS) {
      int prefix = data[position] & 0xff;
      if (prefix < 0x80) {
        position++;
        continue;
      }
      boolean list = prefix >= 0xc0;
      int base = list ? 0xc0 : 0x80;
      int lengthBytes = Math.max(0, prefix - base - 55);
      long length = lengthBytes == 0 ? prefix - base : 0;
      for (int i = 1; i <= lengthBytes && position + i < end; i++) {
        length = (length << 8) | (data[position + i] & 0xff);
      }
      out.add(new Header(position, lengthBytes, list, length));
      long payloadStart = (long) position + 1 + lengthBytes;
      long payloadEnd = length < 0 || length > end ? end : Math.min(end, payloadStart + length);
      if (list && depth < MAX_DEPTH && payloadStart < payloadEnd) {
        walk(data, (int) payloadStart, (int) payloadEnd, depth + 1, out);
      }
      if (payloadEnd >= end) {
        return;
      }
      position = (int) payloadEnd;
    }
  }
}
