package io.plasmanode.node.operator;

import static java.util.Objects.requireNonNull;

import io.plasmanode.core.crypto.Keccak;
import io.plasmanode.core.eip712.SignatureChecker;
import io.plasmanode.core.ledger.TransactionRules;
import io.plasmanode.core.ledger.VerifiedTransaction;
import io.plasmanode.core.merkle.MerkleTree;
import io.plasmanode.core.tx.SignedTransaction;
import io.plasmanode.core.tx.TxCodec;
import io.plasmanode.core.types.Hash32;
import io.plasmanode.core.validation.Rejection;
import io.plasmanode.core.validation.ValidationResult;
import io.plasmanode.storage.chain.TxBytes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The signature-verification stage of the producer: decodes submitted transactions and recovers
 * their signers (the expensive part) outside the producer's lock, on the caller's thread for {@link
 * #verify}, on a dedicated pool of {@code verificationThreads} for {@link #verifyAsync} (never the
 * common pool).
 *
 * <p><b>Backpressure.</b> The pool queues at most {@code maxPendingVerifications} transactions.
 * Under overload the rest of a batch is answered {@link Rejection#OPERATOR_BUSY} at once,
 * unchecked; the transactions taken are a prefix of the batch, so none depends on a refused one.
 * That bounds both the memory and the wait of what was taken.
 */
final class TxVerifier {
  private final SignatureChecker checker;
  private final ThreadPoolExecutor verifiers;

  TxVerifier(BlockProducerConfig config) {
    this.checker = new SignatureChecker(config.domain(), config.recovery());
    this.verifiers =
        new ThreadPoolExecutor(
            config.verificationThreads(),
            config.verificationThreads(),
            0,
            TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(config.maxPendingVerifications()),
            ProducerThreads.daemon("block-verify-%d"));
  }

  /**
   * Queues each transaction for verification, in order; once the queue refuses one (full, or shut
   * down) the rest get the same answer, so the queued ones are a prefix of the batch.
   */
  List<CompletableFuture<ValidationResult<CheckedTx>>> verifyAsync(List<byte[]> txs) {
    txs.forEach(tx -> requireNonNull(tx, "signedTxBytes"));
    List<CompletableFuture<ValidationResult<CheckedTx>>> pending = new ArrayList<>(txs.size());
    for (byte[] tx : txs) {
      try {
        pending.add(CompletableFuture.supplyAsync(() -> verify(tx), verifiers));
      } catch (RejectedExecutionException e) {
        CompletableFuture<ValidationResult<CheckedTx>> refused =
            CompletableFuture.completedFuture(refusal());
        while (pending.size() < txs.size()) {
          pending.add(refused);
        }
        break;
      }
    }
    return pending;
  }

  /** Why the verification pool refused a transaction: it is shut down, or its queue is full. */
  private ValidationResult<CheckedTx> refusal() {
    if (verifiers.isShutdown()) {
      return ValidationResult.invalid(Rejection.OPERATOR_UNAVAILABLE, ProductionGate.SHUTTING_DOWN);
    }
    return ValidationResult.invalid(
        Rejection.OPERATOR_BUSY,
        "the operator is busy: %d transactions are waiting for verification; retry later"
            .formatted(verifiers.getQueue().size()));
  }

  /**
   * Decodes a submitted signed transaction (a fee claim is refused: only the operator makes them)
   * and recovers its signers, on the caller's thread.
   */
  ValidationResult<CheckedTx> verify(byte[] signedTxBytes) {
    requireNonNull(signedTxBytes, "signedTxBytes");
    return TxCodec.decodeSigned(signedTxBytes)
        .flatMap(TransactionRules::submitted)
        .flatMap(signed -> recoverSigners(signed, signedTxBytes));
  }

  private ValidationResult<CheckedTx> recoverSigners(SignedTransaction signed, byte[] signedBytes) {
    return checker
        .recoverSigners(signed)
        .map(
            signers -> {
              byte[] unsigned = TxCodec.encode(signed.tx());
              Hash32 txHash = Keccak.keccak256(unsigned);
              return new CheckedTx(
                  new VerifiedTransaction(signed, signers),
                  txHash,
                  MerkleTree.leafHash(unsigned),
                  TxBytes.ofDecoded(txHash, signedBytes));
            });
  }

  /** Refuses new batches (answered {@link Rejection#OPERATOR_UNAVAILABLE}); queued ones finish. */
  void shutdown() {
    verifiers.shutdown();
  }

  void awaitTermination() {
    ProducerThreads.await(verifiers);
  }
}
