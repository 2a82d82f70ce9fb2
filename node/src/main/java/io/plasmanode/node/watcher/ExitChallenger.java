package io.plasmanode.node.watcher;

import io.plasmanode.core.l1.ExitState;
import io.plasmanode.core.types.Hash32;
import io.plasmanode.exitgame.Challenge;
import io.plasmanode.node.metrics.Metrics;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the challenges the exit game decides on and sees them mined. A challenge is sent only for
 * an exit active on L1 and only if it would not revert; its transaction is saved before it is sent
 * and then followed by the {@link ChallengeTracker} until mined {@code finalityMargin} L1 blocks
 * deep (re-sent with the same nonce and higher fees meanwhile, in time before the exit matures), so
 * a restart never sends twice and never forgets it. Without a challenger key nothing is sent: the
 * watcher reports, and raises {@code unchallenged_exit} in time.
 */
final class ExitChallenger {
  private static final Logger LOG = LoggerFactory.getLogger(ExitChallenger.class);

  private final Optional<ChallengeChannel> l1;
  private final Optional<ChallengeTracker> tracker;
  private final WatcherState state;
  private final Metrics.Counter challengesSent;

  ExitChallenger(
      Optional<ChallengeChannel> l1,
      ChallengeStore store,
      ChallengerConfig config,
      int finalityMargin,
      WatcherState state,
      Metrics.Counter challengesSent) {
    this.l1 = l1;
    this.tracker = l1.map(channel -> new ChallengeTracker(channel, store, config, finalityMargin));
    this.state = state;
    this.challengesSent = challengesSent;
  }

  boolean enabled() {
    return l1.isPresent();
  }

  /** Challenges an invalid exit at {@code now}, unless its challenge is already in flight. */
  void challenge(Challenge challenge, Instant now) {
    if (tracker.isEmpty() || tracker.get().isTracking(challenge.exitId())) {
      return;
    }
    ExitState onL1 = l1.get().exit(challenge.exitId());
    if (onL1.status() != ExitState.Status.ACTIVE) {
      LOG.info("Exit {} is {} on L1: not challenging it", challenge.exitId(), onL1.status());
      submitted(challenge, Hash32.ZERO, now);
      return;
    }
    Optional<String> revert = l1.get().simulate(challenge);
    if (revert.isPresent()) {
      LOG.warn(
          "Challenge of exit {} would revert on L1 ({}): not sent; trying again later",
          challenge.exitId(),
          revert.get());
      submitted(challenge, Hash32.ZERO, now);
      return;
    }
    PendingChallenge pending = tracker.get().start(challenge, onL1.exitableAt(), now);
    challengesSent.inc();
    submitted(challenge, pending.lastTxHash(), now);
  }

  private void submitted(Challenge challenge, Hash32 l1Tx, Instant now) {
    state.game().challengeSubmitted(challenge.exitId(), l1Tx, now);
    state.save();
  }

  /**
   * Follows the challenges in flight at {@code now}; one whose nonce another transaction used is
   * proposed again by the exit game's next check.
   */
  void track(Instant now) {
    if (tracker.isEmpty()) {
      return;
    }
    tracker
        .get()
        .track(now)
        .forEach(
            (exitId, outcome) -> {
              if (outcome == ChallengeTracker.Outcome.NONCE_CONSUMED) {
                state.game().challengeFailed(exitId);
                state.save();
              }
            });
  }

  /** The challenges at risk, for {@code watcher_status}. */
  List<String> alarms() {
    return tracker.map(ChallengeTracker::alarms).orElse(List.of());
  }
}
