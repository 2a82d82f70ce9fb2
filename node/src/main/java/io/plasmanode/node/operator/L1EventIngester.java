package io.plasmanode.node.operator;

import static com.google.common.base.Preconditions.checkState;
import static java.util.Objects.requireNonNull;

import com.google.common.util.concurrent.MoreExecutors;
import com.google.common.util.concurrent.ThreadFactoryBuilder;
import io.plasmanode.core.l1.L1Event;
import io.plasmanode.core.l1.RootChain;
import io.plasmanode.core.ledger.Utxo;
import io.plasmanode.core.tx.Output;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.storage.chain.ChainStore;
import io.plasmanode.storage.kv.StorageException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the Plasma contract's events on L1 and applies the ones the child chain acts on: a {@code
 * Deposit} creates its output in the {@link ChainStore} (visible to the open block at once, since
 * the block reads the store), an {@code ExitStarted} locks its output through {@link
 * BlockProducer#lockExitingOutput}, an {@code ExitChallenged} with a spend that no block holds
 * releases that lock ({@link ExitChallenges}). Other events are left to other services.
 *
 * <p>Every {@code pollInterval}, it reads the L1 head and applies the events of L1 blocks up to
 * {@code head - confirmations}, from the block after {@link ChainStore#lastL1Block()} (or {@code
 * startBlock} on a fresh store), in queries of at most {@code maxBlocksPerQuery} blocks; after each
 * query it records the last block read. The effects are idempotent (a deposit is applied once per
 * deposit block, an exit lock of a locked output or a release of a released one does nothing), so a
 * crash between applying events and recording progress only makes the next poll re-read them, in
 * log order: a re-read exit start locks its output again only if it is still unspent, and the
 * challenge after it in the log releases it again.
 *
 * <p><b>Threading.</b> One scheduler thread polls; {@link #poll()} is synchronized, so a direct
 * call (tests, a CLI command) never interleaves with it. The status accessors are lock-free reads.
 *
 * <p><b>Failures.</b> An L1 failure (node unreachable, a bad answer) or a storage failure is logged
 * once per streak (WARN for L1, ERROR for storage), exposed by {@link #lastError()}, and retried at
 * the next poll from the last recorded block; the streak's end is logged at INFO.
 */
public final class L1EventIngester implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(L1EventIngester.class);
  private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);

  private final RootChain rootChain;
  private final ChainStore store;
  private final BlockProducer producer;
  private final ExitChallenges challenges;
  private final L1EventIngesterConfig config;
  private final ScheduledExecutorService scheduler;
  private final AtomicBoolean started = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile long l1Head = -1;
  private volatile String lastError;

  public L1EventIngester(
      RootChain rootChain, ChainStore store, BlockProducer producer, L1EventIngesterConfig config) {
    this.rootChain = requireNonNull(rootChain, "rootChain");
    this.store = requireNonNull(store, "store");
    this.producer = requireNonNull(producer, "producer");
    this.config = requireNonNull(config, "config");
    this.challenges = new ExitChallenges(rootChain, store, producer);
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(
            new ThreadFactoryBuilder().setNameFormat("l1-events").setDaemon(true).build());
  }

  /** Starts polling L1 now and every {@code pollInterval}. */
  public void start() {
    checkState(started.compareAndSet(false, true), "L1 event ingester already started");
    long interval = config.pollInterval().toNanos();
    scheduler.scheduleWithFixedDelay(this::poll, 0, interval, TimeUnit.NANOSECONDS);
    LOG.info(
        "Following L1 events from block {} with {} confirmations",
        nextL1Block(),
        config.confirmations());
  }

  /** One round: reads the L1 head and applies every confirmed event not applied yet. */
  public synchronized void poll() {
    try {
      catchUp();
      if (lastError != null) {
        LOG.info("L1 events are read again (after: {})", lastError);
        lastError = null;
      }
    } catch (StorageException e) {
      fail("L1 events cannot be stored: " + e.getMessage(), e, true);
    } catch (RuntimeException e) {
      fail("L1 events cannot be read: " + e.getMessage(), e, false);
    }
  }

  private void catchUp() {
    long head = rootChain.l1Height();
    l1Head = head;
    long target = head - config.confirmations();
    long from = nextL1Block();
    boolean behind = target - from + 1 > config.maxBlocksPerQuery();
    while (from <= target && !closed.get()) {
      long to = Math.min(target, from + config.maxBlocksPerQuery() - 1);
      int deposits = apply(rootChain.events(from, to));
      store.setLastL1Block(to);
      if (behind) {
        LOG.info("L1 events: block {} of {}, {} deposits", to, target, deposits);
      } else {
        LOG.debug("L1 events: blocks {}..{}, {} deposits", from, to, deposits);
      }
      from = to + 1;
    }
  }

  private long nextL1Block() {
    OptionalLong last = store.lastL1Block();
    return last.isPresent() ? last.getAsLong() + 1 : config.startBlock();
  }

  /** Applies {@code events} in log order; returns how many deposits were new. */
  private int apply(List<L1Event> events) {
    int deposits = 0;
    for (L1Event event : events) {
      switch (event) {
        case L1Event.Deposit deposit -> deposits += applyDeposit(deposit) ? 1 : 0;
        case L1Event.ExitStarted exit -> producer.lockExitingOutput(exit.utxoPos());
        case L1Event.ExitChallenged challenged -> challenges.apply(challenged);
        default -> LOG.trace("Ignoring {}", event);
      }
    }
    return deposits;
  }

  private boolean applyDeposit(L1Event.Deposit deposit) {
    Optional<UtxoPos> pos = depositPosition(deposit.blknum());
    if (pos.isEmpty()) {
      // The contract numbers no deposit block past MAX_BLKNUM (ChainFull): only a contract that
      // is not ours emits this. Its output could never exit, so it has no place on this chain.
      LOG.error(
          "Deposit event for block {} (L1 block {}, owner {}) refused: not a deposit block number"
              + " (1 .. {}, not a multiple of {}); is the contract the one this chain runs on?",
          deposit.blknum(),
          deposit.origin().l1Block(),
          deposit.owner(),
          UtxoPos.MAX_BLKNUM,
          UtxoPos.CHILD_BLOCK_INTERVAL);
      return false;
    }
    Utxo utxo = new Utxo(pos.get(), new Output(deposit.owner(), deposit.token(), deposit.amount()));
    boolean applied = store.applyDeposit(utxo, deposit.origin().l1Block());
    if (applied) {
      LOG.debug("Deposit {} applied from L1 block {}", utxo.pos(), deposit.origin().l1Block());
    }
    return applied;
  }

  /** The output of deposit block {@code blknum}, if that is a deposit block a position can hold. */
  static Optional<UtxoPos> depositPosition(long blknum) {
    if (blknum < 1 || blknum > UtxoPos.MAX_BLKNUM || blknum % UtxoPos.CHILD_BLOCK_INTERVAL == 0) {
      return Optional.empty();
    }
    return Optional.of(new UtxoPos(blknum, 0, 0));
  }

  private void fail(String message, RuntimeException cause, boolean storage) {
    boolean first = lastError == null;
    lastError = message;
    if (!first) {
      LOG.debug("{}", message);
    } else if (storage) {
      LOG.error("{}; retrying every {} ms", message, config.pollInterval().toMillis(), cause);
    } else {
      LOG.warn("{}; retrying every {} ms", message, config.pollInterval().toMillis());
    }
  }

  /** The latest L1 block number seen, -1 before L1 was first reached. */
  public long l1Head() {
    return l1Head;
  }

  /** The last L1 block whose events are applied, -1 before the first. */
  public long l1HeightSeen() {
    return store.lastL1Block().orElse(-1);
  }

  /** Why the last poll failed, while failures last: an alarm for {@code plasma_status}. */
  public Optional<String> lastError() {
    return Optional.ofNullable(lastError);
  }

  /** Stops polling, waiting for a poll in progress to finish its current query. Idempotent. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    // SHUTDOWN_TIMEOUT for the poll to finish, then interrupted and as long again.
    if (!MoreExecutors.shutdownAndAwaitTermination(scheduler, SHUTDOWN_TIMEOUT.multipliedBy(2))) {
      LOG.warn("L1 event ingester did not stop within {}", SHUTDOWN_TIMEOUT.multipliedBy(2));
    }
  }
}
