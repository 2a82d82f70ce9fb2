package io.plasmanode.node.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link OperatorProbe}'s size of a data directory (the bench's disk per transaction). */
class OperatorProbeTest {
  @TempDir Path dir;

  @Test
  void sizeOf_sumsTheRegularFilesInEverySubdirectory() throws IOException {
    Files.write(dir.resolve("a.log"), new byte[100]);
    Path chain = Files.createDirectories(dir.resolve("operator/chain"));
    Files.write(chain.resolve("000105.sst"), new byte[4096]);
    Files.write(chain.resolve("CURRENT"), new byte[16]);

    assertThat(OperatorProbe.sizeOf(dir)).isEqualTo(100 + 4096 + 16);
  }

  @Test
  void sizeOf_ofADirectoryThatDoesNotExist_isZero() {
    assertThat(OperatorProbe.sizeOf(dir.resolve("gone"))).isZero();
  }
}
