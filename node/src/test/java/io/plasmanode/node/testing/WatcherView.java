package io.plasmanode.node.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.plasmanode.core.crypto.PrivateKey;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.node.watcher.WatcherNode;
import io.plasmanode.p2p.rpc.JsonRpcClient;
import io.plasmanode.p2p.rpc.JsonRpcException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A watcher as users reach it: its events, exit data, challenge data and exitable outputs. */
public final class WatcherView implements AutoCloseable {
  /** The code of {@code watcher_getChallengeData} when there is nothing to challenge. */
  public static final int NOTHING_TO_CHALLENGE = -32015;

  private final JsonRpcClient rpc;

  public WatcherView(URI rpcUrl) {
    this.rpc = new JsonRpcClient(rpcUrl);
  }

  /** The in-process {@code watcher}'s API. */
  public static WatcherView of(WatcherNode watcher) {
    return new WatcherView(URI.create("http://127.0.0.1:" + watcher.rpcPort()));
  }

  /** The types of {@code watcher}'s active byzantine events, in order. */
  public static List<String> eventTypes(WatcherNode watcher) {
    return watcher.status().byzantineEvents().stream().map(e -> e.type()).toList();
  }

  /** The types of {@code watcher}'s byzantine events whose cause ended, in order. */
  public static List<String> pastEventTypes(WatcherNode watcher) {
    return watcher.status().pastEvents().stream().map(e -> e.event().type()).toList();
  }

  /** The JSON-RPC client, for calls the view has no method for. */
  public JsonRpcClient rpc() {
    return rpc;
  }

  /** {@code watcher_status}. */
  public JsonNode status() {
    return rpc.call("watcher_status");
  }

  /** The data to start the exit of {@code pos}: {@code txBytes} and {@code proof}. */
  public JsonNode exitData(UtxoPos pos) {
    return rpc.call("watcher_getExitData", pos.toString());
  }

  /**
   * The challenge data of {@code pos}, empty when the watcher says there is nothing to challenge.
   *
   * @throws JsonRpcException if the watcher fails otherwise
   */
  public Optional<JsonNode> challengeData(UtxoPos pos) {
    try {
      return Optional.of(rpc.call("watcher_getChallengeData", pos.toString()));
    } catch (JsonRpcException e) {
      if (e.code() != NOTHING_TO_CHALLENGE) {
        throw e;
      }
      return Optional.empty();
    }
  }

  /** The outputs of {@code owner} the watcher says can exit. */
  public List<UtxoPos> exitable(PrivateKey owner) {
    return positions("watcher_getExitableUtxos", owner);
  }

  /** The unspent outputs of {@code owner} as the watcher lists them (as the operator would). */
  public List<UtxoPos> utxos(PrivateKey owner) {
    return positions("watcher_getUtxos", owner);
  }

  private List<UtxoPos> positions(String method, PrivateKey owner) {
    List<UtxoPos> positions = new ArrayList<>();
    for (JsonNode utxo : rpc.call(method, owner.address().toHex())) {
      positions.add(UtxoPos.fromLong(Long.parseLong(utxo.get("utxoPos").asText())).orElseThrow());
    }
    return positions;
  }

  @Override
  public void close() {
    rpc.close();
  }
}
