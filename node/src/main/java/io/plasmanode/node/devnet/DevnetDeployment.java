package io.plasmanode.node.devnet;

import io.plasmanode.contracts.anvil.AnvilProcess;
import io.plasmanode.contracts.l1.Bonds;
import io.plasmanode.contracts.l1.L1Client;
import io.plasmanode.contracts.l1.L1Sender;
import io.plasmanode.contracts.l1.PlasmaDeployer;
import io.plasmanode.contracts.l1.Web3jRootChain;
import io.plasmanode.core.types.Address;
import io.plasmanode.node.devnet.DevnetAccounts.DemoAccount;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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

  /**
   * Reuses the contracts recorded in the marker file if L1 still has them; otherwise deploys new
   * ones and deletes {@code stale} (the operator's and the watcher's databases), which belonged to
   * the lost L1 state. A devnet of an earlier version without the token gets one.
   */
  static DevnetDeployment deployOrResume(
      Path marker, L1Client l1, Duration exitPeriod, Bonds bonds, List<Path> stale) {
    Properties recorded = DevnetFiles.readProperties(marker);
    Optional<Address> contract = address(recorded, "contract").filter(l1::hasCode);
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
      l1Block = l1.head();
      contract = Optional.of(deployPlasma(l1, exitPeriod, bonds));
      recorded.remove("token");
    }
    Optional<Address> token = address(recorded, "token").filter(l1::hasCode);
    DevnetDeployment deployment =
        new DevnetDeployment(
            contract.get(),
            token.orElseGet(() -> deployToken(l1)),
            l1Block,
            Web3jRootChain.readOnly(l1, contract.get()).minExitPeriod());
    recorded.setProperty("contract", deployment.contract().toHex());
    recorded.setProperty("deployBlock", Long.toString(l1Block));
    recorded.setProperty("token", deployment.token().toHex());
    DevnetFiles.writeProperties(marker, recorded, "plasma devnet: the deployed contracts");
    return deployment;
  }

  private static Address deployPlasma(L1Client l1, Duration exitPeriod, Bonds bonds) {
    DemoAccount deployer = DevnetAccounts.OPERATOR;
    Address plasma =
        PlasmaDeployer.deploy(sender(l1, deployer), deployer.address(), exitPeriod, bonds);
    LOG.info(
        "Deployed Plasma at {} (exit period {} s, bonds in wei: exit {}, in-flight exit {},"
            + " piggyback {})",
        plasma,
        exitPeriod.toSeconds(),
        bonds.exitBond(),
        bonds.inFlightExitBond(),
        bonds.piggybackBond());
    return plasma;
  }

  /**
   * Deploys the DEV token from the operator's account: only before the operator starts, whose
   * committer takes the account's nonce as its anchor at start.
   */
  private static Address deployToken(L1Client l1) {
    List<Address> holders = DevnetAccounts.USERS.stream().map(DemoAccount::address).toList();
    Address token =
        PlasmaDeployer.deployDevToken(sender(l1, DevnetAccounts.OPERATOR), holders, TOKENS_EACH);
    LOG.info("Deployed the DEV token at {}", token);
    return token;
  }

  private static L1Sender sender(L1Client l1, DemoAccount account) {
    return L1Sender.of(l1, account.privateKey(), AnvilProcess.CHAIN_ID);
  }

  private static Optional<Address> address(Properties recorded, String key) {
    return Optional.ofNullable(recorded.getProperty(key)).map(Address::fromHex);
  }
}
