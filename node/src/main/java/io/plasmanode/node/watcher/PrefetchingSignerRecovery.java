package io.plasmanode.node.watcher;

import io.plasmanode.core.crypto.SignerRecovery;
import io.plasmanode.core.eip712.Eip712Domain;
import io.plasmanode.core.eip712.PaymentEip712;
import io.plasmanode.core.tx.Signature;
import io.plasmanode.core.tx.SignedTransaction;
import io.plasmanode.core.tx.TxCodec;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Hash32;
import io.plasmanode.core.validation.ValidationResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;

/**
 * Recovers the signers of a whole block on a small pool before the (sequential) block validator
 * asks for them one by one: {@link #prefetch} fills a cache, {@link #recover} reads it and falls
 * back to recovering on the caller's thread. {@link #clear} drops the cache after each block.
 */
final class PrefetchingSignerRecovery implements SignerRecovery {
  private record Key(Hash32 digest, Signature signature) {}

  private final SignerRecovery delegate;
  private final Hash32 domainSeparator;
  private final ExecutorService pool;
  private final Map<Key, Optional<Address>> cache = new ConcurrentHashMap<>();

  PrefetchingSignerRecovery(SignerRecovery delegate, Eip712Domain domain, ExecutorService pool) {
    this.delegate = delegate;
    this.domainSeparator = domain.separator();
    this.pool = pool;
  }

  /** Recovers every signature of {@code signedTxs} that decodes, in parallel; waits for them. */
  void prefetch(List<byte[]> signedTxs) {
    List<CompletableFuture<Void>> work = new ArrayList<>(signedTxs.size());
    for (byte[] bytes : signedTxs) {
      work.add(CompletableFuture.runAsync(() -> recoverAll(bytes), pool));
    }
    CompletableFuture.allOf(work.toArray(CompletableFuture[]::new)).join();
  }

  private void recoverAll(byte[] signedBytes) {
    ValidationResult<SignedTransaction> decoded = TxCodec.decodeSigned(signedBytes);
    if (!decoded.isValid()) {
      return;
    }
    SignedTransaction signed = decoded.get();
    Hash32 digest = PaymentEip712.signingHash(domainSeparator, signed.tx());
    for (Signature signature : signed.signatures()) {
      cache.computeIfAbsent(new Key(digest, signature), key -> delegate.recover(digest, signature));
    }
  }

  @Override
  public Optional<Address> recover(Hash32 digest, Signature signature) {
    Optional<Address> cached = cache.get(new Key(digest, signature));
    return cached != null ? cached : delegate.recover(digest, signature);
  }

  void clear() {
    cache.clear();
  }
}
