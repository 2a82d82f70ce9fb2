package io.plasmanode.node.rpc;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.exitgame.ChallengeData;
import io.plasmanode.node.api.InFlightQueries;
import io.plasmanode.node.api.WatcherQueries;
import io.plasmanode.node.rpc.RpcResults.ExitData;
import io.plasmanode.node.rpc.RpcResults.UtxoResult;
import io.plasmanode.node.rpc.WatcherRpcResults.ChallengeResult;
import io.plasmanode.node.rpc.WatcherRpcResults.StatusResult;
import io.plasmanode.p2p.rpc.JsonRpcMethods;
import io.plasmanode.storage.chain.ChainStore;
import java.util.List;
import java.util.Optional;

/**
 * A watcher's JSON-RPC API, exactly as docs/watcher-rpc.md describes it. Exit data and account
 * history come from the watcher's own validated chain with the operator API's {@link
 * ExitDataReader} and {@link HistoryMethod}, so users can exit (and see their history) with a
 * watcher alone.
 */
public final class WatcherRpcMethods {
  public static final String STATUS = "watcher_status";
  public static final String GET_EXIT_DATA = "watcher_getExitData";
  public static final String GET_CHALLENGE_DATA = "watcher_getChallengeData";
  public static final String GET_EXITABLE_UTXOS = "watcher_getExitableUtxos";
  public static final String GET_UTXOS = "watcher_getUtxos";
  public static final String GET_TRANSACTIONS = "watcher_getTransactions";

  private final WatcherQueries watcher;
  private final ExitDataReader exits;
  private final HistoryMethod history;
  private final Optional<InFlightQueries> inFlight;

  private WatcherRpcMethods(
      ChainStore chain, WatcherQueries watcher, Optional<InFlightQueries> inFlight) {
    this.watcher = watcher;
    this.exits = new ExitDataReader(chain, PlasmaRpcMethods.DEFAULT_CACHED_BLOCKS);
    this.history = new HistoryMethod(chain);
    this.inFlight = inFlight;
  }

  /**
   * Every method of docs/watcher-rpc.md over the watcher's validated {@code chain}, the in-flight
   * exit methods over {@code inFlight}.
   */
  public static JsonRpcMethods create(
      ChainStore chain, WatcherQueries watcher, InFlightQueries inFlight) {
    requireNonNull(chain, "chain");
    requireNonNull(watcher, "watcher");
    requireNonNull(inFlight, "inFlight");
    return new WatcherRpcMethods(chain, watcher, Optional.of(inFlight)).methods();
  }

  /** Every method of docs/watcher-rpc.md over the watcher's validated {@code chain}. */
  public static JsonRpcMethods create(ChainStore chain, WatcherQueries watcher) {
    requireNonNull(chain, "chain");
    requireNonNull(watcher, "watcher");
    return new WatcherRpcMethods(chain, watcher, Optional.empty()).methods();
  }

  private JsonRpcMethods methods() {
    JsonRpcMethods.Builder builder =
        JsonRpcMethods.builder()
            .add(STATUS, this::status)
            .add(GET_EXIT_DATA, this::exitData)
            .add(GET_CHALLENGE_DATA, this::challengeData)
            .add(GET_EXITABLE_UTXOS, this::exitableUtxos)
            .add(GET_UTXOS, this::utxos)
            .add(GET_TRANSACTIONS, history::call);
    inFlight.ifPresent(queries -> InFlightRpcMethods.addTo(builder, queries));
    return builder.build();
  }

  private StatusResult status(JsonNode params) {
    RpcParams.of(params, 0, 0);
    return StatusResult.of(watcher.status());
  }

  private ExitData exitData(JsonNode params) {
    return exits.exitData(RpcParams.of(params, 1, 1).utxoPos(0, "utxoPos"));
  }

  private ChallengeResult challengeData(JsonNode params) {
    UtxoPos pos = RpcParams.of(params, 1, 1).utxoPos(0, "utxoPos");
    return switch (watcher.challengeData(pos)) {
      case ChallengeData.Available available -> ChallengeResult.of(available.challenge());
      case ChallengeData.OutputUnspent unspent ->
          throw PlasmaRpcErrors.nothingToChallenge(
              "nothing to challenge: output %s is unspent in the validated chain".formatted(pos));
      case ChallengeData.UnknownOutput unknown ->
          throw PlasmaRpcErrors.outputNotFound(
              PlasmaRpcErrors.UNKNOWN_OUTPUT,
              "no output at %s in the validated chain (or its block is not synced yet)"
                  .formatted(pos));
    };
  }

  private List<UtxoResult> exitableUtxos(JsonNode params) {
    return watcher.exitableUtxos(RpcParams.of(params, 1, 1).address(0, "address")).stream()
        .map(UtxoResult::unspent)
        .toList();
  }

  private List<UtxoResult> utxos(JsonNode params) {
    return watcher.utxos(RpcParams.of(params, 1, 1).address(0, "address")).stream()
        .map(UtxoResult::unspent)
        .toList();
  }
}
