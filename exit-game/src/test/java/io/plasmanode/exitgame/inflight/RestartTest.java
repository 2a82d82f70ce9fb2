package io.plasmanode.exitgame.inflight;

import static io.plasmanode.exitgame.inflight.InFlightFixture.BOBS_DOUBLE_SPEND;
import static io.plasmanode.exitgame.inflight.InFlightFixture.B_OUT;
import static io.plasmanode.exitgame.inflight.InFlightFixture.CONFIG;
import static io.plasmanode.exitgame.inflight.InFlightFixture.DEADLINE;
import static io.plasmanode.exitgame.inflight.InFlightFixture.EXITABLE;
import static io.plasmanode.exitgame.inflight.InFlightFixture.ID;
import static io.plasmanode.exitgame.inflight.InFlightFixture.L1_TX;
import static io.plasmanode.exitgame.inflight.InFlightFixture.RETRY;
import static io.plasmanode.exitgame.inflight.InFlightFixture.SAFETY;
import static io.plasmanode.exitgame.inflight.InFlightFixture.T0;
import static io.plasmanode.exitgame.inflight.InFlightFixture.idOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.plasmanode.core.inflight.InFlightExitId;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A game restored from the records it persisted decides exactly as the one that ran on. */
class RestartTest {
  private static final InFlightExitId DOUBLE_SPEND_ID = idOf(BOBS_DOUBLE_SPEND.tx());

  private final InFlightFixture chain = new InFlightFixture();
  private final InFlightExitGame game = InFlightFixture.startedGame();

  @Test
  void restoredGame_makesTheSameDecisions_andKeepsWhatWasAlreadyDone() {
    chain.include(BOBS_DOUBLE_SPEND, 1000, 0);
    game.started(DOUBLE_SPEND_ID, BOBS_DOUBLE_SPEND, List.of(B_OUT), T0);
    game.piggybacked(ID, Slot.input(1), EXITABLE, T0.plusSeconds(5));
    game.piggybacked(ID, Slot.input(0), EXITABLE, T0.plusSeconds(6));
    InFlightExitGame.Decisions first = chain.check(game, T0.plusSeconds(10));
    assertThat(first.actions()).isNotEmpty();
    first.actions().forEach(action -> game.submitted(action.key(), L1_TX, T0.plusSeconds(10)));
    game.failed(ActionKey.spent(ID, Slot.input(1)));

    InFlightExitGame restored = new InFlightExitGame(CONFIG, game.exits());

    assertThat(restored.exits()).isEqualTo(game.exits());
    for (Instant now :
        List.of(
            T0.plusSeconds(11),
            T0.plus(RETRY).plusSeconds(10),
            DEADLINE,
            EXITABLE.minus(SAFETY),
            EXITABLE)) {
      InFlightExitGame.Decisions expected = chain.check(game, now);
      assertThat(chain.check(restored, now)).as("at %s", now).isEqualTo(expected);
      assertThat(restored.exits()).isEqualTo(game.exits());
    }
  }

  @Test
  void restoredGame_raisesNoEventTwice() {
    chain.include(BOBS_DOUBLE_SPEND, 1000, 0);
    InFlightExitGame.Decisions first = chain.check(game, T0);
    assertThat(first.events()).isNotEmpty();

    InFlightExitGame restored = new InFlightExitGame(CONFIG, game.exits());

    assertThat(chain.check(restored, T0.plusSeconds(1)).events()).isEmpty();
    assertThat(first.events()).allMatch(event -> restored.holds(event, T0.plusSeconds(1)));
  }
}
