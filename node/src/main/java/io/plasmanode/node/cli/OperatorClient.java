package io.plasmanode.node.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Hash32;
import io.plasmanode.core.types.Hex;
import io.plasmanode.p2p.rpc.JsonRpcClient;
import io.plasmanode.p2p.rpc.JsonRpcException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The operator's JSON-RPC API (docs/json-rpc.md) as the CLI uses it. Error answers stay {@link
 * JsonRpcException}s; {@link #describe} words them for people.
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

  /** The chain id and contract a signature must bind to, with the rest of {@code Status}. */
  public Status status() {
    JsonNode status = rpc.call("plasma_status");
    try {
      return new Status(
          Address.fromHex(status.path("contract").asText()),
          status.path("chainId").asLong(),
          status);
    } catch (IllegalArgumentException e) {
      throw new CliException("the operator's plasma_status has no valid contract: " + status);
    }
  }

  public List<WalletUtxo> utxos(Address owner) {
    JsonNode result = rpc.call("plasma_getUtxos", owner.toHex());
    if (!result.isArray()) {
      throw new CliException("the operator answered plasma_getUtxos with " + result);
    }
    List<WalletUtxo> utxos = new ArrayList<>();
    result.forEach(utxo -> utxos.add(WalletUtxo.fromJson(utxo)));
    return utxos;
  }

  /** {@code [{token, amount}]}, only nonzero balances. */
  public JsonNode balance(Address owner) {
    return rpc.call("plasma_getBalance", owner.toHex());
  }

  /** Submits a signed transaction into the open block. */
  public Submitted submit(byte[] signedTx) {
    JsonNode result = rpc.call("plasma_submitTransaction", Hex.encode(signedTx));
    try {
      return new Submitted(
          Hash32.fromHex(result.path("txHash").asText()),
          result.path("blknum").asLong(),
          result.path("txIndex").asInt());
    } catch (IllegalArgumentException e) {
      throw new CliException("the operator answered plasma_submitTransaction with " + result);
    }
  }

  /** The transaction once its block closed; empty before. */
  public Optional<JsonNode> transaction(Hash32 txHash) {
    return present(rpc.call("plasma_getTransaction", txHash.toHex()));
  }

  public Optional<JsonNode> block(long blknum, boolean full) {
    return present(rpc.call("plasma_getBlock", blknum, full));
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

  private static Optional<JsonNode> present(JsonNode result) {
    return result == null || result.isNull() ? Optional.empty() : Optional.of(result);
  }

  /** What {@code plasma_status} says, with the fields signing needs decoded. */
  public record Status(Address contract, long chainId, JsonNode json) {}

  /** The answer to {@code plasma_submitTransaction}. */
  public record Submitted(Hash32 txHash, long blknum, int txIndex) {}
}
