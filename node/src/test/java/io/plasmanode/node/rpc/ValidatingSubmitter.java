package io.plasmanode.node.rpc;

import io.plasmanode.core.crypto.BouncyCastleSignerRecovery;
import io.plasmanode.core.crypto.Keccak;
import io.plasmanode.core.eip712.Eip712Domain;
import io.plasmanode.core.eip712.SignatureChecker;
import io.plasmanode.core.ledger.PendingBlock;
import io.plasmanode.core.ledger.VerifiedTransaction;
import io.plasmanode.core.tx.SignedTransaction;
import io.plasmanode.core.tx.TxCodec;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Hash32;
import io.plasmanode.core.validation.Rejection;
import io.plasmanode.core.validation.ValidationResult;
import io.plasmanode.node.api.SubmitResult;
import io.plasmanode.node.api.TransactionSubmitter;
import io.plasmanode.storage.chain.ChainStore;
import io.plasmanode.storage.chain.StoredBlock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A test operator built from core's rules: decodes with {@link TxCodec}, recovers signers with
 * {@link SignatureChecker} and appends to a {@link PendingBlock} over the {@link ChainStore}, so
 * every rejection the API reports is a real core rejection. {@link #closeBlock} stores the open
 * block as the producer will.
 */
final class ValidatingSubmitter implements TransactionSubmitter {
  private final ChainStore store;
  private final SignatureChecker checker;
  private PendingBlock open;

  ValidatingSubmitter(ChainStore store, Eip712Domain domain) {
    this.store = store;
    this.checker = new SignatureChecker(domain, new BouncyCastleSignerRecovery());
    this.open = new PendingBlock(store, store.height() + UtxoPos.CHILD_BLOCK_INTERVAL);
  }

  @Override
  public synchronized SubmitResult submit(byte[] signedTxBytes) {
    if (open.isFull()) {
      return new SubmitResult.Rejected(
          Rejection.BLOCK_TOO_LARGE, "block " + open.blknum() + " is full");
    }
    ValidationResult<VerifiedTransaction> verified =
        TxCodec.decodeSigned(signedTxBytes).flatMap(this::verify);
    return switch (verified.flatMap(open::add)) {
      case ValidationResult.Valid<PendingBlock.Inclusion> valid ->
          new SubmitResult.Accepted(
              txHashOf(verified.get().signed()), valid.value().blknum(), valid.value().txindex());
      case ValidationResult.Invalid<PendingBlock.Inclusion> invalid ->
          new SubmitResult.Rejected(invalid.reason(), invalid.detail());
    };
  }

  @Override
  public synchronized List<SubmitResult> submitAll(List<byte[]> signedTxBytes) {
    List<SubmitResult> results = new ArrayList<>(signedTxBytes.size());
    signedTxBytes.forEach(bytes -> results.add(submit(bytes)));
    return results;
  }

  /** Stores the open block (closed at {@code closedAt}) and opens the next one. */
  synchronized StoredBlock closeBlock(Instant closedAt) {
    List<SignedTransaction> signed =
        open.transactions().stream().map(VerifiedTransaction::signed).toList();
    StoredBlock block = StoredBlock.of(open.blknum(), signed, closedAt);
    store.commitBlock(block, open.delta());
    open = new PendingBlock(store, block.blknum() + UtxoPos.CHILD_BLOCK_INTERVAL);
    return block;
  }

  synchronized int mempoolSize() {
    return open.size();
  }

  synchronized long openBlock() {
    return open.blknum();
  }

  private ValidationResult<VerifiedTransaction> verify(SignedTransaction signed) {
    return checker.recoverSigners(signed).map(signers -> new VerifiedTransaction(signed, signers));
  }

  private static Hash32 txHashOf(SignedTransaction signed) {
    return Keccak.keccak256(TxCodec.encode(signed.tx()));
  }
}
