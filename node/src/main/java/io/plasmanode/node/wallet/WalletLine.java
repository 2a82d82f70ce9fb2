package io.plasmanode.node.wallet;

import static java.util.Objects.requireNonNull;

import io.plasmanode.core.eip712.Eip712Domain;
import io.plasmanode.core.tx.SignedTransaction;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Hash32;
import java.time.Instant;

/**
 * One line of the wallet's store of sent transactions ({@link SentTransactionStore}): each event is
 * appended as it happens, never rewritten.
 */
sealed interface WalletLine {
  /** The transaction this line is about. */
  Hash32 txHash();

  /** A newly signed transaction, written before its first submission. */
  record Signed(
      SignedTransaction signed,
      Address sender,
      Eip712Domain domain,
      Instant at,
      boolean forcedRespend)
      implements WalletLine {
    public Signed {
      requireNonNull(signed, "signed");
      requireNonNull(sender, "sender");
      requireNonNull(domain, "domain");
      requireNonNull(at, "at");
    }

    @Override
    public Hash32 txHash() {
      return toSentTx().txHash();
    }

    SentTx toSentTx() {
      return new SentTx(signed, sender, domain, at, 1, java.util.List.of(), forcedRespend);
    }
  }

  /** Another submission of an already recorded transaction, written before it goes out. */
  record Resubmitted(Hash32 txHash, Instant at) implements WalletLine {
    public Resubmitted {
      requireNonNull(txHash, "txHash");
      requireNonNull(at, "at");
    }
  }

  /** The operator's answer to the latest submission. */
  record Answered(Hash32 txHash, OperatorAnswer answer) implements WalletLine {
    public Answered {
      requireNonNull(txHash, "txHash");
      requireNonNull(answer, "answer");
    }
  }
}
