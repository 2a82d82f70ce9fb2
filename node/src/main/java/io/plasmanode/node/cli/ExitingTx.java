package io.plasmanode.node.cli;

import io.plasmanode.core.crypto.Keccak;
import io.plasmanode.core.inflight.InFlightExitId;
import io.plasmanode.core.l1.L1Event;
import io.plasmanode.core.tx.PaymentTransaction;
import io.plasmanode.core.tx.SignedTransaction;
import io.plasmanode.core.tx.TxCodec;
import io.plasmanode.core.types.Hash32;
import io.plasmanode.core.types.Hex;
import io.plasmanode.core.validation.ValidationResult;
import io.plasmanode.node.wallet.SentTransactions;
import io.plasmanode.node.wallet.SentTx;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The transaction an in-flight exit command is about, from {@code --tx}: a hash (or its first 8+
 * hex digits) of a transaction in the wallet's record, a signed transaction's hex, or, for an exit
 * already started (a receiver piggybacking a payment), the hash of a transaction whose in-flight
 * exit L1 shows (its InFlightExitStarted event carries the bytes and the signatures).
 *
 * @param signed the signed transaction
 * @param recorded its record in the wallet, when it came from there
 * @param source where it came from, in words
 */
record ExitingTx(SignedTransaction signed, Optional<SentTx> recorded, String source) {
  private static final Pattern HEX = Pattern.compile("(0x)?[0-9a-fA-F]+");
  private static final int HASH_DIGITS = 64;
  private static final int MIN_PREFIX_DIGITS = 8;

  byte[] txBytes() {
    return TxCodec.encode(signed.tx());
  }

  Hash32 txHash() {
    return Keccak.keccak256(txBytes());
  }

  InFlightExitId exitId() {
    return InFlightExitId.ofTxHash(txHash());
  }

  PaymentTransaction tx() {
    return signed.tx();
  }

  /**
   * Resolves {@code text}.
   *
   * @param startedOnL1 the InFlightExitStarted events to look a hash up in, when the wallet does
   *     not have it (empty: only the wallet and hex)
   * @throws CliException when {@code text} names no transaction, saying what {@code --tx} takes
   */
  static ExitingTx resolve(
      String text,
      SentTransactions wallet,
      String walletFile,
      Optional<Supplier<List<L1Event.InFlightExitStarted>>> startedOnL1) {
    String trimmed = text.strip();
    if (!HEX.matcher(trimmed).matches()) {
      throw notATx(text);
    }
    int digits = trimmed.replaceFirst("^0[xX]", "").length();
    if (digits > HASH_DIGITS) {
      return signedHex(trimmed);
    }
    if (digits < MIN_PREFIX_DIGITS) {
      throw notATx(text);
    }
    List<SentTx> found = wallet.findByPrefix(trimmed);
    if (found.size() > 1) {
      throw new CliException(
          "--tx %s is the start of %d transaction hashes in the wallet: give more digits"
              .formatted(trimmed, found.size()));
    }
    if (found.size() == 1) {
      return new ExitingTx(
          found.getFirst().signed(),
          Optional.of(found.getFirst()),
          "the wallet (" + walletFile + ")");
    }
    if (digits == HASH_DIGITS && startedOnL1.isPresent()) {
      Hash32 hash = Hash32.fromHex(trimmed);
      Optional<ExitingTx> onL1 =
          startedOnL1.get().get().stream()
              .filter(started -> started.txHash().equals(hash))
              .findFirst()
              .flatMap(ExitingTx::fromEvent);
      if (onL1.isPresent()) {
        return onL1.get();
      }
    }
    throw new CliException(
        ("no transaction %s in the wallet (%s)%s: give the signed transaction's hex instead (plasma"
                + " tx list shows what the wallet has)")
            .formatted(
                trimmed,
                walletFile,
                startedOnL1.isPresent() ? " nor an in-flight exit of it on L1" : ""));
  }

  private static ExitingTx signedHex(String hex) {
    ValidationResult<SignedTransaction> decoded;
    try {
      decoded = TxCodec.decodeSigned(Hex.decode(hex));
    } catch (IllegalArgumentException e) {
      throw new CliException("--tx is not a signed transaction: " + e.getMessage());
    }
    if (!decoded.isValid()) {
      throw new CliException("--tx is not a signed transaction: " + decoded);
    }
    return new ExitingTx(decoded.get(), Optional.empty(), "--tx");
  }

  private static Optional<ExitingTx> fromEvent(L1Event.InFlightExitStarted started) {
    ValidationResult<PaymentTransaction> tx = TxCodec.decode(started.inFlightTx().toArray());
    if (!tx.isValid() || tx.get().inputs().size() != started.witnesses().size()) {
      return Optional.empty();
    }
    return Optional.of(
        new ExitingTx(
            new SignedTransaction(tx.get(), started.witnesses()),
            Optional.empty(),
            "its InFlightExitStarted event on L1 (block %d)"
                .formatted(started.origin().l1Block())));
  }

  private static CliException notATx(String text) {
    return new CliException(
        ("--tx '%s' is neither a transaction hash (64 hex digits, or the first 8 or more, of one in"
                + " the wallet: plasma tx list) nor a signed transaction's hex")
            .formatted(text));
  }
}
