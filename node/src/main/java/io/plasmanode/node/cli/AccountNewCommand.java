package io.plasmanode.node.cli;

import io.plasmanode.contracts.l1.Keystores;
import io.plasmanode.core.crypto.PrivateKey;
import io.plasmanode.core.types.Address;
import io.plasmanode.node.keys.KeyFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code plasma account new}: a fresh key in a new keystore file, created with mode 0600 (in a
 * directory created 0700) so that no other user can ever open it, and renamed into place whole.
 */
@Command(
    name = "new",
    mixinStandardHelpOptions = true,
    defaultValueProvider = ConfigDefaultProvider.class,
    description = {
      "Creates a new key and writes it, encrypted with a password, as a web3j/geth keystore file.",
      "The password comes from --password-file, else PLASMA_PASSWORD, else is asked twice.",
      "The file is readable by its owner only (mode 600), as every keystore must be to be used."
    },
    footer = ConfigDefaultProvider.FOOTER)
final class AccountNewCommand extends CliCommand {
  @Option(
      names = "--keystore-dir",
      paramLabel = "DIR",
      description = {"Directory for the keystore file", "(default: ~/.plasma/keystore)."})
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
            Optional.ofNullable(passwordFile), environment(), PasswordPrompt.console(), true);
    PrivateKey key = PrivateKey.random(new SecureRandom());
    Path file = write(directory, key, password);
    String address = loadBack(file, password).address().toHex();
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("address", address);
    json.put("keystore", file.toString());
    print("address:  " + address + "\nkeystore: " + file, json);
  }

  private Path write(Path directory, PrivateKey key, String password) {
    try {
      KeyFiles.createOwnerOnlyDirectories(directory);
      String keystore =
          Keystores.encrypt(key, password, lightKdf ? Keystores.Kdf.LIGHT : Keystores.Kdf.STANDARD);
      Path file = directory.resolve(fileName(key.address(), ZonedDateTime.now(ZoneOffset.UTC)));
      KeyFiles.writeOwnerOnly(file, keystore.getBytes(StandardCharsets.UTF_8));
      return file;
    } catch (IOException e) {
      throw new CliException("cannot write a keystore in " + directory + ": " + e.getMessage(), e);
    } catch (IllegalStateException e) {
      throw new CliException("cannot encrypt the new key: " + e.getMessage(), e);
    }
  }

  /** geth's keystore file name: {@code UTC--<ISO time with - for :>--<address>.json}. */
  static String fileName(Address address, ZonedDateTime now) {
    return now.format(DateTimeFormatter.ofPattern("'UTC--'yyyy-MM-dd'T'HH-mm-ss.n'Z--'"))
        + address.toHex().substring(2)
        + ".json";
  }

  private static PrivateKey loadBack(Path file, String password) {
    try {
      return Keystores.decrypt(file, password);
    } catch (RuntimeException e) {
      throw new CliException("the keystore " + file + " cannot be read back: " + e.getMessage(), e);
    }
  }
}
