package io.plasmanode.core.testing;

import io.plasmanode.core.tx.UtxoPos;
import java.math.BigInteger;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * 256-bit words for position tests: the spec's rule written out in {@code BigInteger} arithmetic,
 * seeded random words of every bit length (often near the edges), and the edge table that forge's
 * {@code UtxoPosLibTest} checks too.
 */
public final class PositionWords {
  private static final BigInteger MILLION = BigInteger.valueOf(1_000_000);
  private static final long LAST = UtxoPos.MAX_VALUE;

  /** Valid words at the edges. */
  public static final List<Long> VALID_EDGES =
      List.of(
          1_000_000L,
          1_000_003L,
          1_655_353L,
          1_000_000_000L,
          2_000_000L,
          999_999_000_000L,
          9_000_000_000_000_000_000L,
          8_999_999_999_999_655_353L,
          LAST - 3,
          LAST);

  /** Invalid words at the edges (those that fit a long). */
  public static final List<Long> INVALID_EDGES =
      List.of(
          0L,
          1L,
          999_999L,
          1_000_004L,
          1_655_354L,
          1_655_360L,
          1_999_999L,
          LAST + 1,
          9_000_000_000_001_000_000L,
          Long.MAX_VALUE);

  private PositionWords() {}

  /** The spec's rule: {@code word / 1e6} in 1..MAX_BLKNUM, txindex < 65,536, oindex < 4. */
  public static boolean specValid(BigInteger word) {
    BigInteger blknum = word.divide(MILLION);
    int rest = word.mod(MILLION).intValueExact();
    return blknum.signum() > 0
        && blknum.compareTo(BigInteger.valueOf(UtxoPos.MAX_BLKNUM)) <= 0
        && rest / 10 < UtxoPos.MAX_TXS_PER_BLOCK
        && rest % 10 < UtxoPos.MAX_OUTPUTS;
  }

  /**
   * A random word of a random bit length 0..256; a quarter of them near the last position, a
   * quarter with the txindex/oindex digits near their bounds.
   */
  public static BigInteger randomWord(SplittableRandom random) {
    int bits = random.nextInt(257);
    BigInteger word = new BigInteger(bits, new Random(random.nextLong()));
    return switch (random.nextInt(4)) {
      case 0 -> BigInteger.valueOf(LAST).add(BigInteger.valueOf(random.nextInt(9) - 4));
      case 1 ->
          word.divide(MILLION)
              .multiply(MILLION)
              .add(BigInteger.valueOf(655_350 + random.nextInt(10)));
      default -> word;
    };
  }

  /** The edges as words, plus the largest words of every bit length and powers of two. */
  public static Stream<BigInteger> edgeWords() {
    Stream<BigInteger> edges =
        Stream.concat(VALID_EDGES.stream(), INVALID_EDGES.stream()).map(BigInteger::valueOf);
    Stream<BigInteger> powers =
        Stream.iterate(1, bits -> bits <= 256, bits -> bits + 1)
            .flatMap(
                bits ->
                    Stream.of(
                        BigInteger.ONE.shiftLeft(bits - 1),
                        BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE)));
    return Stream.concat(edges, powers);
  }
}
