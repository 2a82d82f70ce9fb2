package io.plasmanode.node.watcher;

import com.fasterxml.jackson.databind.JsonNode;
import io.plasmanode.contracts.anvil.AnvilProcess;
import io.plasmanode.contracts.generated.Plasma;
import io.plasmanode.contracts.testing.AnvilChain;
import io.plasmanode.core.crypto.PrivateKey;
import io.plasmanode.core.eip712.Eip712Domain;
import io.plasmanode.core.eip712.TransactionSigner;
import io.plasmanode.core.merkle.MerkleTree;
import io.plasmanode.core.tx.Output;
import io.plasmanode.core.tx.PaymentTransaction;
import io.plasmanode.core.tx.SignedTransaction;
import io.plasmanode.core.tx.TxCodec;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Hex;
import io.plasmanode.node.daemon.OperatorNode;
import io.plasmanode.node.daemon.TestOperators;
import io.plasmanode.p2p.rpc.HttpServerLimits;
import io.plasmanode.p2p.rpc.JsonRpcClient;
import io.plasmanode.p2p.rpc.JsonRpcException;
import io.plasmanode.p2p.rpc.JsonRpcMethods;
import io.plasmanode.p2p.rpc.JsonRpcServer;
import io.plasmanode.p2p.rpc.JsonRpcServerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import org.awaitility.Awaitility;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.tx.RawTransactionManager;

/** Helpers shared by the watcher ITs: L1 actions, signing, a test-only block server, waiting. */
final class WatcherFixture {
  static final Duration EXIT_PERIOD = Duration.ofSeconds(100);
  static final BigInteger BOND = AnvilChain.ether(1).divide(BigInteger.TEN);
  static final BigInteger ONE_ETH = AnvilChain.ether(1);
  static final Duration WAIT = Duration.ofSeconds(30);

  private WatcherFixture() {}

  static TransactionSigner signer(AnvilChain l1) {
    return new TransactionSigner(new Eip712Domain(l1.contract(), AnvilProcess.CHAIN_ID));
  }

  static byte[] depositTx(Address owner, BigInteger amount) {
    return TxCodec.encode(PaymentTransaction.deposit(new Output(owner, Address.ZERO, amount)));
  }

  /** Deposits {@code amount} for {@code key}; the deposit output is {@code blknum * 1e6}. */
  static void deposit(AnvilChain l1, PrivateKey key, BigInteger amount) {
    l1.as(key).deposit(depositTx(key.address(), amount), amount);
  }

  static SignedTransaction pay(
      AnvilChain l1, PrivateKey from, UtxoPos input, List<Output> outputs) {
    return signer(l1).sign(PaymentTransaction.transfer(List.of(input), outputs), List.of(from));
  }

  static Output eth(PrivateKey to, BigInteger amount) {
    return new Output(to.address(), Address.ZERO, amount);
  }

  /** Starts the exit of deposit {@code pos} owned by {@code owner}. */
  static void exitDeposit(AnvilChain l1, PrivateKey owner, UtxoPos pos, BigInteger amount) {
    byte[] tx = depositTx(owner.address(), amount);
    l1.as(owner).startStandardExit(pos, tx, MerkleTree.of(List.of(tx)).proof(0).toBytes());
  }

  static WatcherConfig config(
      AnvilChain l1, URI operatorRpc, Path dataDir, Duration withholding, Duration safety) {
    return config(l1, operatorRpc, dataDir, withholding, safety, 0);
  }

  /** A watcher that reads L1 events {@code finalityMargin} blocks behind the head. */
  static WatcherConfig config(
      AnvilChain l1,
      URI operatorRpc,
      Path dataDir,
      Duration withholding,
      Duration safety,
      int finalityMargin) {
    return new WatcherConfig(
        URI.create(l1.rpcUrl()),
        l1.contract(),
        operatorRpc,
        dataDir,
        "127.0.0.1",
        0,
        finalityMargin,
        withholding,
        safety,
        Duration.ofSeconds(30),
        Duration.ofMillis(100),
        0,
        "127.0.0.1",
        0,
        List.of(),
        HttpServerLimits.defaults());
  }

  /**
   * Starts the operator of {@code l1}'s contract on {@code dataDir} (200 ms blocks, L1 read every
   * 100 ms), acting on deposits and exits {@code confirmations} L1 blocks deep.
   */
  static OperatorNode startOperator(
      AnvilChain l1, PrivateKey key, Path dataDir, int confirmations) {
    return TestOperators.start(
        URI.create(l1.rpcUrl()),
        l1.contract(),
        dataDir,
        key,
        confirmations,
        Duration.ofMillis(200),
        Duration.ofMillis(100));
  }

