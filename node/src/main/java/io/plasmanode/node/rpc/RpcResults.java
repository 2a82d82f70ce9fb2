package io.plasmanode.node.rpc;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.plasmanode.core.ledger.Utxo;
import io.plasmanode.core.merkle.MerkleProof;
import io.plasmanode.core.tx.Output;
import io.plasmanode.core.tx.PaymentTransaction;
import io.plasmanode.core.tx.TxCodec;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Hash32;
import io.plasmanode.core.types.Hex;
import io.plasmanode.core.validation.ValidationResult;
import io.plasmanode.node.api.ClosedBlockTiming;
import io.plasmanode.node.api.FeeStatus;
import io.plasmanode.node.api.OperatorStatus;
import io.plasmanode.node.api.SubmitResult;
import io.plasmanode.storage.chain.CommitStatus;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The JSON shapes of docs/json-rpc.md, one record each: the server writes them and the CLI reads
 * them, both with the JSON-RPC layer's mapper ({@link io.plasmanode.p2p.rpc.CoreValuesJsonModule}).
 * Amounts and utxo positions are decimal strings, addresses, hashes and byte strings lower-case 0x
 * hex. Their constructors check what a client must not trust: a malformed answer fails to read.
 */
public final class RpcResults {
  private RpcResults() {}

  /** A list an answer left out is empty. */
  static <T> List<T> listOrEmpty(List<T> list) {
    return list == null ? List.of() : List.copyOf(list);
  }

  /** {@code {txHash, blknum, txIndex}}: a transaction taken into the open block. */
  public record Submitted(Hash32 txHash, long blknum, int txIndex) {
    public Submitted {
      requireNonNull(txHash, "txHash");
    }

    static Submitted of(SubmitResult.Accepted accepted) {
      return new Submitted(accepted.txHash(), accepted.blknum(), accepted.txIndex());
    }
  }

  /** {@code {error: {code, message, data}}}: one rejected entry of plasma_submitTransactions. */
  public record SubmitFailure(ErrorObject error) {}

  /** A JSON-RPC error object inside a result. */
  public record ErrorObject(int code, String message, ReasonData data) {}

  /** {@code {reason}}: the rejection's wire name. */
  public record ReasonData(String reason) {}

  /** {@code {owner, token, amount}}. */
  public record OutputResult(
      Address owner,
      Address token,
      @JsonFormat(shape = JsonFormat.Shape.STRING) BigInteger amount) {
    public OutputResult {
      requireNonNull(owner, "owner");
      requireNonNull(token, "token");
      requireNonNull(amount, "amount");
    }

    static OutputResult of(Output output) {
      return new OutputResult(output.owner(), output.token(), output.amount());
    }
  }

  /** A transaction of a closed block. */
  public record TransactionResult(
      Hash32 txHash,
      long blknum,
      int txIndex,
      String txBytes,
      String signedTxBytes,
      List<UtxoPos> inputs,
      List<OutputResult> outputs) {
    public TransactionResult {
      requireNonNull(txHash, "txHash");
      requireNonNull(txBytes, "txBytes");
      requireNonNull(signedTxBytes, "signedTxBytes");
      inputs = listOrEmpty(inputs);
      outputs = listOrEmpty(outputs);
    }
  }

  /** A closed child block; {@code transactions} holds hashes or signed tx hex. */
  public record BlockResult(
      long blknum,
      Hash32 root,
      long timestamp,
      int txCount,
      List<String> transactions,
      CommitResult commit) {
    public BlockResult {
      requireNonNull(root, "root");
      transactions = listOrEmpty(transactions);
      requireNonNull(commit, "commit");
    }
  }

  /** {@code {status: "pending"}} or {@code {status: "committed", l1TxHash}}. */
  @JsonTypeInfo(
      use = JsonTypeInfo.Id.NAME,
      include = JsonTypeInfo.As.EXISTING_PROPERTY,
      property = "status",
      visible = true)
  @JsonSubTypes({
    @JsonSubTypes.Type(value = PendingCommit.class, name = PendingCommit.STATUS),
    @JsonSubTypes.Type(value = Committed.class, name = Committed.STATUS)
  })
  public sealed interface CommitResult {
    /** {@code pending} or {@code committed}. */
    String status();

    static CommitResult of(CommitStatus status) {
      return switch (status) {
        case CommitStatus.Pending pending -> new PendingCommit(PendingCommit.STATUS);
        case CommitStatus.Committed committed ->
            new Committed(Committed.STATUS, committed.l1TxHash());
      };
    }
  }

  /** The block's root is not yet mined on L1. */
  public record PendingCommit(String status) implements CommitResult {
    static final String STATUS = "pending";
  }

  /** The block's root is mined on L1 by {@code l1TxHash}. */
  public record Committed(String status, Hash32 l1TxHash) implements CommitResult {
    static final String STATUS = "committed";

    public Committed {
      requireNonNull(l1TxHash, "l1TxHash");
    }
  }

