package io.plasmanode.node.wallet;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The store file's text read into lines, with what could not be read said in words. */
record StoreContents(SentTransactions transactions) {

  static StoreContents parse(Path file, String text) {
    List<WalletLine> lines = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    String[] parts = text.split("\n", -1);
    // After the last newline: "" when the file ends with one, else a line cut off by a crash.
    int complete = parts.length - 1;
    for (int i = 0; i < complete; i++) {
      if (parts[i].isBlank()) {
        continue;
      }
      Optional<WalletLine> line = WalletLineCodec.decode(parts[i]);
      if (line.isPresent()) {
        lines.add(line.get());
      } else {
        warnings.add(
            "line %d of %s cannot be read (damaged, or cut off by an earlier crash): ignored"
                .formatted(i + 1, file));
      }
    }
    if (!parts[complete].isEmpty()) {
      warnings.add(
          ("the last line (%d) of %s is incomplete (a write was cut off, e.g. by a crash): ignored;"
                  + " the %d line(s) before it are intact")
              .formatted(complete + 1, file, complete));
    }
    return new StoreContents(SentTransactions.fold(lines, warnings));
  }
}
