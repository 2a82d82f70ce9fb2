package io.plasmanode.node.testing;

import io.plasmanode.core.crypto.Keccak;
import io.plasmanode.core.crypto.PrivateKey;
import io.plasmanode.core.inflight.InFlightExitState;
import io.plasmanode.core.inflight.NonCanonicalChallenge;
import io.plasmanode.core.inflight.OutputKey;
import io.plasmanode.core.l1.ExitId;
import io.plasmanode.core.l1.L1Event;
import io.plasmanode.core.testing.TestKeys;
import io.plasmanode.core.tx.SignedTransaction;
import io.plasmanode.core.tx.TxCodec;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Bytes;
import io.plasmanode.core.types.Hash32;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The in-flight exit game's scenario actions beyond {@link Scenario}'s (start, piggyback): what a
 * byzantine user does against an exit (a false canonicity challenge with an in-flight competitor),
 * processing an exit, and what the ITs check on L1 (the exit's state, whether an output was paid,
 * who called what). Built over a {@link Scenario}.
 *
 * <pre>{@code
 * InFlightScenario game = new InFlightScenario(users);
 * game.challengeWithInFlightCompetitor(ALICE, included, 0, doubleSpend, 0);
 * game.awaitExit("answered by the watcher", included, InFlightExitState::canonical);
 * }</pre>
 */
public final class InFlightScenario {
  private static final PrivateKey READER = TestKeys.ALICE;

  private final Scenario users;

  public InFlightScenario(Scenario users) {
    this.users = users;
  }

  /**
   * {@code by} challenges {@code exitTx}'s exit as non-canonical with {@code competitor} (signed by
   * the owner of the exit's input {@code inputIndex}, spending it as its input {@code
   * competitorInputIndex}) shown in flight (position 0, no proof), as a false challenge is made.
   */
  public Hash32 challengeWithInFlightCompetitor(
      PrivateKey by,
      SignedTransaction exitTx,
      int inputIndex,
      SignedTransaction competitor,
      int competitorInputIndex) {
    return users
        .l1()
        .as(by)
        .challengeInFlightExitNotCanonical(
            new NonCanonicalChallenge(
                Bytes.of(TxCodec.encode(exitTx.tx())),
                inputIndex,
                Bytes.of(TxCodec.encode(competitor.tx())),
                competitorInputIndex,
                Optional.empty(),
                competitor.signatures().get(competitorInputIndex)));
  }

  /** Waits until L1 shows {@code tx}'s in-flight exit as {@code state} says. */
  public void awaitExit(String what, SignedTransaction tx, Predicate<InFlightExitState> state) {
    Waits.await(what, () -> users.inFlightExit(tx).map(state::test).orElse(false));
  }

  /** {@code tx}'s in-flight exit as L1 holds it; it must have started. */
  public InFlightExitState exit(SignedTransaction tx) {
    return users.inFlightExit(tx).orElseThrow();
  }

  /** {@code by} processes ether exits from {@code tx}'s in-flight exit at the queue's top. */
  public Hash32 process(PrivateKey by, SignedTransaction tx, int max) {
    return users.processExits(by, ExitId.of(Scenario.inFlightExitId(tx)), max);
  }

  /** Whether L1 paid output {@code oindex} of {@code tx} through an in-flight exit. */
  public boolean outputPaid(SignedTransaction tx, int oindex) {
    Hash32 txHash = Keccak.keccak256(TxCodec.encode(tx.tx()));
    return users.l1().as(READER).outputFinalizedBy(OutputKey.of(txHash, oindex)).isPresent();
  }

  /** The in-flight exit game's events on L1 so far, in log order. */
  public List<L1Event.InFlightExitEvent> events() {
    var l1 = users.l1().as(READER);
    return l1.events(0, l1.l1Height()).stream()
        .filter(L1Event.InFlightExitEvent.class::isInstance)
        .map(L1Event.InFlightExitEvent.class::cast)
        .toList();
  }

  /**
   * The game's calls {@code caller} made that L1 accepted: canonicity challenges, responses and
   * spent challenges, by the event each emitted.
   */
  public List<L1Event.InFlightExitEvent> callsBy(Address caller) {
    return events().stream()
        .filter(
            event ->
                switch (event) {
                  case L1Event.InFlightExitChallenged c -> c.challenger().equals(caller);
                  case L1Event.InFlightExitChallengeResponded r -> r.responder().equals(caller);
                  case L1Event.InFlightExitInputBlocked b -> b.challenger().equals(caller);
                  case L1Event.InFlightExitOutputBlocked b -> b.challenger().equals(caller);
                  default -> false;
                })
        .toList();
  }
}
