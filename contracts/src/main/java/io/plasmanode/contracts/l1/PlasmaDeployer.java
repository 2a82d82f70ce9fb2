package io.plasmanode.contracts.l1;

import io.plasmanode.contracts.generated.DevToken;
import io.plasmanode.contracts.generated.Plasma;
import io.plasmanode.core.types.Address;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Uint256;

/**
 * Deploys the Plasma contract and the DEV test token (devnets, tests) through an {@link L1Sender}.
 */
@SuppressWarnings("rawtypes") // web3j's ABI encoder takes raw Type values
public final class PlasmaDeployer {
  private PlasmaDeployer() {}

  /**
   * Deploys a new Plasma contract from {@code deployer}'s account, with the in-flight exit and
   * piggyback bonds in OMG v1.0's ratios to {@code exitBond} ({@link Bonds#ofExitBond}); its
   * address.
   */
  public static Address deploy(
      L1Sender deployer, Address operator, Duration minExitPeriod, BigInteger exitBond) {
    return deploy(deployer, operator, minExitPeriod, Bonds.ofExitBond(exitBond));
  }

  /**
   * Deploys a new Plasma contract from {@code deployer}'s account; its address.
   *
   * @param operator the only address allowed to submit blocks
   * @param minExitPeriod one week in production; seconds on a devnet
   * @param bonds the wei a standard exit, an in-flight exit and a piggyback must put up, each paid
   *     to whoever challenges it successfully
   */
  public static Address deploy(
      L1Sender deployer, Address operator, Duration minExitPeriod, Bonds bonds) {
    List<Type> arguments =
        List.of(
            Erc20Reads.address(operator),
            new Uint256(minExitPeriod.toSeconds()),
            new Uint256(bonds.exitBond()),
            new Uint256(bonds.inFlightExitBond()),
            new Uint256(bonds.piggybackBond()));
    return deployer.deploy(
        "deploying Plasma", Plasma.BINARY + FunctionEncoder.encodeConstructor(arguments));
  }

  /** Deploys the DEV ERC20 token, minting {@code amountEach} to each of {@code holders}. */
  public static Address deployDevToken(
      L1Sender deployer, List<Address> holders, BigInteger amountEach) {
    List<Type> arguments =
        List.of(
            new DynamicArray<>(
                org.web3j.abi.datatypes.Address.class,
                holders.stream().map(Erc20Reads::address).toList()),
            new Uint256(amountEach));
    return deployer.deploy(
        "deploying the DEV token", DevToken.BINARY + FunctionEncoder.encodeConstructor(arguments));
  }
}
