package io.plasmanode.exitgame;

import static io.plasmanode.core.testing.TestKeys.ALICE;
import static io.plasmanode.core.testing.TestKeys.BOB;
import static io.plasmanode.core.testing.TestKeys.CAROL;
import static io.plasmanode.exitgame.ChainFixture.ETH;
import static io.plasmanode.exitgame.ChainFixture.T0;
import static io.plasmanode.exitgame.ChainFixture.commitment;
import static io.plasmanode.exitgame.ChainFixture.commitmentOfUnsigned;
import static io.plasmanode.exitgame.ChainFixture.deposit;
import static io.plasmanode.exitgame.ChainFixture.eth;
import static io.plasmanode.exitgame.ChainFixture.signedBytes;
import static io.plasmanode.exitgame.ChainFixture.txHash;
import static org.assertj.core.api.Assertions.assertThat;

import io.plasmanode.core.ledger.InMemoryUtxoSet;
import io.plasmanode.core.ledger.Utxo;
import io.plasmanode.core.tx.PaymentTransaction;
import io.plasmanode.core.tx.SignedTransaction;
import io.plasmanode.core.tx.TxCodec;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.validation.Rejection;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A watcher validating a block from a peer: fee claims at its end are valid, and each violation of
 * the claim rules is the operator's fault and an {@code invalid_block}; a signature a peer attaches
 * to a claim is not committed, so it is the peer's or the operator's.
 */
class FeeClaimBlockValidationTest {
  private static final long BLOCK = 2000;
  private static final Address CLAIMER = CAROL.address();

  private final InMemoryUtxoSet view = new InMemoryUtxoSet();
  private final BlockValidator validator = new BlockValidator(ChainFixture.CHECKER);

  /** Alice's 100 wei to Bob, 1 wei of fee. */
  private final PaymentTransaction paysFee =
      PaymentTransaction.transfer(List.of(deposit(view, 1, ALICE, 100)), List.of(eth(BOB, 99)));

  /** Bob passes on what he got in tx 0 of the block: no fee. */
  private final PaymentTransaction chained =
      PaymentTransaction.transfer(List.of(new UtxoPos(BLOCK, 0, 0)), List.of(eth(ALICE, 99)));

  @Test
  void validate_acceptsABlockEndingInItsFeeClaim() {
    PaymentTransaction claim = claim(BLOCK, 1);
    List<byte[]> txs = List.of(signedBytes(paysFee, ALICE), claimBytes(claim));

    var valid = (BlockValidation.Valid) validator.validate(commitment(BLOCK, txs), txs, view);

    assertThat(valid.transactions().get(1).signed().tx()).isEqualTo(claim);
    assertThat(valid.transactions().get(1).signers()).isEmpty();
    assertThat(valid.delta().created()).contains(new Utxo(new UtxoPos(BLOCK, 1, 0), eth(CAROL, 1)));
    assertThat(valid.spends()).extracting(SpendRecord::txIndex).containsOnly(0);
    assertThat(valid.txHashes().get(1)).isEqualTo(txHash(claim));
  }

  @Test
  void validate_rejectsAClaimExceedingTheFees_asTheOperatorsFault() {
    PaymentTransaction claim = claim(BLOCK, 2);
    List<byte[]> txs = List.of(signedBytes(paysFee, ALICE), claimBytes(claim));

    var result = validator.validate(commitment(BLOCK, txs), txs, view);

    assertInvalid(result, 1, claim, Rejection.FEE_CLAIM_EXCEEDS_FEES);
    var event = ((BlockValidation.InvalidTransaction) result).toEvent(T0);
    assertThat(event.type()).isEqualTo("invalid_block");
    assertThat(event.reason()).contains("fee_claim_exceeds_fees");
  }

  @Test
  void validate_rejectsAPaymentAfterTheClaims_evenAChainedOne_asTheOperatorsFault() {
    List<byte[]> txs =
        List.of(
            signedBytes(paysFee, ALICE), claimBytes(claim(BLOCK, 1)), signedBytes(chained, BOB));

    var result = validator.validate(commitment(BLOCK, txs), txs, view);

    assertInvalid(result, 2, chained, Rejection.FEE_CLAIM_NOT_LAST);
  }

  @Test
  void validate_rejectsASecondClaimOfTheToken_asTheOperatorsFault() {
    PaymentTransaction half =
        PaymentTransaction.feeClaim(BLOCK, ETH, ALICE.address(), BigInteger.ONE);
    List<byte[]> txs =
        List.of(signedBytes(paysFee, ALICE), claimBytes(claim(BLOCK, 1)), claimBytes(half));

    var result = validator.validate(commitment(BLOCK, txs), txs, view);

    assertInvalid(result, 2, half, Rejection.DUPLICATE_FEE_CLAIM);
  }

  @Test
  void validate_rejectsAClaimWithTheNonceOfAnotherBlock_asTheOperatorsFault() {
    PaymentTransaction replayed = claim(BLOCK - 1000, 1);
    List<byte[]> txs = List.of(signedBytes(paysFee, ALICE), claimBytes(replayed));

    var result = validator.validate(commitment(BLOCK, txs), txs, view);

    assertInvalid(result, 1, replayed, Rejection.INVALID_FEE_CLAIM_NONCE);
  }

  @Test
  void validate_rejectsASignatureAttachedToAClaim_asPeerOrOperator() {
    PaymentTransaction claim = claim(BLOCK, 1);
    var signature = ChainFixture.sign(paysFee, ALICE).signatures().get(0);
    byte[] signedClaim =
        BlockValidatorTest.prependSignatures(TxCodec.encode(claim), List.of(signature));
    List<byte[]> unsigned = List.of(TxCodec.encode(paysFee), TxCodec.encode(claim));
    List<byte[]> txs = List.of(signedBytes(paysFee, ALICE), signedClaim);

    var result = validator.validate(commitmentOfUnsigned(BLOCK, unsigned), txs, view);

    assertThat(result).isInstanceOf(BlockValidation.InvalidTransaction.class);
    var invalid = (BlockValidation.InvalidTransaction) result;
    assertThat(invalid.txIndex()).isEqualTo(1);
    assertThat(invalid.rejection()).isEqualTo(Rejection.MALFORMED_FEE_CLAIM);
    assertThat(invalid.blame()).isEqualTo(BlockValidation.Blame.PEER_OR_OPERATOR);
  }

  private static PaymentTransaction claim(long blknum, long amount) {
    return PaymentTransaction.feeClaim(blknum, ETH, CLAIMER, BigInteger.valueOf(amount));
  }

  private static byte[] claimBytes(PaymentTransaction claim) {
    return TxCodec.encodeSigned(new SignedTransaction(claim, List.of()));
  }

  private static void assertInvalid(
      BlockValidation result, int txIndex, PaymentTransaction tx, Rejection rejection) {
    assertThat(result).isInstanceOf(BlockValidation.InvalidTransaction.class);
    var invalid = (BlockValidation.InvalidTransaction) result;
    assertThat(invalid.txIndex()).isEqualTo(txIndex);
    assertThat(invalid.txHash()).isEqualTo(txHash(tx));
    assertThat(invalid.rejection()).isEqualTo(rejection);
    assertThat(invalid.blame()).isEqualTo(BlockValidation.Blame.OPERATOR);
  }
}
