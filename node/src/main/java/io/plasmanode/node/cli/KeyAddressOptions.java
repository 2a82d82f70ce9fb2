package io.plasmanode.node.cli;

import io.plasmanode.core.types.Address;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The address of the configured key, for commands that only read: {@code --keystore} (its address
 * is stored in clear, so no password is asked) or {@code PLASMA_PRIVATE_KEY}.
 */
public final class KeyAddressOptions {
  @Option(
      names = "--keystore",
      paramLabel = "FILE",
      description =
          "Keystore (web3j/geth JSON) whose address to use; no password needed. Without it,"
              + " the address of PLASMA_PRIVATE_KEY (hex).")
  Path keystore;

  /** The key's address, read without a password. */
  public Address address(Map<String, String> environment) {
    return new KeySource(
            Optional.ofNullable(keystore), Optional.empty(), environment, PasswordPrompt.NONE)
        .address();
  }
}
