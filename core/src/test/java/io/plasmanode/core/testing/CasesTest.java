package io.plasmanode.core.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The property-test harness runs every case, each with its own input, and names a broken one. */
class CasesTest {

  @Test
  void check_runsEveryCaseWithItsOwnGenerator() {
    Set<Long> firstDraws = new HashSet<>();

    int ran = Cases.check(500, gen -> firstDraws.add(gen.longBetween(Long.MIN_VALUE, -2)));

    assertThat(ran).isEqualTo(500);
    assertThat(firstDraws).hasSizeGreaterThan(400);
  }

  @Test
  void check_givesTheSameCasesOnEveryRun() {
    List<Long> first = new ArrayList<>();
    List<Long> second = new ArrayList<>();

    Cases.check(50, gen -> first.add(gen.longBetween(0, Long.MAX_VALUE)));
    Cases.check(50, gen -> second.add(gen.longBetween(0, Long.MAX_VALUE)));

    assertThat(first).isEqualTo(second);
  }

  @Test
  void check_namesTheBrokenCaseAndHowToRerunIt() {
    assertThatThrownBy(
            () -> Cases.check(100, gen -> assertThat(gen.intBetween(0, 3)).isNotEqualTo(3)))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("CasesTest.check_namesTheBrokenCaseAndHowToRerunIt broke at case ")
        .hasMessageContaining("-Dtest=CasesTest#check_namesTheBrokenCaseAndHowToRerunIt")
        .hasMessageContaining("-Dproperty.seed=" + Cases.DEFAULT_SEED)
        .hasMessageContaining("-Dproperty.case=");
  }

  @Test
  void check_reportsAnExceptionAsABrokenCase() {
    assertThatThrownBy(
            () ->
                Cases.check(
                    10,
                    gen -> {
                      throw new IllegalStateException("boom");
                    }))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("broke at case 0 of 10")
        .hasRootCauseMessage("boom");
  }

  @Test
  void longBetween_drawsTheEdgesAndSmallValues() {
    Gen gen = new Gen(1);
    Set<Long> draws = new HashSet<>();
    for (int i = 0; i < 2000; i++) {
      draws.add(gen.longBetween(1, Long.MAX_VALUE));
    }

    assertThat(draws).contains(1L, 2L, Long.MAX_VALUE - 1, Long.MAX_VALUE);
    assertThat(draws.stream().filter(value -> value < 256)).hasSizeGreaterThan(20);
    assertThat(draws).allMatch(value -> value >= 1);
  }

  @Test
  void bigBetween_staysInItsRangeAndDrawsItsEdges() {
    Gen gen = new Gen(2);
    BigInteger max = BigInteger.ONE.shiftLeft(256).subtract(BigInteger.TWO);
    Set<BigInteger> draws = new HashSet<>();
    for (int i = 0; i < 2000; i++) {
      draws.add(gen.bigBetween(BigInteger.ONE, max));
    }

    assertThat(draws).contains(BigInteger.ONE, max).allMatch(value -> value.signum() > 0);
    assertThat(draws).allMatch(value -> value.compareTo(max) <= 0);
    assertThat(draws.stream().filter(value -> value.bitLength() <= 64)).hasSizeGreaterThan(50);
  }

  @Test
  void lists_comeEmptyAndFull() {
    Gen gen = new Gen(3);
    Set<Integer> sizes = new HashSet<>();
    for (int i = 0; i < 500; i++) {
      sizes.add(gen.list(0, 30, gen::bool).size());
    }

    assertThat(sizes).contains(0, 1, 29, 30).allMatch(size -> size >= 0 && size <= 30);
  }
}
