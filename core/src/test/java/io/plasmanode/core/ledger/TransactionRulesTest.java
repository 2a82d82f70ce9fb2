package io.plasmanode.core.ledger;

import static io.plasmanode.core.ledger.LedgerFixture.ALICE;
import static io.plasmanode.core.ledger.LedgerFixture.BOB;
import static io.plasmanode.core.ledger.LedgerFixture.CAROL;
import static io.plasmanode.core.ledger.LedgerFixture.ETH;
import static io.plasmanode.core.ledger.LedgerFixture.TOKEN;
import static io.plasmanode.core.ledger.LedgerFixture.deposit;
import static io.plasmanode.core.ledger.LedgerFixture.output;
import static io.plasmanode.core.ledger.LedgerFixture.setWith;
import static io.plasmanode.core.ledger.LedgerFixture.transfer;
import static org.assertj.core.api.Assertions.assertThat;

import io.plasmanode.core.tx.Output;
import io.plasmanode.core.tx.PaymentTransaction;
import io.plasmanode.core.tx.SignedTransaction;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.validation.Rejection;
import io.plasmanode.core.validation.ValidationResult;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TransactionRulesTest {
  private static final UtxoPos D1 = deposit(1);
  private static final UtxoPos D2 = deposit(2);
  private final InMemoryUtxoSet set =
      setWith(new Utxo(D1, output(ALICE, ETH, 100)), new Utxo(D2, output(ALICE, TOKEN, 50)));

  @Test
  void check_acceptsExactSpendWithoutFee() {
    var result = TransactionRules.check(set, transfer(List.of(D1), pay(BOB, ETH, 100), signers()));

    assertThat(result.get()).containsExactly(Map.entry(ETH, BigInteger.ZERO));
  }

  @Test
  void check_returnsFeePerTokenAsTheDifference() {
    var tx =
        transfer(
            List.of(D1, D2),
            List.of(output(BOB, ETH, 90), output(CAROL, TOKEN, 50)),
            List.of(ALICE, ALICE));

    assertThat(TransactionRules.check(set, tx).get())
        .containsOnly(Map.entry(ETH, BigInteger.TEN), Map.entry(TOKEN, BigInteger.ZERO));
  }

  @Test
  void check_rejectsUnknownInput() {
    var tx = transfer(List.of(deposit(3)), pay(BOB, ETH, 1), signers());

    assertRejected(TransactionRules.check(set, tx), Rejection.UTXO_NOT_FOUND);
  }

  @Test
  void check_rejectsSpentInput() {
    set.apply(new UtxoDelta(List.of(D1), List.of()));

    var tx = transfer(List.of(D1), pay(BOB, ETH, 1), signers());

    assertRejected(TransactionRules.check(set, tx), Rejection.DOUBLE_SPEND);
  }

  @Test
  void check_rejectsExitingInput() {
    assertThat(set.markExiting(D1)).isTrue();

    var tx = transfer(List.of(D1), pay(BOB, ETH, 1), signers());

    assertRejected(TransactionRules.check(set, tx), Rejection.UTXO_EXITING);
  }

  @Test
  void check_rejectsInputSignedBySomeoneElse() {
    var tx = transfer(List.of(D1), pay(BOB, ETH, 1), List.of(BOB));

    assertRejected(TransactionRules.check(set, tx), Rejection.UNAUTHORIZED_SPEND);
  }

  @Test
  void check_rejectsSecondInputSignedBySomeoneElse() {
    var tx = transfer(List.of(D1, D2), pay(BOB, ETH, 1), List.of(ALICE, CAROL));

    var result = TransactionRules.check(set, tx);

    assertRejected(result, Rejection.UNAUTHORIZED_SPEND);
    assertThat(result.toString()).contains("input 1");
  }

  @Test
  void check_rejectsOutputsAboveInputs() {
    var tx = transfer(List.of(D1), pay(BOB, ETH, 101), signers());

    assertRejected(TransactionRules.check(set, tx), Rejection.AMOUNTS_DO_NOT_ADD_UP);
  }

  @Test
  void check_rejectsOutputInATokenNoInputHolds() {
    var tx =
        transfer(List.of(D1), List.of(output(BOB, ETH, 10), output(BOB, TOKEN, 1)), List.of(ALICE));

    assertRejected(TransactionRules.check(set, tx), Rejection.AMOUNTS_DO_NOT_ADD_UP);
  }

  @Test
  void check_rejectsDeposit() {
    var deposit =
        new VerifiedTransaction(
            new SignedTransaction(PaymentTransaction.deposit(output(ALICE, ETH, 1)), List.of()),
            List.of());

    assertRejected(TransactionRules.check(set, deposit), Rejection.DEPOSIT_NOT_ALLOWED);
  }

  @Test
  void check_rejectsFeeClaim() {
    var claim =
        VerifiedTransaction.feeClaim(
            PaymentTransaction.feeClaim(1000, ETH, ALICE, BigInteger.valueOf(100)));

    var result = TransactionRules.check(set, claim);

    assertRejected(result, Rejection.FEE_CLAIM_NOT_ALLOWED);
    assertThat(result.toString()).contains("only the operator claims fees");
    assertRejected(TransactionRules.submitted(claim.signed()), Rejection.FEE_CLAIM_NOT_ALLOWED);
    SignedTransaction payment = transfer(List.of(D1), pay(BOB, ETH, 1), signers()).signed();
    assertThat(TransactionRules.submitted(payment).get()).isEqualTo(payment);
  }

  @Test
  void markExiting_ignoresSpentAndUnknownOutputs() {
    set.apply(new UtxoDelta(List.of(D1), List.of()));

    assertThat(set.markExiting(D1)).isFalse();
    assertThat(set.markExiting(deposit(9))).isFalse();
    assertThat(set.status(D1)).isEqualTo(UtxoStatus.SPENT);
  }

  private static List<Output> pay(Address to, Address token, long amount) {
    return List.of(output(to, token, amount));
  }

  private static List<Address> signers() {
    return List.of(ALICE);
  }

  static void assertRejected(ValidationResult<?> result, Rejection reason) {
    assertThat(result)
        .isInstanceOfSatisfying(
            ValidationResult.Invalid.class,
            invalid -> assertThat(invalid.reason()).isEqualTo(reason));
  }
}
