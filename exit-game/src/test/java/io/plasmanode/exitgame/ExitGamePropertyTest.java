package io.plasmanode.exitgame;

import static io.plasmanode.exitgame.RandomChain.BLOCK;
import static org.assertj.core.api.Assertions.assertThat;

import io.plasmanode.core.crypto.BouncyCastleSignerRecovery;
import io.plasmanode.core.eip712.PaymentEip712;
import io.plasmanode.core.l1.L1Event;
import io.plasmanode.core.testing.Cases;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Hash32;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Exits of outputs a random valid block spent: each gets one challenge, signed by its owner. */
class ExitGamePropertyTest {
  private static final L1Event.L1Origin ORIGIN = new L1Event.L1Origin(1, Hash32.ZERO, 0);

  @Test
  void exitOfAnySpentOutput_getsExactlyOneChallengeSignedByTheOutputsOwner() {
    Cases.check(30, gen -> exitsOfSpentOutputs_getOneChallengeEach(RandomChain.plan(gen)));
  }

  private static void exitsOfSpentOutputs_getOneChallengeEach(RandomChain.Plan plan) {
    RandomChain.Built chain = RandomChain.build(plan);
    var valid =
        (BlockValidation.Valid)
            new BlockValidator(ChainFixture.CHECKER)
                .validate(
                    ChainFixture.commitment(BLOCK, chain.signedTxs()),
                    chain.signedTxs(),
                    chain.view());
    chain.view().apply(valid.delta());
    InMemorySpendIndex spends = new InMemorySpendIndex();
    spends.record(valid.spends());
    var game = new ExitGame(new ExitGameConfig(Duration.ofDays(1), Duration.ofHours(1)));
    List<UtxoPos> spent = valid.delta().spent();
    spent.forEach(
        pos ->
            game.apply(
                new L1Event.ExitStarted(
                    ORIGIN,
                    pos,
                    chain.owners().get(pos),
                    ChainFixture.ETH,
                    BigInteger.ONE,
                    ChainFixture.T0.plus(Duration.ofDays(7)))));

    ExitGame.Decisions decisions = game.check(chain.view(), spends, ChainFixture.T0);

    assertThat(decisions.challenges())
        .extracting(Challenge::exitId)
        .containsExactlyInAnyOrderElementsOf(spent);
    assertThat(decisions.events()).hasSameSizeAs(spent);
    var recovery = new BouncyCastleSignerRecovery();
    for (Challenge challenge : decisions.challenges()) {
      var digest = PaymentEip712.signingHash(ChainFixture.DOMAIN, challenge.spendingTx());
      assertThat(recovery.recover(digest, challenge.signature()))
          .contains(chain.owners().get(challenge.exitId()));
      assertThat(challenge.spendingTx().inputs().get(challenge.inputIndex()))
          .isEqualTo(challenge.exitId());
    }
  }
}
