package io.plasmanode.node.devnet;

import io.plasmanode.contracts.anvil.AnvilProcess;
import io.plasmanode.contracts.generated.DevToken;
import io.plasmanode.contracts.generated.Plasma;
import io.plasmanode.contracts.l1.L1Exception;
import io.plasmanode.contracts.l1.PlasmaDeployer;
import io.plasmanode.core.types.Address;
import io.plasmanode.node.devnet.DevnetAccounts.DemoAccount;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.ReadonlyTransactionManager;
import org.web3j.tx.TransactionManager;
import org.web3j.tx.gas.ContractGasProvider;
import org.web3j.tx.gas.StaticGasProvider;

/**
 * The devnet's contracts on L1: the Plasma contract and the DEV test token, recorded in the marker
 * file ({@code devnet.properties}) and reused on the next start while L1 still has them.
 *
 * @param contract the Plasma contract
 * @param token the DEV ERC20 minted to the demo users
 * @param l1Block the L1 block the Plasma contract was deployed at (where L1 readers start)
 * @param exitPeriod the contract's minimum exit period, read from L1
 */
record DevnetDeployment(Address contract, Address token, long l1Block, Duration exitPeriod) {
  private static final Logger LOG = LoggerFactory.getLogger(DevnetDeployment.class);

  /** What each demo user gets of the DEV token: 1,000,000 DEV (18 decimals). */
  static final BigInteger TOKENS_EACH = BigInteger.TEN.pow(24);

  static final int TOKEN_DECIMALS = 18;

  private static final ContractGasProvider GAS =
      new StaticGasProvider(BigInteger.valueOf(2_000_000_000L), BigInteger.valueOf(6_000_000));

  /**
   * Reuses the contracts recorded in the marker file if L1 still has them; otherwise deploys new
   * ones and deletes {@code stale} (the operator's and the watcher's databases), which belonged to
   * the lost L1 state. A devnet of an earlier version without the token gets one.
   */
  static DevnetDeployment deployOrResume(
      Path marker, Web3j web3j, Duration exitPeriod, BigInteger exitBond, List<Path> stale) {
    Properties recorded = DevnetFiles.readProperties(marker);
    Optional<Address> contract =
        address(recorded, "contract").filter(address -> hasCode(web3j, address));
    long l1Block;
    if (contract.isPresent()) {
      LOG.info("Resuming the devnet of contract {}", contract.get());
      l1Block = Long.parseLong(recorded.getProperty("deployBlock", "0"));
    } else {
      stale.stream()
          .filter(Files::exists)
          .forEach(
              dir -> {
                LOG.warn("The L1 state of the previous devnet is gone: deleting {}", dir);
                DevnetFiles.deleteTree(dir);
              });
      l1Block = blockNumber(web3j);
      contract = Optional.of(deployPlasma(web3j, exitPeriod, exitBond));
      recorded.remove("token");
    }
    Optional<Address> token = address(recorded, "token").filter(address -> hasCode(web3j, address));
    DevnetDeployment deployment =
        new DevnetDeployment(
            contract.get(),
            token.orElseGet(() -> deployToken(web3j)),
            l1Block,
            minExitPeriod(web3j, contract.get()));
    recorded.setProperty("contract", deployment.contract().toHex());
    recorded.setProperty("deployBlock", Long.toString(l1Block));
    recorded.setProperty("token", deployment.token().toHex());
    DevnetFiles.writeProperties(marker, recorded, "plasma devnet: the deployed contracts");
    return deployment;
  }

  private static Address deployPlasma(Web3j web3j, Duration exitPeriod, BigInteger exitBond) {
    DemoAccount deployer = DevnetAccounts.OPERATOR;
    Plasma plasma =
        PlasmaDeployer.deploy(
            web3j, sender(web3j, deployer), GAS, deployer.address(), exitPeriod, exitBond);
    LOG.info(
        "Deployed Plasma at {} (exit period {} s, bond {} wei)",
        plasma.getContractAddress(),
        exitPeriod.toSeconds(),
        exitBond);
    return Address.fromHex(plasma.getContractAddress());
  }

  /**
   * Deploys the DEV token from the operator's account: only before the operator starts, whose
   * committer takes the account's nonce as its anchor at start.
   */
  private static Address deployToken(Web3j web3j) {
    List<String> holders =
        DevnetAccounts.USERS.stream().map(account -> account.address().toHex()).toList();
    try {
      DevToken token =
          DevToken.deploy(web3j, sender(web3j, DevnetAccounts.OPERATOR), GAS, holders, TOKENS_EACH)
              .send();
      LOG.info("Deployed the DEV token at {}", token.getContractAddress());
      return Address.fromHex(token.getContractAddress());
    } catch (Exception e) {
      throw L1Exception.io("deploying the DEV token", e);
    }
  }

  private static Duration minExitPeriod(Web3j web3j, Address contract) {
    try {
      Plasma plasma =
          PlasmaDeployer.load(
              contract, web3j, new ReadonlyTransactionManager(web3j, contract.toHex()), GAS);
      return Duration.ofSeconds(plasma.minExitPeriod().send().longValueExact());
    } catch (Exception e) {
      throw L1Exception.io("reading the exit period of " + contract, e);
    }
  }

  private static TransactionManager sender(Web3j web3j, DemoAccount account) {
    return new RawTransactionManager(web3j, account.credentials(), AnvilProcess.CHAIN_ID);
  }

  private static Optional<Address> address(Properties recorded, String key) {
    return Optional.ofNullable(recorded.getProperty(key)).map(Address::fromHex);
  }

  private static boolean hasCode(Web3j web3j, Address contract) {
    try {
      String code =
          web3j.ethGetCode(contract.toHex(), DefaultBlockParameterName.LATEST).send().getCode();
      return code != null && !code.equals("0x");
    } catch (IOException e) {
      throw L1Exception.io("reading the code at " + contract, e);
    }
  }

  private static long blockNumber(Web3j web3j) {
    try {
      return web3j.ethBlockNumber().send().getBlockNumber().longValueExact();
    } catch (IOException e) {
      throw L1Exception.io("reading L1's block number", e);
    }
  }
}
