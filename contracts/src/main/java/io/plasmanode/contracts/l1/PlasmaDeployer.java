package io.plasmanode.contracts.l1;

import io.plasmanode.contracts.generated.Plasma;
import io.plasmanode.core.types.Address;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Duration;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.tx.TransactionManager;
import org.web3j.tx.gas.ContractGasProvider;

/** Deploys the Plasma contract (devnets, tests) and loads an existing deployment. */
public final class PlasmaDeployer {
  private PlasmaDeployer() {}

  /**
   * Deploys a new Plasma contract.
   *
   * @param operator the only address allowed to submit blocks
   * @param minExitPeriod one week in production; seconds on a devnet
   * @param exitBond the wei an exit must put up, paid to whoever challenges it successfully
   */
  public static Plasma deploy(
      Web3j web3j,
      TransactionManager deployer,
      ContractGasProvider gas,
      Address operator,
      Duration minExitPeriod,
      BigInteger exitBond) {
    try {
      return Plasma.deploy(
              web3j,
              deployer,
              gas,
              operator.toHex(),
              BigInteger.valueOf(minExitPeriod.toSeconds()),
              exitBond)
          .send();
    } catch (Exception e) {
      throw L1Exception.io("deploying Plasma", e);
    }
  }

  /** The deployed contract at {@code address}, sending with {@code sender}'s manager. */
  public static Plasma load(
      Address address, Web3j web3j, TransactionManager sender, ContractGasProvider gas) {
    return Plasma.load(address.toHex(), web3j, sender, gas);
  }

  /**
   * The chain id of the L1 at {@code web3j}, after checking that {@code contract} has code there.
   *
   * @throws IllegalStateException naming the contract, the L1 and its chain id, if it has no code
   * @throws L1Exception if the L1 cannot be reached
   */
  public static long requireDeployed(Web3j web3j, Address contract, String l1) {
    try {
      long chainId = web3j.ethChainId().send().getChainId().longValueExact();
      String code =
          web3j.ethGetCode(contract.toHex(), DefaultBlockParameterName.LATEST).send().getCode();
      if (code == null || code.isEmpty() || code.equals("0x")) {
        throw new IllegalStateException(
            "no contract at %s on L1 %s (chain id %d): check --contract and --l1"
                .formatted(contract.toHex(), l1, chainId));
      }
      return chainId;
    } catch (IOException e) {
      throw L1Exception.io("connecting to L1 at " + l1, e);
    }
  }
}
