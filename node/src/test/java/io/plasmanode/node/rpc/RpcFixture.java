package io.plasmanode.node.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plasmanode.core.crypto.PrivateKey;
import io.plasmanode.core.eip712.Eip712Domain;
import io.plasmanode.core.eip712.TransactionSigner;
import io.plasmanode.core.fees.FeeTable;
import io.plasmanode.core.ledger.Utxo;
import io.plasmanode.core.testing.TxGen;
import io.plasmanode.core.tx.Output;
import io.plasmanode.core.tx.PaymentTransaction;
import io.plasmanode.core.tx.Signature;
import io.plasmanode.core.tx.SignatureShape;
import io.plasmanode.core.tx.SignedTransaction;
import io.plasmanode.core.tx.TxCodec;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Hex;
import io.plasmanode.node.api.ClosedBlockTiming;
import io.plasmanode.node.api.FeeStatus;
import io.plasmanode.node.api.OperatorStatus;
import io.plasmanode.node.api.TransactionSubmitter;
import io.plasmanode.p2p.rpc.JsonRpcDispatcher;
import io.plasmanode.p2p.rpc.JsonRpcMethods;
import io.plasmanode.storage.chain.ChainStore;
import io.plasmanode.storage.chain.StoredBlock;
import io.plasmanode.storage.kv.InMemoryKeyValueStore;
import io.plasmanode.storage.kv.KeyValueStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * A chain on an in-memory store, a {@link ValidatingSubmitter} and the API's methods behind a real
 * {@link JsonRpcDispatcher} (no sockets): requests and responses are JSON, as on the wire.
 */
final class RpcFixture {
  static final ObjectMapper JSON = new ObjectMapper();
  static final Address CONTRACT = Address.fromHex("0x5fbdb2315678afecb367f032d93f642f64180aa3");
  static final long CHAIN_ID = 1337;
  static final Eip712Domain DOMAIN = new Eip712Domain(CONTRACT, CHAIN_ID);
  static final Address ETH = Address.ZERO;
  static final Address TOKEN = Address.fromHex("0x00000000000000000000000000000000000070c0");
  static final Instant CLOSED_AT = Instant.parse("2025-01-02T03:04:05.900Z");

  final ChainStore store;
  final ValidatingSubmitter submitter;
  final JsonRpcMethods methods;
  final JsonRpcDispatcher dispatcher;
  private final TransactionSigner signer = new TransactionSigner(DOMAIN);
  private long nextDeposit = 1;

  /** What {@link #status()} reports as the last closed block (a test sets it). */
  Optional<ClosedBlockTiming> lastClosedBlock = Optional.empty();

  /** What {@code plasma_getFees} answers (a test sets it). */
  volatile FeeTable fees = FeeTable.NONE;

  RpcFixture() {
    this(new InMemoryKeyValueStore(), null);
  }

  RpcFixture(TransactionSubmitter submitterOverride) {
    this(new InMemoryKeyValueStore(), submitterOverride);
  }

  /** On {@code keyValueStore}, with {@code submitterOverride} instead of the validating one. */
  RpcFixture(KeyValueStore keyValueStore, TransactionSubmitter submitterOverride) {
    store = new ChainStore(keyValueStore);
    submitter = new ValidatingSubmitter(store, DOMAIN);
    methods =
        PlasmaRpcMethods.create(
            store,
            submitterOverride != null ? submitterOverride : submitter,
            this::status,
            () -> fees,
            2);
    dispatcher = new JsonRpcDispatcher(methods, 100);
  }

  OperatorStatus status() {
    return new OperatorStatus(
        store.height(),
        0,
        store.lastL1Block().orElse(-1),
        -1,
        submitter.mempoolSize(),
        submitter.openBlock(),
        CONTRACT,
        CHAIN_ID,
        List.of(),
        lastClosedBlock,
        FeeStatus.NONE);
  }

  /**
   * Applies a deposit of {@code amount} of {@code token} to {@code owner}; returns its position.
   */
  UtxoPos deposit(PrivateKey owner, Address token, long amount) {
    UtxoPos pos = new UtxoPos(nextDeposit++, 0, 0);
    Output output = new Output(owner.address(), token, BigInteger.valueOf(amount));
    assertThat(store.applyDeposit(new Utxo(pos, output), 7)).isTrue();
    return pos;
  }

  static Output output(PrivateKey owner, Address token, long amount) {
    return new Output(owner.address(), token, BigInteger.valueOf(amount));
  }

  /** The signed bytes of a transfer of {@code inputs}, signed by {@code keys} in input order. */
  byte[] transfer(List<UtxoPos> inputs, List<Output> outputs, List<PrivateKey> keys) {
    return TxCodec.encodeSigned(signer.sign(PaymentTransaction.transfer(inputs, outputs), keys));
  }

  /** The signed bytes of a transfer of {@code inputs} with {@code signature} on every input. */
  static byte[] transferWithSignature(
      List<UtxoPos> inputs, List<Output> outputs, Signature signature) {
    PaymentTransaction tx = PaymentTransaction.transfer(inputs, outputs);
    return TxCodec.encodeSigned(
        new SignedTransaction(tx, Collections.nCopies(inputs.size(), signature)));
  }

  /** {@code signature} with its malleable twin {@code (r, n - s, v ^ 1)}: a high-s signature. */
  static Signature highS(Signature signature) {
    BigInteger s = new BigInteger(1, signature.s());
    return TxGen.signature(
        new BigInteger(1, signature.r()),
        SignatureShape.SECP256K1_N.subtract(s),
        signature.v() == 27 ? 28 : 27);
  }

  Signature sign(List<UtxoPos> inputs, List<Output> outputs, PrivateKey key) {
    PaymentTransaction tx = PaymentTransaction.transfer(inputs, outputs);
    return signer.sign(tx, Collections.nCopies(inputs.size(), key)).signatures().get(0);
  }

  StoredBlock closeBlock() {
    return submitter.closeBlock(CLOSED_AT);
  }

  /** The whole response to {@code method(params...)}. */
  JsonNode call(String method, Object... params) {
    ObjectNode request = JSON.createObjectNode();
    request.put("jsonrpc", "2.0").put("id", 1).put("method", method);
    request.set("params", JSON.valueToTree(Arrays.asList(params)));
    return dispatch(request.toString());
  }

  JsonNode dispatch(String body) {
    byte[] response = dispatcher.dispatch(body.getBytes(StandardCharsets.UTF_8)).orElseThrow();
    try {
      return JSON.readTree(response);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The result of a call that must succeed. */
  JsonNode result(String method, Object... params) {
    JsonNode response = call(method, params);
    assertThat(response.has("error")).as("error in %s", response).isFalse();
    return response.get("result");
  }

  /** The error of a call that must fail. */
  JsonNode error(String method, Object... params) {
    JsonNode response = call(method, params);
    assertThat(response.has("error")).as("error expected in %s", response).isTrue();
    return response.get("error");
  }

  static String hex(byte[] bytes) {
    return Hex.encode(bytes);
  }
}
