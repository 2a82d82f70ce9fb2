package io.plasmanode.node.cli;

import io.plasmanode.core.crypto.Keccak;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.node.rpc.RpcResults.ExitData;
import io.plasmanode.node.rpc.RpcResults.Status;
import io.plasmanode.node.rpc.RpcResults.TransactionResult;
import io.plasmanode.node.rpc.WatcherRpcResults.EventResult;
import io.plasmanode.node.rpc.WatcherRpcResults.StatusResult;
import io.plasmanode.node.wallet.OperatorAnswer;
import io.plasmanode.node.wallet.SentTx;
import io.plasmanode.p2p.rpc.JsonRpcTransportException;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What the operator, or the watcher when the operator cannot be reached, says now of transactions
 * in the wallet's record: included at a position, pending in a block not closed yet, withheld (its
 * block committed on L1 but not served, as the watcher reports), missing from the block it was
 * accepted into, or unknown.
 */
final class SentTxLookup implements AutoCloseable {
  private static final String WITHHOLDING = "block_withholding";

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

  /**
   * What the watcher says of withheld blocks, asked once: the blocks its block_withholding events
   * (active or past) name, or why it could not be asked.
   */
  private record Withholding(Set<Long> blocks, Optional<String> unasked) {}

  private final OperatorClient operator;
  private final WatcherOptions watcher;
  private final String operatorEndpoint;
  private Optional<Status> status = Optional.empty();
  private Optional<String> operatorDown = Optional.empty();
  private Optional<Withholding> withholding = Optional.empty();

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
      return notServed(blknum, accepted.get().txIndex());
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

  /**
   * A transaction accepted into block {@code blknum}, past the operator's chain: pending in its
   * open block, unless the watcher reports that block committed on L1 and withheld (the operator's
   * open block may have the same number: its own node never saw the block it committed elsewhere).
   */
  private Now notServed(long blknum, int txIndex) {
    long height = status.orElseThrow().height();
    long open = status.orElseThrow().openBlock();
    String chain =
        "the operator's chain ends at block %d%s"
            .formatted(
                height, open == blknum ? " and block %d is its open block".formatted(open) : "");
    Optional<String> watcherSays = withheldPerWatcher(blknum);
    if (watcherSays.isEmpty()) {
      return Now.at(
          "withheld",
          blknum,
          txIndex,
          "operator and watcher",
          ("accepted into block %d, which was committed on L1 but is not served: the watcher at %s"
                  + " reports block_withholding of it (%s): exit it in flight")
              .formatted(blknum, watcher.watcher(), chain));
    }
    return Now.at(
        "pending",
        blknum,
        txIndex,
        "operator",
        "accepted into block %d, not closed yet (%s); %s"
            .formatted(blknum, chain, watcherSays.get()));
  }

  /**
   * Empty when the watcher reports block {@code blknum} withheld; else what it says (or why it
   * could not be asked).
   */
  private Optional<String> withheldPerWatcher(long blknum) {
    if (withholding.isEmpty()) {
      withholding = Optional.of(askWatcher());
    }
    Withholding said = withholding.get();
    if (said.unasked().isPresent()) {
      return Optional.of(
          ("whether block %d was committed on L1 and withheld is not known: the watcher at %s could"
                  + " not be asked (%s)")
              .formatted(blknum, watcher.watcher(), said.unasked().get()));
    }
    return said.blocks().contains(blknum)
        ? Optional.empty()
        : Optional.of(
            "the watcher at %s reports no withholding of block %d"
                .formatted(watcher.watcher(), blknum));
  }

  private Withholding askWatcher() {
    try (WatcherClient client = watcher.client()) {
      StatusResult status = client.status();
      Set<Long> blocks =
          Stream.concat(status.byzantineEvents().stream(), status.pastEvents().stream())
              .filter(event -> WITHHOLDING.equals(event.type()) && event.blknum() != null)
              .map(EventResult::blknum)
              .collect(Collectors.toSet());
      return new Withholding(blocks, Optional.empty());
    } catch (CliException e) {
      return new Withholding(Set.of(), Optional.of(e.getMessage()));
    }
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
