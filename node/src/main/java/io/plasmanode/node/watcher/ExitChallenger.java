package io.plasmanode.node.watcher;

import io.plasmanode.core.l1.ExitState;
import io.plasmanode.core.l1.RootChain;
import io.plasmanode.core.types.Hash32;
import io.plasmanode.exitgame.Challenge;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the challenges the exit game decides on, never twice for one exit: the exit's status on L1
 * is read first (only an active exit is challenged), and the attempt is saved before the L1
 * transaction is sent, so a crash while it is in flight leaves an attempt that is not repeated
 * before {@code challengeRetryAfter} — and then only if L1 still shows the exit active. Without a
 * challenger key nothing is sent: the watcher reports, and raises {@code unchallenged_exit} in
 * time.
 */
final class ExitChallenger {
  private static final Logger LOG = LoggerFactory.getLogger(ExitChallenger.class);

  private final RootChain reader;
  private final Optional<RootChain> challenger;
  private final WatcherState state;
  private final Clock clock;

  ExitChallenger(
      RootChain reader, Optional<RootChain> challenger, WatcherState state, Clock clock) {
    this.reader = reader;
    this.challenger = challenger;
    this.state = state;
    this.clock = clock;
  }

  boolean enabled() {
    return challenger.isPresent();
  }

  void challenge(Challenge challenge) {
    if (challenger.isEmpty()) {
      return;
    }
    ExitState onL1 = reader.exit(challenge.exitId());
    if (onL1.status() != ExitState.Status.ACTIVE) {
      LOG.info("Exit {} is {} on L1: not challenging it", challenge.exitId(), onL1.status());
      state.game().challengeSubmitted(challenge.exitId(), Hash32.ZERO, clock.instant());
      state.save();
      return;
    }
    state.game().challengeSubmitted(challenge.exitId(), Hash32.ZERO, clock.instant());
    state.save();
    try {
      Hash32 l1Tx =
          challenger
              .get()
              .challengeStandardExit(
                  challenge.exitId(),
                  challenge.spendingTxBytes(),
                  challenge.inputIndex(),
                  challenge.signature());
      state.game().challengeSubmitted(challenge.exitId(), l1Tx, clock.instant());
      state.save();
      LOG.info("Challenged exit {} in L1 tx {}", challenge.exitId(), l1Tx.toShortHex());
    } catch (RuntimeException e) {
      LOG.warn("Challenge of exit {} failed: {}", challenge.exitId(), e.getMessage());
      state.game().challengeFailed(challenge.exitId());
      state.save();
    }
  }
}
