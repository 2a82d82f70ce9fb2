package io.plasmanode.node.cli;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.plasmanode.contracts.l1.Keystores;
import io.plasmanode.core.crypto.PrivateKey;
import io.plasmanode.core.types.Address;
import io.plasmanode.node.keys.KeyFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * Where a command's signing key comes from: a web3j keystore file ({@code --keystore}) unlocked
 * with a password from {@code --password-file}, {@code PLASMA_PASSWORD} or an interactive prompt;
 * else a hex key in {@code PLASMA_PRIVATE_KEY}. Keys never come from the command line, and no
 * message here ever contains a key or a password. A keystore or password file that its group or
 * others can access is refused before it is read ({@link KeyFiles#sharedAccess}).
 */
public final class KeySource {
  public static final String PASSWORD_ENV = "PLASMA_PASSWORD";
  public static final String PRIVATE_KEY_ENV = "PLASMA_PRIVATE_KEY";

  private final Optional<Path> keystore;
  private final Optional<Path> passwordFile;
  private final Map<String, String> environment;
  private final PasswordPrompt prompt;

  /**
   * @param keystore the keystore file, if given
   * @param passwordFile the file holding the keystore's password (first line), if given
   * @param environment where {@code PLASMA_PASSWORD} and {@code PLASMA_PRIVATE_KEY} are looked up
   * @param prompt asks for the password when neither a file nor the environment holds it
   */
  public KeySource(
      Optional<Path> keystore,
      Optional<Path> passwordFile,
      Map<String, String> environment,
      PasswordPrompt prompt) {
    this.keystore = requireNonNull(keystore, "keystore");
    this.passwordFile = requireNonNull(passwordFile, "passwordFile");
    this.environment = Map.copyOf(environment);
    this.prompt = requireNonNull(prompt, "prompt");
  }

  /**
   * The signing key.
   *
   * @throws CliException when no key is configured, the keystore or password file is missing,
   *     unreadable or accessible by others, or the password is missing or wrong
   */
  public PrivateKey load() {
    if (keystore.isPresent()) {
      return unlock(keystore.get());
    }
    return environmentKey().key();
  }

  /**
   * The account's address, without asking for a password (keystores record it in clear).
   *
   * @throws CliException as {@link #load()} does, the password aside
   */
  public Address address() {
    if (keystore.isPresent()) {
      JsonNode address = readKeystoreJson(keystore.get()).path("address");
      try {
        return Address.fromHex(address.asText());
      } catch (IllegalArgumentException e) {
        throw new CliException("keystore " + keystore.get() + " has no valid address field");
      }
    }
    return environmentKey().key().address();
  }

  /**
   * The password from {@code passwordFile}, else {@code PLASMA_PASSWORD}, else asked through {@code
   * prompt} ({@code confirm}: asked twice, both answers must match).
   */
  public static String password(
      Optional<Path> passwordFile,
      Map<String, String> environment,
      PasswordPrompt prompt,
      boolean confirm) {
    if (passwordFile.isPresent()) {
      return readPasswordFile(passwordFile.get());
    }
    String fromEnvironment = environment.get(PASSWORD_ENV);
    if (fromEnvironment != null) {
      return fromEnvironment;
    }
    String first = ask(prompt, "Password: ");
    if (confirm && !first.equals(ask(prompt, "Repeat password: "))) {
      throw new CliException("the two passwords differ; nothing was written");
    }
    return first;
  }

  private PrivateKey unlock(Path file) {
    readKeystoreJson(file);
    String password = password(passwordFile, environment, prompt, false);
    try {
      return Keystores.decrypt(file, password);
    } catch (Keystores.WrongPasswordException e) {
      throw new CliException(
          "wrong password for keystore "
              + file
              + " (check --password-file or "
              + PASSWORD_ENV
              + ")");
    } catch (UncheckedIOException e) {
      throw new CliException(
          "cannot read keystore " + file + ": " + e.getCause().getMessage(), e.getCause());
    } catch (RuntimeException e) {
      throw new CliException("cannot read keystore " + file + ": " + e.getMessage(), e);
    }
  }

  private static JsonNode readKeystoreJson(Path file) {
    try {
      refuseIfShared(file, "keystore");
      JsonNode json = CliCommand.JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
      if (json == null || !json.isObject() || !json.has("crypto") && !json.has("Crypto")) {
        throw new CliException(file + " is not a keystore file (no crypto section)");
      }
      return json;
    } catch (NoSuchFileException e) {
      throw new CliException("keystore " + file + " does not exist (see --keystore)");
    } catch (JsonProcessingException e) {
      throw new CliException(file + " is not a keystore file (not JSON)");
    } catch (IOException e) {
      throw new CliException("cannot read keystore " + file + ": " + e.getMessage(), e);
    }
  }

  private EnvironmentKey environmentKey() {
    String hex = environment.get(PRIVATE_KEY_ENV);
    if (hex == null || hex.isBlank()) {
      throw new CliException(
          "no key: pass --keystore FILE (password from --password-file FILE or "
              + PASSWORD_ENV
              + ") or set "
              + PRIVATE_KEY_ENV);
    }
    try {
      return new EnvironmentKey(PrivateKey.fromHex(hex.strip()));
    } catch (IllegalArgumentException e) {
      // Neither the value nor the parser's message (which may quote it) goes into the error.
      throw new CliException(
          PRIVATE_KEY_ENV
              + " is not a private key: it must be 64 hex digits (0x optional) for a number in"
              + " [1, n-1]"
              + lengthHint(hex.strip()));
    }
  }

  /** How many digits a key of the wrong length has: says what is wrong without showing any. */
  private static String lengthHint(String hex) {
    int digits = hex.startsWith("0x") || hex.startsWith("0X") ? hex.length() - 2 : hex.length();
    return digits == PrivateKey.SIZE * 2 ? "" : " (it has " + digits + " characters)";
  }

  /** Refuses {@code file} before reading it when its group or others can access it. */
  private static void refuseIfShared(Path file, String what) throws IOException {
    Optional<String> problem = KeyFiles.sharedAccess(file, what);
    if (problem.isPresent()) {
      throw new CliException(problem.get());
    }
  }

  private static String readPasswordFile(Path file) {
    try {
      refuseIfShared(file, "password file");
      String content = Files.readString(file, StandardCharsets.UTF_8);
      String firstLine = content.lines().findFirst().orElse("");
      if (firstLine.isEmpty()) {
        throw new CliException("password file " + file + " is empty");
      }
      return firstLine;
    } catch (NoSuchFileException e) {
      throw new CliException("password file " + file + " does not exist (see --password-file)");
    } catch (IOException e) {
      throw new CliException("cannot read password file " + file + ": " + e.getMessage(), e);
    }
  }

  private static String ask(PasswordPrompt prompt, String question) {
    char[] answer =
        prompt
            .ask(question)
            .orElseThrow(
                () ->
                    new CliException(
                        "no password: use --password-file FILE or set "
                            + PASSWORD_ENV
                            + " (no terminal to ask on)"));
    try {
      return new String(answer);
    } finally {
      Arrays.fill(answer, '\0');
    }
  }

  /** A key from the environment; its {@code toString} never shows it. */
  private record EnvironmentKey(PrivateKey key) {}
}
