package io.plasmanode.node.keys;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Files that hold a key or unlock one (keystores, password files): only their owner may access
 * them. Reading refuses a file whose group or others have any permission bit (mode 0600 or
 * stricter, owner bits aside); writing creates the file with mode 0600 from the start, so there is
 * no moment where another user can open it. On a file system without POSIX permissions (FAT, some
 * network shares) nothing can be checked or set: both say so in the log and proceed.
 */
public final class KeyFiles {
  private static final Logger LOG = LoggerFactory.getLogger(KeyFiles.class);

  private static final Set<PosixFilePermission> GROUP_OR_OTHERS =
      EnumSet.of(
          PosixFilePermission.GROUP_READ,
          PosixFilePermission.GROUP_WRITE,
          PosixFilePermission.GROUP_EXECUTE,
          PosixFilePermission.OTHERS_READ,
          PosixFilePermission.OTHERS_WRITE,
          PosixFilePermission.OTHERS_EXECUTE);
  private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY_FILE =
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
  private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY_DIRECTORY =
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));

  private KeyFiles() {}

  /**
   * Why {@code file} must not be read: its group or others have some access. The message names the
   * file, its mode and the fix. Empty when only the owner has access, or when the file system has
   * no POSIX permissions (logged).
   *
   * @param what what the message calls the file ("keystore", "password file")
   * @throws IOException when the file's permissions cannot be read ({@link
   *     java.nio.file.NoSuchFileException} when it does not exist)
   */
  public static Optional<String> sharedAccess(Path file, String what) throws IOException {
    Set<PosixFilePermission> permissions;
    try {
      permissions = Files.getPosixFilePermissions(file);
    } catch (UnsupportedOperationException e) {
      LOG.warn(
          "{} {} is on a file system without POSIX permissions: who can read it is not checked",
          what,
          file);
      return Optional.empty();
    }
    if (permissions.stream().noneMatch(GROUP_OR_OTHERS::contains)) {
      return Optional.empty();
    }
    return Optional.of(
        "%s %s is accessible by group or others (mode %s): key files must be accessible by their"
                .formatted(what, file, mode(permissions))
            + " owner only (mode 600 or stricter). Fix it with: chmod 600 "
            + file);
  }

  /** {@code permissions} as four octal digits, {@code 0644}. */
  public static String mode(Set<PosixFilePermission> permissions) {
    int mode = 0;
    for (PosixFilePermission permission : permissions) {
      // OWNER_READ is the first constant and stands for 0400; each next one is one bit lower.
      mode |= 0400 >> permission.ordinal();
    }
    return "%04o".formatted(mode);
  }

  /**
   * Writes {@code content} as the new file {@code file}, mode 0600 from its creation: into a
   * temporary file created 0600 next to it, flushed to disk, then renamed to {@code file}, so the
   * file is never readable by others and never seen half-written.
   *
   * @throws FileAlreadyExistsException when {@code file} exists (it is left as it is)
   */
  public static void writeOwnerOnly(Path file, byte[] content) throws IOException {
    Path directory = file.toAbsolutePath().getParent();
    if (Files.exists(file)) {
      throw new FileAlreadyExistsException(file.toString());
    }
    Path temporary = createOwnerOnlyTemporary(directory, file.getFileName().toString());
    try {
      try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
        ByteBuffer buffer = ByteBuffer.wrap(content);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
        channel.force(true);
      }
      // No REPLACE_EXISTING: fails rather than replacing a file created meanwhile.
      Files.move(temporary, file);
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  /**
   * Creates {@code directory} and its missing parents with mode 0700 from their creation; an
   * existing directory is left as it is.
   */
  public static void createOwnerOnlyDirectories(Path directory) throws IOException {
    if (Files.isDirectory(directory)) {
      return;
    }
    try {
      Files.createDirectories(directory, OWNER_ONLY_DIRECTORY);
    } catch (UnsupportedOperationException e) {
      LOG.warn(
          "{} is on a file system without POSIX permissions: it gets the platform's default access",
          directory);
      Files.createDirectories(directory);
    }
  }

  private static Path createOwnerOnlyTemporary(Path directory, String name) throws IOException {
    String prefix = "." + name + ".";
    try {
      return Files.createTempFile(directory, prefix, ".tmp", OWNER_ONLY_FILE);
    } catch (UnsupportedOperationException e) {
      LOG.warn(
          "{} is on a file system without POSIX permissions: {} gets the platform's default access",
          directory,
          name);
      return Files.createTempFile(directory, prefix, ".tmp");
    }
  }
}
