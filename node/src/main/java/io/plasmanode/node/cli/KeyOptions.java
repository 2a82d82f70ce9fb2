package io.plasmanode.node.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * Where the signing key is: {@code --keystore} with {@code --password-file}, or the environment
 * ({@code PLASMA_PASSWORD}, {@code PLASMA_PRIVATE_KEY}); see {@link KeySource}.
 */
public final class KeyOptions {
  /** The help footer line of the commands that sign with this key (after the config footer). */
  public static final String FOOTER =
      "Keys: --keystore FILE, with its password from --password-file FILE,"
          + "%nPLASMA_PASSWORD or a prompt; or PLASMA_PRIVATE_KEY (hex).";

  @Option(
      names = "--keystore",
      paramLabel = "FILE",
      description =
          "Keystore (web3j/geth JSON) holding the key. Without it, PLASMA_PRIVATE_KEY (hex) is used.")
  Path keystore;

  @Option(
      names = "--password-file",
      paramLabel = "FILE",
      description =
          "File whose first line is the keystore password. Default: PLASMA_PASSWORD, else a prompt.")
  Path passwordFile;

  public KeySource keySource(Map<String, String> environment, PasswordPrompt prompt) {
    return new KeySource(
        Optional.ofNullable(keystore), Optional.ofNullable(passwordFile), environment, prompt);
  }

  public Optional<Path> passwordFile() {
    return Optional.ofNullable(passwordFile);
  }
}
