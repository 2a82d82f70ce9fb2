package io.plasmanode.contracts.l1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plasmanode.core.testing.TestKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeystoresTest {
  @TempDir Path dir;

  @Test
  void encrypt_thenDecrypt_givesTheKeyBack() throws IOException {
    Path file = dir.resolve("bob.json");
    Files.writeString(file, Keystores.encrypt(TestKeys.BOB, "pw", Keystores.Kdf.LIGHT));
    assertThat(Keystores.decrypt(file, "pw")).isEqualTo(TestKeys.BOB);
  }

  @Test
  void encrypt_recordsTheAddressInClearButNeitherKeyNorPassword() {
    String json = Keystores.encrypt(TestKeys.BOB, "secret-pw", Keystores.Kdf.LIGHT);
    String keyHex = TestKeys.BOB.address().toHex(); // the address, not the key
    assertThat(json).contains(keyHex.substring(2)).doesNotContain("secret-pw");
    assertThat(json).doesNotContain(java.util.HexFormat.of().formatHex(TestKeys.BOB.toArray()));
  }

  @Test
  void decrypt_withTheWrongPassword_isAWrongPasswordException() throws IOException {
    Path file = dir.resolve("bob.json");
    Files.writeString(file, Keystores.encrypt(TestKeys.BOB, "pw", Keystores.Kdf.LIGHT));
    assertThatThrownBy(() -> Keystores.decrypt(file, "other"))
        .isInstanceOf(Keystores.WrongPasswordException.class)
        .hasMessage("wrong password for keystore " + file);
  }

  @Test
  void decrypt_ofAMissingFile_isAnUncheckedIoException() {
    assertThatThrownBy(() -> Keystores.decrypt(dir.resolve("absent.json"), "pw"))
        .isInstanceOf(UncheckedIOException.class);
  }
}
