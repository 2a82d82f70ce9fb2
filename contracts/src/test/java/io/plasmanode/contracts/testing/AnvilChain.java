package io.plasmanode.contracts.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.plasmanode.contracts.anvil.AnvilProcess;
import io.plasmanode.contracts.l1.L1Client;
import io.plasmanode.contracts.l1.L1Sender;
import io.plasmanode.contracts.l1.PlasmaDeployer;
import io.plasmanode.contracts.l1.Web3jRootChain;
import io.plasmanode.core.crypto.PrivateKey;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Hash32;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.response.Transaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.exceptions.TransactionException;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.gas.ContractGasProvider;
import org.web3j.tx.gas.StaticGasProvider;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;
import org.web3j.utils.Numeric;

/**
 * A real L1 for integration tests: anvil on 127.0.0.1 with a Plasma contract deployed, and helpers
 * to act as any test key on it, read its state and steer its clock and mining. Shared with the
 * other modules' tests through contracts' test-jar; close it to stop anvil.
 *
 * <pre>{@code
 * try (AnvilChain l1 = AnvilChain.start(operator, Duration.ofSeconds(100), AnvilChain.ether(1))) {
 *   l1.fund(BOB.address());
 *   l1.as(BOB).deposit(depositTx, AnvilChain.ether(2));
 * }
 * }</pre>
 */
public final class AnvilChain implements AutoCloseable {
  /** The gas price and limit every transaction the fixture sends uses. */
  public static final ContractGasProvider GAS =
      new StaticGasProvider(BigInteger.valueOf(2_000_000_000L), BigInteger.valueOf(10_000_000));

  /** anvil mines at once: poll for receipts every 50 ms, not web3j's default 15 s. */
  private static final long RECEIPT_POLL_MILLIS = 50;

  private static final int RECEIPT_POLL_ATTEMPTS = 200;

  private final AnvilProcess anvil;
  private final HttpService http;
  private final Web3j web3j;
  private final L1Client client;
  private final Address contract;

  private AnvilChain(
      AnvilProcess anvil, PrivateKey operator, Duration exitPeriod, BigInteger bond) {
    this.anvil = anvil;
    this.http = new HttpService(anvil.rpcUrl());
    this.web3j = Web3j.build(http);
    this.client = L1Client.connect(URI.create(anvil.rpcUrl()));
    fund(operator.address());
    this.contract = PlasmaDeployer.deploy(sender(operator), operator.address(), exitPeriod, bond);
  }

  /**
   * Starts anvil and deploys Plasma from {@code operator} (funded with 1000 ether first), which is
   * also the contract's operator.
   *
   * @param minExitPeriod the contract's minimum exit period
   * @param exitBond the wei an exit must put up
   */
  public static AnvilChain start(PrivateKey operator, Duration minExitPeriod, BigInteger exitBond) {
    AnvilProcess anvil = AnvilProcess.start();
    try {
      return new AnvilChain(anvil, operator, minExitPeriod, exitBond);
    } catch (RuntimeException e) {
      anvil.close();
      throw e;
    }
  }

  /** The contract as {@code key} sees it: calls are sent from {@code key}'s address. */
  public Web3jRootChain as(PrivateKey key) {
    return Web3jRootChain.signing(sender(key), contract);
  }

  /** The gateway's sender for {@code key}: EIP-1559, polling for receipts every 50 ms. */
  public L1Sender sender(PrivateKey key) {
    return L1Sender.of(client, key, AnvilProcess.CHAIN_ID, Duration.ofMillis(RECEIPT_POLL_MILLIS));
  }

  /** The gateway's client of anvil, closed by {@link #close()}. */
  public L1Client client() {
    return client;
  }

  /** A transaction manager that signs as {@code key} and polls for receipts every 50 ms. */
  public RawTransactionManager manager(PrivateKey key) {
    return new RawTransactionManager(
        web3j,
        credentials(key),
        AnvilProcess.CHAIN_ID,
        new PollingTransactionReceiptProcessor(web3j, RECEIPT_POLL_MILLIS, RECEIPT_POLL_ATTEMPTS));
  }

  /** {@code key} as web3j credentials. */
  public static Credentials credentials(PrivateKey key) {
    return Credentials.create(Numeric.toHexString(key.toArray()));
  }

  /** Sets {@code who}'s balance to 1000 ether. */
  public void fund(Address who) {
    call("anvil_setBalance", who.toHex(), Numeric.toHexStringWithPrefix(ether(1000)));
  }

