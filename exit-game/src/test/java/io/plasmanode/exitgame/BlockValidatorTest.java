package io.plasmanode.exitgame;

import static io.plasmanode.core.testing.TestKeys.ALICE;
import static io.plasmanode.core.testing.TestKeys.BOB;
import static io.plasmanode.core.testing.TestKeys.CAROL;
import static io.plasmanode.exitgame.ChainFixture.T0;
import static io.plasmanode.exitgame.ChainFixture.commitment;
import static io.plasmanode.exitgame.ChainFixture.commitmentOfUnsigned;
import static io.plasmanode.exitgame.ChainFixture.deposit;
import static io.plasmanode.exitgame.ChainFixture.eth;
import static io.plasmanode.exitgame.ChainFixture.sign;
import static io.plasmanode.exitgame.ChainFixture.signedBytes;
import static io.plasmanode.exitgame.ChainFixture.txHash;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plasmanode.core.crypto.Keccak;
import io.plasmanode.core.l1.BlockCommitment;
import io.plasmanode.core.ledger.BlockApplier;
import io.plasmanode.core.ledger.InMemoryUtxoSet;
import io.plasmanode.core.ledger.UtxoDelta;
import io.plasmanode.core.merkle.MerkleTree;
import io.plasmanode.core.rlp.RlpWriter;
import io.plasmanode.core.tx.PaymentTransaction;
import io.plasmanode.core.tx.Signature;
import io.plasmanode.core.tx.SignatureShape;
import io.plasmanode.core.tx.SignedTransaction;
import io.plasmanode.core.tx.TxCodec;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Hash32;
import io.plasmanode.core.validation.Rejection;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

class BlockValidatorTest {
  private static final long BLOCK = 2000;

  private final BlockValidator validator = new BlockValidator(ChainFixture.CHECKER);
  private final InMemoryUtxoSet view = new InMemoryUtxoSet();
  private final UtxoPos aliceDeposit = deposit(view, 1, ALICE, 100);
  private final UtxoPos bobDeposit = deposit(view, 2, BOB, 50);

  private final PaymentTransaction aliceToBob =
      PaymentTransaction.transfer(List.of(aliceDeposit), List.of(eth(BOB, 60), eth(ALICE, 39)));

  /** Spends output 0 of tx 0 (created in the same block) and bob's deposit. */
  private final PaymentTransaction bobToCarol =
      PaymentTransaction.transfer(
          List.of(new UtxoPos(BLOCK, 0, 0), bobDeposit), List.of(eth(CAROL, 110)));

  @Test
  void validate_acceptsValidBlock_withCoreDeltaAndOneSpendPerInput() {
    SignedTransaction first = sign(aliceToBob, ALICE);
    SignedTransaction second = sign(bobToCarol, BOB, BOB);
    List<byte[]> txs = List.of(TxCodec.encodeSigned(first), TxCodec.encodeSigned(second));

    var valid = (BlockValidation.Valid) validator.validate(commitment(BLOCK, txs), txs, view);

    assertThat(valid.blknum()).isEqualTo(BLOCK);
    assertThat(valid.transactions()).extracting(vtx -> vtx.signed()).containsExactly(first, second);
    assertThat(valid.delta())
        .isEqualTo(BlockApplier.apply(view, BLOCK, valid.transactions()).get());
    assertThat(valid.delta().spent())
        .containsExactly(aliceDeposit, new UtxoPos(BLOCK, 0, 0), bobDeposit);
    assertThat(valid.spends())
        .containsExactly(
            new SpendRecord(aliceDeposit, aliceToBob, 0, first.signatures().get(0), BLOCK, 0),
            new SpendRecord(
                new UtxoPos(BLOCK, 0, 0), bobToCarol, 0, second.signatures().get(0), BLOCK, 1),
            new SpendRecord(bobDeposit, bobToCarol, 1, second.signatures().get(1), BLOCK, 1));
    // What storing the block needs, so it re-encodes nothing.
    assertThat(valid.signedTxs()).containsExactlyElementsOf(txs);
    assertThat(valid.txHashes())
        .containsExactly(
            Keccak.keccak256(TxCodec.encode(aliceToBob)),
            Keccak.keccak256(TxCodec.encode(bobToCarol)));
    assertThat(MerkleTree.fromLeaves(valid.leaves()).root())
        .isEqualTo(
            MerkleTree.of(List.of(TxCodec.encode(aliceToBob), TxCodec.encode(bobToCarol))).root());
  }

