package io.plasmanode.node.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plasmanode.core.fees.FeePayment;
import io.plasmanode.core.ledger.Utxo;
import io.plasmanode.core.testing.TestKeys;
import io.plasmanode.core.tx.Output;
import io.plasmanode.core.tx.PaymentTransaction;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import io.plasmanode.node.rpc.RpcResults.UtxoResult;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TransferPlannerTest {
  private static final Address ALICE = TestKeys.ALICE.address();
  private static final Address BOB = TestKeys.BOB.address();
  private static final Address ETH = Address.ZERO;
  private static final Address TOKEN =
      Address.fromHex("0x00000000000000000000000000000000000000aa");

  @Test
  void plan_paysRecipientAndReturnsChange() {
    PaymentTransaction tx =
        TransferPlanner.plan(ALICE, BOB, ETH, wei(30), List.of(utxo(1000, ALICE, ETH, 100)));
    assertThat(tx.inputs()).containsExactly(new UtxoPos(1000, 0, 0));
    assertThat(tx.outputs())
        .containsExactly(new Output(BOB, ETH, wei(30)), new Output(ALICE, ETH, wei(70)));
  }

  @Test
  void plan_omitsChangeWhenExact() {
    PaymentTransaction tx =
        TransferPlanner.plan(
            ALICE, BOB, ETH, wei(150), List.of(utxo(1, ALICE, ETH, 100), utxo(2, ALICE, ETH, 50)));
    assertThat(tx.inputs()).containsExactlyInAnyOrder(new UtxoPos(1, 0, 0), new UtxoPos(2, 0, 0));
    assertThat(tx.outputs()).containsExactly(new Output(BOB, ETH, wei(150)));
  }

  @Test
  void planWithAFeeInTheSameToken_leavesTheFeeOutOfTheChange() {
    PaymentTransaction tx =
        TransferPlanner.plan(
            ALICE, BOB, ETH, wei(30), fee(ETH, 5), List.of(utxo(1000, ALICE, ETH, 100)));
    assertThat(tx.outputs())
        .containsExactly(new Output(BOB, ETH, wei(30)), new Output(ALICE, ETH, wei(65)));
    assertThat(TransferPlanner.feePaid(tx, List.of(utxo(1000, ALICE, ETH, 100))))
        .contains(new FeePayment(ETH, wei(5)));
  }

  @Test
  void planWithAFee_takesAnotherInputWhenTheAmountAloneWouldFit() {
    List<UtxoResult> utxos = List.of(utxo(1, ALICE, ETH, 30), utxo(2, ALICE, ETH, 10));
    PaymentTransaction tx = TransferPlanner.plan(ALICE, BOB, ETH, wei(30), fee(ETH, 5), utxos);
    assertThat(tx.inputs()).containsExactly(new UtxoPos(1, 0, 0), new UtxoPos(2, 0, 0));
    assertThat(tx.outputs())
        .containsExactly(new Output(BOB, ETH, wei(30)), new Output(ALICE, ETH, wei(5)));
  }

  @Test
  void planWithAFeeInAnotherToken_spendsThatTokenToo_withChangeInEach() {
    List<UtxoResult> utxos =
        List.of(utxo(1, ALICE, TOKEN, 1000), utxo(2, ALICE, ETH, 50), utxo(3, ALICE, ETH, 8));
    PaymentTransaction tx = TransferPlanner.plan(ALICE, BOB, TOKEN, wei(400), fee(ETH, 5), utxos);
    assertThat(tx.inputs()).containsExactly(new UtxoPos(1, 0, 0), new UtxoPos(2, 0, 0));
    assertThat(tx.outputs())
        .containsExactly(
            new Output(BOB, TOKEN, wei(400)),
            new Output(ALICE, TOKEN, wei(600)),
            new Output(ALICE, ETH, wei(45)));
    assertThat(TransferPlanner.feePaid(tx, utxos)).contains(new FeePayment(ETH, wei(5)));
  }

  @Test
  void planWithAFee_refusesWhenTheBalanceCoversTheAmountButNotTheFee() {
    assertThatThrownBy(
            () ->
                TransferPlanner.plan(
                    ALICE, BOB, ETH, wei(100), fee(ETH, 5), List.of(utxo(1, ALICE, ETH, 100))))
        .isInstanceOf(CliException.class)
        .hasMessageContaining("insufficient balance")
        .hasMessageContaining(
            "needs 0.000000000000000105 ETH (0.0000000000000001 ETH plus a fee of"
                + " 0.000000000000000005 ETH)");
    assertThatThrownBy(
            () ->
                TransferPlanner.plan(
                    ALICE, BOB, TOKEN, wei(100), fee(ETH, 5), List.of(utxo(1, ALICE, TOKEN, 100))))
        .isInstanceOf(CliException.class)
        .hasMessageContaining("has 0 ETH spendable, the transfer needs a fee of");
  }

  @Test
  void planWithAFee_refusesMoreThanFourInputsInAll() {
    List<UtxoResult> utxos =
        List.of(
            utxo(1, ALICE, TOKEN, 10),
            utxo(2, ALICE, TOKEN, 10),
            utxo(3, ALICE, TOKEN, 10),
            utxo(4, ALICE, TOKEN, 10),
            utxo(5, ALICE, ETH, 10));
    assertThatThrownBy(() -> TransferPlanner.plan(ALICE, BOB, TOKEN, wei(40), fee(ETH, 5), utxos))
        .isInstanceOf(CliException.class)
        .hasMessageContaining("takes 5 of them")
        .hasMessageContaining("plasma merge --token " + TOKEN);
  }

  @Test
  void transferToYourselfJoiningOutputs_isAFreeMerge() {
    List<UtxoResult> utxos = List.of(utxo(1, ALICE, ETH, 60), utxo(2, ALICE, ETH, 40));
    PaymentTransaction tx = TransferPlanner.plan(ALICE, ALICE, ETH, wei(100), fee(ETH, 5), utxos);
    assertThat(tx.outputs()).containsExactly(new Output(ALICE, ETH, wei(100)));
    assertThat(TransferPlanner.feePaid(tx, utxos)).isEmpty();
  }

  @Test
  void selectInputs_takesTheFewestLargestFirst() {
    List<UtxoResult> utxos =
        List.of(
            utxo(1, ALICE, ETH, 10),
            utxo(2, ALICE, ETH, 60),
            utxo(3, ALICE, ETH, 20),
            utxo(4, ALICE, ETH, 50));
    assertThat(TransferPlanner.selectInputs(ALICE, ETH, wei(100), utxos))
        .extracting(UtxoResult::utxoPos)
        .containsExactly(new UtxoPos(2, 0, 0), new UtxoPos(4, 0, 0));
  }

  @Test
  void selectInputs_ignoresOtherTokensOtherOwnersAndExitingOutputs() {
    List<UtxoResult> utxos =
        List.of(
            utxo(1, ALICE, TOKEN, 1000),
            utxo(2, BOB, ETH, 1000),
            exiting(new UtxoPos(3, 0, 0), ALICE, ETH, wei(1000)),
            utxo(4, ALICE, ETH, 40));
    assertThatThrownBy(() -> TransferPlanner.selectInputs(ALICE, ETH, wei(41), utxos))
        .isInstanceOf(CliException.class)
        .hasMessageContaining("insufficient balance")
        .hasMessageContaining("has 0.00000000000000004 ETH spendable")
        .hasMessageNotContaining(ETH.toHex());
    assertThat(TransferPlanner.selectInputs(ALICE, TOKEN, wei(5), utxos))
        .extracting(UtxoResult::utxoPos)
        .containsExactly(new UtxoPos(1, 0, 0));
  }

  @Test
  void selectInputs_rejectsABalanceSplitOverMoreThanFourOutputs() {
    List<UtxoResult> utxos =
        List.of(
            utxo(1, ALICE, ETH, 10),
            utxo(2, ALICE, ETH, 10),
            utxo(3, ALICE, ETH, 10),
            utxo(4, ALICE, ETH, 10),
            utxo(5, ALICE, ETH, 10));
    assertThat(TransferPlanner.selectInputs(ALICE, ETH, wei(40), utxos)).hasSize(4);
    assertThatThrownBy(() -> TransferPlanner.selectInputs(ALICE, ETH, wei(41), utxos))
        .isInstanceOf(CliException.class)
        .hasMessageContaining("split over too many outputs")
        .hasMessageContaining("paying 0.000000000000000041 ETH takes 5 of them")
        .hasMessageContaining("merge outputs first: plasma merge joins up to 4 of them");
  }

  @Test
  void selectInputs_rejectsInsufficientBalance() {
    assertThatThrownBy(
            () ->
                TransferPlanner.selectInputs(
                    ALICE, ETH, wei(101), List.of(utxo(1, ALICE, ETH, 100))))
        .isInstanceOf(CliException.class)
        .hasMessageContaining("insufficient balance")
        .hasMessageContaining("has 0.0000000000000001 ETH spendable")
        .hasMessageContaining("needs 0.000000000000000101 ETH");
  }

  @Test
  void insufficientTokenBalance_isInBaseUnitsOfTheToken() {
    assertThatThrownBy(
            () ->
                TransferPlanner.selectInputs(
                    ALICE, TOKEN, BigInteger.valueOf(2500), List.of(utxo(1, ALICE, TOKEN, 2000))))
        .hasMessageContaining(
            "has 2000 (base units) of token "
                + TOKEN
                + " spendable, the transfer needs 2500"
                + " (base units) of token "
                + TOKEN);
  }

  @Test
  void quarterEth_isShownInEth() {
    assertThatThrownBy(
            () ->
                TransferPlanner.selectInputs(
                    ALICE,
                    ETH,
                    new BigInteger("1000000000000000000"),
                    List.of(utxo(1, ALICE, ETH, 250_000_000_000_000_000L))))
        .hasMessageContaining("has 0.25 ETH spendable, the transfer needs 1 ETH");
  }

  @Test
  void requireListedInputs_acceptsAPlannedTransfer() {
    List<UtxoResult> listed = List.of(utxo(1, ALICE, ETH, 60), utxo(2, ALICE, ETH, 50));
    PaymentTransaction tx = TransferPlanner.plan(ALICE, BOB, ETH, wei(100), listed);

    TransferPlanner.requireListedInputs(tx, ALICE, listed);
  }

  @Test
  void requireListedInputs_refusesAnInputTheChainDoesNotList() {
    PaymentTransaction tx = spending(new UtxoPos(1, 0, 0), new UtxoPos(7000, 3, 1));

    assertThatThrownBy(
            () -> TransferPlanner.requireListedInputs(tx, ALICE, List.of(utxo(1, ALICE, ETH, 5))))
        .isInstanceOf(CliException.class)
        .hasMessageStartingWith("refusing to sign: input " + new UtxoPos(7000, 3, 1))
        .hasMessageContaining("the operator does not list it");
  }

  @Test
  void requireListedInputs_refusesAnotherOwnersOrAnExitingOutput() {
    UtxoPos bobs = new UtxoPos(2, 0, 0);
    UtxoPos exiting = new UtxoPos(3, 0, 0);
    List<UtxoResult> listed = List.of(utxo(2, BOB, ETH, 5), exiting(exiting, ALICE, ETH, wei(5)));

    assertThatThrownBy(() -> TransferPlanner.requireListedInputs(spending(bobs), ALICE, listed))
        .isInstanceOf(CliException.class)
        .hasMessageContaining("it belongs to " + BOB);
    assertThatThrownBy(() -> TransferPlanner.requireListedInputs(spending(exiting), ALICE, listed))
        .isInstanceOf(CliException.class)
        .hasMessageContaining("its exit started on L1");
  }

  private static PaymentTransaction spending(UtxoPos... inputs) {
    return PaymentTransaction.transfer(List.of(inputs), List.of(new Output(BOB, ETH, wei(1))));
  }

  private static UtxoResult utxo(long blknum, Address owner, Address token, long amount) {
    return UtxoResult.unspent(
        new Utxo(new UtxoPos(blknum, 0, 0), new Output(owner, token, wei(amount))));
  }

  /** An output whose exit started on L1, as plasma_getUtxos reports it. */
  private static UtxoResult exiting(UtxoPos pos, Address owner, Address token, BigInteger amount) {
    return new UtxoResult(
        pos, pos.blknum(), pos.txindex(), pos.oindex(), owner, token, amount, "exiting");
  }

  private static Optional<FeePayment> fee(Address token, long amount) {
    return Optional.of(new FeePayment(token, wei(amount)));
  }

  private static BigInteger wei(long amount) {
    return BigInteger.valueOf(amount);
  }
}
