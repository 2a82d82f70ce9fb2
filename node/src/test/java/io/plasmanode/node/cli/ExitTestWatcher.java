package io.plasmanode.node.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.plasmanode.core.merkle.MerkleTree;
import io.plasmanode.core.tx.SignedTransaction;
import io.plasmanode.core.tx.TxCodec;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Hex;
import io.plasmanode.p2p.rpc.JsonRpcException;
import io.plasmanode.p2p.rpc.JsonRpcMethods;
import io.plasmanode.p2p.rpc.JsonRpcServer;
import io.plasmanode.p2p.rpc.JsonRpcServerConfig;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A stand-in watcher (and operator exit-data endpoint) on 127.0.0.1 for the exit ITs: serves {@code
 * watcher_getExitData}, {@code plasma_getExitData} and {@code watcher_getChallengeData} from what
 * the test registers, with the documented error codes for anything else.
 */
final class ExitTestWatcher implements AutoCloseable {
  private final Map<UtxoPos, Map<String, Object>> exitData = new ConcurrentHashMap<>();
  private final Map<UtxoPos, Map<String, Object>> challengeData = new ConcurrentHashMap<>();
  private final JsonRpcServer server;
  private final URI endpoint;

  ExitTestWatcher() {
    server =
        new JsonRpcServer(
            JsonRpcMethods.builder()
                .add("watcher_getExitData", params -> answer(exitData, params, -32014))
                .add("plasma_getExitData", params -> answer(exitData, params, -32014))
                .add("watcher_getChallengeData", params -> answer(challengeData, params, -32015))
                .build());
    endpoint = URI.create("http://127.0.0.1:" + server.start(JsonRpcServerConfig.defaults()));
  }

  URI endpoint() {
    return endpoint;
  }

  /** Serves the exit data of tx {@code txIndex} of a block holding {@code blockTxs} (unsigned). */
  void addExitData(UtxoPos utxoPos, List<byte[]> blockTxs) {
    byte[] txBytes = blockTxs.get(utxoPos.txindex());
    exitData.put(
        utxoPos,
        Map.of(
            "utxoPos", utxoPos.toString(),
            "txBytes", Hex.encode(txBytes),
            "proof", Hex.encode(MerkleTree.of(blockTxs).proof(utxoPos.txindex()).toBytes())));
  }

  /**
   * Answers the challenge of exit {@code exitId} with input {@code inputIndex} of {@code spend}.
   */
  void addChallengeData(UtxoPos exitId, SignedTransaction spend, int inputIndex) {
    challengeData.put(
        exitId,
        Map.of(
            "exitId", exitId.toString(),
            "spendingTxBytes", Hex.encode(TxCodec.encode(spend.tx())),
            "inputIndex", inputIndex,
            "signature", spend.signatures().get(inputIndex).toHex()));
  }

  private static Object answer(Map<UtxoPos, Map<String, Object>> data, JsonNode params, int code) {
    UtxoPos position =
        UtxoPos.fromLong(Long.parseLong(params.path(0).asText("0")))
            .orElseThrow(() -> JsonRpcException.invalidParams("param 0 (utxoPos) is invalid"));
    Map<String, Object> answer = data.get(position);
    if (answer == null) {
      String reason = code == -32014 ? "unknown_output" : "output_unspent";
      throw new JsonRpcException(
          code, "no data for " + position + " (" + reason + ")", Map.of("reason", reason));
    }
    return answer;
  }

  @Override
  public void close() {
    server.close();
  }
}
