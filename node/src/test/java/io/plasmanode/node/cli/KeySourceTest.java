package io.plasmanode.node.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plasmanode.contracts.l1.Keystores;
import io.plasmanode.core.crypto.PrivateKey;
import io.plasmanode.core.testing.TestKeys;
import io.plasmanode.node.keys.KeyFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KeySourceTest {
  private static final PrivateKey BOB = TestKeys.BOB;
  private static final String PASSWORD = "correct horse battery staple";
  private static final String BOB_HEX =
      "4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318";

  @TempDir Path dir;
  private Path keystore;
  private Path passwordFile;

  @BeforeEach
  void writeKeystore() throws Exception {
    keystore = dir.resolve("bob.json");
    Files.writeString(keystore, Keystores.encrypt(BOB, PASSWORD, Keystores.Kdf.STANDARD));
    Files.setPosixFilePermissions(keystore, PosixFilePermissions.fromString("rw-------"));
    passwordFile = dir.resolve("password");
    Files.writeString(passwordFile, PASSWORD + "\n");
    Files.setPosixFilePermissions(passwordFile, PosixFilePermissions.fromString("rw-------"));
  }

  @Test
  void keystore_unlocksWithAPasswordFile() {
    PrivateKey key = source(Optional.of(keystore), Optional.of(passwordFile), Map.of()).load();
    assertThat(key).isEqualTo(BOB);
  }

  @Test
  void keystore_unlocksWithThePasswordFromTheEnvironment() {
    PrivateKey key =
        source(Optional.of(keystore), Optional.empty(), Map.of("PLASMA_PASSWORD", PASSWORD)).load();
    assertThat(key.address()).isEqualTo(BOB.address());
  }

  @Test
  void keystore_wrongPasswordIsAClearErrorThatShowsNoSecret() throws IOException {
    Files.writeString(passwordFile, "guess\n");
    assertThatThrownBy(
            () -> source(Optional.of(keystore), Optional.of(passwordFile), Map.of()).load())
        .isInstanceOf(CliException.class)
        .hasMessageContaining("wrong password for keystore " + keystore)
        .message()
        .doesNotContain("guess")
        .doesNotContain(BOB_HEX);
  }

  @Test
  void keystore_missingPasswordWithoutATerminalIsAClearError() {
    assertThatThrownBy(() -> source(Optional.of(keystore), Optional.empty(), Map.of()).load())
        .isInstanceOf(CliException.class)
        .hasMessageContaining("no password")
        .hasMessageContaining("--password-file");
  }

  @Test
  void keystore_passwordFromThePromptWhenNothingElseHasIt() {
    KeySource source =
        new KeySource(
            Optional.of(keystore),
            Optional.empty(),
            Map.of(),
            p -> Optional.of(PASSWORD.toCharArray()));
    assertThat(source.load().address()).isEqualTo(BOB.address());
  }

  @Test
  void keystore_missingFileOrNotAKeystore() throws IOException {
    Path absent = dir.resolve("absent.json");
    assertThatThrownBy(
            () -> source(Optional.of(absent), Optional.of(passwordFile), Map.of()).load())
        .hasMessageContaining("keystore " + absent + " does not exist");
    Path notJson = Files.writeString(dir.resolve("notes.txt"), "hello");
    Files.setPosixFilePermissions(notJson, PosixFilePermissions.fromString("rw-------"));
    assertThatThrownBy(
            () -> source(Optional.of(notJson), Optional.of(passwordFile), Map.of()).load())
        .hasMessageContaining("is not a keystore file");
  }

  @Test
  void keystore_addressIsReadWithoutThePassword() {
    assertThat(source(Optional.of(keystore), Optional.empty(), Map.of()).address())
        .isEqualTo(BOB.address());
  }

  @ParameterizedTest
  @ValueSource(strings = {"rw-r--r--", "rw-r-----", "rw----r--", "rw--w----", "rw------x"})
  void sharedKeystore_isRefusedBeforeItIsReadNamingItsModeAndTheFix(String permissions)
      throws IOException {
    Files.setPosixFilePermissions(keystore, PosixFilePermissions.fromString(permissions));
    for (KeySource source :
        List.of(
            source(Optional.of(keystore), Optional.of(passwordFile), Map.of()),
            source(Optional.of(keystore), Optional.empty(), Map.of("PLASMA_PASSWORD", PASSWORD)))) {
      assertThatThrownBy(source::load)
          .isInstanceOf(CliException.class)
          .hasMessageStartingWith("keystore " + keystore + " is accessible by group or others")
          .hasMessageContaining(
              "(mode " + KeyFiles.mode(PosixFilePermissions.fromString(permissions)) + ")")
          .hasMessageEndingWith("chmod 600 " + keystore);
      assertThatThrownBy(source::address).hasMessageContaining("chmod 600 " + keystore);
    }
  }

  @Test
  void sharedPasswordFile_isRefusedBeforeItIsRead() throws IOException {
    Files.setPosixFilePermissions(passwordFile, PosixFilePermissions.fromString("rw-rw----"));
    assertThatThrownBy(
            () -> source(Optional.of(keystore), Optional.of(passwordFile), Map.of()).load())
        .isInstanceOf(CliException.class)
        .hasMessageStartingWith("password file " + passwordFile + " is accessible by group")
        .hasMessageContaining("(mode 0660)")
        .hasMessageEndingWith("chmod 600 " + passwordFile)
        .message()
        .doesNotContain(PASSWORD);
  }

  @Test
  void ownerOnlyModesStricterThan600_areAccepted() throws IOException {
    Files.setPosixFilePermissions(keystore, PosixFilePermissions.fromString("r--------"));
    Files.setPosixFilePermissions(passwordFile, PosixFilePermissions.fromString("r--------"));
    PrivateKey key = source(Optional.of(keystore), Optional.of(passwordFile), Map.of()).load();
    assertThat(key).isEqualTo(BOB);
  }

  @Test
  void keystore_corruptCiphertextIsAClearErrorThatShowsNoSecret() throws IOException {
    String json = Files.readString(keystore);
    String ciphertext = CliCommand.JSON.readTree(json).path("crypto").path("ciphertext").asText();
    String flipped = (ciphertext.charAt(0) == '0' ? "1" : "0") + ciphertext.substring(1);
    Files.writeString(keystore, json.replace(ciphertext, flipped));
    assertThatThrownBy(
            () -> source(Optional.of(keystore), Optional.of(passwordFile), Map.of()).load())
        .isInstanceOf(CliException.class)
        .hasMessageContaining("wrong password for keystore " + keystore)
        .message()
        .doesNotContain(PASSWORD)
        .doesNotContain(BOB_HEX)
        .doesNotContain(ciphertext.substring(2, 20));
  }

  @Test
  void environmentKey_isUsedWithoutAKeystore() {
    KeySource source =
        source(Optional.empty(), Optional.empty(), Map.of("PLASMA_PRIVATE_KEY", "0x" + BOB_HEX));
    assertThat(source.load()).isEqualTo(BOB);
    assertThat(source.address()).isEqualTo(BOB.address());
  }

  @Test
  void environmentKey_malformedIsAClearErrorThatDoesNotEchoIt() {
    String almost = BOB_HEX.substring(2) + "zz";
    assertThat(environmentKeyError(almost))
        .contains("PLASMA_PRIVATE_KEY is not a private key: it must be 64 hex digits")
        .doesNotContain(almost)
        .doesNotContain(BOB_HEX.substring(2, 20));
  }

  @ParameterizedTest
  @ValueSource(ints = {12, 40, 63})
  void environmentKey_tooShortSaysHowLongItIsButNotWhatItIs(int digits) {
    String cut = BOB_HEX.substring(0, digits);
    assertThat(environmentKeyError("0x" + cut))
        .contains("PLASMA_PRIVATE_KEY is not a private key")
        .endsWith("(it has " + digits + " characters)")
        .doesNotContain(cut);
  }

  @Test
  void environmentKey_tooLongSaysHowLongItIsButNotWhatItIs() {
    String longer = BOB_HEX + "00";
    assertThat(environmentKeyError(longer))
        .endsWith("(it has 66 characters)")
        .doesNotContain(BOB_HEX.substring(0, 8))
        .doesNotContain(BOB_HEX.substring(40));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "0000000000000000000000000000000000000000000000000000000000000000",
        "fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141",
        "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"
      })
  void environmentKey_outOfRangeIsAClearErrorThatDoesNotEchoIt(String hex) {
    assertThat(environmentKeyError(hex))
        .contains("for a number in [1, n-1]")
        .doesNotContain(hex.substring(0, 16))
        .doesNotContain("characters");
  }

  @Test
  void environmentKey_surroundingSpaceAndUpperCaseAreFine() {
    KeySource source =
        source(
            Optional.empty(),
            Optional.empty(),
            Map.of("PLASMA_PRIVATE_KEY", " 0X" + BOB_HEX.toUpperCase() + "\n"));
    assertThat(source.address()).isEqualTo(BOB.address());
  }

  @Test
  void noKeyAtAll_saysWhereToPutOne() {
    assertThatThrownBy(() -> source(Optional.empty(), Optional.empty(), Map.of()).load())
        .isInstanceOf(CliException.class)
        .hasMessageContaining("no key")
        .hasMessageContaining("--keystore")
        .hasMessageContaining("PLASMA_PRIVATE_KEY");
  }

  @Test
  void newPassword_mustBeTypedTwiceTheSame() {
    List<String> answers = new ArrayList<>(List.of("one", "two"));
    assertThatThrownBy(
            () ->
                KeySource.password(
                    Optional.empty(),
                    Map.of(),
                    p -> Optional.of(answers.remove(0).toCharArray()),
                    true))
        .hasMessageContaining("the two passwords differ");
  }

  private KeySource source(
      Optional<Path> keystore, Optional<Path> password, Map<String, String> env) {
    return new KeySource(keystore, password, env, PasswordPrompt.NONE);
  }

  /** The message of loading {@code hex} from PLASMA_PRIVATE_KEY, which must fail. */
  private String environmentKeyError(String hex) {
    KeySource source =
        source(Optional.empty(), Optional.empty(), Map.of("PLASMA_PRIVATE_KEY", hex));
    CliException load = catchCliException(source::load);
    CliException address = catchCliException(source::address);
    assertThat(address.getMessage()).isEqualTo(load.getMessage());
    assertThat(load.getCause()).isNull();
    return load.getMessage();
  }

  private static CliException catchCliException(Runnable call) {
    try {
      call.run();
    } catch (CliException e) {
      return e;
    }
    throw new AssertionError("expected a CliException");
  }
}