  /** Moves L1 time forward and mines a block at the new time. */
  public void advanceTime(Duration duration) {
    call("evm_increaseTime", duration.toSeconds());
    mine();
  }

  /** Turns anvil's mining of each transaction as it arrives on or off. */
  public void setAutomine(boolean on) {
    call("evm_setAutomine", on);
  }

  /** Mines one block with whatever is pending. */
  public void mine() {
    call("evm_mine");
  }

  /** Sends {@code data} from {@code from} to {@code to}; returns the receipt of the success. */
  public TransactionReceipt send(PrivateKey from, Address to, String data) {
    return transact(from, to.toHex(), data);
  }

  /** Deploys the contract with creation code {@code bytecode} from {@code from}; its address. */
  public Address deploy(PrivateKey from, String bytecode) {
    return Address.fromHex(transact(from, null, bytecode).getContractAddress());
  }

  /** {@code who}'s balance in wei at the latest block. */
  public BigInteger balance(Address who) {
    return rpc(web3j.ethGetBalance(who.toHex(), DefaultBlockParameterName.LATEST)).getBalance();
  }

  /** The mined transactions {@code who} has sent. */
  public long nonce(Address who) {
    return rpc(web3j.ethGetTransactionCount(who.toHex(), DefaultBlockParameterName.LATEST))
        .getTransactionCount()
        .longValueExact();
  }

  /** The transaction with hash {@code txHash} (mined or pending). */
  public Transaction transaction(Hash32 txHash) {
    return rpc(web3j.ethGetTransactionByHash(txHash.toHex())).getTransaction().orElseThrow();
  }

  /** The receipt of the mined transaction {@code txHash}. */
  public TransactionReceipt receipt(Hash32 txHash) {
    return rpc(web3j.ethGetTransactionReceipt(txHash.toHex()))
        .getTransactionReceipt()
        .orElseThrow();
  }

  /** What the transaction cost its sender in gas fees. */
  public BigInteger fee(Hash32 txHash) {
    TransactionReceipt receipt = receipt(txHash);
    return receipt.getGasUsed().multiply(Numeric.decodeQuantity(receipt.getEffectiveGasPrice()));
  }

  /**
   * Calls any JSON-RPC method (e.g. {@code anvil_setCode}, {@code evm_snapshot}); its result, JSON
   * null for methods without one.
   *
   * @throws IllegalStateException if anvil answers with an error
   */
  public JsonNode call(String method, Object... params) {
    return rpc(new Request<>(method, List.of(params), http, RawResponse.class)).getResult();
  }

  /** {@code amount} ether in wei. */
  public static BigInteger ether(long amount) {
    return BigInteger.TEN.pow(18).multiply(BigInteger.valueOf(amount));
  }

  /** anvil's JSON-RPC endpoint, {@code http://127.0.0.1:<port>}. */
  public String rpcUrl() {
    return anvil.rpcUrl();
  }

  /** A web3j client of anvil, shut down by {@link #close()}. */
  public Web3j web3j() {
    return web3j;
  }

  /** The deployed Plasma contract. */
  public Address contract() {
    return contract;
  }

  /** Stops anvil. */
  @Override
  public void close() {
    client.close();
    web3j.shutdown();
    anvil.close();
  }

  private TransactionReceipt transact(PrivateKey from, String to, String data) {
    RawTransactionManager manager = manager(from);
    try {
      String hash =
          manager
              .sendTransaction(GAS.getGasPrice(), GAS.getGasLimit(), to, data, BigInteger.ZERO)
              .getTransactionHash();
      TransactionReceipt receipt =
          new PollingTransactionReceiptProcessor(web3j, RECEIPT_POLL_MILLIS, RECEIPT_POLL_ATTEMPTS)
              .waitForTransactionReceipt(hash);
      if (!receipt.isStatusOK()) {
        throw new IllegalStateException("L1 tx " + hash + " failed: " + receipt.getStatus());
      }
      return receipt;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (TransactionException e) {
      throw new IllegalStateException(e);
    }
  }

  private static <T extends Response<?>> T rpc(Request<?, T> request) {
    try {
      T response = request.send();
      if (response.hasError()) {
        throw new IllegalStateException(
            request.getMethod() + ": " + response.getError().getMessage());
      }
      return response;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Any JSON-RPC response, its result as JSON. */
  private static final class RawResponse extends Response<JsonNode> {}
}
