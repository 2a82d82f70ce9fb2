package io.plasmanode.node.devnet;

import io.plasmanode.contracts.generated.DevToken;
import io.plasmanode.contracts.l1.L1Exception;
import io.plasmanode.core.types.Address;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.tx.ReadonlyTransactionManager;
import org.web3j.tx.gas.DefaultGasProvider;

/**
 * An account's L1 balances, as the devnet's banner shows them: ETH and the DEV token.
 *
 * @param eth in wei
 * @param dev in the token's base units (18 decimals)
 */
record DevnetBalances(BigInteger eth, BigInteger dev) {
  /** Reads {@code account}'s balances at L1's latest block. */
  static DevnetBalances read(Web3j web3j, Address token, Address account) {
    try {
      BigInteger eth =
          web3j
              .ethGetBalance(account.toHex(), DefaultBlockParameterName.LATEST)
              .send()
              .getBalance();
      DevToken dev =
          DevToken.load(
              token.toHex(),
              web3j,
              new ReadonlyTransactionManager(web3j, account.toHex()),
              new DefaultGasProvider());
      return new DevnetBalances(eth, dev.balanceOf(account.toHex()).send());
    } catch (IOException e) {
      throw L1Exception.io("reading the balances of " + account, e);
    } catch (Exception e) {
      throw L1Exception.io("reading the DEV balance of " + account, e);
    }
  }

  /** E.g. {@code 9,998.9999 ETH, 1,000,000 DEV}: at most 4 decimals, rounded down. */
  String describe() {
    return format(eth) + " ETH, " + format(dev) + " DEV";
  }

  /** An 18-decimal amount in whole units with at most 4 decimals, rounded down, grouped. */
  static String format(BigInteger baseUnits) {
    DecimalFormat format =
        new DecimalFormat("#,##0.####", DecimalFormatSymbols.getInstance(Locale.ROOT));
    format.setRoundingMode(RoundingMode.DOWN);
    return format.format(new BigDecimal(baseUnits, DevnetDeployment.TOKEN_DECIMALS));
  }
}
