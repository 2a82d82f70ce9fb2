package io.plasmanode.contracts.l1.follow;

import static org.assertj.core.api.Assertions.assertThat;

import io.plasmanode.contracts.l1.L1Exception;
import io.plasmanode.core.l1.L1Event;
import io.plasmanode.core.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class L1EventFollowerTest {
  private static final Duration POLL = Duration.ofSeconds(2);
  private static final L1FollowerConfig DEVNET =
      L1FollowerConfig.defaults(0)
          .withConfirmations(0)
          .withPollInterval(POLL)
          .withMaxBackoff(Duration.ofSeconds(10));

  private final ScriptedRootChain l1 = new ScriptedRootChain();
  private final RecordingHandler handler = new RecordingHandler();
  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-02T03:04:05Z"));
  private L1EventFollower follower = follower(DEVNET);

  private L1EventFollower follower(L1FollowerConfig config) {
    return new L1EventFollower(l1, handler, config, clock);
  }

  @AfterEach
  void close() {
    follower.close();
  }

  @Test
  void poll_deliversChunksOfAtMostMaxBlocksFromTheStartBlock_eventsInLogOrder() {
    List<L1Event> deposits =
        List.of(l1.deposit(5, 1), l1.deposit(104, 2), l1.deposit(105, 3), l1.deposit(1000, 4));
    l1.setHeight(1000);
    follower = follower(new L1FollowerConfig(POLL, 0, 100, 5, POLL, Duration.ZERO));

    assertThat(follower.poll()).isEqualTo(FollowResult.CAUGHT_UP);

    assertThat(handler.chunks()).hasSize(10);
    assertThat(handler.chunks().get(0).firstBlock()).isEqualTo(5);
    assertThat(handler.chunks().get(0).lastBlock()).isEqualTo(104);
    assertThat(handler.chunks().get(1).firstBlock()).isEqualTo(105);
    assertThat(handler.chunks().get(9).lastBlock()).isEqualTo(1000);
    assertThat(handler.events()).containsExactlyElementsOf(deposits);
    assertThat(follower.l1Head()).isEqualTo(1000);

    l1.setHeight(1003);
    follower.poll();
    assertThat(l1.queries().getLast()).containsExactly(1001, 1003);
  }

  @Test
  void poll_readsUpToTheHeadMinusTheConfirmations() {
    L1Event deposit = l1.deposit(8, 1);
    l1.setHeight(10);
    follower = follower(DEVNET.withConfirmations(3));

    follower.poll();
    assertThat(handler.events()).as("block 8 has 2 blocks on top").isEmpty();
    assertThat(handler.lastBlockApplied()).hasValue(7);

    l1.setHeight(11);
    follower.poll();
    assertThat(handler.events()).containsExactly(deposit);
    assertThat(handler.lastBlockApplied()).hasValue(8);
  }

  @Test
  void poll_readsNothingWhileL1IsShorterThanTheConfirmations() {
    l1.setHeight(2);
    follower = follower(DEVNET.withConfirmations(10));

    assertThat(follower.poll()).isEqualTo(FollowResult.CAUGHT_UP);
    assertThat(l1.queries()).isEmpty();
    assertThat(handler.lastBlockApplied()).isEmpty();
  }

  /**
   * The cursor is the handler's: each chunk's last block is what it saves, and where it resumes.
   */
  @Test
  void poll_readsOnFromTheCursorTheHandlerSaved() {
    l1.deposit(3, 1);
    L1Event later = l1.deposit(7, 2);
    l1.setHeight(5);
    follower.poll();
    assertThat(handler.chunks()).extracting(L1Chunk::lastBlock).containsExactly(5L);

    l1.setHeight(9);
    handler.setLastBlockApplied(OptionalLong.of(6)); // as if restarted on a save of block 6
    follower.poll();
    assertThat(l1.queries().getLast()).containsExactly(7, 9);
    assertThat(handler.chunks().getLast().events()).containsExactly(later);
  }

  @Test
  void handlerFailure_keepsTheCursor_andTheChunkIsDeliveredAgain() {
    L1Event deposit = l1.deposit(2, 1);
    l1.setHeight(3);
    handler.failWith(Optional.of(new IllegalStateException("disk full")));

    assertThat(follower.poll()).isEqualTo(FollowResult.FAILED);
    assertThat(follower.failure()).hasValue("L1 events cannot be applied: disk full");
    assertThat(handler.lastBlockApplied()).isEmpty();

    handler.failWith(Optional.empty());
    assertThat(follower.poll()).isEqualTo(FollowResult.CAUGHT_UP);
    assertThat(handler.events()).containsExactly(deposit);
    assertThat(follower.failure()).isEmpty();
  }

  @Test
  void l1FailureInTheHandler_isAReadFailure() {
    l1.deposit(2, 1);
    l1.setHeight(3);
    handler.failWith(Optional.of(L1Exception.failed("eth_call: connection refused")));

    follower.poll();
    assertThat(follower.failure())
        .hasValue("L1 events cannot be read: eth_call: connection refused");
  }

  @Test
  void failedPolls_backOffDoublingFromThePollInterval_upToTheCap() {
    l1.setUnreachable(true);
    assertThat(follower.pollIfDue()).isEqualTo(FollowResult.FAILED);
    // Waits after the 1st, 2nd, 3rd and 4th failure: 2 s, 4 s, 8 s, then the 10 s cap.
    for (Duration wait : List.of(2, 4, 8, 10, 10).stream().map(Duration::ofSeconds).toList()) {
      int reads = l1.reads();
      clock.advance(wait.minusMillis(1));
      assertThat(follower.pollIfDue()).as("before %s", wait).isEqualTo(FollowResult.BACKING_OFF);
      assertThat(l1.reads()).as("no L1 read while backing off").isEqualTo(reads);
      clock.advance(Duration.ofMillis(1));
      assertThat(follower.pollIfDue()).as("after %s", wait).isEqualTo(FollowResult.FAILED);
    }

    l1.setUnreachable(false);
    assertThat(follower.poll())
        .as("a direct poll ignores the backoff")
        .isEqualTo(FollowResult.CAUGHT_UP);
    assertThat(follower.pollIfDue())
        .as("recovered: polls at once")
        .isEqualTo(FollowResult.CAUGHT_UP);
  }

  @Test
  void failures_alarmOnceTheyLastAlarmAfter_andClearOnRecovery() {
    follower = follower(DEVNET.withAlarmAfter(Duration.ofMinutes(1)));
    l1.setUnreachable(true);
    follower.poll();
    assertThat(follower.failure()).hasValueSatisfying(f -> assertThat(f).contains("refused"));
    assertThat(follower.alarms()).isEmpty();

    clock.advance(Duration.ofSeconds(59));
    follower.poll();
    assertThat(follower.alarms()).as("59 s of failures").isEmpty();
    clock.advance(Duration.ofSeconds(1));
    assertThat(follower.alarms())
        .singleElement()
        .asString()
        .startsWith("L1 events cannot be read: eth_blockNumber: connection refused");

    l1.setUnreachable(false);
    follower.poll();
    assertThat(follower.alarms()).isEmpty();
    assertThat(follower.failure()).isEmpty();
  }

  @Test
  void theDefaultAlarmsAtTheFirstFailure() {
    follower = follower(L1FollowerConfig.defaults(0));
    l1.setUnreachable(true);
    follower.poll();

    assertThat(follower.alarms()).hasSize(1);
  }

  @Test
  void reorgDeeperThanTheConfirmations_isAnAlarmNamingItsDepth_andFollowingGoesOn() {
    follower = follower(DEVNET.withConfirmations(2));
    l1.setHeight(7);
    follower.poll(); // consumes up to 5
    l1.setHeight(12);
    follower.poll(); // consumes up to 10
    l1.reorgFrom(8); // replaces 8..12: block 10 was consumed, 5 is unchanged
    L1Event replacement = l1.deposit(11, 1);
    l1.setHeight(13);

    assertThat(follower.poll()).isEqualTo(FollowResult.CAUGHT_UP);

    assertThat(follower.alarms())
        .singleElement()
        .asString()
        .startsWith("L1 reorg deeper than the 2 confirmations: block 10 is now")
        .contains("a reorg of at least 3 blocks, forked after block 5;");
    assertThat(l1.queries().getLast()).as("reads on from the cursor").containsExactly(11, 11);
    assertThat(handler.events()).containsExactly(replacement);

    l1.setHeight(14);
    follower.poll();
    assertThat(follower.alarms()).as("still there; no new reorg").hasSize(1);
  }

  @Test
  void reorgWithinTheConfirmations_isNoAlarm() {
    follower = follower(DEVNET.withConfirmations(3));
    l1.setHeight(10);
    follower.poll(); // consumes up to 7
    l1.reorgFrom(8);
    l1.setHeight(11);

    follower.poll();
    assertThat(follower.alarms()).isEmpty();
  }

  @Test
  void aHeadBelowTheLastBlockConsumed_isNoReorgYet() {
    l1.setHeight(10);
    follower.poll();
    l1.setHeight(8); // an L1 node behind the one read before

    assertThat(follower.poll()).isEqualTo(FollowResult.CAUGHT_UP);
    assertThat(follower.alarms()).isEmpty();
  }

  @Test
  void afterARestart_theLastBlockAppliedIsTheBaseline() {
    handler.setLastBlockApplied(OptionalLong.of(10));
    l1.setHeight(10);
    follower.poll();
    l1.reorgFrom(10);
    l1.setHeight(11);

    follower.poll();
    assertThat(follower.alarms())
        .singleElement()
        .asString()
        .contains("block 10 is now")
        .contains("a reorg of at least 1 blocks, forked before it");
  }
}
