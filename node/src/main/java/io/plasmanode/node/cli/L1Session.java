package io.plasmanode.node.cli;

import io.plasmanode.contracts.generated.Plasma;
import io.plasmanode.contracts.l1.L1Exception;
import io.plasmanode.contracts.l1.PlasmaDeployer;
import io.plasmanode.contracts.l1.Web3jRootChain;
import io.plasmanode.core.l1.L1Event;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Hash32;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthEstimateGas;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.ReadonlyTransactionManager;
import org.web3j.tx.TransactionManager;
import org.web3j.tx.gas.ContractGasProvider;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;

/**
 * A user's connection to L1, read-only or signing with their key: transactions are simulated first
 * (by {@link Web3jRootChain}), sent as legacy transactions at the node's gas price plus 25% with an
 * {@code eth_estimateGas} limit plus a margin, and waited for. Also ERC20 allowances and approvals,
 * deposits found in receipts, and L1 time.
 */
final class L1Session implements AutoCloseable {
  private static final long RECEIPT_POLL_MILLIS = 250;
  private static final int RECEIPT_POLL_ATTEMPTS = 2_400;
  private static final BigInteger FALLBACK_GAS_LIMIT = BigInteger.valueOf(1_000_000);

  private final URI endpoint;
  private final Web3j web3j;
  private final long chainId;
  private final Optional<Address> sender;
  private final TransactionManager manager;
  private final PollingTransactionReceiptProcessor receipts;
  private final EstimatingGas gas = new EstimatingGas();

  private L1Session(URI endpoint, Optional<Credentials> credentials) {
    this.endpoint = endpoint;
    this.web3j = Web3j.build(new HttpService(endpoint.toString()));
    try {
      this.chainId =
          read("eth_chainId", () -> web3j.ethChainId().send().getChainId()).longValueExact();
      this.sender = credentials.map(key -> Address.fromHex(key.getAddress()));
      this.receipts =
          new PollingTransactionReceiptProcessor(web3j, RECEIPT_POLL_MILLIS, RECEIPT_POLL_ATTEMPTS);
      this.manager =
          credentials.isPresent()
              ? new RawTransactionManager(web3j, credentials.get(), chainId, receipts)
              : new ReadonlyTransactionManager(web3j, Address.ZERO.toHex());
    } catch (RuntimeException e) {
      web3j.shutdown();
      throw e;
    }
  }

  /** Reads only. */
  static L1Session readOnly(URI endpoint) {
    return new L1Session(endpoint, Optional.empty());
  }

  /** Reads and sends as {@code credentials}. */
  static L1Session signing(URI endpoint, Credentials credentials) {
    return new L1Session(endpoint, Optional.of(credentials));
  }

  long chainId() {
    return chainId;
  }

  URI endpoint() {
    return endpoint;
  }

  /** The address transactions are sent from. */
  Address sender() {
    return sender.orElseThrow(() -> new IllegalStateException("read-only L1 session"));
  }

  /** The Plasma contract at {@code contract}; fails clearly if there is no contract there. */
  Plasma plasma(Address contract) {
    String code =
        read(
                "eth_getCode",
                () -> web3j.ethGetCode(contract.toHex(), DefaultBlockParameterName.LATEST).send())
            .getCode();
    if (code == null || code.isEmpty() || code.equals("0x")) {
      throw new CliException(
          "no contract at " + contract + " on the L1 at " + endpoint + " (check --contract, --l1)");
    }
    return PlasmaDeployer.load(contract, web3j, manager, gas);
  }

  /** The Plasma contract at {@code contract}, called as this session's sender. */
  Web3jRootChain rootChain(Address contract) {
    return rootChain(plasma(contract));
  }

  Web3jRootChain rootChain(Plasma plasma) {
    return new Web3jRootChain(web3j, plasma, sender.orElse(Address.ZERO));
  }

  /** ERC20 {@code allowance(owner, spender)} of {@code token}, the owner being the sender. */
  BigInteger allowance(Address token, Address spender) {
    Function allowance =
        new Function(
            "allowance",
            List.of(
                new org.web3j.abi.datatypes.Address(sender().toHex()),
                new org.web3j.abi.datatypes.Address(spender.toHex())),
            List.of(new TypeReference<Uint256>() {}));
    String result =
        read(
            "allowance",
            () ->
                manager.sendCall(
                    token.toHex(),
                    FunctionEncoder.encode(allowance),
                    DefaultBlockParameterName.LATEST));
    @SuppressWarnings("rawtypes")
    List<Type> decoded = FunctionReturnDecoder.decode(result, allowance.getOutputParameters());
    if (decoded.isEmpty()) {
      throw new CliException(token + " does not answer allowance(): is it an ERC20 token?");
    }
    return (BigInteger) decoded.get(0).getValue();
  }

