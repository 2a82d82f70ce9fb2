package io.plasmanode.core.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plasmanode.core.types.Hash32;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class KeccakTest {
  private static final byte[] ABC = "abc".getBytes(StandardCharsets.US_ASCII);

  @Test
  void keccak256_ofEmptyInput_matchesKnownVector() {
    assertThat(Keccak.keccak256(new byte[0]))
        .isEqualTo(
            Hash32.fromHex("c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470"));
    assertThat(Keccak.keccak256()).isEqualTo(Keccak.keccak256(new byte[0]));
  }

  @Test
  void keccak256_ofAbc_matchesKnownVectorNotSha3() {
    assertThat(Keccak.keccak256(ABC))
        .isEqualTo(
            Hash32.fromHex("4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45"));
  }

  @Test
  void keccak256_ofParts_equalsHashOfConcatenation() {
    byte[] a = {'a'};
    byte[] bc = {'b', 'c'};
    assertThat(Keccak.keccak256(a, new byte[0], bc)).isEqualTo(Keccak.keccak256(ABC));
  }

  @Test
  void keccak256_ofRange_hashesOnlyTheRange() {
    byte[] padded = {9, 'a', 'b', 'c', 9, 9};
    assertThat(Keccak.keccak256(padded, 1, 3)).isEqualTo(Keccak.keccak256(ABC));
    assertThatThrownBy(() -> Keccak.keccak256(padded, 4, 3))
        .isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void keccak256_fromManyThreads_agreesWithSingleThread() {
    List<Hash32> expected =
        IntStream.range(0, 2_000).mapToObj(i -> Keccak.keccak256(new byte[i % 300])).toList();
    List<Hash32> parallel =
        IntStream.range(0, 2_000)
            .parallel()
            .mapToObj(i -> Keccak.keccak256(new byte[i % 300]))
            .toList();
    assertThat(parallel).isEqualTo(expected);
  }
}
