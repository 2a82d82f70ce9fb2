package io.plasmanode.node.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.plasmanode.core.fees.FeeTable;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Hash32;
import io.plasmanode.core.types.Hex;
import io.plasmanode.node.fees.FeesAnswer;
import io.plasmanode.node.rpc.HistoryResults.TransactionsPage;
import io.plasmanode.node.rpc.PlasmaRpcMethods;
import io.plasmanode.node.rpc.RpcResults.Balance;
import io.plasmanode.node.rpc.RpcResults.BlockResult;
import io.plasmanode.node.rpc.RpcResults.Status;
import io.plasmanode.node.rpc.RpcResults.Submitted;
import io.plasmanode.node.rpc.RpcResults.TransactionResult;
import io.plasmanode.node.rpc.RpcResults.UtxoResult;
import io.plasmanode.p2p.rpc.JsonRpcClient;
import io.plasmanode.p2p.rpc.JsonRpcException;
import io.plasmanode.p2p.rpc.JsonRpcResultException;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The operator's JSON-RPC API (docs/json-rpc.md) as the CLI uses it, its answers read into the
 * records the operator writes ({@link io.plasmanode.node.rpc.RpcResults}). Error answers stay
 * {@link JsonRpcException}s ({@link #describe} words them for people), malformed ones become {@link
 * CliException}s.
 */
public final class OperatorClient implements AutoCloseable {
  /** The first and last code of transaction rejections (docs/json-rpc.md). */
  private static final int FIRST_REJECTION_CODE = -32013;

  private static final int LAST_REJECTION_CODE = -32010;

  private static final String UNAUTHORIZED_SPEND = "unauthorized_spend";

  /** The rejection of a halted operator (docs/json-rpc.md): {@code operator_halted}. */
  private static final int OPERATOR_HALTED = -32016;

  private final JsonRpcClient rpc;

  public OperatorClient(URI endpoint) {
    this.rpc = new JsonRpcClient(endpoint);
  }

  /** {@code plasma_status}: among the rest, the chain id and contract signatures bind to. */
  public Status status() {
    return read(() -> rpc.call(Status.class, PlasmaRpcMethods.STATUS));
  }

  /** {@code plasma_getUtxos}: the owner's unspent outputs. */
  public List<UtxoResult> utxos(Address owner) {
    return read(() -> rpc.callList(UtxoResult.class, PlasmaRpcMethods.GET_UTXOS, owner.toHex()));
  }

  /** {@code plasma_getBalance}: {@code [{token, amount}]}, only nonzero balances. */
  public List<Balance> balance(Address owner) {
    return read(() -> rpc.callList(Balance.class, PlasmaRpcMethods.GET_BALANCE, owner.toHex()));
  }

  /**
   * {@code plasma_getFees}: the fee per transaction type and token the operator asks for ({@link
   * FeeTable#NONE} from an operator that charges none, or that predates fees and does not know the
   * method).
   */
  public FeeTable fees() {
    JsonNode answer;
    try {
      answer = rpc.call(PlasmaRpcMethods.GET_FEES);
    } catch (JsonRpcException e) {
      if (e.code() == JsonRpcException.METHOD_NOT_FOUND) {
        return FeeTable.NONE;
      }
      throw e;
    }
    try {
      return FeesAnswer.read(answer);
    } catch (IllegalArgumentException e) {
      throw new CliException(
          "the operator's answer to %s is malformed: %s"
              .formatted(PlasmaRpcMethods.GET_FEES, e.getMessage()),
          e);
    }
  }

  /**
   * {@code plasma_getTransactions}: a page of the owner's account history, newest first, after
   * {@code cursor} (a page's {@code nextCursor}) if given.
   */
  public TransactionsPage transactions(Address owner, Optional<String> cursor, int limit) {
    return read(
        () ->
            rpc.call(
                TransactionsPage.class,
                PlasmaRpcMethods.GET_TRANSACTIONS,
                owner.toHex(),
                cursor.orElse(null),
                limit));
  }

  /** Submits a signed transaction into the open block. */
  public Submitted submit(byte[] signedTx) {
    return read(
        () -> rpc.call(Submitted.class, PlasmaRpcMethods.SUBMIT_TRANSACTION, Hex.encode(signedTx)));
  }

  /** The transaction once its block closed; empty before. */
  public Optional<TransactionResult> transaction(Hash32 txHash) {
    return read(
        () ->
            rpc.callOptional(
                TransactionResult.class, PlasmaRpcMethods.GET_TRANSACTION, txHash.toHex()));
  }

  /** Child block {@code blknum}, with signed transactions when {@code full}; empty if unknown. */
  public Optional<BlockResult> block(long blknum, boolean full) {
    return read(
        () -> rpc.callOptional(BlockResult.class, PlasmaRpcMethods.GET_BLOCK, blknum, full));
  }

  @Override
  public void close() {
    rpc.close();
  }

  /** {@code rejected: utxo_not_found: ...} for rejections, the code and message otherwise. */
  public static String describe(JsonRpcException e) {
    if (e.code() >= FIRST_REJECTION_CODE && e.code() <= LAST_REJECTION_CODE
        || e.code() == OPERATOR_HALTED) {
      return "rejected: " + e.getMessage() + hint(e);
    }
    return "the operator answered with error " + e.code() + ": " + e.getMessage();
  }

  /** What to check when a rejection has a usual cause on the client's side. */
  private static String hint(JsonRpcException e) {
    String reason = e.data().map(data -> data.path("reason").asText()).orElse("");
    if (reason.equals(UNAUTHORIZED_SPEND) || e.getMessage().startsWith(UNAUTHORIZED_SPEND)) {
      return " (the signature does not recover to the input's owner: the transaction was signed"
          + " for another EIP-712 domain, i.e. a wrong chain id or contract address where the"
          + " signer took them from, or by a key that does not own the output; plasma status"
          + " shows the chain id and contract the operator checks signatures against)";
    }
    return "";
  }

  /** An answer that is not what docs/json-rpc.md documents is a {@link CliException}. */
  private static <T> T read(Supplier<T> call) {
    try {
      return call.get();
    } catch (JsonRpcResultException e) {
      throw new CliException("the operator's answer is malformed: " + e.getMessage(), e);
    }
  }
}
