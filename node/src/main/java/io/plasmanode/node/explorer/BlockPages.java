package io.plasmanode.node.explorer;

import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.node.explorer.Layout.Fact;
import io.plasmanode.storage.chain.BlockHeader;
import io.plasmanode.storage.chain.ChainStore;
import io.plasmanode.storage.chain.CommitStatus;
import io.plasmanode.storage.chain.StoredBlock;
import io.plasmanode.storage.chain.TxBytes;
import java.util.List;
import java.util.Optional;

/** The latest blocks (the home page) and one block, as {@code plasma_getBlock} shows them. */
final class BlockPages {
  /** Blocks on the home page. */
  static final int LATEST_BLOCKS = 20;

  /** Transactions listed per page of a block. */
  static final int TXS_PER_PAGE = 100;

  private final ChainStore chain;
  private final boolean validatedFromL1;

  /**
   * Pages of {@code chain}; {@code validatedFromL1} for a watcher's chain, whose blocks it took
   * only once their roots were on L1 (it keeps no commit transaction).
   */
  BlockPages(ChainStore chain, boolean validatedFromL1) {
    this.chain = chain;
    this.validatedFromL1 = validatedFromL1;
  }

  /** The table of the latest {@link #LATEST_BLOCKS} closed blocks, newest first. */
  void latest(Html html) {
    html.element("h2", "Latest blocks");
    long height = chain.height();
    if (height == 0) {
      Layout.none(html, "No block is closed yet.");
      return;
    }
    Layout.tableStart(html, "blocks", "Block", "Transactions", "Root", "Closed", "L1 commit");
    long oldest = Math.max(UtxoPos.CHILD_BLOCK_INTERVAL, height - (LATEST_BLOCKS - 1) * 1000L);
    for (long blknum = height; blknum >= oldest; blknum -= UtxoPos.CHILD_BLOCK_INTERVAL) {
      Optional<BlockHeader> header = chain.blockHeader(blknum);
      if (header.isEmpty()) {
        continue;
      }
      html.open("tr", "data-blknum", String.valueOf(blknum)).open("td");
      html.link(Layout.blockPath(blknum), blknum).close("td");
      html.element("td", header.get().txCount(), "class", "count");
      html.element("td", header.get().root().toHex(), "class", "hex");
      html.element("td", Formats.time(header.get().timestamp()));
      html.open("td", "class", "commit");
      commit(html, blknum);
      html.close("td").close("tr");
    }
    Layout.tableEnd(html);
  }

  /**
   * Block {@code blknum}'s facts and page {@code page} (from 1) of its transactions; false if the
   * block is not closed.
   */
  boolean block(Html html, long blknum, int page) {
    Optional<StoredBlock> found = chain.block(blknum);
    if (found.isEmpty()) {
      return false;
    }
    StoredBlock block = found.get();
    Layout.facts(
        html,
        "block-facts",
        List.of(
            Fact.text("Number", blknum),
            Fact.text("Transactions", block.transactions().size()),
            Fact.text("Root", block.root().toHex()),
            Fact.text("Closed", Formats.time(block.timestamp())),
            new Fact("L1 commit", h -> commit(h, blknum))));
    transactions(html, block, page);
    return true;
  }

  private void transactions(Html html, StoredBlock block, int page) {
    html.element("h2", "Transactions");
    List<TxBytes> txs = block.transactions();
    if (txs.isEmpty()) {
      Layout.none(html, "This block holds no transaction.");
      return;
    }
    int pages = (txs.size() + TXS_PER_PAGE - 1) / TXS_PER_PAGE;
    int shown = Math.min(Math.max(page, 1), pages);
    int from = (shown - 1) * TXS_PER_PAGE;
    Layout.tableStart(html, "block-txs", "Index", "Position", "Hash");
    for (int index = from; index < Math.min(txs.size(), from + TXS_PER_PAGE); index++) {
      html.open("tr").element("td", index);
      html.element("td", block.blknum() * UtxoPos.BLOCK_OFFSET + index * UtxoPos.TX_OFFSET);
      html.open("td");
      Layout.txLink(html, txs.get(index).txHash());
      html.close("td").close("tr");
    }
    Layout.tableEnd(html);
    if (pages > 1) {
      pager(html, block.blknum(), shown, pages);
    }
  }

  private static void pager(Html html, long blknum, int page, int pages) {
    html.open("p", "class", "pager").text("Page " + page + " of " + pages + " ");
    if (page > 1) {
      html.link(Layout.blockPath(blknum) + "?page=" + (page - 1), "previous").text(" ");
    }
    if (page < pages) {
      html.link(Layout.blockPath(blknum) + "?page=" + (page + 1), "next");
    }
    html.close("p");
  }

  /** {@code committed} with the L1 transaction, or {@code pending}. */
  private void commit(Html html, long blknum) {
    if (validatedFromL1) {
      html.element("span", "committed", "class", "status ok").text(" (root read from L1)");
      return;
    }
    Optional<CommitStatus> status = chain.commitStatus(blknum);
    switch (status.orElse(null)) {
      case CommitStatus.Committed committed -> {
        html.element("span", "committed", "class", "status ok").text(" in L1 tx ");
        html.element("span", committed.l1TxHash().toHex(), "class", "hex l1tx");
      }
      case CommitStatus.Pending pending ->
          html.element("span", "pending", "class", "status pending");
      case null -> html.element("span", "unknown", "class", "status");
    }
  }
}
