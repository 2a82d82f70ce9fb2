package io.plasmanode.node.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.plasmanode.contracts.testing.AnvilChain;
import io.plasmanode.core.crypto.PrivateKey;
import io.plasmanode.core.merkle.MerkleTree;
import io.plasmanode.core.tx.SignedTransaction;
import io.plasmanode.core.tx.TxCodec;
import io.plasmanode.core.types.Hash32;
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
 * A test-only operator: commits roots on L1 with the operator key and serves {@code
 * plasma_getBlock} for whatever blocks the test registers, with any contents.
 */
public final class FakeOperator implements AutoCloseable {
  private final AnvilChain l1;
  private final PrivateKey operatorKey;
  private final Map<Long, List<String>> served = new ConcurrentHashMap<>();
  private final JsonRpcServer server;
  private final URI endpoint;

  FakeOperator(AnvilChain l1, PrivateKey operatorKey) {
    this.l1 = l1;
    this.operatorKey = operatorKey;
    this.server =
        new JsonRpcServer(JsonRpcMethods.builder().add("plasma_getBlock", this::block).build());
    this.endpoint = URI.create("http://127.0.0.1:" + server.start(JsonRpcServerConfig.defaults()));
  }

  public URI endpoint() {
    return endpoint;
  }

  /** Commits the root of {@code committed} (signed txs) on L1 as the operator. */
  public void commit(List<SignedTransaction> committed) {
    l1.as(operatorKey).submitBlock(root(committed));
  }

  /**
   * Commits the root of {@code committed} like {@link #commit}, without waiting for the receipt.
   */
  public void commitNoWait(List<SignedTransaction> committed) {
    L1Objects.submitBlockNoWait(l1, operatorKey, root(committed).toArray());
  }

  /** Serves {@code contents} as block {@code blknum}. */
  public void serve(long blknum, List<SignedTransaction> contents) {
    served.put(blknum, contents.stream().map(s -> Hex.encode(TxCodec.encodeSigned(s))).toList());
  }

  /** Commits {@code block} on L1 and serves it as block {@code blknum}. */
  public void commitAndServe(long blknum, List<SignedTransaction> block) {
    commit(block);
    serve(blknum, block);
  }

  private static Hash32 root(List<SignedTransaction> committed) {
    return MerkleTree.of(committed.stream().map(s -> TxCodec.encode(s.tx())).toList()).root();
  }

  private Object block(JsonNode params) {
    long blknum = params.path(0).asLong();
    List<String> txs = served.get(blknum);
    if (!params.path(1).asBoolean(false)) {
      throw JsonRpcException.invalidParams("the fake operator serves full blocks only");
    }
    return txs == null ? null : Map.of("blknum", blknum, "transactions", txs);
  }

  @Override
  public void close() {
    server.close();
  }
}
