package io.plasmanode.node.operator;

import static java.util.Objects.requireNonNull;

import io.plasmanode.storage.chain.StoredBlock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who hears of stored blocks: each listener is called with every block after it is durably stored,
 * in block order, on one notifier thread, outside the producer's lock and off the writer thread, so
 * a slow listener (the root committer calling L1) never stalls submissions or writes. A listener
 * that throws is logged; the others still hear of the block.
 */
final class BlockListeners {
  private static final Logger LOG = LoggerFactory.getLogger(BlockListeners.class);

  private final List<Consumer<StoredBlock>> listeners = new CopyOnWriteArrayList<>();
  private final ExecutorService notifier =
      Executors.newSingleThreadExecutor(ProducerThreads.daemon("block-listeners"));

  void add(Consumer<StoredBlock> listener) {
    listeners.add(requireNonNull(listener, "listener"));
  }

  /** Tells every listener of {@code block}, on the notifier thread; call in block order. */
  void stored(StoredBlock block) {
    notifier.execute(() -> tell(block));
  }

  private void tell(StoredBlock block) {
    for (Consumer<StoredBlock> listener : listeners) {
      try {
        listener.accept(block);
      } catch (RuntimeException e) {
        LOG.error("Block listener {} failed on block {}", listener, block.blknum(), e);
      }
    }
  }

  /** Takes no more blocks; the listeners still hear of those already stored. */
  void shutdown() {
    notifier.shutdown();
  }

  void awaitTermination() {
    ProducerThreads.await(notifier);
  }
}
