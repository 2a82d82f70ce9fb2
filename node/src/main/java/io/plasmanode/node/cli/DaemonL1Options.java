package io.plasmanode.node.cli;

import io.plasmanode.core.types.Address;
import java.net.URI;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * Where L1 is and the Plasma contract a daemon serves (which it needs: it has no operator to ask).
 */
public final class DaemonL1Options {
  @Option(
      names = "--l1",
      paramLabel = "URL",
      defaultValue = L1Options.DEFAULT_L1,
      description = {"L1 (Ethereum) JSON-RPC endpoint", "(default: ${DEFAULT-VALUE})."})
  URI l1;

  @Option(
      names = "--contract",
      paramLabel = "ADDR",
      converter = AddressConverter.class,
      description = "Plasma contract on L1 (required).")
  Address contract;

  public URI l1() {
    return l1;
  }

  public Optional<Address> contract() {
    return Optional.ofNullable(contract);
  }
}
