package io.plasmanode.core.fees;

import static io.plasmanode.core.fees.FeeFixture.ALICE;
import static io.plasmanode.core.fees.FeeFixture.BOB;
import static io.plasmanode.core.fees.FeeFixture.DAI;
import static io.plasmanode.core.fees.FeeFixture.ETH;
import static io.plasmanode.core.fees.FeeFixture.OMG;
import static io.plasmanode.core.fees.FeeFixture.out;
import static io.plasmanode.core.fees.FeeFixture.payments;
import static io.plasmanode.core.fees.FeeFixture.transferOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plasmanode.core.tx.Output;
import io.plasmanode.core.tx.PaymentTransaction;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.validation.Rejection;
import io.plasmanode.core.validation.ValidationResult;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FeeRulesTest {
  private static final FeeTable ETH_10_OMG_3 = payments(ETH, 10, OMG, 3);
  private static final List<Output> ALICE_ETH_100 = List.of(out(ALICE, ETH, 100));

  @Test
  void isMerge_oneOwnerOneTokenFewerOutputs() {
    List<Output> spent = List.of(out(ALICE, ETH, 5), out(ALICE, ETH, 7), out(ALICE, ETH, 1));

    assertThat(FeeRules.isMerge(transferOf(spent, List.of(out(ALICE, ETH, 13))), spent)).isTrue();
    assertThat(FeeRules.isMerge(transferOf(spent, List.of(out(ALICE, ETH, 12))), spent))
        .as("a merge that leaves a surplus is still a merge")
        .isTrue();
    assertThat(
            FeeRules.isMerge(
                transferOf(spent, List.of(out(ALICE, ETH, 6), out(ALICE, ETH, 7))), spent))
        .isTrue();
  }

  @Test
  void isMerge_falseForOneOwnerButTwoTokens() {
    List<Output> spent = List.of(out(ALICE, ETH, 5), out(ALICE, OMG, 7));
    assertThat(FeeRules.isMerge(transferOf(spent, List.of(out(ALICE, ETH, 5))), spent)).isFalse();

    List<Output> eth = List.of(out(ALICE, ETH, 5), out(ALICE, ETH, 7));
    assertThat(FeeRules.isMerge(transferOf(eth, List.of(out(ALICE, OMG, 1))), eth))
        .as("the output in another token")
        .isFalse();
  }

  @Test
  void isMerge_falseForTheSameCountOfOutputs() {
    List<Output> spent = List.of(out(ALICE, ETH, 5), out(ALICE, ETH, 7));
    var twoOutputs = transferOf(spent, List.of(out(ALICE, ETH, 6), out(ALICE, ETH, 6)));
    assertThat(FeeRules.isMerge(twoOutputs, spent)).isFalse();
    assertThat(FeeRules.isMerge(transferOf(ALICE_ETH_100, ALICE_ETH_100), ALICE_ETH_100)).isFalse();
  }

  @Test
  void isMerge_falseForADifferentOwnerOnAnOutputOrAnInput() {
    List<Output> spent = List.of(out(ALICE, ETH, 5), out(ALICE, ETH, 7));
    assertThat(FeeRules.isMerge(transferOf(spent, List.of(out(BOB, ETH, 12))), spent)).isFalse();

    List<Output> twoOwners = List.of(out(ALICE, ETH, 5), out(BOB, ETH, 7));
    assertThat(FeeRules.isMerge(transferOf(twoOwners, List.of(out(ALICE, ETH, 12))), twoOwners))
        .isFalse();
  }

  @Test
  void check_acceptsTheExactFeeInEachListedToken() {
    assertPays(check(List.of(out(BOB, ETH, 90)), ETH_10_OMG_3), ETH, 10);

    List<Output> spent = List.of(out(ALICE, ETH, 100), out(ALICE, OMG, 50));
    var tx = transferOf(spent, List.of(out(BOB, ETH, 100), out(ALICE, OMG, 47)));
    assertPays(FeeRules.check(tx, spent, List.of(ETH_10_OMG_3)), OMG, 3);
  }

  @Test
  void check_rejectsNoSurplusAsFeesNotCovered() {
    var result = check(List.of(out(BOB, ETH, 60), out(ALICE, ETH, 40)), ETH_10_OMG_3);

    assertRejected(result, Rejection.FEES_NOT_COVERED);
    assertThat(result.toString()).contains("no fee is paid").contains("10");
  }

  @Test
  void check_rejectsASurplusInATokenNoTableListsAsFeesNotCovered() {
    List<Output> spent = List.of(out(ALICE, DAI, 100));
    var tx = transferOf(spent, List.of(out(BOB, DAI, 90)));

    var result = FeeRules.check(tx, spent, List.of(ETH_10_OMG_3));

    assertRejected(result, Rejection.FEES_NOT_COVERED);
    assertThat(result.toString()).contains(DAI.toString()).contains("not accepted");
  }

  @Test
  void check_rejectsLessThanTheFeeAsFeesNotCovered() {
    var result = check(List.of(out(BOB, ETH, 91)), ETH_10_OMG_3);

    assertRejected(result, Rejection.FEES_NOT_COVERED);
    assertThat(result.toString()).contains("pays 9").contains("the fee is 10");
  }

  @Test
  void check_rejectsMoreThanTheFeeAsOverpaying() {
    var result = check(List.of(out(BOB, ETH, 89)), ETH_10_OMG_3);

    assertRejected(result, Rejection.OVERPAYING_FEES);
    assertThat(result.toString()).contains("pays 11");
  }

  @Test
  void check_rejectsASurplusInTwoTokens() {
    List<Output> spent = List.of(out(ALICE, ETH, 100), out(ALICE, OMG, 50));
    var tx = transferOf(spent, List.of(out(BOB, ETH, 90), out(ALICE, OMG, 47)));

    var result = FeeRules.check(tx, spent, List.of(ETH_10_OMG_3));

    assertRejected(result, Rejection.MULTIPLE_POTENTIAL_CURRENCY_FEES);
  }

  @Test
  void check_ignoresATokenWhoseOutputsExceedTheInputs() {
    // The ledger rejects it (AMOUNTS_DO_NOT_ADD_UP); the fee is still the one positive surplus.
    var tx = transferOf(ALICE_ETH_100, List.of(out(BOB, ETH, 90), out(BOB, OMG, 1)));

    assertPays(FeeRules.check(tx, ALICE_ETH_100, List.of(ETH_10_OMG_3)), ETH, 10);
  }

  @Test
  void check_acceptsTheFeeOfAnyAcceptedTableDuringGrace() {
    List<FeeTable> accepted = List.of(payments(ETH, 20), payments(ETH, 10, OMG, 3));

    assertPays(check(List.of(out(BOB, ETH, 80)), accepted), ETH, 20);
    assertPays(check(List.of(out(BOB, ETH, 90)), accepted), ETH, 10);
    assertRejected(check(List.of(out(BOB, ETH, 85)), accepted), Rejection.FEES_NOT_COVERED);
    assertRejected(check(List.of(out(BOB, ETH, 95)), accepted), Rejection.FEES_NOT_COVERED);
    assertRejected(check(List.of(out(BOB, ETH, 75)), accepted), Rejection.OVERPAYING_FEES);
    List<Output> omg = List.of(out(ALICE, OMG, 5));
    assertPays(FeeRules.check(transferOf(omg, List.of(out(BOB, OMG, 2))), omg, accepted), OMG, 3);
    assertRejected(
        check(List.of(out(BOB, ETH, 90)), List.of(payments(ETH, 20))), Rejection.FEES_NOT_COVERED);
  }

  @Test
  void check_freeUnderNoneEvenWithAnySurplus() {
    List<Output> spent = List.of(out(ALICE, ETH, 100), out(ALICE, OMG, 50));
    var tx = transferOf(spent, List.of(out(BOB, ETH, 1), out(BOB, OMG, 1)));

    assertThat(FeeRules.check(tx, spent, List.of(FeeTable.NONE)).get()).isEmpty();
    assertThat(check(ALICE_ETH_100, FeeTable.NONE).get()).isEmpty();
    assertThat(FeeRules.check(tx, spent, List.of(ETH_10_OMG_3, FeeTable.NONE)).get())
        .as("fees just introduced: the old free table is still accepted")
        .isEmpty();
  }

  @Test
  void check_freeWhenTheTableDoesNotChargeTheType() {
    FeeTable claimsOnly =
        new FeeTable(
            Map.of(PaymentTransaction.TX_TYPE_FEE_CLAIM, Map.of(ETH, FeeFixture.spec(1, "ETH"))));

    assertThat(check(List.of(out(BOB, ETH, 100)), claimsOnly).get()).isEmpty();
  }

  @Test
  void check_mergesAreFree() {
    List<Output> spent = List.of(out(ALICE, OMG, 5), out(ALICE, OMG, 7));
    var merge = transferOf(spent, List.of(out(ALICE, OMG, 12)));

    assertThat(FeeRules.check(merge, spent, List.of(ETH_10_OMG_3)).get()).isEmpty();
    var notAMerge = transferOf(spent, List.of(out(BOB, OMG, 12)));
    assertRejected(
        FeeRules.check(notAMerge, spent, List.of(ETH_10_OMG_3)), Rejection.FEES_NOT_COVERED);
  }

  @Test
  void check_refusesWhatIsNotATransferOrMismatchedArguments() {
    var claim = PaymentTransaction.feeClaim(1000, ETH, ALICE, BigInteger.TEN);
    var deposit = PaymentTransaction.deposit(out(ALICE, ETH, 1));
    var tx = transferOf(ALICE_ETH_100, List.of(out(BOB, ETH, 90)));
    List<FeeTable> accepted = List.of(ETH_10_OMG_3);

    assertThatThrownBy(() -> FeeRules.check(claim, List.of(), accepted))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> FeeRules.check(deposit, List.of(), accepted))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> FeeRules.check(tx, List.of(), accepted))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("one spent output per input");
    assertThatThrownBy(() -> FeeRules.check(tx, ALICE_ETH_100, List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** Alice's 100 ETH into {@code outputs}, against {@code table}. */
  private static ValidationResult<Optional<FeePayment>> check(
      List<Output> outputs, FeeTable table) {
    return check(outputs, List.of(table));
  }

  private static ValidationResult<Optional<FeePayment>> check(
      List<Output> outputs, List<FeeTable> accepted) {
    return FeeRules.check(transferOf(ALICE_ETH_100, outputs), ALICE_ETH_100, accepted);
  }

  private static void assertPays(
      ValidationResult<Optional<FeePayment>> result, Address token, long amount) {
    assertThat(result.get()).contains(new FeePayment(token, BigInteger.valueOf(amount)));
  }

  private static void assertRejected(ValidationResult<?> result, Rejection reason) {
    assertThat(result)
        .isInstanceOfSatisfying(
            ValidationResult.Invalid.class,
            invalid -> assertThat(invalid.reason()).isEqualTo(reason));
  }
}
