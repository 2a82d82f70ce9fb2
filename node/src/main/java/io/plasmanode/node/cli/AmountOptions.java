package io.plasmanode.node.cli;

import io.plasmanode.core.types.Address;
import picocli.CommandLine.Option;

/** How much of which token: {@code --amount}, {@code --token}, {@code --decimals}. */
public final class AmountOptions {
  @Option(
      names = "--amount",
      required = true,
      paramLabel = "AMOUNT",
      description =
          "ETH: wei, or with a unit: 0.5eth, 1.25ether, 10gwei, 100wei. Tokens: base units.")
  String text;

  @Option(
      names = "--token",
      paramLabel = "ADDR",
      converter = AddressConverter.class,
      description = "ERC20 token (default: ETH).")
  Address token = Address.ZERO;

  @Option(
      names = "--decimals",
      paramLabel = "N",
      description = "The token's decimals, to give --amount as a decimal (1.5 with 6 = 1500000).")
  Integer decimals;

  public Address token() {
    return token;
  }
}
