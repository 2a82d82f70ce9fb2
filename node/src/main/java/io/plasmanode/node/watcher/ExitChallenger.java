package io.plasmanode.node.watcher;

import io.plasmanode.core.inflight.InFlightExitState;
import io.plasmanode.core.l1.ExitState;
import io.plasmanode.core.types.Hash32;
import io.plasmanode.exitgame.Challenge;
import io.plasmanode.exitgame.inflight.ActionKey;
import io.plasmanode.exitgame.inflight.InFlightAction;
import io.plasmanode.exitgame.inflight.InFlightExitConfig;
import io.plasmanode.node.metrics.Metrics;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the challenges the exit games decide on and sees them mined: standard exits' challenges and
 * the in-flight exit game's calls (canonicity challenges, responses, spent challenges). A call is
 * sent only while L1 still calls for it and only if it would not revert; its transaction is saved
 * before it is sent and then followed by the {@link ChallengeTracker} until mined {@code
 * finalityMargin} L1 blocks deep (re-sent with the same nonce and higher fees meanwhile, in time
 * before its deadline), so a restart never sends twice and never forgets it. One call per {@link
 * ChallengeKey} is in flight: per standard exit, per in-flight exit, action kind and slot. Without
 * a challenger key nothing is sent: the watcher reports, and raises the {@code unchallenged_*}
 * events in time.
 */
final class ExitChallenger {
  private static final Logger LOG = LoggerFactory.getLogger(ExitChallenger.class);

  private final Optional<ChallengeChannel> l1;
  private final Optional<ChallengeTracker> tracker;
  private final WatcherState state;
  private final InFlightCallBuilder calls;
  private final Metrics.Counter challengesSent;

  ExitChallenger(
      Optional<ChallengeChannel> l1,
      ChallengeStore store,
      ChallengerConfig config,
      int finalityMargin,
      WatcherState state,
      InFlightCallBuilder calls,
      Metrics.Counter challengesSent) {
    this.l1 = l1;
    this.tracker = l1.map(channel -> new ChallengeTracker(channel, store, config, finalityMargin));
    this.state = state;
    this.calls = calls;
    this.challengesSent = challengesSent;
  }

  boolean enabled() {
    return l1.isPresent();
  }

  /** Challenges an invalid exit at {@code now}, unless its challenge is already in flight. */
  void challenge(Challenge challenge, Instant now) {
    ChallengeCall call = new ChallengeCall.StandardExit(challenge);
    if (tracker.isEmpty() || tracker.get().isTracking(call.key())) {
      return;
    }
    ExitState onL1 = l1.get().exit(challenge.exitId());
    if (onL1.status() != ExitState.Status.ACTIVE) {
      LOG.info("Exit {} is {} on L1: not challenging it", challenge.exitId(), onL1.status());
      submitted(challenge, Hash32.ZERO, now);
      return;
    }
    if (wouldRevert(call)) {
      submitted(challenge, Hash32.ZERO, now);
      return;
    }
    PendingChallenge pending = tracker.get().start(call, onL1.exitableAt(), now);
    challengesSent.inc();
    submitted(challenge, pending.lastTxHash(), now);
  }

  private void submitted(Challenge challenge, Hash32 l1Tx, Instant now) {
    state.game().challengeSubmitted(challenge.exitId(), l1Tx, now);
    state.save();
  }

  /**
   * Sends the in-flight exit game's {@code action} at {@code now}, unless a call of its key is in
   * flight. A call L1 no longer calls for, or that would revert, is recorded as submitted without a
   * transaction: the game proposes it again after its retry delay if L1 still shows the state.
   */
  void act(InFlightAction action, Instant now) {
    ChallengeKey key = new ChallengeKey.InFlight(action.key());
    if (tracker.isEmpty() || tracker.get().isTracking(key)) {
      return;
    }
    ChallengeCall.InFlight call = calls.build(action);
    Optional<InFlightExitState> onL1 = l1.get().inFlightExit(action.exitId());
    ExitState.Status status = l1.get().status(call);
    if (onL1.isEmpty() || status != ExitState.Status.ACTIVE) {
      LOG.info("{}: L1 no longer calls for it ({}); not sending it", key, status);
      inFlightSubmitted(action.key(), Hash32.ZERO, now);
      return;
    }
    if (wouldRevert(call)) {
      inFlightSubmitted(action.key(), Hash32.ZERO, now);
      return;
    }
    PendingChallenge pending = tracker.get().start(call, deadline(action.key(), onL1.get()), now);
    challengesSent.inc();
    inFlightSubmitted(action.key(), pending.lastTxHash(), now);
  }

  /**
   * When the call must be mined by: the end of phase 1 for a canonicity challenge, else when the
   * exit can be processed (one minimum exit period after its start while nobody piggybacked).
   */
  private Instant deadline(ActionKey key, InFlightExitState exit) {
    InFlightExitConfig config = state.inFlight().config();
    if (key.kind() == ActionKey.Kind.NOT_CANONICAL) {
      return config.phaseOneEnd(exit.startedAt());
    }
    return exit.exitableAt().orElse(exit.startedAt().plus(config.minExitPeriod()));
  }

  private void inFlightSubmitted(ActionKey key, Hash32 l1Tx, Instant now) {
    state.inFlight().submitted(key, l1Tx, now);
    state.save();
  }

  private boolean wouldRevert(ChallengeCall call) {
    Optional<String> revert = l1.get().simulate(call);
    revert.ifPresent(
        reason ->
            LOG.warn(
                "Challenge of {} would revert on L1 ({}): not sent; trying again later",
                call.key(),
                reason));
    return revert.isPresent();
  }

  /**
   * Follows the calls in flight at {@code now}. A standard challenge whose nonce another
   * transaction used is proposed again by the exit game's next check; an in-flight call that
   * reverted or lost its nonce is reported failed to the in-flight game, which proposes it again
   * while L1 still calls for it.
   */
  void track(Instant now) {
    if (tracker.isEmpty()) {
      return;
    }
    tracker.get().track(now).forEach(this::ended);
  }

  private void ended(ChallengeKey key, ChallengeTracker.Outcome outcome) {
    switch (key) {
      case ChallengeKey.Standard standard -> {
        if (outcome == ChallengeTracker.Outcome.NONCE_CONSUMED) {
          state.game().challengeFailed(standard.exitId());
          state.save();
        }
      }
      case ChallengeKey.InFlight inFlight -> {
        if (outcome == ChallengeTracker.Outcome.NONCE_CONSUMED
            || outcome == ChallengeTracker.Outcome.REVERTED) {
          state.inFlight().failed(inFlight.action());
          state.save();
        }
      }
    }
  }

  /** The challenges at risk, for {@code watcher_status}. */
  List<String> alarms() {
    return tracker.map(ChallengeTracker::alarms).orElse(List.of());
  }
}
