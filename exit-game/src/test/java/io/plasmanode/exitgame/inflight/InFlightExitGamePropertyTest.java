package io.plasmanode.exitgame.inflight;

import static io.plasmanode.exitgame.inflight.InFlightFixture.CONFIG;
import static io.plasmanode.exitgame.inflight.InFlightFixture.LANDING;
import static io.plasmanode.exitgame.inflight.InFlightFixture.SAFETY;
import static io.plasmanode.exitgame.inflight.InFlightFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.plasmanode.core.testing.Cases;
import io.plasmanode.core.testing.Gen;
import io.plasmanode.core.types.Hash32;
import io.plasmanode.exitgame.InFlightByzantineEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Random games (double spends, included or in-flight competitors, exits started at different times,
 * random L1 moves by others, the game's own actions landing, failing or pending, time jumps to the
 * phase edges): every action the game proposes is one the contract accepts now and until its
 * landing margin has passed; every event it raises holds when raised; a game restored from its
 * persisted records decides the same.
 */
class InFlightExitGamePropertyTest {
  private static final int STEPS = 30;

  @Test
  void everyProposedAction_isAcceptedByTheContract_andARestartDecidesTheSame() {
    Cases.check(100, gen -> play(new RandomInFlightGame(gen)));
  }

  private static void play(RandomInFlightGame world) {
    Gen gen = world.gen;
    Instant now = T0;
    for (int step = 0; step < STEPS; step++) {
      now = world.advance(now);
      world.startDue(now);
      for (int move = gen.intBetween(0, 3); move > 0; move--) {
        world.otherMove(now);
      }
      InFlightExitGame restored =
          gen.oneIn(4) ? new InFlightExitGame(CONFIG, world.game.exits()) : null;
      InFlightExitGame.Decisions decisions =
          world.game.check(world.chain.spends, world.chain.locator, now);
      if (restored != null) {
        assertThat(restored.check(world.chain.spends, world.chain.locator, now))
            .isEqualTo(decisions);
        assertThat(restored.exits()).isEqualTo(world.game.exits());
      }
      checkDecisions(world, decisions, now);
      reactTo(world, decisions, now);
    }
  }

  private static void checkDecisions(
      RandomInFlightGame world, InFlightExitGame.Decisions decisions, Instant now) {
    Instant landed = now.plus(LANDING).minusSeconds(1);
    for (InFlightAction action : decisions.actions()) {
      assertThat(world.model.rejection(action, now)).as("%s at %s", action, now).isEmpty();
      assertThat(world.model.rejection(action, landed)).as("%s at %s", action, landed).isEmpty();
    }
    assertThat(decisions.actions()).extracting(InFlightAction::key).doesNotHaveDuplicates();
    for (InFlightByzantineEvent event : decisions.events()) {
      assertThat(world.game.holds(event, now)).as("%s holds when raised", event).isTrue();
    }
  }

  /** The watcher sends some actions: they land, fail, or stay pending. */
  private static void reactTo(
      RandomInFlightGame world, InFlightExitGame.Decisions decisions, Instant now) {
    Gen gen = world.gen;
    List<InFlightAction> actions = new ArrayList<>(decisions.actions());
    for (InFlightAction action : actions) {
      switch (gen.intBetween(0, 3)) {
        case 0 -> {
          world.game.submitted(action.key(), Hash32.ZERO, now);
          world.landIfAccepted(action, now);
        }
        case 1 -> {
          world.game.submitted(action.key(), Hash32.ZERO, now);
          world.game.failed(action.key());
        }
        case 2 -> world.game.submitted(action.key(), Hash32.ZERO, now);
        default -> {}
      }
    }
  }

  /** Times worth checking at: small and large steps, and the edges of the exits' periods. */
  static List<Instant> edges(ContractModel model) {
    List<Instant> edges = new ArrayList<>();
    for (ContractModel.Exit exit : model.exits.values()) {
      Instant deadline = CONFIG.phaseOneDeadline(exit.startedAt);
      edges.add(deadline.minusSeconds(1));
      edges.add(deadline);
      edges.add(CONFIG.phaseOneEnd(exit.startedAt));
      exit.exitableAt.ifPresent(
          at -> {
            edges.add(at.minus(SAFETY).minusSeconds(1));
            edges.add(at.minus(SAFETY));
            edges.add(at);
          });
    }
    return edges;
  }

  static final List<Duration> STEPS_IN_TIME =
      List.of(
          Duration.ZERO,
          Duration.ofSeconds(1),
          Duration.ofMinutes(59),
          Duration.ofHours(5),
          Duration.ofDays(1),
          Duration.ofDays(3));
}
