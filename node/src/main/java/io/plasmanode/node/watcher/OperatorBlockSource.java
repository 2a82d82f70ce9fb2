package io.plasmanode.node.watcher;

import com.fasterxml.jackson.databind.JsonNode;
import io.plasmanode.core.types.Hex;
import io.plasmanode.p2p.rpc.JsonRpcClient;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Blocks from the operator's JSON-RPC API: {@code plasma_getBlock(blknum, true)}. */
public final class OperatorBlockSource implements RemoteBlockSource {
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

  private final URI endpoint;
  private final JsonRpcClient rpc;

  public OperatorBlockSource(URI endpoint) {
    this.endpoint = endpoint;
    this.rpc = new JsonRpcClient(endpoint, CONNECT_TIMEOUT, REQUEST_TIMEOUT);
  }

  @Override
  public String name() {
    return "operator " + endpoint;
  }

  @Override
  public boolean isOperator() {
    return true;
  }

  @Override
  public Optional<List<byte[]>> fetch(long blknum) {
    JsonNode block = rpc.call("plasma_getBlock", blknum, true);
    if (block.isNull()) {
      return Optional.empty();
    }
    JsonNode transactions = block.get("transactions");
    if (transactions == null || !transactions.isArray()) {
      throw new IllegalStateException(
          name() + " answered block " + blknum + " without transactions");
    }
    List<byte[]> signed = new ArrayList<>(transactions.size());
    for (JsonNode tx : transactions) {
      if (!tx.isTextual()) {
        throw new IllegalStateException(name() + " answered a transaction that is not hex");
      }
      signed.add(Hex.decode(tx.textValue()));
    }
    return Optional.of(signed);
  }

  @Override
  public void close() {
    rpc.close();
  }
}
