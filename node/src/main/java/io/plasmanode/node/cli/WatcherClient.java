package io.plasmanode.node.cli;

import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import io.plasmanode.node.rpc.HistoryResults.TransactionsPage;
import io.plasmanode.node.rpc.RpcResults.ExitData;
import io.plasmanode.node.rpc.RpcResults.UtxoResult;
import io.plasmanode.node.rpc.WatcherRpcMethods;
import io.plasmanode.node.rpc.WatcherRpcResults.ChallengeResult;
import io.plasmanode.node.rpc.WatcherRpcResults.StatusResult;
import io.plasmanode.p2p.rpc.JsonRpcClient;
import io.plasmanode.p2p.rpc.JsonRpcException;
import io.plasmanode.p2p.rpc.JsonRpcResultException;
import io.plasmanode.p2p.rpc.JsonRpcTransportException;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A watcher's JSON-RPC API (docs/watcher-rpc.md) as the CLI uses it, its answers read into the
 * records the watcher writes. Failures, malformed answers included, become {@link CliException}s
 * that name the watcher and say what to do.
 */
public final class WatcherClient implements AutoCloseable {
  /** Where a watcher listens by default. */
  public static final String DEFAULT_WATCHER = "http://127.0.0.1:9657";

  /** No output at the position ({@code data.reason} {@code unknown_output}). */
  public static final int NO_SUCH_OUTPUT = -32014;

  /** The output is unspent in the validated chain ({@code data.reason} {@code output_unspent}). */
  public static final int NOTHING_TO_CHALLENGE = -32015;

  private final URI endpoint;
  private final JsonRpcClient rpc;

  public WatcherClient(URI endpoint) {
    this.endpoint = endpoint;
    this.rpc = new JsonRpcClient(endpoint);
  }

  /** {@code watcher_status}. */
  public StatusResult status() {
    return call(() -> rpc.call(StatusResult.class, WatcherRpcMethods.STATUS));
  }

  /** {@code watcher_getExitData}: what {@code startStandardExit} of {@code utxoPos} needs. */
  public ExitData exitData(UtxoPos utxoPos) {
    ExitData data =
        call(() -> rpc.call(ExitData.class, WatcherRpcMethods.GET_EXIT_DATA, utxoPos.toString()));
    return RpcAnswers.requireFor(data, utxoPos, "the watcher at " + endpoint);
  }

  /** {@code watcher_getChallengeData}: what {@code challengeStandardExit} of exit needs. */
  public ChallengeResult challengeData(UtxoPos exitId) {
    ChallengeResult data =
        call(
            () ->
                rpc.call(
                    ChallengeResult.class,
                    WatcherRpcMethods.GET_CHALLENGE_DATA,
                    exitId.toString()));
    return RpcAnswers.requireFor(data, exitId, "the watcher at " + endpoint);
  }

  /** {@code watcher_getExitableUtxos}: the address's outputs whose exit has not started. */
  public List<UtxoResult> exitableUtxos(Address owner) {
    return call(
        () -> rpc.callList(UtxoResult.class, WatcherRpcMethods.GET_EXITABLE_UTXOS, owner.toHex()));
  }

  /**
   * {@code watcher_getUtxos}: the address's unspent outputs as the operator lists them (also those
   * an exit challenge released).
   */
  public List<UtxoResult> utxos(Address owner) {
    return call(() -> rpc.callList(UtxoResult.class, WatcherRpcMethods.GET_UTXOS, owner.toHex()));
  }

  /** {@code watcher_getTransactions}: as {@link OperatorClient#transactions}, validated chain. */
  public TransactionsPage transactions(Address owner, Optional<String> cursor, int limit) {
    return call(
        () ->
            rpc.call(
                TransactionsPage.class,
                WatcherRpcMethods.GET_TRANSACTIONS,
                owner.toHex(),
                cursor.orElse(null),
                limit));
  }

  @Override
  public void close() {
    rpc.close();
  }

  private <T> T call(Supplier<T> call) {
    try {
      return call.get();
    } catch (JsonRpcResultException e) {
      throw new CliException(
          "the watcher at %s sent a malformed answer: %s".formatted(endpoint, e.getMessage()), e);
    } catch (JsonRpcTransportException e) {
      throw new CliException(
          "cannot reach the watcher at %s (%s): is the watcher running? see --watcher"
              .formatted(endpoint, reason(e)),
          e);
    } catch (JsonRpcException e) {
      throw new CliException(describe(e), e);
    }
  }

  /**
   * Why a call did not get through, never {@code null}: the cause's message, or its type when it
   * has none (a timeout, a closed channel).
   */
  static String reason(JsonRpcTransportException e) {
    Throwable cause = e.getCause() == null ? e : e.getCause();
    String message = cause.getMessage();
    String type = cause.getClass().getSimpleName();
    return message == null || message.isBlank() ? type : type + ": " + message;
  }

  /** The watcher's error answer in words for people. */
  String describe(JsonRpcException e) {
    return switch (e.code()) {
      case NO_SUCH_OUTPUT ->
          "the watcher at %s knows no such output: %s".formatted(endpoint, e.getMessage());
      case NOTHING_TO_CHALLENGE ->
          ("nothing to challenge: the watcher at %s sees the output unspent in the chain it"
                  + " validated, so the exit is valid (%s)")
              .formatted(endpoint, e.getMessage());
      default ->
          "the watcher at %s answered with error %d: %s"
              .formatted(endpoint, e.code(), e.getMessage());
    };
  }
}
