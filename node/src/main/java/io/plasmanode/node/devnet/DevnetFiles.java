package io.plasmanode.node.devnet;

import com.google.common.io.MoreFiles;
import io.plasmanode.node.keys.KeyFiles;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/** The devnet directory's files: private directories and files, properties, deletion. */
final class DevnetFiles {
  private DevnetFiles() {}

  static void createPrivateDirectory(Path dir) {
    try {
      KeyFiles.createOwnerOnlyDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + dir, e);
    }
  }

  /** Creates {@code file} 0600 with {@code content}; a file left by an earlier start is kept. */
  static void writePrivateFileIfAbsent(Path file, String content) {
    if (Files.exists(file)) {
      return;
    }
    try {
      KeyFiles.writeOwnerOnly(file, content.getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /** The properties in {@code file}; none if it does not exist. */
  static Properties readProperties(Path file) {
    Properties properties = new Properties();
    if (Files.exists(file)) {
      try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        properties.load(reader);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + file, e);
      }
    }
    return properties;
  }

  static void writeProperties(Path file, Properties properties, String comment) {
    try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      properties.store(writer, comment);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  static boolean isEmpty(Path dir) {
    try (var entries = Files.list(dir)) {
      return entries.findAny().isEmpty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Deletes {@code root} and everything under it, if it exists. */
  static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try {
      MoreFiles.deleteRecursively(root);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + root, e);
    }
  }
}
