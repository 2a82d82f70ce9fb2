package io.plasmanode.storage.chain;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

/**
 * A page of an address's history, newest first.
 *
 * @param items at most the page's limit
 * @param next where the next page starts (after this position), empty if this is the last page
 */
public record HistoryPage(List<Item> items, Optional<TxLocation> next) {
  public HistoryPage {
    items = List.copyOf(items);
    requireNonNull(next, "next");
  }

  /** The address's part in the transaction or deposit at {@code location}. */
  public record Item(TxLocation location, HistoryEntry entry) {
    public Item {
      requireNonNull(location, "location");
      requireNonNull(entry, "entry");
    }
  }
}
