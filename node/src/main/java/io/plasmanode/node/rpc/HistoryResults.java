package io.plasmanode.node.rpc;

import static java.util.Objects.requireNonNull;

import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Hash32;
import io.plasmanode.node.rpc.RpcResults.Balance;
import java.util.List;

/**
 * The JSON shapes of {@code plasma_getTransactions} and {@code watcher_getTransactions}
 * (docs/json-rpc.md "Account history"), written by the nodes and read by the CLI and the explorer.
 */
public final class HistoryResults {
  private HistoryResults() {}

  /**
   * {@code {transactions, nextCursor}}: a page of an address's history, newest first.
   *
   * @param nextCursor where the next page starts (pass it back as it is); null on the last page
   */
  public record TransactionsPage(List<HistoryItem> transactions, String nextCursor) {
    public TransactionsPage {
      transactions = RpcResults.listOrEmpty(transactions);
    }
  }

  /**
   * One transaction or deposit of an address.
   *
   * @param txHash null for a deposit (it has no child-chain transaction)
   * @param timestamp the block's time (Unix seconds): when the operator closed it, for a watcher
   *     when L1 committed it; null for a deposit
   * @param sent per token, what the address's spent outputs held, tokens in address order
   * @param received per token, what the outputs to the address hold (change included)
   * @param counterparties the other owners of the inputs' and outputs' outputs, inputs first
   */
  public record HistoryItem(
      Hash32 txHash,
      long blknum,
      int txIndex,
      boolean deposit,
      Long timestamp,
      List<Balance> sent,
      List<Balance> received,
      List<Address> counterparties) {
    public HistoryItem {
      if (!deposit) {
        requireNonNull(txHash, "txHash");
      }
      sent = RpcResults.listOrEmpty(sent);
      received = RpcResults.listOrEmpty(received);
      counterparties = RpcResults.listOrEmpty(counterparties);
    }
  }
}
