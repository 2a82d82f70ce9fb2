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
import static io.plasmanode.core.ledger.TransactionRulesTest.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plasmanode.core.tx.PaymentTransaction;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.validation.Rejection;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The block rules of fee claims (txType 3) in {@link PendingBlock} and {@link BlockApplier}. */
class FeeClaimBlockTest {
  private static final long BLKNUM = 1000;
  private static final Address CLAIMER = LedgerFixture.address(0xfe);
  private static final UtxoPos D1 = deposit(1);
  private static final UtxoPos D2 = deposit(2);
  private static final UtxoPos D3 = deposit(3);
  private final InMemoryUtxoSet base =
      setWith(
          new Utxo(D1, output(ALICE, ETH, 100)),
          new Utxo(D2, output(ALICE, TOKEN, 50)),
          new Utxo(D3, output(BOB, ETH, 30)));

  /** Pays 3 ETH of fee. */
  private static final VerifiedTransaction PAYS_3_ETH =
      transfer(List.of(D1), List.of(output(BOB, ETH, 97)), List.of(ALICE));

  /** Pays 2 ETH and 1 TOKEN of fee (a block may collect from such a transaction). */
  private static final VerifiedTransaction PAYS_2_ETH_1_TOKEN =
      transfer(
          List.of(D3, D2),
          List.of(output(CAROL, ETH, 28), output(CAROL, TOKEN, 49)),
          List.of(BOB, ALICE));

  /** Pays no fee. */
  private static final VerifiedTransaction FREE =
      transfer(List.of(D3), List.of(output(CAROL, ETH, 30)), List.of(BOB));

  @Test
  void collectedFees_sumPerTokenOverPaymentsSortedAndWithoutZeros() {
    PendingBlock block = blockWith(PAYS_3_ETH, PAYS_2_ETH_1_TOKEN);

    assertThat(block.collectedFees()).containsExactly(fee(ETH, 5), fee(TOKEN, 1));
    assertThat(blockWith(FREE).collectedFees()).isEmpty();
    assertThat(new PendingBlock(base, BLKNUM).collectedFees()).isEmpty();
  }

  @Test
  void feeClaims_oneClaimPerTokenSortedByTokenPayingAllToTheClaimer() {
    PendingBlock block = blockWith(PAYS_3_ETH, PAYS_2_ETH_1_TOKEN);

    assertThat(block.feeClaims(CLAIMER))
        .containsExactly(
            PaymentTransaction.feeClaim(BLKNUM, ETH, CLAIMER, BigInteger.valueOf(5)),
            PaymentTransaction.feeClaim(BLKNUM, TOKEN, CLAIMER, BigInteger.ONE));
    assertThat(blockWith(FREE).feeClaims(CLAIMER)).isEmpty();
  }

  @Test
  void add_includesClaimsAfterThePaymentsAsOrdinaryOutputs() {
    PendingBlock block = blockWith(PAYS_3_ETH, PAYS_2_ETH_1_TOKEN);
    List<PaymentTransaction> claims = block.feeClaims(CLAIMER);

    var first = block.add(VerifiedTransaction.feeClaim(claims.get(0)));
    var second = block.add(VerifiedTransaction.feeClaim(claims.get(1)));

    assertThat(first.get()).isEqualTo(new PendingBlock.Inclusion(BLKNUM, 2, Map.of()));
    assertThat(second.get().txindex()).isEqualTo(3);
    assertThat(block.status(new UtxoPos(BLKNUM, 2, 0)))
        .isEqualTo(new UtxoStatus.Unspent(output(CLAIMER, ETH, 5)));
    assertThat(block.delta().created())
        .contains(new Utxo(new UtxoPos(BLKNUM, 3, 0), output(CLAIMER, TOKEN, 1)));
    assertThat(block.collectedFees())
        .as("claims are not subtracted")
        .containsEntry(ETH, BigInteger.valueOf(5));
  }

  @Test
  void add_acceptsAClaimOfLessThanTheFees() {
    PendingBlock block = blockWith(PAYS_3_ETH);

    var claim = block.add(claim(BLKNUM, ETH, 2));

    assertThat(claim.isValid()).isTrue();
  }

  @Test
  void add_rejectsAPaymentAfterAClaim() {
    PendingBlock block = blockWith(PAYS_3_ETH);
    block.add(claim(BLKNUM, ETH, 3));

    var payment = block.add(FREE);

    assertRejected(payment, Rejection.FEE_CLAIM_NOT_LAST);
    assertThat(block.size()).isEqualTo(2);
    assertThat(block.status(D3)).isInstanceOf(UtxoStatus.Unspent.class);
  }

  @Test
  void add_rejectsSpendingAClaimInItsOwnBlock() {
    PendingBlock block = blockWith(PAYS_3_ETH);
    block.add(claim(BLKNUM, ETH, 3));
    var spendsClaim =
        transfer(
            List.of(new UtxoPos(BLKNUM, 1, 0)), List.of(output(BOB, ETH, 3)), List.of(CLAIMER));

    assertRejected(block.add(spendsClaim), Rejection.FEE_CLAIM_NOT_LAST);
  }

  @Test
  void add_rejectsASecondClaimOfTheSameToken() {
    PendingBlock block = blockWith(PAYS_3_ETH);
    block.add(claim(BLKNUM, ETH, 1));

    var second = block.add(claim(BLKNUM, ETH, 2));

    assertRejected(second, Rejection.DUPLICATE_FEE_CLAIM);
    assertThat(block.size()).isEqualTo(2);
  }

