package io.plasmanode.core.rlp;

import static io.plasmanode.core.rlp.RlpWriter.LIST_OFFSET;
import static io.plasmanode.core.rlp.RlpWriter.SHORT_LIMIT;
import static io.plasmanode.core.rlp.RlpWriter.STRING_OFFSET;
import static java.util.Objects.requireNonNull;

import io.plasmanode.core.validation.Rejection;
import io.plasmanode.core.validation.ValidationResult;

/**
 * Decodes strict RLP (see docs/spec.md) over the caller's array without copying it. The whole tree
 * is checked up front, so an {@link RlpItem} handed out is well formed all the way down.
 */
public final class RlpReader {
  /** The deepest nesting of lists accepted; our formats need 4. */
  public static final int MAX_DEPTH = 8;

  private static final int LONG_STRING = STRING_OFFSET + SHORT_LIMIT - 1;
  private static final int LONG_LIST = LIST_OFFSET + SHORT_LIMIT - 1;

  private RlpReader() {}

  /**
   * The one item that {@code input} holds, or the rejection: {@code RLP_TRUNCATED}, {@code
   * RLP_NON_CANONICAL}, {@code RLP_TRAILING_BYTES} or {@code RLP_TOO_DEEP}. Never throws. The items
   * read {@code input}, so the caller must not modify it while using them.
   */
  public static ValidationResult<RlpItem> decode(byte[] input) {
    requireNonNull(input, "input");
    try {
      RlpItem item = parse(input, 0, input.length);
      if (item.end() != input.length) {
        throw fail(
            Rejection.RLP_TRAILING_BYTES,
            "%d bytes follow the item that ends at offset %d",
            input.length - item.end(),
            item.end());
      }
      checkTree(item, 0);
      return ValidationResult.valid(item);
    } catch (RlpException e) {
      return ValidationResult.invalid(e.reason(), e.getMessage());
    }
  }

  private static void checkTree(RlpItem item, int depth) {
    if (!item.isList()) {
      return;
    }
    if (depth >= MAX_DEPTH) {
      throw fail(Rejection.RLP_TOO_DEEP, "lists nested deeper than %d", MAX_DEPTH);
    }
    for (int position = item.offset(); position < item.end(); ) {
      RlpItem child = parse(item.data(), position, item.end());
      checkTree(child, depth + 1);
      position = child.end();
    }
  }

  /** The item whose header is at {@code position}; it must end by {@code limit}. */
  static RlpItem parse(byte[] data, int position, int limit) {
    if (position >= limit) {
      throw fail(Rejection.RLP_TRUNCATED, "no item at offset %d", position);
    }
    int prefix = data[position] & 0xff;
    if (prefix < STRING_OFFSET) {
      return new RlpItem(data, false, position, 1, position + 1);
    } else if (prefix <= LONG_STRING) {
      return shortString(data, position, limit, prefix - STRING_OFFSET);
    } else if (prefix < LIST_OFFSET) {
      return longForm(data, position, limit, false, prefix - LONG_STRING);
    } else if (prefix <= LONG_LIST) {
      return withPayload(data, position, limit, true, 1, prefix - LIST_OFFSET);
    }
    return longForm(data, position, limit, true, prefix - LONG_LIST);
  }

  private static RlpItem shortString(byte[] data, int position, int limit, int length) {
    RlpItem item = withPayload(data, position, limit, false, 1, length);
    if (length == 1 && (data[position + 1] & 0xff) < STRING_OFFSET) {
      throw fail(
          Rejection.RLP_NON_CANONICAL,
          "the byte 0x%02x at offset %d must be encoded as itself",
          data[position + 1],
          position);
    }
    return item;
  }

  private static RlpItem longForm(
      byte[] data, int position, int limit, boolean list, int lengthBytes) {
    if ((long) position + 1 + lengthBytes > limit) {
      throw fail(Rejection.RLP_TRUNCATED, "the length at offset %d runs past the input", position);
    }
    if (data[position + 1] == 0) {
      throw fail(Rejection.RLP_NON_CANONICAL, "length with leading zeros at offset %d", position);
    }
    long length = 0;
    for (int i = 1; i <= lengthBytes; i++) {
      length = (length << 8) | (data[position + i] & 0xff);
    }
    if (lengthBytes > Integer.BYTES || length > Integer.MAX_VALUE) {
      throw fail(Rejection.RLP_NON_CANONICAL, "length too large at offset %d", position);
    }
    if (length < SHORT_LIMIT) {
      throw fail(
          Rejection.RLP_NON_CANONICAL, "long form for %d bytes at offset %d", length, position);
    }
    return withPayload(data, position, limit, list, 1 + lengthBytes, (int) length);
  }

  private static RlpItem withPayload(
      byte[] data, int position, int limit, boolean list, int headerLength, int length) {
    long end = (long) position + headerLength + length;
    if (end > limit) {
      throw fail(
          Rejection.RLP_TRUNCATED,
          "item at offset %d declares %d bytes, only %d remain",
          position,
          length,
          Math.max(0, limit - position - headerLength));
    }
    return new RlpItem(data, list, position + headerLength, length, (int) end);
  }

  private static RlpException fail(Rejection reason, String template, Object... args) {
    return new RlpException(reason, String.format(template, args));
  }
}
