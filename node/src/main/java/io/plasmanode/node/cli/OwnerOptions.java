package io.plasmanode.node.cli;

import io.plasmanode.core.types.Address;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Whose outputs to show: {@code --address}, else the account of the configured key. */
public final class OwnerOptions {
  @Option(
      names = "--address",
      paramLabel = "ADDR",
      converter = AddressConverter.class,
      description =
          "Account to show (default: the address of --keystore or PLASMA_PRIVATE_KEY;"
              + " no password needed).")
  Address address;

  @Mixin KeyAddressOptions keys;

  public Address owner(Map<String, String> environment) {
    if (address != null) {
      return address;
    }
    return keys.address(environment);
  }
}
