package io.plasmanode.node.cli;

import io.plasmanode.contracts.l1.PlasmaDeployer;
import io.plasmanode.contracts.l1.Web3jRootChain;
import io.plasmanode.core.l1.L1Event;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Hash32;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.util.List;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.exceptions.TransactionException;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.gas.StaticGasProvider;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;

/**
 * A user's connection to L1: sends transactions signed with their key (legacy transactions at the
 * node's gas price plus a margin), waits for receipts, reads ERC20 allowances and finds deposits.
 */
final class L1Session implements AutoCloseable {
  private static final BigInteger GAS_LIMIT = BigInteger.valueOf(300_000);
  private static final long RECEIPT_POLL_MILLIS = 500;
  private static final int RECEIPT_POLL_ATTEMPTS = 600;

  private final URI endpoint;
  private final Web3j web3j;
  private final Address sender;
  private final long chainId;
  private final BigInteger gasPrice;
  private final RawTransactionManager manager;
  private final PollingTransactionReceiptProcessor receipts;

  L1Session(URI endpoint, Credentials credentials) {
    this.endpoint = endpoint;
    this.web3j = Web3j.build(new HttpService(endpoint.toString()));
    this.sender = Address.fromHex(credentials.getAddress());
    this.chainId =
        read("eth_chainId", () -> web3j.ethChainId().send().getChainId()).longValueExact();
    BigInteger nodePrice = read("eth_gasPrice", () -> web3j.ethGasPrice().send().getGasPrice());
    this.gasPrice = nodePrice.add(nodePrice.shiftRight(2));
    this.receipts =
        new PollingTransactionReceiptProcessor(web3j, RECEIPT_POLL_MILLIS, RECEIPT_POLL_ATTEMPTS);
    this.manager = new RawTransactionManager(web3j, credentials, chainId, receipts);
  }

  long chainId() {
    return chainId;
  }

  Address sender() {
    return sender;
  }

  /** The Plasma contract at {@code contract}, called as this session's sender. */
  Web3jRootChain rootChain(Address contract) {
    String code =
        read(
                "eth_getCode",
                () -> web3j.ethGetCode(contract.toHex(), DefaultBlockParameterName.LATEST).send())
            .getCode();
    if (code == null || code.equals("0x") || code.isEmpty()) {
      throw new CliException(
          "no contract at " + contract + " on the L1 at " + endpoint + " (check --contract, --l1)");
    }
    return new Web3jRootChain(
        web3j,
        PlasmaDeployer.load(contract, web3j, manager, new StaticGasProvider(gasPrice, GAS_LIMIT)),
        sender);
  }

  /** ERC20 {@code allowance(owner, spender)} of {@code token}. */
  BigInteger allowance(Address token, Address spender) {
    Function allowance =
        new Function(
            "allowance",
            List.of(
                new org.web3j.abi.datatypes.Address(sender.toHex()),
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

  /** Sends ERC20 {@code approve(spender, amount)} and waits until it is mined successfully. */
  Hash32 approve(Address token, Address spender, BigInteger amount) {
    Function approve =
        new Function(
            "approve",
            List.of(new org.web3j.abi.datatypes.Address(spender.toHex()), new Uint256(amount)),
            List.of(new TypeReference<Bool>() {}));
    EthSendTransaction sent =
        read(
            "approve",
            () ->
                manager.sendTransaction(
                    gasPrice,
                    GAS_LIMIT,
                    token.toHex(),
                    FunctionEncoder.encode(approve),
                    BigInteger.ZERO));
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

  /** The deposit that L1 transaction {@code txHash} created. */
  L1Event.Deposit depositOf(Web3jRootChain rootChain, Hash32 txHash) {
    TransactionReceipt receipt =
        read(
                "eth_getTransactionReceipt",
                () -> web3j.ethGetTransactionReceipt(txHash.toHex()).send().getTransactionReceipt())
            .orElseThrow(() -> new CliException("no receipt for deposit " + txHash + " on L1"));
    long block = receipt.getBlockNumber().longValueExact();
    return rootChain.events(block, block).stream()
        .filter(L1Event.Deposit.class::isInstance)
        .map(L1Event.Deposit.class::cast)
        .filter(deposit -> deposit.origin().l1TxHash().equals(txHash))
        .findFirst()
        .orElseThrow(
            () -> new CliException("L1 transaction " + txHash + " emitted no DepositCreated"));
  }

  @Override
  public void close() {
    web3j.shutdown();
  }

  private <T> T read(String what, L1Call<T> call) {
    try {
      return call.get();
    } catch (IOException e) {
      throw new CliException(
          "cannot reach L1 at " + endpoint + " (" + what + "): " + e.getMessage() + "; see --l1",
          e);
    } catch (TransactionException e) {
      throw new CliException(what + " on L1: " + e.getMessage(), e);
    }
  }

  @FunctionalInterface
  private interface L1Call<T> {
    T get() throws IOException, TransactionException;
  }
}
