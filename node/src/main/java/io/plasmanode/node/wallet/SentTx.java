package io.plasmanode.node.wallet;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import io.plasmanode.core.crypto.Keccak;
import io.plasmanode.core.eip712.Eip712Domain;
import io.plasmanode.core.tx.SignedTransaction;
import io.plasmanode.core.tx.TxCodec;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Hash32;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A transaction the wallet signed and sent (or was about to send), with every submission and answer
 * the wallet recorded for it.
 *
 * @param signed the signed transaction, as sent
 * @param sender the key's address that signed it
 * @param domain the EIP-712 domain it was signed for (the contract and L1 chain it belongs to)
 * @param signedAt when the wallet recorded it, before the first submission
 * @param submissions how many times it was submitted (each recorded before it went out)
 * @param answers the operator's answers, oldest first (fewer than submissions when one got none
 *     recorded: the process stopped before the answer came)
 * @param forcedRespend signed with {@code --force-respend} over an earlier transaction's inputs
 */
public record SentTx(
    SignedTransaction signed,
    Address sender,
    Eip712Domain domain,
    Instant signedAt,
    int submissions,
    List<OperatorAnswer> answers,
    boolean forcedRespend) {

  /** What the wallet knows of the transaction's fate from the operator's answers. */
  public enum Status {
    /** The operator accepted it at least once: it is out there, its inputs are spent by it. */
    ACCEPTED,
    /** Every submission was rejected, or a rejection says it can never be valid. */
    REJECTED,
    /** A submission got no answer: the operator may hold it (and may include it at any time). */
    UNANSWERED
  }

  public SentTx {
    requireNonNull(signed, "signed");
    requireNonNull(sender, "sender");
    requireNonNull(domain, "domain");
    requireNonNull(signedAt, "signedAt");
    checkArgument(submissions >= 1, "submissions must be >= 1, got %s", submissions);
    answers = List.copyOf(answers);
  }

  public Hash32 txHash() {
    return Keccak.keccak256(TxCodec.encode(signed.tx()));
  }

  public byte[] signedBytes() {
    return TxCodec.encodeSigned(signed);
  }

  public List<UtxoPos> inputs() {
    return signed.tx().inputs();
  }

  /**
   * {@link Status#ACCEPTED} once any answer accepted it; else {@link Status#REJECTED} when a
   * rejection says it can never be valid, or when every submission got a rejection; else {@link
   * Status#UNANSWERED}.
   */
  public Status status() {
    if (answers.stream().anyMatch(OperatorAnswer.Accepted.class::isInstance)) {
      return Status.ACCEPTED;
    }
    List<OperatorAnswer.Rejected> rejections =
        answers.stream()
            .filter(OperatorAnswer.Rejected.class::isInstance)
            .map(OperatorAnswer.Rejected.class::cast)
            .toList();
    if (rejections.stream().anyMatch(OperatorAnswer.Rejected::invalidForever)
        || rejections.size() >= submissions) {
      return Status.REJECTED;
    }
    return Status.UNANSWERED;
  }

  /** The last acceptance: where the operator promised to include it. */
  public Optional<OperatorAnswer.Accepted> acceptance() {
    return answers.reversed().stream()
        .filter(OperatorAnswer.Accepted.class::isInstance)
        .map(OperatorAnswer.Accepted.class::cast)
        .findFirst();
  }

  /** The last answer, if any was recorded. */
  public Optional<OperatorAnswer> lastAnswer() {
    return answers.isEmpty() ? Optional.empty() : Optional.of(answers.getLast());
  }

  SentTx withSubmission() {
    return new SentTx(signed, sender, domain, signedAt, submissions + 1, answers, forcedRespend);
  }

  SentTx withAnswer(OperatorAnswer answer) {
    List<OperatorAnswer> more =
        java.util.stream.Stream.concat(answers.stream(), java.util.stream.Stream.of(answer))
            .toList();
    return new SentTx(signed, sender, domain, signedAt, submissions, more, forcedRespend);
  }
}
