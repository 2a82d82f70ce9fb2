package io.plasmanode.node.commit;

import io.plasmanode.contracts.anvil.AnvilProcess;
import io.plasmanode.contracts.generated.Plasma;
import io.plasmanode.contracts.l1.PlasmaDeployer;
import io.plasmanode.contracts.l1.Web3jRootChain;
import io.plasmanode.core.crypto.PrivateKey;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Hash32;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.methods.response.Transaction;
import org.web3j.protocol.core.methods.response.VoidResponse;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.gas.ContractGasProvider;
import org.web3j.tx.gas.StaticGasProvider;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;
import org.web3j.utils.Numeric;

/** A real anvil with a Plasma contract whose operator is {@code operator} (also its deployer). */
final class CommitL1 implements AutoCloseable {
  private static final ContractGasProvider GAS =
      new StaticGasProvider(BigInteger.valueOf(2_000_000_000L), BigInteger.valueOf(10_000_000));

  final AnvilProcess anvil;
  final HttpService http;
  final Web3j web3j;
  final Address contract;
  private final PrivateKey operator;

  CommitL1(PrivateKey operator) {
    this.operator = operator;
    anvil = AnvilProcess.start();
    http = new HttpService(anvil.rpcUrl());
    web3j = Web3j.build(http);
    Plasma deployed =
        PlasmaDeployer.deploy(
            web3j, manager(), GAS, operator.address(), Duration.ofDays(7), BigInteger.TEN);
    contract = Address.fromHex(deployed.getContractAddress());
  }

  Web3jCommitChannel channel() {
    return new Web3jCommitChannel(
        web3j,
        contract,
        credentials(),
        AnvilProcess.CHAIN_ID,
        Web3jCommitChannel.DEFAULT_GAS_LIMIT,
        0);
  }

  /** The contract as a plain client of the operator (for commits made outside the committer). */
  Web3jRootChain rootChain() {
    return new Web3jRootChain(
        web3j, PlasmaDeployer.load(contract, web3j, manager(), GAS), operator.address());
  }

  private Credentials credentials() {
    return Credentials.create(Numeric.toHexString(operator.toArray()));
  }

  private RawTransactionManager manager() {
    return new RawTransactionManager(
        web3j,
        credentials(),
        AnvilProcess.CHAIN_ID,
        new PollingTransactionReceiptProcessor(web3j, 50, 200));
  }

  long nonce() {
    try {
      return web3j
          .ethGetTransactionCount(operator.address().toHex(), DefaultBlockParameterName.LATEST)
          .send()
          .getTransactionCount()
          .longValueExact();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Transaction transaction(Hash32 txHash) {
    try {
      return web3j.ethGetTransactionByHash(txHash.toHex()).send().getTransaction().orElseThrow();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void setAutomine(boolean on) {
    call("evm_setAutomine", List.of(on));
  }

  void mine() {
    call("evm_mine", List.of());
  }

  private void call(String method, List<?> params) {
    try {
      VoidResponse response = new Request<>(method, params, http, VoidResponse.class).send();
      if (response.hasError()) {
        throw new IllegalStateException(method + ": " + response.getError().getMessage());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    web3j.shutdown();
    anvil.close();
  }
}
