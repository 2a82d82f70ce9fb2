package io.plasmanode.node.cli;

import io.plasmanode.core.types.Address;
import java.net.URI;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Where L1 is and which Plasma contract to use there. */
public final class L1Options {
  public static final String DEFAULT_L1 = "http://127.0.0.1:8545";

  @Option(
      names = "--l1",
      paramLabel = "URL",
      defaultValue = DEFAULT_L1,
      description = {"L1 (Ethereum) JSON-RPC endpoint", "(default: ${DEFAULT-VALUE})."})
  URI l1;

  @Option(
      names = "--contract",
      paramLabel = "ADDR",
      converter = AddressConverter.class,
      description =
          "Plasma contract on L1 (default: the one the operator at --rpc reports in"
              + " plasma_status).")
  Address contract;

  public URI l1() {
    return l1;
  }

  public Optional<Address> contract() {
    return Optional.ofNullable(contract);
  }
}
