package io.plasmanode.node.cli;

import io.plasmanode.core.crypto.Keccak;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.node.rpc.RpcResults.ExitData;
import io.plasmanode.node.rpc.RpcResults.Status;
import io.plasmanode.node.rpc.RpcResults.TransactionResult;
import io.plasmanode.node.wallet.OperatorAnswer;
import io.plasmanode.node.wallet.SentTx;
import io.plasmanode.p2p.rpc.JsonRpcTransportException;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * What the operator, or the watcher when the operator cannot be reached, says now of transactions
 * in the wallet's record: included at a position, pending in a block not closed yet, missing from
 * the block it was accepted into, or unknown.
 */
final class SentTxLookup implements AutoCloseable {
  /** The state of a sent transaction now, and who says so. */
  record Now(String state, OptionalLong blknum, OptionalInt txIndex, String source, String detail) {
    static Now of(String state, String source, String detail) {
      return new Now(state, OptionalLong.empty(), OptionalInt.empty(), source, detail);
    }

    static Now at(String state, long blknum, int txIndex, String source, String detail) {
      return new Now(state, OptionalLong.of(blknum), OptionalInt.of(txIndex), source, detail);
    }

    String describe() {
      return state + " (" + source + "): " + detail;
    }
  }

  private final OperatorClient operator;
  private final WatcherOptions watcher;
  private final String operatorEndpoint;
  private Optional<Status> status = Optional.empty();
  private Optional<String> operatorDown = Optional.empty();

  SentTxLookup(RpcOptions rpc, WatcherOptions watcher) {
    this.operator = rpc.client();
    this.watcher = watcher;
    this.operatorEndpoint = rpc.rpc().toString();
  }

  /** What is known of {@code tx} now. */
  Now lookup(SentTx tx) {
    if (tx.status() == SentTx.Status.REJECTED) {
      String reason =
          tx.lastAnswer()
              .filter(OperatorAnswer.Rejected.class::isInstance)
              .map(answer -> ((OperatorAnswer.Rejected) answer).message())
              .orElse("");
      return Now.of("rejected", "wallet", "the operator rejected it: " + reason);
    }
    if (operatorDown.isEmpty()) {
      try {
        return fromOperator(tx);
      } catch (JsonRpcTransportException e) {
        operatorDown = Optional.of(WatcherClient.reason(e));
      }
    }
    return fromWatcher(tx);
  }

  private Now fromOperator(SentTx tx) {
    Optional<TransactionResult> found = operator.transaction(tx.txHash());
    if (found.isPresent()) {
      return Now.at(
          "included",
          found.get().blknum(),
          found.get().txIndex(),
          "operator",
          "in block %d at index %d".formatted(found.get().blknum(), found.get().txIndex()));
    }
    Optional<OperatorAnswer.Accepted> accepted = tx.acceptance();
    if (accepted.isEmpty()) {
      return Now.of("unknown", "operator", "in no closed block of the operator");
    }
    long blknum = accepted.get().blknum();
    if (status.isEmpty()) {
      status = Optional.of(operator.status());
    }
    if (status.get().height() < blknum) {
      return Now.at(
          "pending",
          blknum,
          accepted.get().txIndex(),
          "operator",
          "accepted into block %d, which has not closed yet".formatted(blknum));
    }
    return Now.at(
        "missing",
        blknum,
        accepted.get().txIndex(),
        "operator",
        ("accepted into block %d, which closed without it: the operator broke its promise; exit"
                + " it in flight")
            .formatted(blknum));
  }

  private Now fromWatcher(SentTx tx) {
    String down = "operator at %s unreachable (%s)".formatted(operatorEndpoint, operatorDown.get());
    Optional<OperatorAnswer.Accepted> accepted = tx.acceptance();
    if (accepted.isEmpty()) {
      return Now.of("unknown", "watcher", down + "; a watcher finds transactions only by position");
    }
    long blknum = accepted.get().blknum();
    int txIndex = accepted.get().txIndex();
    ExitData data;
    try (WatcherClient client = watcher.client()) {
      data = client.exitData(new UtxoPos(blknum, txIndex, 0));
    } catch (CliException e) {
      return Now.at("unknown", blknum, txIndex, "watcher", down + "; " + e.getMessage());
    }
    boolean same = Keccak.keccak256(data.txBytes()).equals(tx.txHash());
    return same
        ? Now.at(
            "included",
            blknum,
            txIndex,
            "watcher",
            "in block %d at index %d, validated".formatted(blknum, txIndex))
        : Now.at(
            "missing",
            blknum,
            txIndex,
            "watcher",
            "block %d holds another transaction at index %d: exit it in flight"
                .formatted(blknum, txIndex));
  }

  @Override
  public void close() {
    operator.close();
  }
}
