package io.plasmanode.exitgame;

import static io.plasmanode.core.testing.TestKeys.ALICE;
import static io.plasmanode.core.testing.TestKeys.BOB;
import static io.plasmanode.core.testing.TestKeys.CAROL;
import static io.plasmanode.exitgame.ChainFixture.eth;
import static org.assertj.core.api.Assertions.assertThat;

import io.plasmanode.core.crypto.BouncyCastleSignerRecovery;
import io.plasmanode.core.ledger.Utxo;
import io.plasmanode.core.tx.PaymentTransaction;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.exitgame.SpendCollector.SignedSpend;
import java.util.List;
import org.junit.jupiter.api.Test;

class SpendCollectorTest {
  private static final UtxoPos ALICES = new UtxoPos(1, 0, 0);
  private static final UtxoPos BOBS = new UtxoPos(2, 0, 0);
  private final SpendCollector collector =
      new SpendCollector(ChainFixture.DOMAIN, new BouncyCastleSignerRecovery());

  @Test
  void collect_keepsEverySpendWithItsSigner_evenInABlockThatBreaksTheRules() {
    PaymentTransaction toBob = PaymentTransaction.transfer(List.of(ALICES), List.of(eth(BOB, 5)));
    PaymentTransaction again = PaymentTransaction.transfer(List.of(ALICES), List.of(eth(CAROL, 5)));
    PaymentTransaction both =
        PaymentTransaction.transfer(List.of(BOBS, ALICES), List.of(eth(CAROL, 10)));
    List<byte[]> block =
        List.of(
            ChainFixture.signedBytes(toBob, ALICE),
            ChainFixture.signedBytes(again, CAROL),
            ChainFixture.signedBytes(both, BOB, CAROL));

    List<SignedSpend> spends =
        collector.collect(ChainFixture.commitment(3000, block), block).orElseThrow().spends();

    assertThat(spends)
        .extracting(s -> s.spend().spentPos(), SignedSpend::signer)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(ALICES, ALICE.address()),
            org.assertj.core.groups.Tuple.tuple(ALICES, CAROL.address()),
            org.assertj.core.groups.Tuple.tuple(BOBS, BOB.address()),
            org.assertj.core.groups.Tuple.tuple(ALICES, CAROL.address()));
    SpendRecord first = spends.getFirst().spend();
    assertThat(first.blknum()).isEqualTo(3000);
    assertThat(first.txIndex()).isZero();
    assertThat(spends.get(2).spend().txIndex()).isEqualTo(2);
    assertThat(spends.get(2).spend().inputIndex()).isZero();
    assertThat(spends.get(3).spend().inputIndex()).isEqualTo(1);
  }

  @Test
  void collect_keepsEveryCreatedOutputWithItsOwner_whateverTheSignatures() {
    PaymentTransaction toBob = PaymentTransaction.transfer(List.of(ALICES), List.of(eth(BOB, 5)));
    PaymentTransaction forged =
        PaymentTransaction.transfer(List.of(BOBS), List.of(eth(CAROL, 4), eth(ALICE, 1)));
    List<byte[]> block =
        List.of(ChainFixture.signedBytes(toBob, ALICE), ChainFixture.signedBytes(forged, CAROL));

    List<Utxo> created =
        collector.collect(ChainFixture.commitment(3000, block), block).orElseThrow().created();

    assertThat(created)
        .containsExactly(
            new Utxo(new UtxoPos(3000, 0, 0), eth(BOB, 5)),
            new Utxo(new UtxoPos(3000, 1, 0), eth(CAROL, 4)),
            new Utxo(new UtxoPos(3000, 1, 1), eth(ALICE, 1)));
  }

  @Test
  void collect_ofContentsThatAreNotTheCommittedBlock_isEmpty() {
    PaymentTransaction toBob = PaymentTransaction.transfer(List.of(ALICES), List.of(eth(BOB, 5)));
    PaymentTransaction toCarol =
        PaymentTransaction.transfer(List.of(ALICES), List.of(eth(CAROL, 5)));
    List<byte[]> committed = List.of(ChainFixture.signedBytes(toBob, ALICE));
    List<byte[]> served = List.of(ChainFixture.signedBytes(toCarol, ALICE));

    assertThat(collector.collect(ChainFixture.commitment(3000, committed), served)).isEmpty();
    assertThat(collector.collect(ChainFixture.commitment(3000, committed), List.of(new byte[3])))
        .isEmpty();
  }
}
