package io.plasmanode.core.ledger;

import static io.plasmanode.core.ledger.LedgerFixture.ALICE;
import static io.plasmanode.core.ledger.LedgerFixture.BOB;
import static io.plasmanode.core.ledger.LedgerFixture.CAROL;
import static io.plasmanode.core.ledger.LedgerFixture.ETH;
import static io.plasmanode.core.ledger.LedgerFixture.deposit;
import static io.plasmanode.core.ledger.LedgerFixture.output;
import static io.plasmanode.core.ledger.LedgerFixture.setWith;
import static io.plasmanode.core.ledger.LedgerFixture.transfer;
import static io.plasmanode.core.ledger.TransactionRulesTest.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.validation.Rejection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PendingBlockTest {
  private static final UtxoPos D1 = deposit(1);
  private final InMemoryUtxoSet base = setWith(new Utxo(D1, output(ALICE, ETH, 100)));

  @Test
  void add_allowsChainedSpendsWithinTheBlock() {
    PendingBlock block = new PendingBlock(base, 1000);
    var first = block.add(transfer(List.of(D1), List.of(output(BOB, ETH, 100)), List.of(ALICE)));
    var second =
        block.add(
            transfer(
                List.of(new UtxoPos(1000, 0, 0)),
                List.of(output(CAROL, ETH, 60), output(BOB, ETH, 40)),
                List.of(BOB)));

    assertThat(first.get().txindex()).isZero();
    assertThat(second.get().txindex()).isEqualTo(1);
    assertThat(block.delta().spent()).containsExactly(D1, new UtxoPos(1000, 0, 0));
    assertThat(block.delta().spentBy())
        .containsExactlyInAnyOrderEntriesOf(Map.of(D1, 0, new UtxoPos(1000, 0, 0), 1));
    assertThat(block.delta().created())
        .containsExactly(
            new Utxo(new UtxoPos(1000, 1, 0), output(CAROL, ETH, 60)),
            new Utxo(new UtxoPos(1000, 1, 1), output(BOB, ETH, 40)));
  }

  @Test
  void change_saysOnlyWhatTheBlockItselfDid() {
    UtxoPos d2 = deposit(2);
    InMemoryUtxoSet twoDeposits = setWith(new Utxo(D1, output(ALICE, ETH, 100)));
    twoDeposits.apply(UtxoDelta.deposit(new Utxo(d2, output(BOB, ETH, 5))));
    PendingBlock block = new PendingBlock(twoDeposits, 1000);
    block.add(transfer(List.of(D1), List.of(output(BOB, ETH, 100)), List.of(ALICE)));
    block.add(
        transfer(List.of(new UtxoPos(1000, 0, 0)), List.of(output(CAROL, ETH, 100)), List.of(BOB)));

    assertThat(block.change(D1)).contains(UtxoStatus.SPENT);
    assertThat(block.change(new UtxoPos(1000, 0, 0)))
        .as("created, then spent in the same block")
        .contains(UtxoStatus.SPENT);
    assertThat(block.change(new UtxoPos(1000, 1, 0)))
        .contains(new UtxoStatus.Unspent(output(CAROL, ETH, 100)));
    assertThat(block.change(d2)).as("untouched, though unspent in the base").isEmpty();
    assertThat(block.change(new UtxoPos(5000, 0, 0))).isEmpty();
  }

  @Test
  void add_rejectsDoubleSpendWithinTheBlockAndKeepsState() {
    PendingBlock block = new PendingBlock(base, 1000);
    block.add(transfer(List.of(D1), List.of(output(BOB, ETH, 100)), List.of(ALICE)));

    var again = block.add(transfer(List.of(D1), List.of(output(CAROL, ETH, 1)), List.of(ALICE)));

    assertRejected(again, Rejection.DOUBLE_SPEND);
    assertThat(block.size()).isEqualTo(1);
    assertThat(block.delta().created()).hasSize(1);
  }

  @Test
  void add_rejectsAnInputFromALaterBlock() {
    Utxo laterDeposit = new Utxo(new UtxoPos(1001, 0, 0), output(ALICE, ETH, 5));
    InMemoryUtxoSet withLaterDeposit = new InMemoryUtxoSet();
    withLaterDeposit.apply(UtxoDelta.deposit(laterDeposit));
    PendingBlock block = new PendingBlock(withLaterDeposit, 1000);

    var spendsTheFuture =
        block.add(
            transfer(List.of(laterDeposit.pos()), List.of(output(BOB, ETH, 5)), List.of(ALICE)));

    assertRejected(spendsTheFuture, Rejection.UTXO_NOT_FOUND);
    assertThat(new PendingBlock(withLaterDeposit, 2000).status(laterDeposit.pos()))
        .isInstanceOf(UtxoStatus.Unspent.class);
  }

  @Test
  void add_doesNotTouchTheBaseSet() {
    PendingBlock block = new PendingBlock(base, 1000);
    block.add(transfer(List.of(D1), List.of(output(BOB, ETH, 100)), List.of(ALICE)));

    assertThat(base.status(D1)).isInstanceOf(UtxoStatus.Unspent.class);
    assertThat(base.status(new UtxoPos(1000, 0, 0))).isEqualTo(UtxoStatus.UNKNOWN);
  }

  @Test
  void constructor_rejectsDepositBlockNumbers() {
    assertThatThrownBy(() -> new PendingBlock(base, 1001))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void applyingTheDelta_leavesTheSameStateAsThePendingView() {
    PendingBlock block = new PendingBlock(base, 2000);
    block.add(transfer(List.of(D1), List.of(output(BOB, ETH, 70)), List.of(ALICE)));

    base.apply(block.delta());

    assertThat(base.status(D1)).isEqualTo(UtxoStatus.SPENT);
    assertThat(base.status(new UtxoPos(2000, 0, 0)))
        .isEqualTo(new UtxoStatus.Unspent(output(BOB, ETH, 70)));
  }

  @Test
  void blockApplier_namesTheFirstInvalidTransaction() {
    var valid = transfer(List.of(D1), List.of(output(BOB, ETH, 100)), List.of(ALICE));
    var invalid = transfer(List.of(D1), List.of(output(BOB, ETH, 100)), List.of(ALICE));

    var result = BlockApplier.apply(base, 1000, List.of(valid, invalid));

    assertRejected(result, Rejection.DOUBLE_SPEND);
    assertThat(result.toString()).contains("tx 1 of block 1000");
  }

  @Test
  void blockApplier_returnsTheDeltaOfAValidBlock() {
    var valid = transfer(List.of(D1), List.of(output(BOB, ETH, 100)), List.of(ALICE));

    var delta = BlockApplier.apply(base, 1000, List.of(valid)).get();

    assertThat(delta.spent()).containsExactly(D1);
    assertThat(delta.created())
        .containsExactly(new Utxo(new UtxoPos(1000, 0, 0), output(BOB, ETH, 100)));
  }
}
