package io.plasmanode.node.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.WalletUtils;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code plasma account new}: a fresh key in a new keystore file. */
@Command(
    name = "new",
    mixinStandardHelpOptions = true,
    defaultValueProvider = ConfigDefaultProvider.class,
    description = {
      "Creates a new key and writes it, encrypted with a password, as a web3j/geth keystore file.",
      "The password comes from --password-file, else PLASMA_PASSWORD, else is asked twice."
    },
    footer = ConfigDefaultProvider.FOOTER)
final class AccountNewCommand extends CliCommand {
  @Option(
      names = "--keystore-dir",
      paramLabel = "DIR",
      description = "Directory for the keystore file (default: ~/.plasma/keystore).")
  Path keystoreDir;

  @Option(
      names = "--password-file",
      paramLabel = "FILE",
      description = "File whose first line is the new keystore's password.")
  Path passwordFile;

  @Option(
      names = "--light-kdf",
      description =
          "Encrypt with light scrypt parameters (fast, weaker): for devnets and tests only.")
  boolean lightKdf;

  @Override
  protected void run() {
    Path directory = keystoreDir != null ? keystoreDir : plasmaHome().resolve("keystore");
    String password =
        KeySource.password(
            Optional.ofNullable(passwordFile),
            environment(),
            PasswordPrompt.console(),
            true,
            this::warn);
    Path file = write(directory, password);
    Credentials written = loadBack(file, password);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("address", written.getAddress());
    json.put("keystore", file.toString());
    print("address:  " + written.getAddress() + "\nkeystore: " + file, json);
  }

  private Path write(Path directory, String password) {
    try {
      createPrivateDirectory(directory);
      String name = WalletUtils.generateNewWalletFile(password, directory.toFile(), !lightKdf);
      Path file = directory.resolve(name);
      restrictToOwner(file, "rw-------");
      return file;
    } catch (IOException e) {
      throw new CliException("cannot write a keystore in " + directory + ": " + e.getMessage(), e);
    } catch (Exception e) {
      throw new CliException("cannot create a key: " + e.getMessage(), e);
    }
  }

  private static Credentials loadBack(Path file, String password) {
    try {
      return WalletUtils.loadCredentials(password, file.toFile());
    } catch (Exception e) {
      throw new CliException("the keystore " + file + " cannot be read back: " + e.getMessage(), e);
    }
  }

  private static void createPrivateDirectory(Path directory) throws IOException {
    if (!Files.isDirectory(directory)) {
      Files.createDirectories(directory);
      restrictToOwner(directory, "rwx------");
    }
  }

  private static void restrictToOwner(Path path, String permissions) throws IOException {
    try {
      Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(permissions));
    } catch (UnsupportedOperationException e) {
      // Not a POSIX file system: the platform's defaults apply.
    }
  }
}
