package io.plasmanode.node.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.plasmanode.core.crypto.PrivateKey;
import io.plasmanode.core.tx.SignedTransaction;
import io.plasmanode.core.tx.TxCodec;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Hex;
import io.plasmanode.p2p.rpc.JsonRpcClient;
import io.plasmanode.p2p.rpc.JsonRpcException;
import java.math.BigInteger;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An operator as its users reach it, over its JSON-RPC API: submitting signed transactions and
 * reading balances, outputs, blocks, exit data and its status.
 */
public final class OperatorView implements AutoCloseable {
  private final URI rpcUrl;
  private final JsonRpcClient rpc;

  /** Where a transaction the operator accepted went. */
  public record Submitted(long blknum, int txIndex, String txHash) {
    /** Output {@code oindex} of the accepted transaction. */
    public UtxoPos output(int oindex) {
      return new UtxoPos(blknum, txIndex, oindex);
    }
  }

  public OperatorView(URI rpcUrl) {
    this.rpcUrl = rpcUrl;
    this.rpc = new JsonRpcClient(rpcUrl);
  }

  /** The operator's JSON-RPC endpoint. */
  public URI rpcUrl() {
    return rpcUrl;
  }

  /** The JSON-RPC client, for calls the view has no method for. */
  public JsonRpcClient rpc() {
    return rpc;
  }

  /**
   * Submits {@code tx}; where the operator put it.
   *
   * @throws JsonRpcException if the operator refuses it
   */
  public Submitted submit(SignedTransaction tx) {
    return submitted(rpc.call("plasma_submitTransaction", Hex.encode(TxCodec.encodeSigned(tx))));
  }

  /** Submits {@code tx} again and again until it is accepted (its input may not be there yet). */
  public Submitted submitWhenAccepted(SignedTransaction tx) {
    List<Submitted> accepted = new ArrayList<>();
    Waits.await(
        "the operator to accept the transaction",
        () -> {
          rejection(tx, accepted);
          return !accepted.isEmpty();
        });
    return accepted.getFirst();
  }

  /** The operator's refusal of {@code tx}, empty if it accepted it. */
  public Optional<JsonRpcException> rejection(SignedTransaction tx) {
    return rejection(tx, new ArrayList<>());
  }

  private Optional<JsonRpcException> rejection(SignedTransaction tx, List<Submitted> accepted) {
    try {
      accepted.add(submit(tx));
      return Optional.empty();
    } catch (JsonRpcException e) {
      return Optional.of(e);
    }
  }

  /** The reason the operator gives for refusing {@code e}'s transaction ({@code data.reason}). */
  public static String reason(JsonRpcException e) {
    return e.data().map(data -> data.path("reason").asText()).orElse("");
  }

  static Submitted submitted(JsonNode accepted) {
    return new Submitted(
        accepted.get("blknum").asLong(),
        accepted.get("txIndex").asInt(),
        accepted.path("txHash").asText());
  }

  /** The outputs {@code owner} holds, as the operator serves them. */
  public List<UtxoPos> utxos(PrivateKey owner) {
    return utxos(owner.address());
  }

  /** The outputs {@code owner} holds, as the operator serves them. */
  public List<UtxoPos> utxos(Address owner) {
    List<UtxoPos> utxos = new ArrayList<>();
    for (JsonNode utxo : rpc.call("plasma_getUtxos", owner.toHex())) {
      utxos.add(UtxoPos.fromLong(Long.parseLong(utxo.get("utxoPos").asText())).orElseThrow());
    }
    return utxos;
  }

  /** Whether {@code owner} holds {@code pos}. */
  public boolean hasUtxo(PrivateKey owner, UtxoPos pos) {
    return hasUtxo(owner.address(), pos);
  }

  /** Whether {@code owner} holds {@code pos}. */
  public boolean hasUtxo(Address owner, UtxoPos pos) {
    return utxos(owner).contains(pos);
  }

  /** {@code owner}'s balance of ether. */
  public BigInteger balance(PrivateKey owner) {
    return balance(owner, Payments.ETH);
  }

  /** {@code owner}'s balance of {@code token}. */
  public BigInteger balance(PrivateKey owner, Address token) {
    for (JsonNode entry : rpc.call("plasma_getBalance", owner.address().toHex())) {
      if (entry.get("token").asText().equals(token.toHex())) {
        return new BigInteger(entry.get("amount").asText());
      }
    }
    return BigInteger.ZERO;
  }

  /** Whether the transaction {@code txHash} is in a closed block. */
  public boolean isClosed(String txHash) {
    return !rpc.call("plasma_getTransaction", txHash).isNull();
  }

  /** {@code plasma_status}. */
  public JsonNode status() {
    return rpc.call("plasma_status");
  }

  /** The last block committed on L1, as the operator knows it. */
  public long lastCommittedBlock() {
    return status().path("lastCommittedBlock").asLong();
  }

  /** Block {@code blknum} with its signed transactions. */
  public JsonNode block(long blknum) {
    return rpc.call("plasma_getBlock", blknum, true);
  }

  /** The unsigned transactions of block {@code blknum}, the leaves of its Merkle tree. */
  public List<byte[]> blockTxs(long blknum) {
    return unsignedTxs(block(blknum));
  }

  /** The unsigned transactions of a served {@code block}, the leaves of its Merkle tree. */
  public static List<byte[]> unsignedTxs(JsonNode block) {
    List<byte[]> unsigned = new ArrayList<>();
    for (JsonNode signed : block.path("transactions")) {
      unsigned.add(TxCodec.encode(TxCodec.decodeSigned(Hex.decode(signed.asText())).get().tx()));
    }
    return unsigned;
  }

  /** The data to start the exit of {@code pos}: {@code txBytes} and {@code proof}. */
  public JsonNode exitData(UtxoPos pos) {
    return rpc.call("plasma_getExitData", pos.toString());
  }

  @Override
  public void close() {
    rpc.close();
  }
}
