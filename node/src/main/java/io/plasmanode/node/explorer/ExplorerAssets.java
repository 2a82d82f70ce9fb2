package io.plasmanode.node.explorer;

import io.plasmanode.p2p.rpc.WebContentType;
import io.plasmanode.p2p.rpc.WebResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * The explorer's style sheet and script, shipped in the jar (nothing is fetched from elsewhere):
 * only the files named here are served, each with its fixed type; any other name is 404.
 */
final class ExplorerAssets {
  private static final Map<String, WebContentType> FILES =
      Map.of("explorer.css", WebContentType.CSS, "explorer.js", WebContentType.JAVASCRIPT);
  private static final Map<String, String> CONTENTS =
      Map.of("explorer.css", load("explorer.css"), "explorer.js", load("explorer.js"));

  private ExplorerAssets() {}

  /** The asset {@code name}, or 404. */
  static WebResponse get(String name) {
    return Optional.ofNullable(FILES.get(name))
        .map(type -> WebResponse.ok(type, CONTENTS.get(name)))
        .orElseGet(() -> WebResponse.of(404, WebContentType.TEXT, "No such file"));
  }

  private static String load(String name) {
    try (InputStream in = ExplorerAssets.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("the explorer's " + name + " is missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
