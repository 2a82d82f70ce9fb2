package io.plasmanode.exitgame.inflight;

import static io.plasmanode.core.testing.TestKeys.ALICE;
import static io.plasmanode.core.testing.TestKeys.BOB;
import static io.plasmanode.core.testing.TestKeys.CAROL;
import static io.plasmanode.exitgame.inflight.InFlightFixture.A;
import static io.plasmanode.exitgame.inflight.InFlightFixture.A_OUT;
import static io.plasmanode.exitgame.inflight.InFlightFixture.B;
import static io.plasmanode.exitgame.inflight.InFlightFixture.BOBS_DOUBLE_SPEND;
import static io.plasmanode.exitgame.inflight.InFlightFixture.DOMAIN;
import static io.plasmanode.exitgame.inflight.InFlightFixture.ETH;
import static io.plasmanode.exitgame.inflight.InFlightFixture.EXITABLE;
import static io.plasmanode.exitgame.inflight.InFlightFixture.EXIT_TX;
import static io.plasmanode.exitgame.inflight.InFlightFixture.ID;
import static io.plasmanode.exitgame.inflight.InFlightFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.plasmanode.core.crypto.BouncyCastleSignerRecovery;
import io.plasmanode.core.l1.L1Event;
import io.plasmanode.core.ledger.InMemoryUtxoSet;
import io.plasmanode.core.ledger.Utxo;
import io.plasmanode.core.ledger.UtxoDelta;
import io.plasmanode.core.tx.SignedTransaction;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Hash32;
import io.plasmanode.exitgame.ByzantineEvent;
import io.plasmanode.exitgame.Challenge;
import io.plasmanode.exitgame.ExitGame;
import io.plasmanode.exitgame.ExitGameConfig;
import io.plasmanode.exitgame.SpendIndex;
import io.plasmanode.exitgame.SpendRecord;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** W2 (what the chain must refuse) and W7 (standard exits of in-flight inputs). */
class InFlightSpendsTest {
  private final InFlightFixture chain = new InFlightFixture();
  private final InFlightExitGame game = InFlightFixture.startedGame();
  private final SpendIndex index =
      new InFlightSpendIndex(chain.spends, game, DOMAIN, new BouncyCastleSignerRecovery());

  @Test
  void everyInput_isExitingFromTheStart_andAPiggybackedOutputOnceTheTxIsIncluded() {
    game.piggybacked(ID, Slot.output(1), EXITABLE, T0.plusSeconds(30));
    game.piggybacked(ID, Slot.input(0), EXITABLE, T0.plusSeconds(40));

    assertThat(game.exitingPositions(chain.locator))
        .containsExactly(
            new ExitingPosition(A, ID, Slot.input(0), T0),
            new ExitingPosition(B, ID, Slot.input(1), T0));

    chain.include(EXIT_TX, 1000, 3);
    game.deleted(ID);
    assertThat(game.exitingPositions(chain.locator))
        .containsExactly(
            new ExitingPosition(A, ID, Slot.input(0), T0),
            new ExitingPosition(B, ID, Slot.input(1), T0),
            new ExitingPosition(new UtxoPos(1000, 3, 1), ID, Slot.output(1), T0.plusSeconds(30)));
  }

  @Test
  void inputOfAnInFlightTx_isSpentByIt_signedByItsOwner() {
    SpendRecord expected = SpendRecord.inFlight(A, EXIT_TX.tx(), 0, EXIT_TX.signatures().get(0));

    assertThat(index.spendBy(A, ALICE.address())).contains(expected);
    assertThat(index.spendOf(A)).contains(expected);
    assertThat(expected.isInFlight()).isTrue();
    assertThat(index.spendBy(A, BOB.address())).isEmpty();
    assertThat(index.spendOf(new UtxoPos(3, 0, 0))).isEmpty();
    assertThat(game.inFlightSpendsOf(B))
        .containsExactly(
            new InFlightSpend(
                ID,
                SpendRecord.inFlight(B, EXIT_TX.tx(), 1, EXIT_TX.signatures().get(1)),
                BOB.address()));
  }

  @Test
  void chainSpend_comesFirst() {
    chain.include(BOBS_DOUBLE_SPEND, 1000, 0);

    assertThat(index.spendOf(B).orElseThrow().spendingTx()).isEqualTo(BOBS_DOUBLE_SPEND.tx());
    assertThat(index.spendBy(B, BOB.address()).orElseThrow().isInFlight()).isFalse();
  }

  @Test
  void inFlightTxWhoseWitnessIsNotTheOwners_spendsNothing() {
    SignedTransaction forged =
        InFlightFixture.sign(
            InFlightFixture.transfer(List.of(A), InFlightFixture.eth(CAROL, 100)), CAROL);
    InFlightExitGame forgedGame = new InFlightExitGame(InFlightFixture.CONFIG);
    forgedGame.started(InFlightFixture.idOf(forged.tx()), forged, List.of(A_OUT), T0);
    SpendIndex forgedIndex =
        new InFlightSpendIndex(chain.spends, forgedGame, DOMAIN, new BouncyCastleSignerRecovery());

    assertThat(forgedIndex.spendBy(A, ALICE.address())).isEmpty();
    assertThat(forgedIndex.spendOf(A)).isEmpty();
  }

  @Test
  void standardExitOfAnInFlightInput_isChallengedWithTheInFlightTx() {
    InMemoryUtxoSet view = new InMemoryUtxoSet();
    view.apply(UtxoDelta.deposit(new Utxo(A, A_OUT)));
    ExitGame standard = new ExitGame(new ExitGameConfig(Duration.ofDays(1), Duration.ofHours(1)));
    standard.apply(
        new L1Event.ExitStarted(
            new L1Event.L1Origin(1, Hash32.ZERO, 0),
            A,
            ALICE.address(),
            ETH,
            BigInteger.valueOf(100),
            EXITABLE));

    ExitGame.Decisions decisions = standard.check(view, index, T0);

    assertThat(decisions.challenges())
        .containsExactly(new Challenge(A, EXIT_TX.tx(), 0, EXIT_TX.signatures().get(0)));
    assertThat(decisions.events()).extracting(ByzantineEvent::type).containsExactly("invalid_exit");
    ExitGame withoutInFlight =
        new ExitGame(new ExitGameConfig(Duration.ofDays(1), Duration.ofHours(1)), standard.exits());
    assertThat(withoutInFlight.check(view, chain.spends, T0).challenges()).isEmpty();
  }
}
