package io.plasmanode.node.cli;

import io.plasmanode.contracts.generated.Plasma;
import io.plasmanode.contracts.l1.L1Exception;
import io.plasmanode.contracts.l1.PlasmaDeployer;
import io.plasmanode.contracts.l1.Web3jRootChain;
import io.plasmanode.core.l1.L1Event;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Hash32;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthEstimateGas;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.http.HttpService;
import org.web3j.tuples.generated.Tuple2;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.ReadonlyTransactionManager;
import org.web3j.tx.TransactionManager;
import org.web3j.tx.gas.ContractGasProvider;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;
import org.web3j.utils.Numeric;

/**
 * The Plasma contract as the exit commands use it: reads (exits, the queue top, events, L1 time)
 * and, with a key, the exit transactions, each simulated first and then sent with an {@code
 * eth_estimateGas} limit plus a margin (a {@code processExits} of many exits needs far more gas
 * than one), at the node's gas price plus 25%, waiting for the receipt.
 */
final class ExitL1 implements AutoCloseable {
  private static final long RECEIPT_POLL_MILLIS = 250;
  private static final int RECEIPT_POLL_ATTEMPTS = 2_400;
  private static final long LOG_CHUNK_BLOCKS = 10_000;
  private static final BigInteger FALLBACK_GAS_LIMIT = BigInteger.valueOf(1_000_000);

  private final URI endpoint;
  private final Web3j web3j;
  private final Plasma plasma;
  private final Web3jRootChain chain;
  private final Optional<Address> sender;

  private ExitL1(URI endpoint, Address contract, Optional<Credentials> credentials) {
    this.endpoint = endpoint;
    this.web3j = Web3j.build(new HttpService(endpoint.toString()));
    try {
      requireCode(contract);
      this.sender = credentials.map(key -> Address.fromHex(key.getAddress()));
      Address from = sender.orElse(Address.ZERO);
      TransactionManager manager =
          credentials.isPresent()
              ? new RawTransactionManager(
                  web3j,
                  credentials.get(),
                  chainId(),
                  new PollingTransactionReceiptProcessor(
                      web3j, RECEIPT_POLL_MILLIS, RECEIPT_POLL_ATTEMPTS))
              : new ReadonlyTransactionManager(web3j, from.toHex());
      this.plasma = PlasmaDeployer.load(contract, web3j, manager, new EstimatingGas());
      this.chain = new Web3jRootChain(web3j, plasma, from);
    } catch (RuntimeException e) {
      web3j.shutdown();
      throw e;
    }
  }

  /** Reads only: {@code exit list}. */
  static ExitL1 readOnly(URI endpoint, Address contract) {
    return new ExitL1(endpoint, contract, Optional.empty());
  }

  /** Reads and sends as {@code credentials}. */
  static ExitL1 signing(URI endpoint, Address contract, Credentials credentials) {
    return new ExitL1(endpoint, contract, Optional.of(credentials));
  }

  /** The contract, for calls; sends need a signing session. */
  Web3jRootChain chain() {
    return chain;
  }

  /** The address transactions are sent from. */
  Address sender() {
    return sender.orElseThrow(() -> new IllegalStateException("read-only L1 session"));
  }

  long chainId() {
    return read("eth_chainId", () -> web3j.ethChainId().send().getChainId()).longValueExact();
  }

  /** The exit at the top of {@code token}'s queue (it may be challenged), if the queue has one. */
  Optional<QueueTop> topExit(Address token) {
    Tuple2<BigInteger, BigInteger> top =
        read("topExit", () -> plasma.topExit(token.toHex()).send());
    return UtxoPos.fromBigInteger(top.component1())
        .map(id -> new QueueTop(id, Instant.ofEpochSecond(top.component2().longValueExact())));
  }

  /** Entries in {@code token}'s exit queue, challenged ones not yet popped included. */
  long exitQueueSize(Address token) {
    return read("exitQueueSize", () -> plasma.exitQueueSize(token.toHex()).send()).longValueExact();
  }

  /** L1's clock: the timestamp of the latest block (what the contract compares exitableAt to). */
  Instant now() {
    return blockTime(DefaultBlockParameterName.LATEST);
  }

