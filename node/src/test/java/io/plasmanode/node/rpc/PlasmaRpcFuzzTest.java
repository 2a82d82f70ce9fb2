package io.plasmanode.node.rpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plasmanode.core.crypto.Keccak;
import io.plasmanode.core.crypto.PrivateKey;
import io.plasmanode.core.eip712.Eip712Domain;
import io.plasmanode.core.eip712.TransactionSigner;
import io.plasmanode.core.ledger.Utxo;
import io.plasmanode.core.testing.TestKeys;
import io.plasmanode.core.testing.fuzz.ByteMutator;
import io.plasmanode.core.testing.fuzz.FuzzCampaign;
import io.plasmanode.core.testing.fuzz.FuzzOutcome;
import io.plasmanode.core.testing.fuzz.JsonMutator;
import io.plasmanode.core.testing.fuzz.JsonRpcConformance;
import io.plasmanode.core.testing.fuzz.RlpTreeMutator;
import io.plasmanode.core.tx.Output;
import io.plasmanode.core.tx.PaymentTransaction;
import io.plasmanode.core.tx.Signature;
import io.plasmanode.core.tx.SignatureShape;
import io.plasmanode.core.tx.SignedTransaction;
import io.plasmanode.core.tx.TxCodec;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Hex;
import io.plasmanode.node.api.OperatorStatus;
import io.plasmanode.node.api.SubmitResult;
import io.plasmanode.node.operator.BlockProducer;
import io.plasmanode.node.operator.BlockProducerConfig;
import io.plasmanode.node.testing.OperatorStatusBuilder;
import io.plasmanode.p2p.rpc.JsonRpcDispatcher;
import io.plasmanode.storage.chain.ChainStore;
import io.plasmanode.storage.kv.InMemoryKeyValueStore;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes the operator's JSON-RPC methods behind the real dispatcher, with a real {@link ChainStore}
 * (in memory) and a real {@link BlockProducer}: valid calls of every method, above all {@code
 * plasma_submitTransaction(s)} with genuinely signed transfers of existing outputs, then their
 * mutations (the signed bytes mutated as bytes or as RLP structure, re-signed for another key or
 * domain, malleated; the JSON mutated) and hostile bodies. Properties: every answer is a
 * well-formed JSON-RPC response and never an internal error; rejected input changes nothing (the
 * store's bytes, the mempool and the open block are as before); only genuinely signed transfers are
 * accepted, each once, each adding exactly one transaction to the mempool.
 */
class PlasmaRpcFuzzTest {
  private static final int SHORT_TRIES = 10_000;
  private static final Address CONTRACT =
      Address.fromHex("0x5fbdb2315678afecb367f032d93f642f64180aa3");
  private static final long CHAIN_ID = 1337;
  private static final Eip712Domain DOMAIN = new Eip712Domain(CONTRACT, CHAIN_ID);
  private static final Eip712Domain OTHER_CHAIN = new Eip712Domain(CONTRACT, CHAIN_ID + 1);
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2025-03-04T05:06:07Z"), ZoneOffset.UTC);
  private static final List<PrivateKey> OWNERS = TestKeys.ALL;
  private static final int DEPOSITS_PER_OWNER = 16;
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final String[] QUERIES = {
    PlasmaRpcMethods.GET_TRANSACTION,
    PlasmaRpcMethods.GET_BLOCK,
    PlasmaRpcMethods.GET_UTXOS,
    PlasmaRpcMethods.GET_BALANCE,
    PlasmaRpcMethods.GET_EXIT_DATA,
    PlasmaRpcMethods.STATUS
  };

  private FuzzCampaign campaign;
  private Operator operator;
  private int builds = 1;

  /** A request body, and the method it was made for (before mutation). */
  record Input(byte[] body, String method) {}

  @Test
  void rejectedInputChangesNothingAndEveryAnswerIsWellFormed() {
    campaign = FuzzCampaign.of("operator-rpc", SHORT_TRIES);
    campaign.note("fresh operators (state reset after acceptances)", builds);
    operator = new Operator();
    try {
      campaign.run(this::input, this::execute, input -> describe(input.body()));
    } finally {
      operator.close();
    }
  }

  Input input(Random random) {
    int roll = random.nextInt(100);
    if (roll < 60) {
      return submission(random);
    }
    if (roll < 70) {
      return new Input(JsonMutator.hostileText(random), "hostile");
    }
    String method = QUERIES[random.nextInt(QUERIES.length)];
    ObjectNode request = request(method, queryParams(method, random), random);
    byte[] body =
        random.nextInt(3) == 0
            ? JsonMutator.bytes(request)
            : JsonMutator.mutate(
                request, request(method, queryParams(method, random), random), random);
    return new Input(body, method);
  }

  private Input submission(Random random) {
    boolean batch = random.nextInt(4) == 0;
    int count = batch ? 1 + random.nextInt(4) : 1;
    ArrayNode hexes = NODES.arrayNode();
    for (int i = 0; i < count; i++) {
      hexes.add(Hex.encode(signedBytes(random)));
    }
    String method =
        batch ? PlasmaRpcMethods.SUBMIT_TRANSACTIONS : PlasmaRpcMethods.SUBMIT_TRANSACTION;
    ArrayNode params = batch ? NODES.arrayNode().add(hexes) : NODES.arrayNode().add(hexes.get(0));
    ObjectNode request = request(method, params, random);
    byte[] body =
        random.nextInt(3) == 0
            ? JsonMutator.mutate(request, request(method, params.deepCopy(), random), random)
            : JsonMutator.bytes(request);
    return new Input(body, method);
  }

  /** A transfer's signed bytes: genuine, or mutated as bytes, structure or signature. */
  private byte[] signedBytes(Random random) {
    Transfer transfer = operator.transfer(random);
    byte[] genuine = transfer.signedBytes();
    return switch (random.nextInt(10)) {
      case 0, 1 -> genuine;
      case 2 -> ByteMutator.mutate(genuine, operator.transfer(random).signedBytes(), random);
      case 3, 4 -> RlpTreeMutator.mutate(genuine, random);
      case 5 -> resigned(transfer, OWNERS.get(random.nextInt(OWNERS.size())), DOMAIN);
      case 6 -> resigned(transfer, transfer.owner(), OTHER_CHAIN);
      case 7 -> malleated(transfer.signed());
      case 8 ->
          TxCodec.encodeSigned(
              new SignedTransaction(
                  changedAmount(transfer.signed().tx()), transfer.signed().signatures()));
      default -> ByteMutator.mutate(genuine, genuine, random);
    };
  }

  private FuzzOutcome execute(Input input) {
    Operator.Snapshot before = operator.snapshot();
    Optional<byte[]> answer = operator.dispatcher.dispatch(input.body());
    Operator.Snapshot after = operator.snapshot();
    List<String> accepted = new ArrayList<>();
    String reason = answer.isEmpty() ? "no response (notifications)" : null;
    if (answer.isPresent()) {
      JsonNode root = JsonRpcConformance.check(answer.get());
      for (JsonNode response : root.isArray() ? root : List.of(root)) {
        reason = firstNonNull(reason, classify(response, accepted));
      }
    }
    if (!after.committed().equals(before.committed())) {
      throw new AssertionError("the store or the open block changed: " + before + " -> " + after);
    }
    int growth = after.mempool() - before.mempool();
    checkVisibleAcceptances(accepted, growth);
    if (growth > accepted.size()) {
      checkHiddenAcceptances(input.body(), growth - accepted.size());
      rebuild();
      return FuzzOutcome.accepted("transactions accepted (some as notifications)");
    }
    if (growth > 0) {
      operator.consumed(accepted);
      if (operator.exhausted()) {
        rebuild();
      }
      return FuzzOutcome.accepted("transactions accepted");
    }
    return reason == null ? FuzzOutcome.accepted("answered") : FuzzOutcome.rejected(reason);
  }

  /** Each acceptance answered is a genuine transfer, accepted once, and in the mempool. */
  private void checkVisibleAcceptances(List<String> accepted, int growth) {
    if (growth < accepted.size()) {
      throw new AssertionError(accepted.size() + " accepted but the mempool grew by " + growth);
    }
    for (String txHash : accepted) {
      if (!GENUINE_HASHES.contains(txHash)) {
        throw new AssertionError("accepted " + txHash + ", which is no genuinely signed transfer");
      }
      if (!operator.acceptedHashes.add(txHash)) {
        throw new AssertionError("accepted " + txHash + " twice");
      }
    }
  }

  /**
   * Notifications are executed without an answer (JSON-RPC 2.0), so transfers can enter the mempool
   * unseen; there must be at least as many genuine transfers in the request.
   */
  private static void checkHiddenAcceptances(byte[] body, int hidden) {
    String text = new String(body, StandardCharsets.ISO_8859_1);
    long genuine = TRANSFERS.stream().filter(t -> text.contains(t.hex())).count();
    if (hidden > genuine) {
      throw new AssertionError(
          "the mempool took "
              + hidden
              + " unanswered transactions; the request has "
              + genuine
              + " genuine transfers");
    }
  }

  /** A fresh operator, so acceptances stay exactly accounted for. */
  private void rebuild() {
    operator.close();
    operator = new Operator();
    builds++;
    campaign.note("fresh operators (state reset after acceptances)", builds);
  }

  /** Collects accepted tx hashes of a response; returns its rejection reason, null for results. */
  private static String classify(JsonNode response, List<String> accepted) {
    if (response.has("error")) {
      return reasonOf(response.get("error"));
    }
    JsonNode result = response.get("result");
    if (isSubmitted(result)) {
      accepted.add(result.get("txHash").textValue());
      return null;
    }
    String reason = null;
    if (result.isArray()) {
      for (JsonNode entry : result) {
        if (isSubmitted(entry)) {
          accepted.add(entry.get("txHash").textValue());
        } else if (entry.size() == 1 && entry.has("error")) {
          reason = firstNonNull(reason, reasonOf(entry.get("error")));
        }
      }
    }
    return reason;
  }

  /** The answer to an accepted transaction: exactly {@code {txHash, blknum, txIndex}}. */
  private static boolean isSubmitted(JsonNode result) {
    return result.isObject()
        && result.size() == 3
        && result.has("txHash")
        && result.has("blknum")
        && result.has("txIndex");
  }

  private static String reasonOf(JsonNode error) {
    int code = error.get("code").intValue();
    if (code == JsonRpcConformance.INTERNAL_ERROR) {
      throw new AssertionError("internal error: a method failed on bad input: " + error);
    }
    JsonNode reason = error.path("data").path("reason");
    return reason.isTextual() ? reason.textValue() : Integer.toString(code);
  }

  private static ObjectNode request(String method, JsonNode params, Random random) {
    ObjectNode request = NODES.objectNode().put("jsonrpc", "2.0").put("method", method);
    request.set("params", params);
    if (random.nextInt(10) == 0) {
      return request;
    }
    return request.put("id", random.nextInt(1000));
  }

  private ArrayNode queryParams(String method, Random random) {
    ArrayNode params = NODES.arrayNode();
    switch (method) {
      case PlasmaRpcMethods.GET_TRANSACTION ->
          params.add(TRANSFERS.get(random.nextInt(2)).txHash());
      case PlasmaRpcMethods.GET_BLOCK ->
          params.add(1000 * (1 + random.nextInt(2))).add(random.nextBoolean());
      case PlasmaRpcMethods.GET_UTXOS, PlasmaRpcMethods.GET_BALANCE ->
          params.add(OWNERS.get(random.nextInt(OWNERS.size())).address().toHex());
      case PlasmaRpcMethods.GET_EXIT_DATA ->
          params.add(
              Long.toString(
                  random.nextBoolean()
                      ? new UtxoPos(1000, 0, random.nextInt(2)).toLong()
                      : new UtxoPos(1 + random.nextInt(DEPOSITS_PER_OWNER * OWNERS.size()), 0, 0)
                          .toLong()));
      default -> {}
    }
    return params;
  }

  private static byte[] resigned(Transfer transfer, PrivateKey key, Eip712Domain domain) {
    return TxCodec.encodeSigned(
        new TransactionSigner(domain).sign(transfer.signed().tx(), List.of(key)));
  }

  /** The same transaction with its malleable twin signature {@code (r, n - s, v ^ 1)}. */
  private static byte[] malleated(SignedTransaction signed) {
    Signature low = signed.signatures().get(0);
    BigInteger s = SignatureShape.SECP256K1_N.subtract(new BigInteger(1, low.s()));
    byte[] word = new byte[32];
    byte[] raw = s.toByteArray();
    int length = Math.min(raw.length, 32);
    System.arraycopy(raw, raw.length - length, word, 32 - length, length);
    Signature twin = Signature.of(low.r(), word, low.v() == 27 ? 28 : 27);
    return TxCodec.encodeSigned(new SignedTransaction(signed.tx(), List.of(twin)));
  }

  /** The transaction with its first output's amount doubled: the signature no longer matches. */
  private static PaymentTransaction changedAmount(PaymentTransaction tx) {
    List<Output> outputs = new ArrayList<>(tx.outputs());
    Output first = outputs.get(0);
    outputs.set(0, new Output(first.owner(), first.token(), first.amount().shiftLeft(1)));
    return new PaymentTransaction(tx.inputs(), outputs, tx.metadata());
  }

  private static String firstNonNull(String current, String candidate) {
    return current != null ? current : candidate;
  }

  private static String describe(byte[] body) {
    return body.length > 4000
        ? HexFormat.of().formatHex(body, 0, 4000) + "... (" + body.length + " bytes)"
        : HexFormat.of().formatHex(body);
  }

  /** A genuinely signed transfer of deposit {@code deposit} to another owner. */
  record Transfer(UtxoPos deposit, Output output, PrivateKey owner, SignedTransaction signed) {
    byte[] signedBytes() {
      return TxCodec.encodeSigned(signed);
    }

    String hex() {
      return Hex.encode(signedBytes());
    }

    String txHash() {
      return Keccak.keccak256(TxCodec.encode(signed.tx())).toHex();
    }
  }

  /** One transfer per deposit: deposits 1..64, each owner's 16 in a row; signed once. */
  private static final List<Transfer> TRANSFERS = transfers();

  private static final Set<String> GENUINE_HASHES =
      TRANSFERS.stream().map(Transfer::txHash).collect(Collectors.toUnmodifiableSet());

  private static List<Transfer> transfers() {
    TransactionSigner signer = new TransactionSigner(DOMAIN);
    List<Transfer> transfers = new ArrayList<>();
    long blknum = 1;
    for (PrivateKey owner : OWNERS) {
      for (int i = 0; i < DEPOSITS_PER_OWNER; i++) {
        UtxoPos deposit = new UtxoPos(blknum++, 0, 0);
        BigInteger amount = BigInteger.valueOf(1_000 + deposit.blknum());
        Address to = OWNERS.get((int) (deposit.blknum() % OWNERS.size())).address();
        PaymentTransaction tx =
            PaymentTransaction.transfer(
                List.of(deposit),
                List.of(
                    new Output(to, Address.ZERO, amount.subtract(BigInteger.ONE)),
                    new Output(owner.address(), Address.ZERO, BigInteger.ONE)));
        Output output = new Output(owner.address(), Address.ZERO, amount);
        transfers.add(new Transfer(deposit, output, owner, signer.sign(tx, List.of(owner))));
      }
    }
    return List.copyOf(transfers);
  }

  /**
   * An operator: a store with the deposits and block 1000 (the first transfer), a producer whose
   * blocks never close in the test, the API's methods behind the dispatcher, and the transfers not
   * yet accepted.
   */
  static final class Operator implements AutoCloseable {
    final InMemoryKeyValueStore keyValueStore = new InMemoryKeyValueStore();
    final ChainStore store = new ChainStore(keyValueStore);
    final BlockProducer producer;
    final JsonRpcDispatcher dispatcher;
    final List<Transfer> unspent = new ArrayList<>(TRANSFERS);
    final Set<String> acceptedHashes = new HashSet<>();

    /** What rejected input must not change: the store's bytes, the open block, the mempool. */
    record Snapshot(Committed committed, int mempool) {}

    record Committed(String storeDigest, long openBlock, long height) {}

    Operator() {
      for (Transfer transfer : TRANSFERS) {
        store.applyDeposit(new Utxo(transfer.deposit(), transfer.output()), 1);
      }
      Transfer first = unspent.remove(0);
      try (BlockProducer closer = new BlockProducer(store, config(1), CLOCK)) {
        SubmitResult result = closer.submit(first.signedBytes());
        if (!(result instanceof SubmitResult.Accepted)) {
          throw new IllegalStateException("the first transfer was refused: " + result);
        }
      }
      if (store.height() != 1000) {
        throw new IllegalStateException("block 1000 was not committed");
      }
      producer = new BlockProducer(store, config(UtxoPos.MAX_TXS_PER_BLOCK), CLOCK);
      dispatcher =
          new JsonRpcDispatcher(PlasmaRpcMethods.create(store, producer, this::status), 100);
    }

    private static BlockProducerConfig config(int maxTxs) {
      return BlockProducerConfig.defaults(DOMAIN)
          .withMaxTxsPerBlock(maxTxs)
          .withBlockInterval(Duration.ofHours(1))
          .withVerificationThreads(1);
    }

    OperatorStatus status() {
      return OperatorStatusBuilder.of(CONTRACT, CHAIN_ID)
          .height(store.height())
          .l1HeightSeen(1)
          .mempoolSize(producer.mempoolSize())
          .openBlock(producer.openBlknum())
          .build();
    }

    Transfer transfer(Random random) {
      return unspent.get(random.nextInt(unspent.size()));
    }

    void consumed(List<String> txHashes) {
      unspent.removeIf(transfer -> txHashes.contains(transfer.txHash()));
    }

    boolean exhausted() {
      return unspent.size() < 4;
    }

    Snapshot snapshot() {
      MessageDigest digest = sha256();
      keyValueStore.forEachWithPrefix(
          new byte[0],
          (key, value) -> {
            digest.update(ByteBuffer.allocate(8).putInt(key.length).putInt(value.length).array());
            digest.update(key);
            digest.update(value);
          });
      Committed committed =
          new Committed(
              HexFormat.of().formatHex(digest.digest()), producer.openBlknum(), store.height());
      return new Snapshot(committed, producer.mempoolSize());
    }

    private static MessageDigest sha256() {
      try {
        return MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }

    @Override
    public void close() {
      producer.close();
    }
  }
}
