package io.plasmanode.exitgame.inflight;

import static io.plasmanode.core.testing.TestKeys.ALICE;
import static io.plasmanode.core.testing.TestKeys.BOB;
import static io.plasmanode.core.testing.TestKeys.CAROL;
import static io.plasmanode.core.testing.TestKeys.DAVE;
import static io.plasmanode.exitgame.inflight.CanonicityTest.events;
import static io.plasmanode.exitgame.inflight.InFlightFixture.BOBS_DOUBLE_SPEND;
import static io.plasmanode.exitgame.inflight.InFlightFixture.DEADLINE;
import static io.plasmanode.exitgame.inflight.InFlightFixture.EXITABLE;
import static io.plasmanode.exitgame.inflight.InFlightFixture.EXIT_TX;
import static io.plasmanode.exitgame.inflight.InFlightFixture.ID;
import static io.plasmanode.exitgame.inflight.InFlightFixture.T0;
import static io.plasmanode.exitgame.inflight.InFlightFixture.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import io.plasmanode.core.crypto.PrivateKey;
import io.plasmanode.exitgame.ByzantineEvent;
import io.plasmanode.exitgame.EventCauses;
import io.plasmanode.exitgame.InFlightByzantineEvent.PiggybackAvailable;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** W6: owners are told which slots they can still piggyback, and only those. */
class PiggybackAvailableTest {
  private final InFlightFixture chain = new InFlightFixture();
  private final InFlightExitGame game = InFlightFixture.startedGame();

  private List<PiggybackAvailable> available(Instant now) {
    return events(chain.check(game, now), PiggybackAvailable.class);
  }

  private static PiggybackAvailable offer(PrivateKey owner, Instant at, Slot... slots) {
    return new PiggybackAvailable(ID, owner.address(), List.of(slots), DEADLINE, at);
  }

  @Test
  void freshExit_offersEveryOwnerTheirSlots_untilTheDeadline() {
    List<PiggybackAvailable> offers = available(T0);

    assertThat(offers)
        .containsExactly(
            offer(ALICE, T0, Slot.input(0)),
            offer(BOB, T0, Slot.input(1)),
            offer(CAROL, T0, Slot.output(0)),
            offer(DAVE, T0, Slot.output(1)));
    assertThat(offers.getFirst().action()).isEqualTo(ByzantineEvent.Action.PIGGYBACK);
    assertThat(EventCauses.halts(offers.getFirst())).isFalse();
    assertThat(available(T0.plusSeconds(1))).isEmpty();
    assertThat(game.holds(offers.getFirst(), DEADLINE.minusSeconds(1))).isTrue();
    assertThat(game.holds(offers.getFirst(), DEADLINE)).isFalse();
    assertThat(available(DEADLINE)).isEmpty();
    assertThat(game.exit(ID).orElseThrow().standing()).isEmpty();
  }

  @Test
  void ownerWithSeveralSlots_getsOneOffer() {
    InFlightExitGame aliceGame = new InFlightExitGame(InFlightFixture.CONFIG);
    var tx =
        InFlightFixture.sign(
            InFlightFixture.transfer(
                List.of(InFlightFixture.A),
                InFlightFixture.eth(ALICE, 60),
                InFlightFixture.eth(BOB, 40)),
            ALICE);
    var id = InFlightFixture.idOf(tx.tx());
    aliceGame.started(id, tx, List.of(InFlightFixture.A_OUT), T0);

    assertThat(events(chain.check(aliceGame, T0), PiggybackAvailable.class))
        .extracting(PiggybackAvailable::slots)
        .containsExactly(List.of(Slot.input(0), Slot.output(0)), List.of(Slot.output(1)));
  }

  @Test
  void piggybackedSlot_isNoLongerOffered_andItsOfferEnds() {
    PiggybackAvailable alices = available(T0).getFirst();

    game.piggybacked(ID, Slot.input(0), EXITABLE, T0.plusSeconds(5));

    assertThat(game.holds(alices, T0.plusSeconds(6))).isFalse();
    assertThat(available(T0.plusSeconds(6))).isEmpty();
    assertThat(game.exit(ID).orElseThrow().standing()).hasSize(3).doesNotContain(alices);
  }

  @Test
  void knownNonCanonicalExit_offersNoOutputs_andNoSpentInput() {
    List<PiggybackAvailable> before = available(T0);
    chain.include(BOBS_DOUBLE_SPEND, 1000, 0);

    List<PiggybackAvailable> after = available(T0.plusSeconds(1));

    assertThat(after).isEmpty();
    assertThat(before)
        .filteredOn(offer -> game.holds(offer, T0.plusSeconds(1)))
        .containsExactly(before.getFirst());
    assertThat(game.exit(ID).orElseThrow().standing())
        .filteredOn(PiggybackAvailable.class::isInstance)
        .containsExactly(before.getFirst());
  }

  @Test
  void challengedExitInNoBlock_offersOnlyInputs() {
    game.challenged(ID, 1, ChainPosition.IN_FLIGHT);

    assertThat(available(T0))
        .extracting(PiggybackAvailable::slots)
        .containsExactly(List.of(Slot.input(0)), List.of(Slot.input(1)));
  }

  @Test
  void challengedExitThatCanRespond_stillOffersItsOutputs() {
    chain.include(EXIT_TX, 1000, 0);
    game.challenged(ID, 1, ChainPosition.IN_FLIGHT);

    assertThat(available(T0)).hasSize(4);
  }

  @Test
  void deletedOrProcessedExit_offersNothing_andItsOffersEnd() {
    List<PiggybackAvailable> offers = available(T0);
    InFlightExitGame processing = InFlightFixture.startedGame();
    processing.processed(ID, TOKEN, true, false);
    assertThat(events(chain.check(processing, T0), PiggybackAvailable.class)).isEmpty();

    game.deleted(ID);

    assertThat(offers).noneMatch(offer -> game.holds(offer, T0));
    assertThat(available(T0)).isEmpty();
  }
}
