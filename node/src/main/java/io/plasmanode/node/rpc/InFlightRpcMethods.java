package io.plasmanode.node.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import io.plasmanode.core.types.Hex;
import io.plasmanode.node.api.InFlightQueries;
import io.plasmanode.node.api.InFlightQueries.Answer;
import io.plasmanode.node.rpc.InFlightRpcResults.CanonicalityProof;
import io.plasmanode.node.rpc.InFlightRpcResults.CompetitorResult;
import io.plasmanode.node.rpc.InFlightRpcResults.InFlightExitResult;
import io.plasmanode.node.rpc.InFlightRpcResults.InputChallengeResult;
import io.plasmanode.node.rpc.InFlightRpcResults.OutputChallengeResult;
import io.plasmanode.p2p.rpc.JsonRpcException;
import io.plasmanode.p2p.rpc.JsonRpcMethods;
import java.util.List;
import java.util.Locale;

/**
 * The watcher's in-flight exit methods of docs/watcher-rpc.md: the arguments of the game's
 * challenge and response calls for any client, and the tracked exits with what their owners may
 * still do.
 */
public final class InFlightRpcMethods {
  public static final String GET_COMPETITOR = "watcher_getInFlightExitCompetitor";
  public static final String PROVE_CANONICAL = "watcher_proveCanonical";
  public static final String GET_INPUT_CHALLENGE_DATA = "watcher_getInputChallengeData";
  public static final String GET_OUTPUT_CHALLENGE_DATA = "watcher_getOutputChallengeData";
  public static final String GET_IN_FLIGHT_EXITS = "watcher_getInFlightExits";

  private final InFlightQueries queries;

  private InFlightRpcMethods(InFlightQueries queries) {
    this.queries = queries;
  }

  /** Adds the methods over {@code queries} to {@code builder}. */
  static JsonRpcMethods.Builder addTo(JsonRpcMethods.Builder builder, InFlightQueries queries) {
    InFlightRpcMethods methods = new InFlightRpcMethods(queries);
    return builder
        .add(GET_COMPETITOR, methods::competitor)
        .add(PROVE_CANONICAL, methods::proveCanonical)
        .add(GET_INPUT_CHALLENGE_DATA, methods::inputChallengeData)
        .add(GET_OUTPUT_CHALLENGE_DATA, methods::outputChallengeData)
        .add(GET_IN_FLIGHT_EXITS, methods::inFlightExits);
  }

  private CompetitorResult competitor(JsonNode params) {
    byte[] tx = RpcParams.of(params, 1, 1).hex(0, "txBytes");
    return CompetitorResult.of(answer(queries.competitor(tx)));
  }

  private CanonicalityProof proveCanonical(JsonNode params) {
    byte[] tx = RpcParams.of(params, 1, 1).hex(0, "txBytes");
    return CanonicalityProof.of(Hex.encode(tx), answer(queries.proveCanonical(tx)));
  }

  private InputChallengeResult inputChallengeData(JsonNode params) {
    RpcParams p = RpcParams.of(params, 2, 2);
    byte[] tx = p.hex(0, "txBytes");
    return InputChallengeResult.of(
        answer(queries.inputChallenge(tx, p.slotIndex(1, "inputIndex"))));
  }

  private OutputChallengeResult outputChallengeData(JsonNode params) {
    RpcParams p = RpcParams.of(params, 2, 2);
    byte[] tx = p.hex(0, "txBytes");
    return OutputChallengeResult.of(
        answer(queries.outputChallenge(tx, p.slotIndex(1, "outputIndex"))));
  }

  private List<InFlightExitResult> inFlightExits(JsonNode params) {
    RpcParams.of(params, 0, 0);
    return queries.inFlightExits().stream().map(InFlightExitResult::of).toList();
  }

  private static <T> T answer(Answer<T> answer) {
    return switch (answer) {
      case Answer.Found<T> found -> found.value();
      case Answer.Refused<T> refused -> throw error(refused);
    };
  }

  private static JsonRpcException error(Answer.Refused<?> refused) {
    String reason = refused.reason().name().toLowerCase(Locale.ROOT);
    return switch (refused.reason()) {
      case MALFORMED_TX, NO_SUCH_SLOT -> JsonRpcException.invalidParams(refused.message());
      case UNKNOWN_IN_FLIGHT_EXIT, TX_NOT_INCLUDED ->
          PlasmaRpcErrors.withReason(
              PlasmaRpcErrors.IN_FLIGHT_NOT_FOUND, refused.message(), reason);
      case NO_COMPETITOR, INPUT_UNSPENT, OUTPUT_UNSPENT ->
          PlasmaRpcErrors.withReason(
              PlasmaRpcErrors.NOTHING_TO_CHALLENGE, refused.message(), reason);
    };
  }
}
