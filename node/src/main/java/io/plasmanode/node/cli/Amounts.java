package io.plasmanode.node.cli;

import io.plasmanode.core.tx.Output;
import io.plasmanode.core.types.Address;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Amounts as people type them. ETH: wei integers ({@code 1000}) or a decimal with a unit ({@code
 * 0.5eth}, {@code 1.25ether}, {@code 10gwei}, {@code 100wei}). ERC20 tokens: base units ({@code
 * 2500}), or decimals when the token's {@code decimals} are given ({@code 1.5} with 6 is {@code
 * 1500000}).
 */
public final class Amounts {
  private static final Pattern AMOUNT =
      Pattern.compile("(\\d+(?:\\.\\d+)?|\\.\\d+)\\s*([a-zA-Z]*)");
  private static final Map<String, Integer> ETH_UNITS =
      Map.of("wei", 0, "gwei", 9, "eth", 18, "ether", 18);
  private static final BigInteger WEI_PER_ETH = BigInteger.TEN.pow(18);

  private Amounts() {}

  /**
   * Parses an ETH amount into wei.
   *
   * @throws IllegalArgumentException saying what is wrong with {@code text}
   */
  public static BigInteger parseEth(String text) {
    Matcher matcher = match(text);
    String unit = matcher.group(2).toLowerCase(Locale.ROOT);
    Integer decimals = unit.isEmpty() ? Integer.valueOf(0) : ETH_UNITS.get(unit);
    if (decimals == null) {
      throw new IllegalArgumentException(
          "unknown unit '" + matcher.group(2) + "' in amount '" + text + "': use eth, gwei or wei");
    }
    try {
      return scale(text, matcher.group(1), decimals, "wei");
    } catch (IllegalArgumentException e) {
      if (unit.isEmpty() && matcher.group(1).contains(".")) {
        throw new IllegalArgumentException(
            e.getMessage()
                + " (an amount without a unit is in wei): for ETH, write "
                + matcher.group(1)
                + "eth",
            e);
      }
      throw e;
    }
  }

  /**
   * Parses a token amount into base units; with {@code decimals}, a decimal is scaled by {@code
   * 10^decimals}.
   *
   * @throws IllegalArgumentException saying what is wrong with {@code text}
   */
  public static BigInteger parseToken(String text, OptionalInt decimals) {
    Matcher matcher = match(text);
    if (!matcher.group(2).isEmpty()) {
      throw new IllegalArgumentException(
          "amount '"
              + text
              + "': units such as eth apply to ETH only; give a token amount in base units"
              + " (or a decimal with --decimals)");
    }
    if (decimals.isPresent() && (decimals.getAsInt() < 0 || decimals.getAsInt() > 77)) {
      throw new IllegalArgumentException("--decimals must be 0..77, got " + decimals.getAsInt());
    }
    try {
      return scale(text, matcher.group(1), decimals.orElse(0), "base units");
    } catch (IllegalArgumentException e) {
      if (decimals.isEmpty() && matcher.group(1).contains(".")) {
        throw new IllegalArgumentException(
            e.getMessage() + ": give the token's --decimals to write it as a decimal", e);
      }
      throw e;
    }
  }

  /** {@code wei} for people: {@code 1.5 ETH}, {@code 0.000000001 ETH}. */
  public static String formatEth(BigInteger wei) {
    BigDecimal eth = new BigDecimal(wei).divide(new BigDecimal(WEI_PER_ETH));
    return eth.stripTrailingZeros().toPlainString() + " ETH";
  }

  /**
   * {@code amount} of {@code token} in the CLI's units: {@code 0.25 ETH} for ETH, {@code 2500 (base
   * units) of token 0x...} for a token.
   */
  public static String format(Address token, BigInteger amount) {
    return token.isZero() ? formatEth(amount) : amount + " (base units) of token " + token;
  }

  private static Matcher match(String text) {
    String trimmed = text == null ? "" : text.strip();
    Matcher matcher = AMOUNT.matcher(trimmed);
    if (!matcher.matches()) {
      throw new IllegalArgumentException(
          "cannot read amount '"
              + text
              + "': expected a positive number with an optional unit, e.g. 0.5eth, 10gwei, 1000");
    }
    return matcher;
  }

  private static BigInteger scale(String text, String number, int decimals, String smallest) {
    BigDecimal scaled = new BigDecimal(number).movePointRight(decimals);
    BigInteger value;
    try {
      value = scaled.setScale(0, RoundingMode.UNNECESSARY).toBigIntegerExact();
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException(
          "amount '" + text + "' is not a whole number of " + smallest);
    }
    if (value.signum() <= 0) {
      throw new IllegalArgumentException("amount '" + text + "' must be more than zero");
    }
    if (value.compareTo(Output.MAX_AMOUNT) > 0) {
      throw new IllegalArgumentException("amount '" + text + "' is larger than 2^256-1");
    }
    return value;
  }
}