  @Test
  void validate_acceptsEmptyBlock() {
    var result = validator.validate(commitmentOfUnsigned(BLOCK, List.of()), List.of(), view);

    assertThat(result)
        .isEqualTo(
            new BlockValidation.Valid(
                BLOCK, List.of(), emptyDelta(), List.of(), List.of(), List.of(), List.of()));
  }

  @Test
  void validate_comparesOnlyTheHigh224BitsOfTheRoot() {
    List<byte[]> txs = List.of(signedBytes(aliceToBob, ALICE));
    BlockCommitment committed = commitment(BLOCK, txs);
    byte[] withTimestamp = committed.rootHigh224().toArray();
    withTimestamp[31] = 0x7f;
    var onL1 = new BlockCommitment(BLOCK, Hash32.of(withTimestamp), T0);

    assertThat(validator.validate(onL1, txs, view)).isInstanceOf(BlockValidation.Valid.class);
  }

  @Test
  void validate_acceptsSpendOfAnOutputExitingOnL1() {
    view.markExiting(aliceDeposit);
    List<byte[]> txs = List.of(signedBytes(aliceToBob, ALICE));

    var valid = (BlockValidation.Valid) validator.validate(commitment(BLOCK, txs), txs, view);

    assertThat(valid.delta().spent()).containsExactly(aliceDeposit);
  }

  @Test
  void validate_reportsRootMismatch_whenATransactionIsMissing() {
    List<byte[]> txs = List.of(signedBytes(aliceToBob, ALICE), signedBytes(bobToCarol, BOB, BOB));
    BlockCommitment committed = commitment(BLOCK, txs);

    var result = validator.validate(committed, txs.subList(0, 1), view);

    assertThat(result).isInstanceOf(BlockValidation.RootMismatch.class);
    assertThat(((BlockValidation.RootMismatch) result).detail()).contains("L1 committed");
  }

  @Test
  void validate_reportsRootMismatch_whenTransactionsAreReordered() {
    PaymentTransaction other =
        PaymentTransaction.transfer(List.of(bobDeposit), List.of(eth(CAROL, 50)));
    List<byte[]> txs = List.of(signedBytes(aliceToBob, ALICE), signedBytes(other, BOB));

    var result = validator.validate(commitment(BLOCK, txs), txs.reversed(), view);

    assertThat(result).isInstanceOf(BlockValidation.RootMismatch.class);
  }

  @Test
  void validate_reportsRootMismatch_forBytesThatAreNotASignedTransactionList() {
    List<byte[]> txs = List.of(new byte[] {(byte) 0x83, 1, 2, 3});

    var result = validator.validate(commitmentOfUnsigned(BLOCK, List.of()), txs, view);

    assertThat(result).isInstanceOf(BlockValidation.RootMismatch.class);
    assertThat(((BlockValidation.RootMismatch) result).detail()).contains("tx 0");
  }

  @Test
  void validate_rejectsDoubleSpendWithinTheBlock() {
    PaymentTransaction again =
        PaymentTransaction.transfer(List.of(aliceDeposit), List.of(eth(CAROL, 100)));
    List<byte[]> txs = List.of(signedBytes(aliceToBob, ALICE), signedBytes(again, ALICE));

    var result = validator.validate(commitment(BLOCK, txs), txs, view);

    assertInvalid(result, 1, txHash(again), Rejection.DOUBLE_SPEND, BlockValidation.Blame.OPERATOR);
  }

  @Test
  void validate_rejectsSpendOfAnOutputSpentInAnEarlierBlock() {
    view.apply(new UtxoDelta(List.of(aliceDeposit), List.of()));
    List<byte[]> txs = List.of(signedBytes(aliceToBob, ALICE));

    var result = validator.validate(commitment(BLOCK, txs), txs, view);

    assertInvalid(
        result, 0, txHash(aliceToBob), Rejection.DOUBLE_SPEND, BlockValidation.Blame.OPERATOR);
  }

