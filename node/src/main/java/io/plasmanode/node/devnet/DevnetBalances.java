package io.plasmanode.node.devnet;

import io.plasmanode.contracts.l1.L1Client;
import io.plasmanode.contracts.l1.L1Exception;
import io.plasmanode.core.types.Address;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;

/**
 * An account's L1 balances, as the devnet's banner shows them: ETH and the DEV token.
 *
 * @param eth in wei
 * @param dev in the token's base units (18 decimals)
 */
record DevnetBalances(BigInteger eth, BigInteger dev) {
  /** Reads {@code account}'s balances at L1's latest block. */
  static DevnetBalances read(L1Client l1, Address token, Address account) {
    BigInteger dev =
        l1.erc20Balance(token, account)
            .orElseThrow(() -> L1Exception.failed(token + " does not answer balanceOf()"));
    return new DevnetBalances(l1.balance(account), dev);
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
