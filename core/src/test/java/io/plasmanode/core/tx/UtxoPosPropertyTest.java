package io.plasmanode.core.tx;

import static org.assertj.core.api.Assertions.assertThat;

import io.plasmanode.core.testing.PositionWords;
import java.math.BigInteger;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link UtxoPos#fromBigInteger} against the spec's rule written out in {@code BigInteger}
 * arithmetic ({@link PositionWords#specValid}), over seeded random words of every bit length and
 * random field triples. The contract is held to the same rule by {@code UtxoPosContractIT}.
 */
class UtxoPosPropertyTest {
  private static final int CASES = 20_000;

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 0x504c41534d41L})
  void fromBigInteger_acceptsExactlyTheSpecsWordsAndRoundTrips(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < CASES; i++) {
      check(PositionWords.randomWord(random), "seed " + seed);
    }
  }

  @Test
  void fromBigInteger_edgeWords() {
    PositionWords.edgeWords().forEach(word -> check(word, "edge"));
  }

  private static void check(BigInteger word, String where) {
    Optional<UtxoPos> pos = UtxoPos.fromBigInteger(word);
    assertThat(pos.isPresent())
        .as("%s, word %s", where, word)
        .isEqualTo(PositionWords.specValid(word));
    pos.ifPresent(p -> assertThat(BigInteger.valueOf(p.toLong())).isEqualTo(word));
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3})
  void everyFieldTriple_encodesToAValidWord(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < CASES; i++) {
      UtxoPos pos =
          new UtxoPos(
              1 + random.nextLong(UtxoPos.MAX_BLKNUM),
              random.nextInt(UtxoPos.MAX_TXS_PER_BLOCK),
              random.nextInt(UtxoPos.MAX_OUTPUTS));
      assertThat(UtxoPos.fromLong(pos.toLong())).as("seed %d", seed).contains(pos);
    }
  }
}
