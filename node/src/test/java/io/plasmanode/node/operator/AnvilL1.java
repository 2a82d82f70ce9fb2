package io.plasmanode.node.operator;

import io.plasmanode.contracts.anvil.AnvilProcess;
import io.plasmanode.contracts.generated.Plasma;
import io.plasmanode.contracts.l1.PlasmaDeployer;
import io.plasmanode.contracts.l1.Web3jRootChain;
import io.plasmanode.core.crypto.PrivateKey;
import io.plasmanode.core.types.Address;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.methods.response.VoidResponse;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.gas.ContractGasProvider;
import org.web3j.tx.gas.StaticGasProvider;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;
import org.web3j.utils.Numeric;

/**
 * A real anvil with a Plasma contract deployed (the part of contracts' test {@code AnvilL1} the
 * operator tests need; contracts publishes no test-jar).
 */
final class AnvilL1 implements AutoCloseable {
  static final ContractGasProvider GAS =
      new StaticGasProvider(BigInteger.valueOf(2_000_000_000L), BigInteger.valueOf(10_000_000));

  final AnvilProcess anvil;
  final Web3j web3j;
  final Address contract;
  private final HttpService http;

  AnvilL1(PrivateKey operator, Duration minExitPeriod, BigInteger exitBond) {
    anvil = AnvilProcess.start();
    http = new HttpService(anvil.rpcUrl());
    web3j = Web3j.build(http);
    fund(operator.address());
    Plasma deployed =
        PlasmaDeployer.deploy(
            web3j, manager(operator), GAS, operator.address(), minExitPeriod, exitBond);
    contract = Address.fromHex(deployed.getContractAddress());
  }

  /** The contract as {@code key} sees it: calls are sent from {@code key}'s address. */
  Web3jRootChain as(PrivateKey key) {
    return new Web3jRootChain(
        web3j, PlasmaDeployer.load(contract, web3j, manager(key), GAS), key.address());
  }

  private RawTransactionManager manager(PrivateKey key) {
    Credentials credentials = Credentials.create(Numeric.toHexString(key.toArray()));
    // anvil mines at once: poll for receipts every 50 ms, not web3j's default 15 s.
    return new RawTransactionManager(
        web3j,
        credentials,
        AnvilProcess.CHAIN_ID,
        new PollingTransactionReceiptProcessor(web3j, 50, 200));
  }

  void fund(Address who) {
    BigInteger thousandEther = BigInteger.TEN.pow(21);
    call("anvil_setBalance", List.of(who.toHex(), "0x" + thousandEther.toString(16)));
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
