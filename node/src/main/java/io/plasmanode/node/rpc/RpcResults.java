package io.plasmanode.node.rpc;

import io.plasmanode.core.ledger.Utxo;
import io.plasmanode.core.tx.Output;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Hex;
import io.plasmanode.node.api.ClosedBlockTiming;
import io.plasmanode.node.api.OperatorStatus;
import io.plasmanode.node.api.SubmitResult;
import io.plasmanode.storage.chain.CommitStatus;
import java.math.BigInteger;
import java.util.List;

/**
 * The JSON shapes of docs/json-rpc.md, one record each; Jackson writes the components by name.
 * Amounts and utxo positions are decimal strings, byte strings lower-case 0x hex.
 */
final class RpcResults {
  private RpcResults() {}

  /** {@code {txHash, blknum, txIndex}}: a transaction taken into the open block. */
  record Submitted(String txHash, long blknum, int txIndex) {
    static Submitted of(SubmitResult.Accepted accepted) {
      return new Submitted(accepted.txHash().toHex(), accepted.blknum(), accepted.txIndex());
    }
  }

  /** {@code {error: {code, message, data}}}: one rejected entry of plasma_submitTransactions. */
  record SubmitFailure(ErrorObject error) {}

  /** A JSON-RPC error object inside a result. */
  record ErrorObject(int code, String message, ReasonData data) {}

  /** {@code {reason}}: the rejection's wire name. */
  record ReasonData(String reason) {}

  /** {@code {owner, token, amount}}. */
  record OutputResult(String owner, String token, String amount) {
    static OutputResult of(Output output) {
      return new OutputResult(
          output.owner().toHex(), output.token().toHex(), output.amount().toString());
    }
  }

  /** A transaction of a closed block. */
  record TransactionResult(
      String txHash,
      long blknum,
      int txIndex,
      String txBytes,
      String signedTxBytes,
      List<String> inputs,
      List<OutputResult> outputs) {}

  /** A closed child block; {@code transactions} holds hashes or signed tx hex. */
  record BlockResult(
      long blknum,
      String root,
      long timestamp,
      int txCount,
      List<String> transactions,
      CommitResult commit) {}

  /** {@code {status: "pending"}} or {@code {status: "committed", l1TxHash}}. */
  sealed interface CommitResult {
    static CommitResult of(CommitStatus status) {
      return switch (status) {
        case CommitStatus.Pending pending -> new PendingCommit("pending");
        case CommitStatus.Committed committed ->
            new Committed("committed", committed.l1TxHash().toHex());
      };
    }
  }

  record PendingCommit(String status) implements CommitResult {}

  record Committed(String status, String l1TxHash) implements CommitResult {}

  /** An unspent output of an owner. */
  record UtxoResult(
      String utxoPos,
      long blknum,
      int txIndex,
      int oindex,
      String owner,
      String token,
      String amount,
      String status) {
    static UtxoResult unspent(Utxo utxo) {
      UtxoPos pos = utxo.pos();
      Output output = utxo.output();
      return new UtxoResult(
          pos.toString(),
          pos.blknum(),
          pos.txindex(),
          pos.oindex(),
          output.owner().toHex(),
          output.token().toHex(),
          output.amount().toString(),
          "unspent");
    }
  }

  /** {@code {token, amount}}. */
  record Balance(String token, String amount) {
    static Balance of(Address token, BigInteger amount) {
      return new Balance(token.toHex(), amount.toString());
    }
  }

  /** {@code {utxoPos, txBytes, proof}}: the arguments of {@code startStandardExit}. */
  record ExitData(String utxoPos, String txBytes, String proof) {
    static ExitData of(UtxoPos pos, byte[] txBytes, byte[] proof) {
      return new ExitData(pos.toString(), Hex.encode(txBytes), Hex.encode(proof));
    }
  }

  /**
   * The last block closed since the operator started: when it closed (epoch milliseconds) and the
   * milliseconds from its close until it was stored.
   */
  record LastClosedBlock(long blknum, int txCount, long closedAtMillis, long buildMs) {
    static LastClosedBlock of(ClosedBlockTiming timing) {
      return new LastClosedBlock(
          timing.blknum(),
          timing.txCount(),
          timing.closedAt().toEpochMilli(),
          timing.buildMillis());
    }
  }

  /** The operator's status; {@code lastClosedBlock} is null until a block closes. */
  record Status(
      long height,
      long lastCommittedBlock,
      long l1HeightSeen,
      long l1Head,
      int mempoolSize,
      long openBlock,
      String contract,
      long chainId,
      List<String> alarms,
      LastClosedBlock lastClosedBlock) {
    static Status of(OperatorStatus status) {
      return new Status(
          status.height(),
          status.lastCommittedBlock(),
          status.l1HeightSeen(),
          status.l1Head(),
          status.mempoolSize(),
          status.openBlock(),
          status.contract().toHex(),
          status.chainId(),
          status.alarms(),
          status.lastClosedBlock().map(LastClosedBlock::of).orElse(null));
    }
  }
}
