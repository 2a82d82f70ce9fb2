package io.plasmanode.node.commit;

import static org.assertj.core.api.Assertions.assertThat;

import io.plasmanode.contracts.l1.Fees;
import io.plasmanode.core.types.Hash32;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class InFlightSubmissionsTest {
  private static final Fees FEES = new Fees(BigInteger.valueOf(3), BigInteger.ONE);
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

  private final InFlightSubmissions inFlight = new InFlightSubmissions();

  @Test
  void inOrder_isACopyInBlockOrder() {
    Submission second = submission(2000);
    Submission first = submission(1000);
    inFlight.add(second);
    inFlight.add(first);

    List<Submission> view = inFlight.inOrder();
    inFlight.confirm(first);

    assertThat(view).containsExactly(first, second);
    assertThat(inFlight.inOrder()).containsExactly(second);
    assertThat(inFlight.contains(1000)).isFalse();
    assertThat(inFlight.contains(2000)).isTrue();
  }

  @Test
  void hasHigherThan_seesOnlyBlocksAbove() {
    assertThat(inFlight.hasHigherThan(1000)).isFalse();
    inFlight.add(submission(2000));

    assertThat(inFlight.hasHigherThan(1000)).isTrue();
    assertThat(inFlight.hasHigherThan(2000)).isFalse();
  }

  @Test
  void unmined_countsTheOnesWithoutReceipt_andMarkDroppedMakesOneUnmined() {
    Submission mined = submission(1000);
    mined.minedBy(new SubmissionReceipt(hash(9), 5, true, 21_000, List.of()));
    inFlight.add(mined);
    inFlight.add(submission(2000));
    assertThat(inFlight.unmined()).isEqualTo(1);

    inFlight.markDropped(mined);

    assertThat(inFlight.unmined()).isEqualTo(2);
    assertThat(mined.wasDroppedByReorg()).isTrue();
    assertThat(mined.mined()).isEqualTo(Optional.empty());
  }

  @Test
  void clear_forgetsAll() {
    inFlight.add(submission(1000));
    inFlight.clear();

    assertThat(inFlight.isEmpty()).isTrue();
    assertThat(inFlight.inOrder()).isEmpty();
  }

  private static Submission submission(long blknum) {
    return new Submission(blknum, blknum / 1000 - 1, hash((int) (blknum / 1000)), FEES, NOW);
  }

  private static Hash32 hash(int seed) {
    byte[] bytes = new byte[32];
    bytes[31] = (byte) seed;
    return Hash32.of(bytes);
  }
}