  @Test
  void validate_rejectsUnknownInput() {
    PaymentTransaction fromNowhere =
        PaymentTransaction.transfer(List.of(new UtxoPos(3, 0, 0)), List.of(eth(ALICE, 1)));
    List<byte[]> txs = List.of(signedBytes(fromNowhere, ALICE));

    var result = validator.validate(commitment(BLOCK, txs), txs, view);

    assertInvalid(
        result, 0, txHash(fromNowhere), Rejection.UTXO_NOT_FOUND, BlockValidation.Blame.OPERATOR);
  }

  @Test
  void validate_rejectsOutputsAboveInputs() {
    PaymentTransaction inflating =
        PaymentTransaction.transfer(List.of(aliceDeposit), List.of(eth(BOB, 101)));
    List<byte[]> txs = List.of(signedBytes(inflating, ALICE));

    var result = validator.validate(commitment(BLOCK, txs), txs, view);

    assertInvalid(
        result,
        0,
        txHash(inflating),
        Rejection.AMOUNTS_DO_NOT_ADD_UP,
        BlockValidation.Blame.OPERATOR);
  }

  @Test
  void validate_rejectsDepositTransactionInAChildBlock() {
    PaymentTransaction minted = PaymentTransaction.deposit(eth(BOB, 1_000));
    List<byte[]> txs = List.of(signedBytes(minted));

    var result = validator.validate(commitment(BLOCK, txs), txs, view);

    assertInvalid(
        result, 0, txHash(minted), Rejection.DEPOSIT_NOT_ALLOWED, BlockValidation.Blame.OPERATOR);
  }

  @Test
  void validate_rejectsMalformedCommittedTransaction_asTheOperatorsFault() {
    byte[] unsigned = TxCodec.encode(aliceToBob);
    byte[] wrongType = unsigned.clone();
    wrongType[headerLength(unsigned)] = 0x02; // txType 1 -> 2
    Signature signature = sign(aliceToBob, ALICE).signatures().get(0);
    byte[] signed = prependSignatures(wrongType, List.of(signature));

    var result =
        validator.validate(commitmentOfUnsigned(BLOCK, List.of(wrongType)), List.of(signed), view);

    assertInvalid(
        result,
        0,
        Keccak.keccak256(wrongType),
        Rejection.WRONG_TX_TYPE,
        BlockValidation.Blame.OPERATOR);
  }

  @Test
  void validate_rejectsSignatureByAnotherKey_asPeerOrOperator() {
    List<byte[]> txs = List.of(signedBytes(aliceToBob, BOB));

    var result = validator.validate(commitment(BLOCK, txs), txs, view);

    assertInvalid(
        result,
        0,
        txHash(aliceToBob),
        Rejection.UNAUTHORIZED_SPEND,
        BlockValidation.Blame.PEER_OR_OPERATOR);
  }

  @Test
  void validate_rejectsInvalidSignature_asPeerOrOperator() {
    Signature good = sign(aliceToBob, ALICE).signatures().get(0);
    Signature badV = Signature.of(good.r(), good.s(), 29);
    byte[] signed = TxCodec.encodeSigned(new SignedTransaction(aliceToBob, List.of(badV)));
    List<byte[]> txs = List.of(signed);

    var result = validator.validate(committedAliceToBob(), txs, view);

    assertInvalid(
        result,
        0,
        txHash(aliceToBob),
        Rejection.INVALID_SIGNATURE,
        BlockValidation.Blame.PEER_OR_OPERATOR);
  }

  @Test
  void validate_rejectsHighSSignature_asPeerOrOperator() {
    Signature good = sign(aliceToBob, ALICE).signatures().get(0);
    BigInteger highS = SignatureShape.SECP256K1_N.subtract(new BigInteger(1, good.s()));
    Signature flipped = Signature.of(good.r(), word(highS), 55 - good.v());
    byte[] signed = TxCodec.encodeSigned(new SignedTransaction(aliceToBob, List.of(flipped)));
    List<byte[]> txs = List.of(signed);

    var result = validator.validate(committedAliceToBob(), txs, view);

    assertInvalid(
        result,
        0,
        txHash(aliceToBob),
        Rejection.HIGH_S_SIGNATURE,
        BlockValidation.Blame.PEER_OR_OPERATOR);
  }

