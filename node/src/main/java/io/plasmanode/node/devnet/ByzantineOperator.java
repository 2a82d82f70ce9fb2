package io.plasmanode.node.devnet;

import com.fasterxml.jackson.databind.JsonNode;
import io.plasmanode.core.tx.SignedTransaction;
import io.plasmanode.core.tx.TxCodec;
import io.plasmanode.core.types.Hex;
import io.plasmanode.core.validation.ValidationResult;
import io.plasmanode.node.devnet.DevnetAccounts.DemoAccount;
import io.plasmanode.node.rpc.PlasmaRpcMethods;
import io.plasmanode.p2p.rpc.JsonRpcClient;
import io.plasmanode.p2p.rpc.JsonRpcException;
import io.plasmanode.p2p.rpc.JsonRpcMethods;
import io.plasmanode.p2p.rpc.JsonRpcServer;
import io.plasmanode.p2p.rpc.JsonRpcServerConfig;
import io.plasmanode.p2p.rpc.JsonRpcTransportException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The operator's endpoint of a devnet started with {@code --byzantine}, for demonstrations only: a
 * JSON-RPC server on 127.0.0.1 in front of the honest operator node, which passes every {@code
 * plasma_*} call on to the node, except a transaction the {@link WithholdingCheat} takes; and the
 * devnet's admin method {@value #WITHHOLD_NEXT_BLOCK} ({@code [account, amountWei]}), which arms
 * the cheat ({@code plasma devnet cheat}). A {@code plasma operator} never has any of this: only
 * the devnet builds it, and only with the flag.
 */
final class ByzantineOperator implements AutoCloseable {
  /** The admin method that arms the cheat. */
  static final String WITHHOLD_NEXT_BLOCK = "devnet_withholdNextBlock";

  /** The methods of the operator's API passed on to the operator's node. */
  private static final List<String> PASSED_ON =
      List.of(
          PlasmaRpcMethods.SUBMIT_TRANSACTIONS,
          PlasmaRpcMethods.GET_TRANSACTION,
          PlasmaRpcMethods.GET_BLOCK,
          PlasmaRpcMethods.GET_UTXOS,
          PlasmaRpcMethods.GET_BALANCE,
          PlasmaRpcMethods.GET_EXIT_DATA,
          PlasmaRpcMethods.STATUS);

  private final JsonRpcClient operatorNode;
  private final WithholdingCheat cheat;
  private final JsonRpcServer server;
  private final int port;

  private ByzantineOperator(
      JsonRpcClient operatorNode, WithholdingCheat cheat, JsonRpcServerConfig config) {
    this.operatorNode = operatorNode;
    this.cheat = cheat;
    JsonRpcMethods.Builder methods = JsonRpcMethods.builder();
    PASSED_ON.forEach(name -> methods.add(name, params -> passOn(name, params)));
    methods.add(PlasmaRpcMethods.SUBMIT_TRANSACTION, this::submit);
    methods.add(WITHHOLD_NEXT_BLOCK, this::arm);
    this.server = new JsonRpcServer(methods.build());
    this.port = server.start(config);
  }

  /**
   * Serves on 127.0.0.1:{@code port} (0: a free one).
   *
   * @param operatorNode the honest operator node's JSON-RPC
   */
  static ByzantineOperator start(int port, JsonRpcClient operatorNode, WithholdingCheat cheat) {
    return new ByzantineOperator(
        operatorNode,
        cheat,
        JsonRpcServerConfig.defaults()
            .withHost(JsonRpcServerConfig.DEFAULT_HOST)
            .withPort(port)
            .withRequestsPerSecond(10_000));
  }

  int port() {
    return port;
  }

  private Object submit(JsonNode params) {
    if (params.isArray() && params.size() == 1 && params.get(0).isTextual()) {
      Optional<SignedTransaction> signed = decode(params.get(0).asText());
      if (signed.isPresent()) {
        Optional<?> taken = cheat.intercept(signed.get());
        if (taken.isPresent()) {
          return taken.get();
        }
      }
    }
    return passOn(PlasmaRpcMethods.SUBMIT_TRANSACTION, params);
  }

  private static Optional<SignedTransaction> decode(String hex) {
    try {
      ValidationResult<SignedTransaction> decoded = TxCodec.decodeSigned(Hex.decode(hex));
      return decoded.isValid() ? Optional.of(decoded.get()) : Optional.empty();
    } catch (IllegalArgumentException notHex) {
      return Optional.empty(); // the operator's node names the problem
    }
  }

  private Object arm(JsonNode params) {
    if (!params.isArray() || params.size() != 2) {
      throw JsonRpcException.invalidParams(
          "expected [account, amountWei], e.g. [\"eve\", \"1000000000000000000\"]");
    }
    DemoAccount account = mintable(params.get(0).asText());
    BigInteger amount;
    try {
      amount = new BigInteger(params.get(1).asText());
    } catch (NumberFormatException e) {
      throw JsonRpcException.invalidParams(
          "amountWei must be a decimal number of wei, got " + params.get(1));
    }
    if (amount.signum() <= 0 || amount.bitLength() > 256) {
      throw JsonRpcException.invalidParams("amountWei must be 1 to 2^256-1 wei, got " + amount);
    }
    cheat.arm(new WithholdingCheat.Armed(account, amount));
    Map<String, Object> armed = new LinkedHashMap<>();
    armed.put("account", account.name());
    armed.put("address", account.address().toHex());
    armed.put("amount", amount.toString());
    return armed;
  }

  /** A devnet account other than the operator and the watcher's challenger. */
  private static DemoAccount mintable(String name) {
    List<String> names = new ArrayList<>();
    for (DemoAccount account : DevnetAccounts.ALL) {
      if (!account.equals(DevnetAccounts.OPERATOR) && !account.equals(DevnetAccounts.CHALLENGER)) {
        names.add(account.name());
      }
    }
    if (!names.contains(name)) {
      throw JsonRpcException.invalidParams(
          "no devnet account " + name + " to mint for: one of " + String.join(", ", names));
    }
    return DevnetAccounts.named(name).orElseThrow();
  }

  private Object passOn(String method, JsonNode params) {
    List<JsonNode> positional = new ArrayList<>();
    if (params != null && params.isArray()) {
      params.forEach(positional::add);
    } else if (params != null && !params.isNull() && !params.isMissingNode()) {
      throw JsonRpcException.invalidParams("params must be an array");
    }
    try {
      return operatorNode.call(method, positional.toArray());
    } catch (JsonRpcTransportException e) {
      throw new JsonRpcException(
          JsonRpcException.INTERNAL_ERROR,
          "the devnet's operator node does not answer: " + e.getMessage());
    }
  }

  @Override
  public void close() {
    server.close();
  }
}
