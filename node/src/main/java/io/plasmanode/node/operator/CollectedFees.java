package io.plasmanode.node.operator;

import io.plasmanode.core.tx.Output;
import io.plasmanode.core.tx.PaymentTransaction;
import io.plasmanode.core.tx.SignedTransaction;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.validation.ValidationResult;
import io.plasmanode.storage.chain.StoredBlock;
import io.plasmanode.storage.chain.TxBytes;
import java.math.BigInteger;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The fees the operator claimed in the blocks stored since it started, per token: a block listener
 * ({@link BlockProducer#addBlockListener}) that reads the fee claims each stored block ends with.
 * For {@code plasma_status} and the metrics; the claims themselves are outputs in the chain.
 * Thread-safe.
 */
public final class CollectedFees {
  private final Map<Address, BigInteger> collected = new TreeMap<>();

  /** Adds the claims that end {@code block} (its transactions after the last payment). */
  public void stored(StoredBlock block) {
    List<TxBytes> txs = block.transactions();
    for (int index = txs.size() - 1; index >= 0; index--) {
      ValidationResult<SignedTransaction> decoded = txs.get(index).decode();
      if (!decoded.isValid() || !decoded.get().tx().isFeeClaim()) {
        return;
      }
      claimed(decoded.get().tx());
    }
  }

  private synchronized void claimed(PaymentTransaction claim) {
    for (Output output : claim.outputs()) {
      collected.merge(output.token(), output.amount(), BigInteger::add);
    }
  }

  /** Per token, the fees claimed since the operator started (tokens without fees absent). */
  public synchronized Map<Address, BigInteger> snapshot() {
    return Collections.unmodifiableSortedMap(new TreeMap<>(collected));
  }
}
