package io.plasmanode.exitgame;

import static io.plasmanode.core.testing.TestKeys.ALICE;
import static io.plasmanode.core.testing.TestKeys.BOB;
import static io.plasmanode.exitgame.ChainFixture.ETH;
import static io.plasmanode.exitgame.ChainFixture.T0;
import static io.plasmanode.exitgame.ChainFixture.deposit;
import static io.plasmanode.exitgame.ChainFixture.eth;
import static io.plasmanode.exitgame.ChainFixture.signedBytes;
import static org.assertj.core.api.Assertions.assertThat;

import io.plasmanode.core.l1.L1Event;
import io.plasmanode.core.ledger.InMemoryUtxoSet;
import io.plasmanode.core.tx.PaymentTransaction;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Hash32;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code invalid_exit_paid}: L1 paid an exit whose output the validated chain spent. */
class InvalidExitPaidTest {
  private static final Hash32 PROCESS_TX = Hash32.fromHex("0x" + "cd".repeat(32));

  private final InMemoryUtxoSet view = new InMemoryUtxoSet();
  private final InMemorySpendIndex spends = new InMemorySpendIndex();
  private final UtxoPos aliceDeposit = deposit(view, 1, ALICE, 100);
  private final UtxoPos bobDeposit = deposit(view, 2, BOB, 50);

  private static L1Event.ExitFinalized finalized(UtxoPos pos) {
    return new L1Event.ExitFinalized(
        new L1Event.L1Origin(9, PROCESS_TX, 0), pos, ALICE.address(), ETH, BigInteger.TEN, true);
  }

  @Test
  void paidExitOfASpentOutput_isAnInvalidExitPaid_tellingUsersToExit() {
    PaymentTransaction aliceToBob =
        PaymentTransaction.transfer(List.of(aliceDeposit), List.of(eth(BOB, 100)));
    List<byte[]> txs = List.of(signedBytes(aliceToBob, ALICE));
    var valid =
        (BlockValidation.Valid)
            new BlockValidator(ChainFixture.CHECKER)
                .validate(ChainFixture.commitment(1000, txs), txs, view);
    view.apply(valid.delta());
    spends.record(valid.spends());

    ByzantineEvent.InvalidExitPaid paid =
        ByzantineEvent.InvalidExitPaid.of(finalized(aliceDeposit), view, spends, T0).orElseThrow();

    assertThat(paid.type()).isEqualTo("invalid_exit_paid");
    assertThat(paid.action()).isEqualTo(ByzantineEvent.Action.EXIT);
    assertThat(paid.utxoPos()).isEqualTo(aliceDeposit);
    assertThat(paid.spendingTxHash()).isEqualTo(valid.spends().getFirst().spendingTxHash());
    assertThat(paid.l1TxHash()).isEqualTo(PROCESS_TX);
    assertThat(paid.reason())
        .contains(aliceDeposit.toString(), "was paid", "10 of token", PROCESS_TX.toShortHex());
  }

  @Test
  void paidExitOfAnUnspentOrUnknownOutput_isNoEvent() {
    assertThat(ByzantineEvent.InvalidExitPaid.of(finalized(bobDeposit), view, spends, T0))
        .isEmpty();
    assertThat(
            ByzantineEvent.InvalidExitPaid.of(finalized(new UtxoPos(5000, 0, 0)), view, spends, T0))
        .isEmpty();
  }
}