  /** The mined transaction {@code txHash}: block, time, fee and the contract's events in it. */
  Receipt receipt(Hash32 txHash) {
    TransactionReceipt receipt =
        read(
                "eth_getTransactionReceipt",
                () -> web3j.ethGetTransactionReceipt(txHash.toHex()).send().getTransactionReceipt())
            .orElseThrow(() -> new CliException("L1 has no receipt for " + txHash));
    long block = receipt.getBlockNumber().longValueExact();
    List<L1Event> events =
        chain.events(block, block).stream()
            .filter(event -> event.origin().l1TxHash().equals(txHash))
            .toList();
    BigInteger price =
        receipt.getEffectiveGasPrice() == null
            ? BigInteger.ZERO
            : Numeric.decodeQuantity(receipt.getEffectiveGasPrice());
    return new Receipt(
        txHash,
        block,
        blockTime(DefaultBlockParameter.valueOf(BigInteger.valueOf(block))),
        receipt.getGasUsed().multiply(price),
        events);
  }

  /** Every ExitStarted event from L1 block {@code fromBlock} to the head, in order. */
  List<L1Event.ExitStarted> exitsStarted(long fromBlock) {
    long head = chain.l1Height();
    List<L1Event.ExitStarted> started = new ArrayList<>();
    for (long from = fromBlock; from <= head; from += LOG_CHUNK_BLOCKS) {
      chain.events(from, Math.min(head, from + LOG_CHUNK_BLOCKS - 1)).stream()
          .filter(L1Event.ExitStarted.class::isInstance)
          .map(L1Event.ExitStarted.class::cast)
          .forEach(started::add);
    }
    return started;
  }

  @Override
  public void close() {
    web3j.shutdown();
  }

  private Instant blockTime(DefaultBlockParameter block) {
    return Instant.ofEpochSecond(
        read("eth_getBlockByNumber", () -> web3j.ethGetBlockByNumber(block, false).send())
            .getBlock()
            .getTimestamp()
            .longValueExact());
  }

  private void requireCode(Address contract) {
    String code =
        read(
                "eth_getCode",
                () -> web3j.ethGetCode(contract.toHex(), DefaultBlockParameterName.LATEST).send())
            .getCode();
    if (code == null || code.isEmpty() || code.equals("0x")) {
      throw new CliException(
          "no contract at " + contract + " on the L1 at " + endpoint + " (check --contract, --l1)");
    }
  }

  private <T> T read(String what, L1Call<T> call) {
    try {
      return call.get();
    } catch (IOException e) {
      throw new CliException(
          "cannot reach L1 at " + endpoint + " (" + what + "): " + e.getMessage() + "; see --l1",
          e);
    } catch (L1Exception | CliException e) {
      throw e;
    } catch (Exception e) {
      throw new CliException(what + " on the L1 at " + endpoint + " failed: " + e.getMessage(), e);
    }
  }

  /** The top of an exit queue: which exit, and when it can be processed. */
  record QueueTop(UtxoPos exitId, Instant exitableAt) {}

  /** A mined exit transaction. */
  record Receipt(Hash32 txHash, long block, Instant time, BigInteger fee, List<L1Event> events) {
    Receipt {
      events = List.copyOf(events);
    }

    <T extends L1Event> List<T> events(Class<T> type) {
      return events.stream().filter(type::isInstance).map(type::cast).toList();
    }
  }

  /** Gas price: the node's plus 25%; gas limit: {@code eth_estimateGas} plus 25% and 20,000. */
  private final class EstimatingGas implements ContractGasProvider {
    private BigInteger price;

    @Override
    public synchronized BigInteger getGasPrice() {
      if (price == null) {
        BigInteger node = read("eth_gasPrice", () -> web3j.ethGasPrice().send().getGasPrice());
        price = node.add(node.shiftRight(2));
      }
      return price;
    }

    @Override
    public BigInteger getGasLimit(Transaction transaction) {
      EthEstimateGas estimate =
          read("eth_estimateGas", () -> web3j.ethEstimateGas(transaction).send());
      if (estimate.hasError() || estimate.getResult() == null) {
        return FALLBACK_GAS_LIMIT;
      }
      BigInteger gas = estimate.getAmountUsed();
      return gas.add(gas.shiftRight(2)).add(BigInteger.valueOf(20_000));
    }

    @Override
    public BigInteger getGasLimit() {
      return FALLBACK_GAS_LIMIT;
    }
  }

  @FunctionalInterface
  private interface L1Call<T> {
    T get() throws Exception;
  }
}
