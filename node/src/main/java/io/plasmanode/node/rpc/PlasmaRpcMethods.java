package io.plasmanode.node.rpc;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.plasmanode.core.fees.FeeTable;
import io.plasmanode.core.types.Address;
import io.plasmanode.node.api.OperatorStatus;
import io.plasmanode.node.api.SubmitResult;
import io.plasmanode.node.api.TransactionSubmitter;
import io.plasmanode.node.fees.FeeSpecsJson;
import io.plasmanode.node.rpc.RpcResults.ErrorObject;
import io.plasmanode.node.rpc.RpcResults.ReasonData;
import io.plasmanode.node.rpc.RpcResults.Status;
import io.plasmanode.node.rpc.RpcResults.SubmitFailure;
import io.plasmanode.node.rpc.RpcResults.Submitted;
import io.plasmanode.p2p.rpc.JsonRpcException;
import io.plasmanode.p2p.rpc.JsonRpcMethods;
import io.plasmanode.storage.chain.ChainStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The operator's JSON-RPC API, exactly as docs/json-rpc.md describes it: submitting transactions
 * <<<<<<< HEAD and reading blocks, transactions, outputs, balances, exit data, the fees and the
 * operator's status. ======= and reading blocks, transactions, outputs, balances, account history,
 * exit data and the operator's status. >>>>>>> history
 */
public final class PlasmaRpcMethods {
  public static final String SUBMIT_TRANSACTION = "plasma_submitTransaction";
  public static final String SUBMIT_TRANSACTIONS = "plasma_submitTransactions";
  public static final String GET_TRANSACTION = "plasma_getTransaction";
  public static final String GET_BLOCK = "plasma_getBlock";
  public static final String GET_UTXOS = "plasma_getUtxos";
  public static final String GET_BALANCE = "plasma_getBalance";
  public static final String GET_TRANSACTIONS = "plasma_getTransactions";
  public static final String GET_EXIT_DATA = "plasma_getExitData";
  public static final String STATUS = "plasma_status";
  public static final String GET_FEES = "plasma_getFees";

  /** Recent blocks whose Merkle trees are kept for exit data (~15 MB each when full). */
  public static final int DEFAULT_CACHED_BLOCKS = 4;

  private final ChainQueries queries;
  private final HistoryMethod history;
  private final ExitDataReader exits;
  private final TransactionSubmitter submitter;
  private final Supplier<OperatorStatus> status;
  private final Supplier<FeeTable> fees;

  private PlasmaRpcMethods(
      ChainStore store,
      TransactionSubmitter submitter,
      Supplier<OperatorStatus> status,
      Supplier<FeeTable> fees,
      int cachedBlocks) {
    this.queries = new ChainQueries(store);
    this.history = new HistoryMethod(store);
    this.exits = new ExitDataReader(store, cachedBlocks);
    this.submitter = submitter;
    this.status = status;
    this.fees = fees;
  }

  /**
   * Every method of docs/json-rpc.md, keeping {@link #DEFAULT_CACHED_BLOCKS} Merkle trees, with no
   * fees ({@link FeeTable#NONE}).
   */
  public static JsonRpcMethods create(
      ChainStore store, TransactionSubmitter submitter, Supplier<OperatorStatus> status) {
    return create(store, submitter, status, () -> FeeTable.NONE, DEFAULT_CACHED_BLOCKS);
  }

  /**
   * Every method of docs/json-rpc.md, keeping {@link #DEFAULT_CACHED_BLOCKS} Merkle trees; {@code
   * plasma_getFees} answers the table {@code fees} supplies at each call.
   */
  public static JsonRpcMethods create(
      ChainStore store,
      TransactionSubmitter submitter,
      Supplier<OperatorStatus> status,
      Supplier<FeeTable> fees) {
    return create(store, submitter, status, fees, DEFAULT_CACHED_BLOCKS);
  }

