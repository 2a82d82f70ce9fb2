package io.plasmanode.node.keys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

class KeyFilesTest {
  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"rw-------", "r--------", "rwx------", "---------"})
  void sharedAccess_noneWhenOnlyTheOwnerHasBits(String permissions) throws IOException {
    Path file = file("key.json", permissions);
    assertThat(KeyFiles.sharedAccess(file, "keystore")).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "rw-r--r--",
        "rw-r-----",
        "rw----r--",
        "rw--w----",
        "rw------x",
        "rw---x---",
        "rw-rw-rw-"
      })
  void sharedAccess_anyGroupOrOthersBitIsAProblemNamingFileModeAndFix(String permissions)
      throws IOException {
    Path file = file("key.json", permissions);
    String mode = KeyFiles.mode(PosixFilePermissions.fromString(permissions));
    assertThat(KeyFiles.sharedAccess(file, "keystore"))
        .hasValueSatisfying(
            message ->
                assertThat(message)
                    .startsWith("keystore " + file + " is accessible by group or others")
                    .contains("(mode " + mode + ")")
                    .endsWith("Fix it with: chmod 600 " + file));
  }

  @Test
  void sharedAccess_ofAMissingFileIsNoSuchFile() {
    assertThatThrownBy(() -> KeyFiles.sharedAccess(dir.resolve("absent"), "keystore"))
        .isInstanceOf(NoSuchFileException.class);
  }

  @Test
  void mode_isFourOctalDigits() {
    assertThat(KeyFiles.mode(PosixFilePermissions.fromString("rw-------"))).isEqualTo("0600");
    assertThat(KeyFiles.mode(PosixFilePermissions.fromString("rw-r--r--"))).isEqualTo("0644");
    assertThat(KeyFiles.mode(PosixFilePermissions.fromString("rwxr-x--x"))).isEqualTo("0751");
    assertThat(KeyFiles.mode(PosixFilePermissions.fromString("---------"))).isEqualTo("0000");
  }

  @Test
  void writeOwnerOnly_createsTheFile0600WithItsContentAndNoTemporaryLeft() throws IOException {
    Path file = dir.resolve("UTC--key.json");
    KeyFiles.writeOwnerOnly(file, "{\"secret\":1}".getBytes(StandardCharsets.UTF_8));
    assertThat(file).hasContent("{\"secret\":1}");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).containsExactly(file);
    }
  }

  @Test
  void writeOwnerOnly_neverReplacesAnExistingFile() throws IOException {
    Path file = Files.writeString(dir.resolve("key.json"), "old");
    assertThatThrownBy(() -> KeyFiles.writeOwnerOnly(file, new byte[] {1}))
        .isInstanceOf(FileAlreadyExistsException.class);
    assertThat(file).hasContent("old");
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files).containsExactly(file);
    }
  }

  @Test
  void createOwnerOnlyDirectories_createsEveryMissingLevel0700() throws IOException {
    Path nested = dir.resolve("home").resolve("keystore");
    KeyFiles.createOwnerOnlyDirectories(nested);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(nested)))
        .isEqualTo("rwx------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(nested.getParent())))
        .isEqualTo("rwx------");
  }

  @Test
  void createOwnerOnlyDirectories_leavesAnExistingDirectoryAsItIs() throws IOException {
    Path existing = Files.createDirectory(dir.resolve("shared"));
    Files.setPosixFilePermissions(existing, PosixFilePermissions.fromString("rwxr-xr-x"));
    KeyFiles.createOwnerOnlyDirectories(existing);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(existing)))
        .isEqualTo("rwxr-xr-x");
  }

  /** A zip file system has no POSIX permissions: nothing to check, said so, carried on. */
  @Test
  void withoutPosixPermissions_itIsLoggedAndTheFileIsUsed() throws IOException {
    ListAppender<ILoggingEvent> log = new ListAppender<>();
    Logger logger = (Logger) LoggerFactory.getLogger(KeyFiles.class);
    log.start();
    logger.addAppender(log);
    URI zip = URI.create("jar:" + dir.resolve("keys.zip").toUri());
    try (FileSystem zipFs = FileSystems.newFileSystem(zip, Map.of("create", "true"))) {
      Path directory = zipFs.getPath("/keystore");
      KeyFiles.createOwnerOnlyDirectories(directory);
      Path file = directory.resolve("key.json");
      KeyFiles.writeOwnerOnly(file, "{}".getBytes(StandardCharsets.UTF_8));
      assertThat(Files.readString(file)).isEqualTo("{}");
      assertThat(KeyFiles.sharedAccess(file, "keystore")).isEmpty();
    } finally {
      logger.detachAppender(log);
    }
    assertThat(log.list)
        .extracting(ILoggingEvent::getFormattedMessage)
        .contains(
            "keystore /keystore/key.json is on a file system without POSIX permissions: who can"
                + " read it is not checked");
  }

  private Path file(String name, String permissions) throws IOException {
    Path file = Files.writeString(dir.resolve(name), "{}");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
    return file;
  }
}
