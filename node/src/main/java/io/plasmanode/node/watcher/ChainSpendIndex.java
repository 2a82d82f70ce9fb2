package io.plasmanode.node.watcher;

import io.plasmanode.core.tx.SignedTransaction;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.validation.ValidationResult;
import io.plasmanode.exitgame.SpendIndex;
import io.plasmanode.exitgame.SpendRecord;
import io.plasmanode.storage.chain.ChainStore;
import io.plasmanode.storage.chain.StoredTransaction;
import io.plasmanode.storage.kv.StorageException;
import java.util.Optional;

/**
 * The {@link SpendIndex} of the watcher's validated chain: {@link ChainStore#spender} names the
 * stored transaction that spent an output (written with the block, in the same batch), and its
 * signed bytes give the input index and that input's signature.
 */
final class ChainSpendIndex implements SpendIndex {
  private final ChainStore chain;

  ChainSpendIndex(ChainStore chain) {
    this.chain = chain;
  }

  @Override
  public Optional<SpendRecord> spendOf(UtxoPos pos) {
    return chain.spender(pos).map(stored -> record(pos, stored));
  }

  private static SpendRecord record(UtxoPos pos, StoredTransaction stored) {
    ValidationResult<SignedTransaction> decoded = stored.tx().decode();
    if (!decoded.isValid()) {
      throw new StorageException("stored spender of " + pos + " does not decode: " + decoded);
    }
    SignedTransaction signed = decoded.get();
    int input = signed.tx().inputs().indexOf(pos);
    if (input < 0) {
      throw new StorageException(
          "stored spender %s of %s has no such input".formatted(stored.location(), pos));
    }
    return new SpendRecord(
        pos,
        signed.tx(),
        input,
        signed.signatures().get(input),
        stored.location().blknum(),
        stored.location().txindex());
  }
}
