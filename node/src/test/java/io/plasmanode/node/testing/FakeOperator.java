package io.plasmanode.node.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.plasmanode.contracts.anvil.AnvilProcess;
import io.plasmanode.contracts.testing.AnvilChain;
import io.plasmanode.core.crypto.Keccak;
import io.plasmanode.core.crypto.PrivateKey;
import io.plasmanode.core.fees.FeeTable;
import io.plasmanode.core.merkle.MerkleTree;
import io.plasmanode.core.tx.Output;
import io.plasmanode.core.tx.SignedTransaction;
import io.plasmanode.core.tx.TxCodec;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Hash32;
import io.plasmanode.core.types.Hex;
import io.plasmanode.core.validation.ValidationResult;
import io.plasmanode.node.fees.FeeSpecsJson;
import io.plasmanode.node.rpc.RpcResults.UtxoResult;
import io.plasmanode.p2p.rpc.JsonRpcException;
import io.plasmanode.p2p.rpc.JsonRpcMethods;
import io.plasmanode.p2p.rpc.JsonRpcServer;
import io.plasmanode.p2p.rpc.JsonRpcServerConfig;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A test-only operator: commits roots on L1 with the operator key and serves {@code
 * plasma_getBlock} for whatever blocks the test registers, with any contents. For wallets it
 * answers {@code plasma_status}, lists the outputs the test {@link #listUtxo lists} ({@code
 * plasma_getUtxos}), the fees the test sets ({@code plasma_getFees}) and accepts every {@code
 * plasma_submitTransaction} into the next child block, keeping what it {@link #received} (and doing
 * with it only what the test decides).
 */
public final class FakeOperator implements AutoCloseable {
  private final AnvilChain l1;
  private final PrivateKey operatorKey;
  private final Map<Long, List<String>> served = new ConcurrentHashMap<>();
  private final Map<Address, List<UtxoResult>> listed = new ConcurrentHashMap<>();
  private final List<SignedTransaction> received = new CopyOnWriteArrayList<>();
  private final AtomicReference<FeeTable> fees = new AtomicReference<>(FeeTable.NONE);
  private final JsonRpcServer server;
  private final URI endpoint;

  FakeOperator(AnvilChain l1, PrivateKey operatorKey) {
    this.l1 = l1;
    this.operatorKey = operatorKey;
    this.server =
        new JsonRpcServer(
            JsonRpcMethods.builder()
                .add("plasma_getBlock", this::block)
                .add("plasma_status", params -> status())
                .add("plasma_getUtxos", this::utxos)
                .add("plasma_submitTransaction", this::submit)
                .add("plasma_getFees", params -> FeeSpecsJson.tree(fees.get()))
                .build());
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

  /** Lists {@code output} at {@code pos} among its owner's unspent outputs. */
  public void listUtxo(UtxoPos pos, Output output) {
    listed
        .computeIfAbsent(output.owner(), owner -> new CopyOnWriteArrayList<>())
        .add(
            new UtxoResult(
                pos,
                pos.blknum(),
                pos.txindex(),
                pos.oindex(),
                output.owner(),
                output.token(),
                output.amount(),
                "unspent"));
  }

  /** Answers {@code plasma_getFees} with {@code table} (none by default). */
  public void charge(FeeTable table) {
    fees.set(table);
  }

  /** The signed transactions wallets submitted, in order. */
  public List<SignedTransaction> received() {
    return List.copyOf(received);
  }

  private Map<String, Object> status() {
    Map<String, Object> status = new HashMap<>();
    status.put("height", 0);
    status.put("lastCommittedBlock", 0);
    status.put("contract", l1.contract().toHex());
    status.put("chainId", AnvilProcess.CHAIN_ID);
    status.put("alarms", List.of());
    return status;
  }

  private Object utxos(JsonNode params) {
    return listed.getOrDefault(Address.fromHex(params.path(0).asText()), List.of());
  }

  private Object submit(JsonNode params) {
    ValidationResult<SignedTransaction> decoded =
        TxCodec.decodeSigned(Hex.decode(params.path(0).asText()));
    if (!decoded.isValid()) {
      throw JsonRpcException.invalidParams("undecodable transaction: " + decoded);
    }
    SignedTransaction signed = decoded.get();
    received.add(signed);
    Hash32 txHash = Keccak.keccak256(TxCodec.encode(signed.tx()));
    return Map.of(
        "txHash", txHash.toHex(), "blknum", l1.as(operatorKey).nextChildBlock(), "txIndex", 0);
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