  static URI rpcUrl(OperatorNode operator) {
    return URI.create("http://127.0.0.1:" + operator.rpcPort());
  }

  /** Submits {@code tx} (retrying while its input is not there yet); its first output. */
  static UtxoPos submit(JsonRpcClient operator, SignedTransaction tx) {
    JsonNode[] accepted = new JsonNode[1];
    await(
        "the operator to accept the transaction",
        () -> {
          try {
            accepted[0] =
                operator.call("plasma_submitTransaction", Hex.encode(TxCodec.encodeSigned(tx)));
            return true;
          } catch (JsonRpcException e) {
            return false;
          }
        });
    return new UtxoPos(accepted[0].get("blknum").asLong(), accepted[0].get("txIndex").asInt(), 0);
  }

  /** As {@link #submit(JsonRpcClient, SignedTransaction)}, on a connection of its own. */
  static UtxoPos submit(URI operatorRpc, SignedTransaction tx) {
    try (JsonRpcClient rpc = new JsonRpcClient(operatorRpc)) {
      return submit(rpc, tx);
    }
  }

  static Optional<PrivateKey> key(PrivateKey key) {
    return Optional.of(key);
  }

  static JsonRpcClient client(WatcherNode watcher) {
    return new JsonRpcClient(URI.create("http://127.0.0.1:" + watcher.rpcPort()));
  }

  static void await(String what, BooleanSupplier condition) {
    Awaitility.await(what)
        .atMost(WAIT)
        .dontCatchUncaughtExceptions()
        .pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofMillis(50))
        .until(condition::getAsBoolean);
  }

  /** The types of the watcher's active byzantine events, in order. */
  static List<String> eventTypes(WatcherNode watcher) {
    return watcher.status().byzantineEvents().stream().map(e -> e.type()).toList();
  }

  /** The types of the watcher's byzantine events whose cause ended, in order. */
  static List<String> pastEventTypes(WatcherNode watcher) {
    return watcher.status().pastEvents().stream().map(e -> e.event().type()).toList();
  }

  /**
   * A test-only operator: commits roots on L1 with the operator key and serves {@code
   * plasma_getBlock} for whatever blocks the test registers, with any contents.
   */
  static final class FakeOperator implements AutoCloseable {
    private final AnvilChain l1;
    private final PrivateKey operatorKey;
    private final Map<Long, List<String>> served = new ConcurrentHashMap<>();
    private final JsonRpcServer server;
    private final URI endpoint;
    private final RawTransactionManager manager;
    private final Plasma plasma;

    FakeOperator(AnvilChain l1, PrivateKey operatorKey) {
      this.l1 = l1;
      this.operatorKey = operatorKey;
      this.manager = l1.manager(operatorKey);
      this.plasma = Plasma.load(l1.contract().toHex(), l1.web3j(), manager, AnvilChain.GAS);
      this.server =
          new JsonRpcServer(JsonRpcMethods.builder().add("plasma_getBlock", this::block).build());
      this.endpoint =
          URI.create("http://127.0.0.1:" + server.start(JsonRpcServerConfig.defaults()));
    }

    URI endpoint() {
      return endpoint;
    }

    /** Commits the root of {@code committed} (signed txs) on L1 as the operator. */
    void commit(List<SignedTransaction> committed) {
      List<byte[]> leaves = committed.stream().map(s -> TxCodec.encode(s.tx())).toList();
      l1.as(operatorKey).submitBlock(MerkleTree.of(leaves).root());
    }

    /**
     * Commits the root of {@code committed} like {@link #commit}, without waiting for the receipt
     * (anvil with automine mines it at once; about 20x faster than waiting for receipts).
     */
    void commitNoWait(List<SignedTransaction> committed) {
      List<byte[]> leaves = committed.stream().map(s -> TxCodec.encode(s.tx())).toList();
      String data = plasma.submitBlock(MerkleTree.of(leaves).root().toArray()).encodeFunctionCall();
      try {
        EthSendTransaction sent =
            manager.sendTransaction(
                AnvilChain.GAS.getGasPrice(),
                AnvilChain.GAS.getGasLimit(),
                l1.contract().toHex(),
                data,
                BigInteger.ZERO);
        if (sent.hasError()) {
          throw new IllegalStateException("submitBlock: " + sent.getError().getMessage());
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** Serves {@code contents} as block {@code blknum}. */
    void serve(long blknum, List<SignedTransaction> contents) {
      served.put(blknum, contents.stream().map(s -> Hex.encode(TxCodec.encodeSigned(s))).toList());
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
}
