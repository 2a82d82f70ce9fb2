package io.plasmanode.node.cli;

import io.plasmanode.core.crypto.PrivateKey;
import io.plasmanode.node.keys.KeyFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.Wallet;
import org.web3j.crypto.WalletFile;
import org.web3j.crypto.WalletUtils;
import org.web3j.crypto.exception.CipherException;
import org.web3j.protocol.ObjectMapperFactory;
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
    Path file = write(directory, password);
    Credentials written = loadBack(file, password);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("address", written.getAddress());
    json.put("keystore", file.toString());
    print("address:  " + written.getAddress() + "\nkeystore: " + file, json);
  }

  private Path write(Path directory, String password) {
    try {
      KeyFiles.createOwnerOnlyDirectories(directory);
      ECKeyPair keyPair = ECKeyPair.create(PrivateKey.random(new SecureRandom()).toArray());
      WalletFile wallet =
          lightKdf
              ? Wallet.createLight(password, keyPair)
              : Wallet.createStandard(password, keyPair);
      Path file = directory.resolve(fileName(wallet, ZonedDateTime.now(ZoneOffset.UTC)));
      KeyFiles.writeOwnerOnly(
          file, ObjectMapperFactory.getObjectMapper().writeValueAsBytes(wallet));
      return file;
    } catch (IOException e) {
      throw new CliException("cannot write a keystore in " + directory + ": " + e.getMessage(), e);
    } catch (CipherException e) {
      throw new CliException("cannot encrypt the new key: " + e.getMessage(), e);
    }
  }

  /** geth's keystore file name: {@code UTC--<ISO time with - for :>--<address>.json}. */
  static String fileName(WalletFile wallet, ZonedDateTime now) {
    return now.format(DateTimeFormatter.ofPattern("'UTC--'yyyy-MM-dd'T'HH-mm-ss.n'Z--'"))
        + wallet.getAddress()
        + ".json";
  }

  private static Credentials loadBack(Path file, String password) {
    try {
      return WalletUtils.loadCredentials(password, file.toFile());
    } catch (Exception e) {
      throw new CliException("the keystore " + file + " cannot be read back: " + e.getMessage(), e);
    }
  }
}
