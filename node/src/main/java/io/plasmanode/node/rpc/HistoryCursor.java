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
final class HistoryCursor {
  private static final Pattern FORMAT =
      Pattern.compile("(0|[1-9][0-9]{0,18})\\.(0|[1-9][0-9]{0,4})");
  private static final int MAX_SHOWN_CHARS = 30;

  private HistoryCursor() {}

  static String encode(TxLocation location) {
    return location.blknum() + "." + location.txindex();
  }

  /**
   * @param index the param's position, for the error message
   * @throws JsonRpcException invalid params naming the cursor if it is not one {@link #encode}
   *     makes
   */
  static TxLocation decode(String cursor, int index) {
    Matcher matcher = FORMAT.matcher(cursor);
    if (matcher.matches()) {
      long blknum = Long.parseLong(matcher.group(1));
      int txindex = Integer.parseInt(matcher.group(2));
      if (blknum >= 1 && blknum <= UtxoPos.MAX_BLKNUM && txindex < UtxoPos.MAX_TXS_PER_BLOCK) {
        return new TxLocation(blknum, txindex);
      }
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
