package io.plasmanode.node.rpc;

import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.p2p.rpc.JsonRpcException;
import io.plasmanode.storage.chain.TxLocation;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The cursor of the account history: an opaque string to clients (docs/json-rpc.md), made of the
 * position of a page's last item, {@code <blknum>.<txIndex>}. The next page is what comes after
 * that position in newest-first order, so a cursor keeps its meaning while new blocks arrive.
 */
public final class HistoryCursor {
  private static final Pattern FORMAT =
      Pattern.compile("(0|[1-9][0-9]{0,18})\\.(0|[1-9][0-9]{0,4})");
  private static final int MAX_SHOWN_CHARS = 30;

  private HistoryCursor() {}

  public static String encode(TxLocation location) {
    return location.blknum() + "." + location.txindex();
  }

  /** Whether {@code cursor} is one {@link #encode} makes, so {@link #decode} takes it. */
  public static boolean isCursor(String cursor) {
    Matcher matcher = FORMAT.matcher(cursor);
    return matcher.matches()
        && Long.parseLong(matcher.group(1)) >= 1
        && Long.parseLong(matcher.group(1)) <= UtxoPos.MAX_BLKNUM
        && Integer.parseInt(matcher.group(2)) < UtxoPos.MAX_TXS_PER_BLOCK;
  }

  /**
   * @param index the param's position, for the error message
   * @throws JsonRpcException invalid params naming the cursor if it is not one {@link #encode}
   *     makes
   */
  public static TxLocation decode(String cursor, int index) {
    if (isCursor(cursor)) {
      int dot = cursor.indexOf('.');
      return new TxLocation(
          Long.parseLong(cursor.substring(0, dot)), Integer.parseInt(cursor.substring(dot + 1)));
    }
    String shown =
        cursor.length() <= MAX_SHOWN_CHARS ? cursor : cursor.substring(0, MAX_SHOWN_CHARS) + "...";
    throw JsonRpcException.invalidParams(
        "param %d (cursor) is not a cursor of this method (pass back a nextCursor as it was"
                .formatted(index)
            + " returned, or null for the newest page): \""
            + shown
            + "\"");
  }
}
