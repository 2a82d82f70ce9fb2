package io.plasmanode.node.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plasmanode.core.crypto.PrivateKey;
import io.plasmanode.core.testing.TestKeys;
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
import org.web3j.crypto.Credentials;
import org.web3j.crypto.ECKeyPair;
import org.web3j.crypto.WalletUtils;

class KeySourceTest {
  private static final PrivateKey BOB = TestKeys.BOB;
  private static final String PASSWORD = "correct horse battery staple";
  private static final String BOB_HEX =
      "4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318";

  @TempDir Path dir;
  private Path keystore;
  private Path passwordFile;
  private final List<String> warnings = new ArrayList<>();

  @BeforeEach
  void writeKeystore() throws Exception {
    String name =
        WalletUtils.generateWalletFile(
            PASSWORD, ECKeyPair.create(BOB.toArray()), dir.toFile(), false);
    keystore = dir.resolve(name);
    Files.setPosixFilePermissions(keystore, PosixFilePermissions.fromString("rw-------"));
    passwordFile = dir.resolve("password");
    Files.writeString(passwordFile, PASSWORD + "\n");
    Files.setPosixFilePermissions(passwordFile, PosixFilePermissions.fromString("rw-------"));
  }

  @Test
  void keystore_unlocksWithAPasswordFile() {
    Credentials credentials =
        source(Optional.of(keystore), Optional.of(passwordFile), Map.of()).load();
    assertThat(KeySource.privateKey(credentials)).isEqualTo(BOB);
    assertThat(warnings).isEmpty();
  }

  @Test
  void keystore_unlocksWithThePasswordFromTheEnvironment() {
    Credentials credentials =
        source(Optional.of(keystore), Optional.empty(), Map.of("PLASMA_PASSWORD", PASSWORD)).load();
    assertThat(credentials.getAddress()).isEqualTo(BOB.address().toHex());
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
            p -> Optional.of(PASSWORD.toCharArray()),
            warnings::add);
    assertThat(source.load().getAddress()).isEqualTo(BOB.address().toHex());
  }

  @Test
  void keystore_missingFileOrNotAKeystore() throws IOException {
    Path absent = dir.resolve("absent.json");
    assertThatThrownBy(
            () -> source(Optional.of(absent), Optional.of(passwordFile), Map.of()).load())
        .hasMessageContaining("keystore " + absent + " does not exist");
    Path notJson = Files.writeString(dir.resolve("notes.txt"), "hello");
    assertThatThrownBy(
            () -> source(Optional.of(notJson), Optional.of(passwordFile), Map.of()).load())
        .hasMessageContaining("is not a keystore file");
  }

  @Test
  void keystore_addressIsReadWithoutThePassword() {
    assertThat(source(Optional.of(keystore), Optional.empty(), Map.of()).address())
        .isEqualTo(BOB.address());
  }

  @Test
  void sharedFiles_areWarnedAbout() throws IOException {
    Files.setPosixFilePermissions(keystore, PosixFilePermissions.fromString("rw-r--r--"));
    Files.setPosixFilePermissions(passwordFile, PosixFilePermissions.fromString("rw-rw----"));
    source(Optional.of(keystore), Optional.of(passwordFile), Map.of()).load();
    assertThat(warnings)
        .hasSize(2)
        .anySatisfy(w -> assertThat(w).contains(keystore.toString()).contains("chmod 600"))
        .anySatisfy(w -> assertThat(w).contains(passwordFile.toString()));
  }

  @Test
  void environmentKey_isUsedWithoutAKeystore() {
    KeySource source =
        source(Optional.empty(), Optional.empty(), Map.of("PLASMA_PRIVATE_KEY", "0x" + BOB_HEX));
    assertThat(KeySource.privateKey(source.load())).isEqualTo(BOB);
    assertThat(source.address()).isEqualTo(BOB.address());
  }

  @Test
  void environmentKey_malformedIsAClearErrorThatDoesNotEchoIt() {
    String almost = BOB_HEX.substring(2) + "zz";
    assertThatThrownBy(
            () ->
                source(Optional.empty(), Optional.empty(), Map.of("PLASMA_PRIVATE_KEY", almost))
                    .load())
        .isInstanceOf(CliException.class)
        .hasMessageContaining("PLASMA_PRIVATE_KEY is not a private key")
        .message()
        .doesNotContain(almost)
        .doesNotContain(BOB_HEX.substring(2, 20));
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
                    true,
                    warnings::add))
        .hasMessageContaining("the two passwords differ");
  }

  private KeySource source(
      Optional<Path> keystore, Optional<Path> password, Map<String, String> env) {
    return new KeySource(keystore, password, env, PasswordPrompt.NONE, warnings::add);
  }
}
