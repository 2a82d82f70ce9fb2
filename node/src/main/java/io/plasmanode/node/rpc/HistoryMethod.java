package io.plasmanode.node.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import io.plasmanode.core.types.Address;
import io.plasmanode.node.rpc.HistoryResults.HistoryItem;
import io.plasmanode.node.rpc.HistoryResults.TransactionsPage;
import io.plasmanode.node.rpc.RpcResults.Balance;
import io.plasmanode.storage.chain.BlockHeader;
import io.plasmanode.storage.chain.ChainStore;
import io.plasmanode.storage.chain.HistoryEntry;
import io.plasmanode.storage.chain.HistoryPage;
import io.plasmanode.storage.chain.TxLocation;
import java.math.BigInteger;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;

/**
 * {@code [address, cursor?, limit?]} -> a page of the address's account history over a chain store:
 * the operator's {@code plasma_getTransactions} and the watcher's {@code watcher_getTransactions}.
 */
public final class HistoryMethod {
  /** Items per page when the call gives no limit. */
  public static final int DEFAULT_LIMIT = 50;

  /** The largest limit a call may ask for. */
  static final int MAX_LIMIT = 200;

  private final ChainStore store;

  HistoryMethod(ChainStore store) {
    this.store = store;
  }

  TransactionsPage call(JsonNode params) {
    RpcParams parsed = RpcParams.of(params, 1, 3);
    Address address = parsed.address(0, "address");
    Optional<TxLocation> after =
        parsed.optionalText(1, "cursor").map(cursor -> HistoryCursor.decode(cursor, 1));
    int limit = parsed.optionalInt(2, "limit", 1, MAX_LIMIT).orElse(DEFAULT_LIMIT);
    return page(store, address, after, limit);
  }

  /**
   * The page of {@code address}'s history after {@code after} (newest first when empty), as the
   * methods answer it: what the explorer shows.
   */
  public static TransactionsPage page(
      ChainStore store, Address address, Optional<TxLocation> after, int limit) {
    HistoryPage page = store.history(address, after, limit);
    Map<Long, Optional<Instant>> timestamps = new HashMap<>();
    List<HistoryItem> items =
        page.items().stream()
            .map(
                item ->
                    item(
                        item,
                        timestamps.computeIfAbsent(
                            item.location().blknum(),
                            blknum -> store.blockHeader(blknum).map(BlockHeader::timestamp))))
            .toList();
    return new TransactionsPage(items, page.next().map(HistoryCursor::encode).orElse(null));
  }

  private static HistoryItem item(HistoryPage.Item item, Optional<Instant> closedAt) {
    HistoryEntry entry = item.entry();
    return new HistoryItem(
        entry.txHash().orElse(null),
        item.location().blknum(),
        item.location().txindex(),
        entry.isDeposit(),
        entry.isDeposit() ? null : closedAt.map(Instant::getEpochSecond).orElse(null),
        amounts(entry.sent()),
        amounts(entry.received()),
        entry.counterparties());
  }

  private static List<Balance> amounts(SortedMap<Address, BigInteger> byToken) {
    return byToken.entrySet().stream().map(e -> new Balance(e.getKey(), e.getValue())).toList();
  }
}
