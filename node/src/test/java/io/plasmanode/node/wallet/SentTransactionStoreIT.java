package io.plasmanode.node.wallet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two {@code plasma} processes using one wallet store at once (two shells): the file lock keeps
 * every line whole, and the re-spend check with the record it allows is one step across processes.
 */
class SentTransactionStoreIT {
  private static final int EACH = 30;

  @TempDir Path dir;

  @Test
  void twoProcessesAppendingAtOnce_loseAndTearNoLine() throws Exception {
    Path file = dir.resolve(SentTransactionStore.FILE_NAME);

    List<String> outputs = runConcurrently("append", file);

    SentTransactions read = new SentTransactionStore(file).read();
    assertThat(read.warnings()).isEmpty();
    assertThat(read.all()).hasSize(2 * EACH);
    assertThat(read.all()).allMatch(tx -> tx.status() == SentTx.Status.ACCEPTED);
    assertThat(String.join("", outputs).lines().filter("recorded"::equals)).hasSize(2 * EACH);
  }

  @Test
  void twoProcessesSpendingOneInputAtOnce_recordOnlyOneSpend() throws Exception {
    Path file = dir.resolve(SentTransactionStore.FILE_NAME);

    List<String> outputs = runConcurrently("conflict", file);

    assertThat(String.join("", outputs).lines().filter("recorded"::equals)).hasSize(1);
    assertThat(new SentTransactionStore(file).read().all()).hasSize(1);
  }

  private static List<String> runConcurrently(String mode, Path file)
      throws IOException, InterruptedException {
    List<Process> processes = new ArrayList<>();
    for (int id = 0; id < 2; id++) {
      processes.add(
          new ProcessBuilder(
                  ProcessHandle.current().info().command().orElse("java"),
                  "-cp",
                  System.getProperty("java.class.path"),
                  StoreWriterMain.class.getName(),
                  mode,
                  file.toString(),
                  Integer.toString(id),
                  Integer.toString(EACH))
              .redirectErrorStream(true)
              .start());
    }
    List<String> outputs = new ArrayList<>();
    for (Process process : processes) {
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(process.waitFor(120, TimeUnit.SECONDS)).as(output).isTrue();
      assertThat(process.exitValue()).as(output).isZero();
      outputs.add(output);
    }
    return outputs;
  }
}
