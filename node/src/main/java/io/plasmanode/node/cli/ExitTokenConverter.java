package io.plasmanode.node.cli;

import io.plasmanode.core.types.Address;
import java.util.Locale;
import picocli.CommandLine.ITypeConverter;

/** Reads a token option: {@code ETH} (any case) for ETH, else an ERC20 address. */
final class ExitTokenConverter implements ITypeConverter<Address> {
  @Override
  public Address convert(String value) {
    if (value.strip().toLowerCase(Locale.ROOT).equals("eth")) {
      return Address.ZERO;
    }
    return new AddressConverter().convert(value);
  }

  /** {@code ETH}, or the token's address. */
  static String name(Address token) {
    return token.isZero() ? "ETH" : "token " + token;
  }
}