  /**
   * As {@link #create(ChainStore, TransactionSubmitter, Supplier, Supplier)}, keeping the trees of
   * {@code cachedBlocks} blocks.
   */
  public static JsonRpcMethods create(
      ChainStore store,
      TransactionSubmitter submitter,
      Supplier<OperatorStatus> status,
      Supplier<FeeTable> fees,
      int cachedBlocks) {
    requireNonNull(store, "store");
    requireNonNull(submitter, "submitter");
    requireNonNull(status, "status");
    requireNonNull(fees, "fees");
    checkArgument(cachedBlocks > 0, "cachedBlocks must be positive, got %s", cachedBlocks);
    return new PlasmaRpcMethods(store, submitter, status, fees, cachedBlocks).methods();
  }

  private JsonRpcMethods methods() {
    return JsonRpcMethods.builder()
        .add(SUBMIT_TRANSACTION, this::submitTransaction)
        .add(SUBMIT_TRANSACTIONS, this::submitTransactions)
        .add(GET_TRANSACTION, this::getTransaction)
        .add(GET_BLOCK, this::getBlock)
        .add(GET_UTXOS, params -> queries.utxos(RpcParams.of(params, 1, 1).address(0, "address")))
        .add(
            GET_BALANCE,
            params -> queries.balances(RpcParams.of(params, 1, 1).address(0, "address")))
        .add(GET_TRANSACTIONS, history::call)
        .add(
            GET_EXIT_DATA,
            params -> exits.exitData(RpcParams.of(params, 1, 1).utxoPos(0, "utxoPos")))
        .add(STATUS, this::status)
        .add(GET_FEES, this::getFees)
        .build();
  }

  private Submitted submitTransaction(JsonNode params) {
    byte[] signedTx = RpcParams.of(params, 1, 1).hex(0, "signedTx");
    return switch (submitter.submit(signedTx)) {
      case SubmitResult.Accepted accepted -> Submitted.of(accepted);
      case SubmitResult.Rejected rejected -> throw PlasmaRpcErrors.rejected(rejected);
    };
  }

  private List<Object> submitTransactions(JsonNode params) {
    List<byte[]> signedTxs = RpcParams.of(params, 1, 1).hexList(0, "signedTxs");
    List<SubmitResult> results = submitter.submitAll(signedTxs);
    if (results.size() != signedTxs.size()) {
      throw new IllegalStateException(
          "submitter answered %d results for %d transactions"
              .formatted(results.size(), signedTxs.size()));
    }
    List<Object> entries = new ArrayList<>(results.size());
    for (SubmitResult result : results) {
      entries.add(
          switch (result) {
            case SubmitResult.Accepted accepted -> Submitted.of(accepted);
            case SubmitResult.Rejected rejected -> failure(rejected);
          });
    }
    return entries;
  }

  private static SubmitFailure failure(SubmitResult.Rejected rejected) {
    JsonRpcException error = PlasmaRpcErrors.rejected(rejected);
    ReasonData data = new ReasonData(rejected.reason().code());
    return new SubmitFailure(new ErrorObject(error.code(), error.getMessage(), data));
  }

  private Object getTransaction(JsonNode params) {
    return queries.transaction(RpcParams.of(params, 1, 1).hash32(0, "txHash")).orElse(null);
  }

  private Object getBlock(JsonNode params) {
    RpcParams parsed = RpcParams.of(params, 1, 2);
    long blknum = parsed.childBlknum(0, "blknum");
    boolean full = parsed.optionalBoolean(1, "full").orElse(false);
    return queries.block(blknum, full).orElse(null);
  }

  /**
   * The current fee table; with a list of tokens, only their fees (tx types without any left out).
   */
  private Map<String, Map<String, FeeSpecsJson.Spec>> getFees(JsonNode params) {
    Optional<List<Address>> tokens = RpcParams.of(params, 0, 1).optionalAddressList(0, "tokens");
    return FeeSpecsJson.tree(fees.get(), tokens.orElse(null));
  }

  private Status status(JsonNode params) {
    RpcParams.of(params, 0, 0);
    return Status.of(status.get());
  }
}
