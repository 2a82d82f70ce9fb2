package io.plasmanode.exitgame;

import io.plasmanode.core.rlp.RlpWriter;
import java.util.Arrays;
import java.util.Optional;

/**
 * Finds the committed (unsigned) bytes inside a signed transaction's bytes without judging them:
 * {@code RLP[sigs, f1..f5]} gives {@code RLP[f1..f5]}, with the fields copied as they are. Only the
 * outer list and the signature item are framed here, leniently, so that a transaction whose fields
 * break the format still yields the leaf the operator committed and can be proven invalid.
 */
final class SignedTxFraming {
  private static final int STRING_OFFSET = 0x80;
  private static final int LONG_STRING = 0xb7;
  private static final int LIST_OFFSET = 0xc0;
  private static final int LONG_LIST = 0xf7;
  private static final int MAX_LENGTH_BYTES = 4;

  private SignedTxFraming() {}

  /** The unsigned transaction bytes, or empty when {@code signed} is not an RLP list of items. */
  static Optional<byte[]> unsignedBytes(byte[] signed) {
    if (signed.length == 0 || (signed[0] & 0xff) < LIST_OFFSET) {
      return Optional.empty();
    }
    long[] outer = header(signed, 0);
    if (outer == null || outer[0] + outer[1] != signed.length || outer[1] == 0) {
      return Optional.empty();
    }
    int payloadStart = (int) outer[0];
    long[] sigs = header(signed, payloadStart);
    if (sigs == null || sigs[0] + sigs[1] > signed.length) {
      return Optional.empty();
    }
    byte[] fields = Arrays.copyOfRange(signed, (int) (sigs[0] + sigs[1]), signed.length);
    RlpWriter.Item list =
        fields.length == 0 ? RlpWriter.list() : RlpWriter.list(RlpWriter.encoded(fields));
    return Optional.of(list.encode());
  }

  /**
   * {@code {payloadStart, payloadLength}} of the item whose header is at {@code position}, or null
   * when the header runs past the input or declares an absurd length.
   */
  private static long[] header(byte[] data, int position) {
    if (position >= data.length) {
      return null;
    }
    int prefix = data[position] & 0xff;
    if (prefix < STRING_OFFSET) {
      return new long[] {position, 1};
    }
    boolean list = prefix >= LIST_OFFSET;
    int shortBase = list ? LIST_OFFSET : STRING_OFFSET;
    int longBase = list ? LONG_LIST : LONG_STRING;
    if (prefix <= longBase) {
      return new long[] {position + 1, prefix - shortBase};
    }
    int lengthBytes = prefix - longBase;
    if (lengthBytes > MAX_LENGTH_BYTES || position + 1 + lengthBytes > data.length) {
      return null;
    }
    long length = 0;
    for (int i = 0; i < lengthBytes; i++) {
      length = (length << 8) | (data[position + 1 + i] & 0xff);
    }
    return new long[] {position + 1 + lengthBytes, length};
  }
}