  /**
   * An output of an owner; {@code status} is {@code unspent}, or {@code exiting} once an exit of it
   * started on L1 (then it can no longer be spent on the child chain).
   */
  public record UtxoResult(
      UtxoPos utxoPos,
      long blknum,
      int txIndex,
      int oindex,
      Address owner,
      Address token,
      @JsonFormat(shape = JsonFormat.Shape.STRING) BigInteger amount,
      String status) {
    public UtxoResult {
      requireNonNull(utxoPos, "utxoPos");
      requireNonNull(owner, "owner");
      requireNonNull(token, "token");
      requireNonNull(amount, "amount");
      requireNonNull(status, "status");
    }

    public static UtxoResult unspent(Utxo utxo) {
      UtxoPos pos = utxo.pos();
      Output output = utxo.output();
      return new UtxoResult(
          pos,
          pos.blknum(),
          pos.txindex(),
          pos.oindex(),
          output.owner(),
          output.token(),
          output.amount(),
          "unspent");
    }

    /** Whether an exit of it started on L1. */
    public boolean exiting() {
      return status.equals("exiting");
    }
  }

  /** {@code {token, amount}}. */
  public record Balance(
      Address token, @JsonFormat(shape = JsonFormat.Shape.STRING) BigInteger amount) {
    public Balance {
      requireNonNull(token, "token");
      requireNonNull(amount, "amount");
    }
  }

  /**
   * {@code {utxoPos, txBytes, proof}}: the arguments of {@code startStandardExit}, the unsigned tx
   * that created the output and the 512-byte inclusion proof of its leaf.
   */
  public record ExitData(
      UtxoPos utxoPos,
      @JsonProperty("txBytes") String txBytesHex,
      @JsonProperty("proof") String proofHex) {
    public ExitData {
      requireNonNull(utxoPos, "utxoPos");
      Hex.decode(requireNonNull(txBytesHex, "txBytes"));
      int proofSize = Hex.decode(requireNonNull(proofHex, "proof")).length;
      checkArgument(
          proofSize == MerkleProof.SIZE,
          "the proof has %s bytes, not %s",
          proofSize,
          MerkleProof.SIZE);
    }

    public static ExitData of(UtxoPos pos, byte[] txBytes, byte[] proof) {
      return new ExitData(pos, Hex.encode(txBytes), Hex.encode(proof));
    }

    /** The unsigned transaction's bytes. */
    public byte[] txBytes() {
      return Hex.decode(txBytesHex);
    }

    /** The inclusion proof's bytes. */
    public byte[] proof() {
      return Hex.decode(proofHex);
    }

    /** The output being exited, when {@code txBytes} decode and have an output at its oindex. */
    public Optional<Output> output() {
      ValidationResult<PaymentTransaction> tx = TxCodec.decode(txBytes());
      if (!tx.isValid() || tx.get().outputs().size() <= utxoPos.oindex()) {
        return Optional.empty();
      }
      return Optional.of(tx.get().outputs().get(utxoPos.oindex()));
    }
  }

  /**
   * The last block closed since the operator started: when it closed (epoch milliseconds) and the
   * milliseconds from its close until it was stored.
   */
  public record LastClosedBlock(long blknum, int txCount, long closedAtMillis, long buildMs) {
    static LastClosedBlock of(ClosedBlockTiming timing) {
      return new LastClosedBlock(
          timing.blknum(),
          timing.txCount(),
          timing.closedAt().toEpochMilli(),
          timing.buildMillis());
    }
  }

  /**
   * The operator's fees in {@code plasma_status}: the claimer (JSON null when it claims none), the
   * fees claimed since it started and the claimer's balance, per token.
   */
  public record Fees(Address claimer, List<Balance> collected, List<Balance> claimerBalance) {
    static Fees of(FeeStatus fees) {
      return new Fees(
          fees.claimer().orElse(null), balances(fees.collected()), balances(fees.claimerBalance()));
    }

    private static List<Balance> balances(Map<Address, BigInteger> amounts) {
      return amounts.entrySet().stream()
          .filter(entry -> entry.getValue().signum() > 0)
          .map(entry -> new Balance(entry.getKey(), entry.getValue()))
          .toList();
    }
  }

  /** The operator's status; {@code lastClosedBlock} is JSON null until a block closes. */
  public record Status(
      long height,
      long lastCommittedBlock,
      long l1HeightSeen,
      long l1Head,
      int mempoolSize,
      long openBlock,
      Address contract,
      long chainId,
      List<String> alarms,
      LastClosedBlock lastClosedBlock,
      Fees fees) {
    public Status {
      requireNonNull(contract, "contract");
      alarms = listOrEmpty(alarms);
    }

    public static Status of(OperatorStatus status) {
      return new Status(
          status.height(),
          status.lastCommittedBlock(),
          status.l1HeightSeen(),
          status.l1Head(),
          status.mempoolSize(),
          status.openBlock(),
          status.contract(),
          status.chainId(),
          status.alarms(),
          status.lastClosedBlock().map(LastClosedBlock::of).orElse(null),
          Fees.of(status.fees()));
    }
  }
}