  /** What {@code holder} holds of {@code token}: its ETH balance, or ERC20 {@code balanceOf}. */
  BigInteger balanceOf(Address token, Address holder) {
    if (token.isZero()) {
      return read(
              "eth_getBalance",
              () -> web3j.ethGetBalance(holder.toHex(), DefaultBlockParameterName.LATEST).send())
          .getBalance();
    }
    Function balanceOf =
        new Function(
            "balanceOf",
            List.of(new org.web3j.abi.datatypes.Address(holder.toHex())),
            List.of(new TypeReference<Uint256>() {}));
    String result =
        read(
            "balanceOf",
            () ->
                manager.sendCall(
                    token.toHex(),
                    FunctionEncoder.encode(balanceOf),
                    DefaultBlockParameterName.LATEST));
    @SuppressWarnings("rawtypes")
    List<Type> decoded = FunctionReturnDecoder.decode(result, balanceOf.getOutputParameters());
    if (decoded.isEmpty()) {
      throw new CliException(token + " does not answer balanceOf(): is it an ERC20 token?");
    }
    return (BigInteger) decoded.get(0).getValue();
  }

  /** Sends ERC20 {@code approve(spender, amount)} and waits until it is mined successfully. */
  Hash32 approve(Address token, Address spender, BigInteger amount) {
    String data =
        FunctionEncoder.encode(
            new Function(
                "approve",
                List.of(new org.web3j.abi.datatypes.Address(spender.toHex()), new Uint256(amount)),
                List.of(new TypeReference<Bool>() {})));
    BigInteger limit =
        gas.getGasLimit(
            Transaction.createFunctionCallTransaction(
                sender().toHex(), null, null, null, token.toHex(), BigInteger.ZERO, data));
    EthSendTransaction sent =
        read(
            "approve",
            () ->
                manager.sendTransaction(
                    gas.getGasPrice(), limit, token.toHex(), data, BigInteger.ZERO));
    if (sent.hasError()) {
      throw new CliException("approve on " + token + " failed: " + sent.getError().getMessage());
    }
    TransactionReceipt receipt =
        read(
            "approve receipt", () -> receipts.waitForTransactionReceipt(sent.getTransactionHash()));
    if (!receipt.isStatusOK()) {
      throw new CliException(
          "approve on " + token + " reverted in L1 transaction " + receipt.getTransactionHash());
    }
    return Hash32.fromHex(receipt.getTransactionHash());
  }

  /** The mined receipt of {@code txHash}. */
  TransactionReceipt receipt(Hash32 txHash) {
    return read(
            "eth_getTransactionReceipt",
            () -> web3j.ethGetTransactionReceipt(txHash.toHex()).send().getTransactionReceipt())
        .orElseThrow(() -> new CliException("L1 has no receipt for " + txHash));
  }

  /** The deposit that L1 transaction {@code txHash} created. */
  L1Event.Deposit depositOf(Web3jRootChain rootChain, Hash32 txHash) {
    long block = receipt(txHash).getBlockNumber().longValueExact();
    return rootChain.events(block, block).stream()
        .filter(L1Event.Deposit.class::isInstance)
        .map(L1Event.Deposit.class::cast)
        .filter(deposit -> deposit.origin().l1TxHash().equals(txHash))
        .findFirst()
        .orElseThrow(
            () -> new CliException("L1 transaction " + txHash + " emitted no DepositCreated"));
  }

  /** L1's clock: the timestamp of the latest block (what the contract compares exitableAt to). */
  Instant now() {
    return blockTime(DefaultBlockParameterName.LATEST);
  }

  Instant blockTime(long block) {
    return blockTime(DefaultBlockParameter.valueOf(BigInteger.valueOf(block)));
  }

  private Instant blockTime(DefaultBlockParameter block) {
    return Instant.ofEpochSecond(
        read("eth_getBlockByNumber", () -> web3j.ethGetBlockByNumber(block, false).send())
            .getBlock()
            .getTimestamp()
            .longValueExact());
  }

  @Override
  public void close() {
    web3j.shutdown();
  }

  /** Runs an L1 read; an unreachable node or a failed call becomes a {@link CliException}. */
  <T> T read(String what, L1Call<T> call) {
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

  @FunctionalInterface
  interface L1Call<T> {
    T get() throws Exception;
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
      BigInteger used = estimate.getAmountUsed();
      return used.add(used.shiftRight(2)).add(BigInteger.valueOf(20_000));
    }

    @Override
    public BigInteger getGasLimit() {
      return FALLBACK_GAS_LIMIT;
    }
  }
}
