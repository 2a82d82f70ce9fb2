package io.plasmanode.node.cli;

import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Hex;
import io.plasmanode.node.rpc.HistoryResults.TransactionsPage;
import io.plasmanode.node.rpc.InFlightRpcMethods;
import io.plasmanode.node.rpc.InFlightRpcResults.CompetitorResult;
import io.plasmanode.node.rpc.InFlightRpcResults.InputChallengeResult;
import io.plasmanode.node.rpc.InFlightRpcResults.OutputChallengeResult;
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
import java.util.function.Function;
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

  /**
   * No in-flight exit of the tx is tracked, or the validated chain does not include the tx ({@code
   * data.reason} {@code unknown_in_flight_exit}, {@code tx_not_included}).
   */
  public static final int IN_FLIGHT_NOT_FOUND = -32017;

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

  /**
   * {@code watcher_getInFlightExitCompetitor}: the oldest known competitor of the in-flight exit of
   * {@code txBytes} (unsigned), as {@code challengeInFlightExitNotCanonical}'s arguments.
   */
  public CompetitorResult inFlightCompetitor(byte[] txBytes) {
    return inFlightCall(
        () -> rpc.call(CompetitorResult.class, InFlightRpcMethods.GET_COMPETITOR, hex(txBytes)));
  }

  /**
   * {@code watcher_getInputChallengeData}: a spend of input {@code inputIndex} of {@code txBytes}
   * by another tx, as {@code challengeInFlightExitInputSpent}'s arguments.
   */
  public InputChallengeResult inputChallengeData(byte[] txBytes, int inputIndex) {
    return inFlightCall(
        () ->
            rpc.call(
                InputChallengeResult.class,
                InFlightRpcMethods.GET_INPUT_CHALLENGE_DATA,
                hex(txBytes),
                inputIndex));
  }

  /**
   * {@code watcher_getOutputChallengeData}: the inclusion of {@code txBytes} and a spend of its
   * output {@code outputIndex}, as {@code challengeInFlightExitOutputSpent}'s arguments.
   */
  public OutputChallengeResult outputChallengeData(byte[] txBytes, int outputIndex) {
    return inFlightCall(
        () ->
            rpc.call(
                OutputChallengeResult.class,
                InFlightRpcMethods.GET_OUTPUT_CHALLENGE_DATA,
                hex(txBytes),
                outputIndex));
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

  private static String hex(byte[] bytes) {
    return Hex.encode(bytes);
  }

  /** As {@link #call}, with the in-flight methods' error answers in words. */
  private <T> T inFlightCall(Supplier<T> call) {
    return call(call, this::describeInFlight);
  }

  private <T> T call(Supplier<T> call) {
    return call(call, this::describe);
  }

  private <T> T call(Supplier<T> call, Function<JsonRpcException, String> describe) {
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
      throw new CliException(describe.apply(e), e);
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

  /** The watcher's error answer to an in-flight method in words for people. */
  String describeInFlight(JsonRpcException e) {
    String reason = e.data().map(data -> data.path("reason").asText("")).orElse("");
    return switch (e.code()) {
      case NOTHING_TO_CHALLENGE ->
          "nothing to challenge: the watcher at %s knows no such spend (%s%s)"
              .formatted(endpoint, e.getMessage(), reason.isEmpty() ? "" : ", " + reason);
      case IN_FLIGHT_NOT_FOUND ->
          ("the watcher at %s cannot answer: %s (%s); is it synced? see plasma watcher status or"
                  + " --watcher")
              .formatted(endpoint, e.getMessage(), reason);
      case JsonRpcException.METHOD_NOT_FOUND ->
          "the watcher at %s does not serve in-flight exits (%s): is it a plasma-node watcher?"
              .formatted(endpoint, e.getMessage());
      default -> describe(e);
    };
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
