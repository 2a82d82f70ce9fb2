package io.plasmanode.core.eip712;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import io.plasmanode.core.crypto.DigestSigner;
import io.plasmanode.core.crypto.PrivateKey;
import io.plasmanode.core.tx.PaymentTransaction;
import io.plasmanode.core.tx.SignedTransaction;
import io.plasmanode.core.types.Hash32;
import java.util.List;

/** Signs payment transactions for one EIP-712 domain (one chain and Plasma contract). */
public final class TransactionSigner {
  private final Hash32 domainSeparator;
  private final DigestSigner digestSigner;

  /** Signs with pure-Java BouncyCastle. */
  public TransactionSigner(Eip712Domain domain) {
    this(domain, DigestSigner.BOUNCY_CASTLE);
  }

  /** Signs with {@code digestSigner} (same signatures, possibly faster). */
  public TransactionSigner(Eip712Domain domain, DigestSigner digestSigner) {
    this.domainSeparator = domain.separator();
    this.digestSigner = requireNonNull(digestSigner, "digestSigner");
  }

  /**
   * Signs {@code tx} with one key per input, in input order (the owner of each spent output).
   *
   * @throws IllegalArgumentException if the number of keys differs from the number of inputs, or
   *     {@code tx} is a fee claim (never signed: the operator appends it unsigned)
   */
  public SignedTransaction sign(PaymentTransaction tx, List<PrivateKey> keys) {
    checkArgument(
        !tx.isFeeClaim(),
        "a fee-claim transaction is never signed: it has no inputs, and only the operator makes"
            + " one, unsigned, at the end of a block");
    checkArgument(
        keys.size() == tx.inputs().size(),
        "one key per input: %s inputs, %s keys",
        tx.inputs().size(),
        keys.size());
    Hash32 digest = PaymentEip712.signingHash(domainSeparator, tx);
    return new SignedTransaction(
        tx, keys.stream().map(key -> digestSigner.sign(key, digest)).toList());
  }
}