  @Test
  void add_rejectsAClaimExceedingTheFees() {
    PendingBlock block = blockWith(PAYS_3_ETH, PAYS_2_ETH_1_TOKEN);

    assertRejected(block.add(claim(BLKNUM, ETH, 6)), Rejection.FEE_CLAIM_EXCEEDS_FEES);
    assertRejected(block.add(claim(BLKNUM, TOKEN, 2)), Rejection.FEE_CLAIM_EXCEEDS_FEES);
    assertThat(block.size()).isEqualTo(2);
  }

  @Test
  void add_rejectsAClaimWhereNoFeesWereCollected() {
    assertRejected(
        new PendingBlock(base, BLKNUM).add(claim(BLKNUM, ETH, 1)),
        Rejection.FEE_CLAIM_EXCEEDS_FEES);
    assertRejected(blockWith(FREE).add(claim(BLKNUM, ETH, 1)), Rejection.FEE_CLAIM_EXCEEDS_FEES);
    assertRejected(
        blockWith(PAYS_3_ETH).add(claim(BLKNUM, TOKEN, 1)), Rejection.FEE_CLAIM_EXCEEDS_FEES);
  }

  @Test
  void add_rejectsAClaimWithTheNonceOfAnotherBlockOrToken() {
    PendingBlock block = blockWith(PAYS_3_ETH, PAYS_2_ETH_1_TOKEN);
    var otherBlock = claim(2 * BLKNUM, ETH, 1);
    var otherToken =
        VerifiedTransaction.feeClaim(
            new PaymentTransaction(
                PaymentTransaction.TX_TYPE_FEE_CLAIM,
                List.of(),
                List.of(output(CLAIMER, ETH, 1)),
                PaymentTransaction.feeClaimNonce(BLKNUM, TOKEN)));

    assertRejected(block.add(otherBlock), Rejection.INVALID_FEE_CLAIM_NONCE);
    assertRejected(block.add(otherToken), Rejection.INVALID_FEE_CLAIM_NONCE);
    assertThat(block.size()).isEqualTo(2);
  }

  @Test
  void claimOutput_isSpentByItsClaimerInALaterBlock() {
    PendingBlock block = blockWith(PAYS_3_ETH);
    block.add(claim(BLKNUM, ETH, 3));
    base.apply(block.delta());
    UtxoPos claimed = new UtxoPos(BLKNUM, 1, 0);
    PendingBlock next = new PendingBlock(base, 2 * BLKNUM);

    var byOther = transfer(List.of(claimed), List.of(output(BOB, ETH, 3)), List.of(BOB));
    var byClaimer = transfer(List.of(claimed), List.of(output(BOB, ETH, 3)), List.of(CLAIMER));

    assertRejected(next.add(byOther), Rejection.UNAUTHORIZED_SPEND);
    assertThat(next.add(byClaimer).isValid()).isTrue();
  }

  @Test
  void blockApplier_rejectsEachClaimViolationNamingTheTransaction() {
    var claim = claim(BLKNUM, ETH, 3);

    var notLast = BlockApplier.apply(base, BLKNUM, List.of(PAYS_3_ETH, claim, FREE));
    var duplicate = BlockApplier.apply(base, BLKNUM, List.of(PAYS_3_ETH, claim, claim));
    var exceeds = BlockApplier.apply(base, BLKNUM, List.of(FREE, claim));
    var nonce = BlockApplier.apply(base, 2 * BLKNUM, List.of(PAYS_3_ETH, claim));

    assertRejected(notLast, Rejection.FEE_CLAIM_NOT_LAST);
    assertThat(notLast.toString()).contains("tx 2 of block 1000");
    assertRejected(duplicate, Rejection.DUPLICATE_FEE_CLAIM);
    assertRejected(exceeds, Rejection.FEE_CLAIM_EXCEEDS_FEES);
    assertThat(exceeds.toString()).contains("tx 1 of block 1000");
    assertRejected(nonce, Rejection.INVALID_FEE_CLAIM_NONCE);
  }

  @Test
  void blockApplier_acceptsABlockEndingInItsClaimsAndReplaysToTheSameDelta() {
    PendingBlock block = blockWith(PAYS_3_ETH, PAYS_2_ETH_1_TOKEN);
    block.feeClaims(CLAIMER).forEach(c -> block.add(VerifiedTransaction.feeClaim(c)));

    var replayed = BlockApplier.apply(base, BLKNUM, block.transactions());

    assertThat(block.size()).isEqualTo(4);
    assertThat(replayed.get()).isEqualTo(block.delta());
  }

  @Test
  void feeClaim_refusesAPaymentTransaction() {
    PaymentTransaction payment = PAYS_3_ETH.signed().tx();
    assertThatThrownBy(() -> VerifiedTransaction.feeClaim(payment))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not a fee claim");
  }

  private PendingBlock blockWith(VerifiedTransaction... payments) {
    PendingBlock block = new PendingBlock(base, BLKNUM);
    for (VerifiedTransaction payment : payments) {
      assertThat(block.add(payment).isValid()).as("payment %s", payment).isTrue();
    }
    return block;
  }

  private static VerifiedTransaction claim(long blknum, Address token, long amount) {
    return VerifiedTransaction.feeClaim(
        PaymentTransaction.feeClaim(blknum, token, CLAIMER, BigInteger.valueOf(amount)));
  }

  private static Map.Entry<Address, BigInteger> fee(Address token, long amount) {
    return Map.entry(token, BigInteger.valueOf(amount));
  }
}