  @Test
  void validate_rejectsMissingSignature_asPeerOrOperator() {
    byte[] unsigned = TxCodec.encode(aliceToBob);
    byte[] signed = prependSignatures(unsigned, List.of());

    var result =
        validator.validate(commitmentOfUnsigned(BLOCK, List.of(unsigned)), List.of(signed), view);

    assertInvalid(
        result,
        0,
        txHash(aliceToBob),
        Rejection.SIGNATURE_COUNT_MISMATCH,
        BlockValidation.Blame.PEER_OR_OPERATOR);
  }

  @Test
  void validate_reportsCommittedFaultOfALaterTx_beforeASignatureFaultOfAnEarlierOne() {
    PaymentTransaction again =
        PaymentTransaction.transfer(List.of(aliceDeposit), List.of(eth(CAROL, 100)));
    List<byte[]> txs = List.of(signedBytes(aliceToBob, BOB), signedBytes(again, ALICE));

    var result = validator.validate(commitment(BLOCK, txs), txs, view);

    assertInvalid(result, 1, txHash(again), Rejection.DOUBLE_SPEND, BlockValidation.Blame.OPERATOR);
  }

  @Test
  void validate_refusesDepositBlockNumbers() {
    assertThatThrownBy(
            () -> validator.validate(commitmentOfUnsigned(1001, List.of()), List.of(), view))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void invalidTransaction_toEvent_isAnInvalidBlockEventTellingUsersToExit() {
    PaymentTransaction inflating =
        PaymentTransaction.transfer(List.of(aliceDeposit), List.of(eth(BOB, 101)));
    List<byte[]> txs = List.of(signedBytes(inflating, ALICE));
    var invalid =
        (BlockValidation.InvalidTransaction) validator.validate(commitment(BLOCK, txs), txs, view);

    ByzantineEvent.InvalidBlock event = invalid.toEvent(T0);

    assertThat(event)
        .isEqualTo(
            new ByzantineEvent.InvalidBlock(
                BLOCK,
                0,
                txHash(inflating),
                Rejection.AMOUNTS_DO_NOT_ADD_UP,
                invalid.detail(),
                T0));
    assertThat(event.type()).isEqualTo("invalid_block");
    assertThat(event.action()).isEqualTo(ByzantineEvent.Action.EXIT);
    assertThat(event.reason()).contains("amounts_do_not_add_up").contains("block 2000");
  }

  private static void assertInvalid(
      BlockValidation result,
      int txIndex,
      Hash32 txHash,
      Rejection rejection,
      BlockValidation.Blame blame) {
    assertThat(result).isInstanceOf(BlockValidation.InvalidTransaction.class);
    var invalid = (BlockValidation.InvalidTransaction) result;
    assertThat(invalid.blknum()).isEqualTo(BLOCK);
    assertThat(invalid.txIndex()).isEqualTo(txIndex);
    assertThat(invalid.txHash()).isEqualTo(txHash);
    assertThat(invalid.rejection()).isEqualTo(rejection);
    assertThat(invalid.blame()).isEqualTo(blame);
  }

  private BlockCommitment committedAliceToBob() {
    return commitmentOfUnsigned(BLOCK, List.of(TxCodec.encode(aliceToBob)));
  }

  private static UtxoDelta emptyDelta() {
    return new UtxoDelta(List.of(), List.of());
  }

  /** The RLP list header's length of an encoded list. */
  static int headerLength(byte[] list) {
    int prefix = list[0] & 0xff;
    return prefix <= 0xf7 ? 1 : 1 + prefix - 0xf7;
  }

  /** {@code RLP[sigs, fields of unsigned...]}, the fields copied as they are. */
  static byte[] prependSignatures(byte[] unsigned, List<Signature> signatures) {
    byte[] fields = java.util.Arrays.copyOfRange(unsigned, headerLength(unsigned), unsigned.length);
    return RlpWriter.list(
            RlpWriter.list(signatures.stream().map(s -> RlpWriter.bytes(s.toArray())).toList()),
            RlpWriter.encoded(fields))
        .encode();
  }

  private static byte[] word(BigInteger value) {
    byte[] word = new byte[32];
    byte[] magnitude = value.toByteArray();
    int start = magnitude.length > 32 ? magnitude.length - 32 : 0;
    System.arraycopy(
        magnitude, start, word, 32 - (magnitude.length - start), magnitude.length - start);
    return word;
  }
}
