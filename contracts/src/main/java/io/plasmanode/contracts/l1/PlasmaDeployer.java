package io.plasmanode.contracts.l1;

import io.plasmanode.contracts.generated.Plasma;
import io.plasmanode.core.types.Address;
import java.math.BigInteger;
import java.time.Duration;
import org.web3j.protocol.Web3j;
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
}
