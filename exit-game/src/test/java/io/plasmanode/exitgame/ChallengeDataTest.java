package io.plasmanode.exitgame;

import static io.plasmanode.core.testing.TestKeys.ALICE;
import static io.plasmanode.core.testing.TestKeys.BOB;
import static io.plasmanode.exitgame.ChainFixture.deposit;
import static io.plasmanode.exitgame.ChainFixture.eth;
import static io.plasmanode.exitgame.ChainFixture.sign;
import static org.assertj.core.api.Assertions.assertThat;

import io.plasmanode.core.crypto.BouncyCastleSignerRecovery;
import io.plasmanode.core.eip712.PaymentEip712;
import io.plasmanode.core.ledger.InMemoryUtxoSet;
import io.plasmanode.core.ledger.UtxoDelta;
import io.plasmanode.core.tx.PaymentTransaction;
import io.plasmanode.core.tx.SignedTransaction;
import io.plasmanode.core.tx.TxCodec;
import io.plasmanode.core.tx.UtxoPos;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChallengeDataTest {
  private final InMemoryUtxoSet view = new InMemoryUtxoSet();
  private final InMemorySpendIndex spends = new InMemorySpendIndex();
  private final UtxoPos aliceDeposit = deposit(view, 1, ALICE, 100);
  private final UtxoPos bobDeposit = deposit(view, 2, BOB, 50);

  @Test
  void lookup_ofASpentOutput_givesTheChallengeArguments() {
    PaymentTransaction tx =
        PaymentTransaction.transfer(List.of(bobDeposit, aliceDeposit), List.of(eth(BOB, 150)));
    SignedTransaction signed = sign(tx, BOB, ALICE);
    view.apply(new UtxoDelta(List.of(bobDeposit, aliceDeposit), List.of()));
    spends.record(
        List.of(
            new SpendRecord(bobDeposit, tx, 0, signed.signatures().get(0), 1000, 4),
            new SpendRecord(aliceDeposit, tx, 1, signed.signatures().get(1), 1000, 4)));

    var data = (ChallengeData.Available) ChallengeData.lookup(aliceDeposit, view, spends);

    Challenge challenge = data.challenge();
    assertThat(challenge.exitId()).isEqualTo(aliceDeposit);
    assertThat(challenge.inputIndex()).isEqualTo(1);
    assertThat(TxCodec.decode(challenge.spendingTxBytes()).get()).isEqualTo(tx);
    var digest = PaymentEip712.signingHash(ChainFixture.DOMAIN, tx);
    assertThat(new BouncyCastleSignerRecovery().recover(digest, challenge.signature()))
        .contains(ALICE.address());
  }

  @Test
  void lookup_ofAnUnspentOutput_saysOutputUnspent() {
    var data = ChallengeData.lookup(aliceDeposit, view, spends);

    assertThat(data).isEqualTo(new ChallengeData.OutputUnspent(aliceDeposit));
    assertThat(((ChallengeData.OutputUnspent) data).errorReason()).isEqualTo("output_unspent");
  }

  @Test
  void lookup_ofAnExitingOutput_saysOutputUnspent() {
    view.markExiting(aliceDeposit);

    assertThat(ChallengeData.lookup(aliceDeposit, view, spends))
        .isEqualTo(new ChallengeData.OutputUnspent(aliceDeposit));
  }

  @Test
  void lookup_ofAnUnknownOutput_saysUnknownOutput() {
    UtxoPos unknown = new UtxoPos(3000, 0, 0);

    var data = ChallengeData.lookup(unknown, view, spends);

    assertThat(data).isEqualTo(new ChallengeData.UnknownOutput(unknown));
    assertThat(((ChallengeData.UnknownOutput) data).errorReason()).isEqualTo("unknown_output");
  }
}
