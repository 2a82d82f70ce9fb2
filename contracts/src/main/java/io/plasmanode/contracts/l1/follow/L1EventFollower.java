package io.plasmanode.contracts.l1.follow;

import static com.google.common.base.Preconditions.checkState;
import static java.util.Objects.requireNonNull;

import com.google.common.util.concurrent.MoreExecutors;
import com.google.common.util.concurrent.ThreadFactoryBuilder;
import io.plasmanode.contracts.l1.L1Exception;
import io.plasmanode.core.l1.RootChain;
import io.plasmanode.core.types.Hash32;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
 * Follows the contract's events on L1 for one {@link L1EventHandler}, the operator's and the
 * watcher's alike. Each poll reads the L1 head and delivers the events of L1 blocks up to {@code
 * head - confirmations}, from the block after the handler's {@link
 * L1EventHandler#lastBlockApplied()} (or {@code startBlock}), in chunks of at most {@code
 * maxBlocksPerQuery} blocks, each in log order; the handler records each chunk's last block with
 * what it applied.
 *
 * <p><b>Outages.</b> A failed poll (L1 unreachable or a bad answer, or the handler failing) is
 * logged once per streak (WARN, or ERROR with its cause when the handler failed), retried from the
 * last recorded block, and backs off: {@link #pollIfDue()} reads nothing until {@code pollInterval}
 * doubled per further failure (at most {@code maxBackoff}) has passed. Once the streak has lasted
 * {@code alarmAfter} it is in {@link #alarms()}; its end is logged at INFO and clears the alarm.
 *
 * <p><b>Reorgs.</b> Before reading on, it checks that the last block it consumed still has the hash
 * it had ({@link ReorgDetector}). A changed hash means a reorg deeper than the confirmations:
 * events already applied may be gone from L1, which reading again cannot undo. It is logged at
 * ERROR and stays in {@link #alarms()} for the rest of the run, and the follower reads on from its
 * cursor.
 *
 * <p><b>Threading.</b> {@link #start()} polls on a thread of its own; polls are synchronized, so a
 * direct {@link #poll()} (tests, a loop of the caller's) never interleaves with it. The status
 * accessors are lock-free reads.
 */
public final class L1EventFollower implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(L1EventFollower.class);
  private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);

  private final RootChain l1;
  private final L1EventHandler handler;
  private final L1FollowerConfig config;
  private final Clock clock;
  private final FollowerOutage outage;
  private final ReorgDetector reorgs = new ReorgDetector();
  private final ScheduledExecutorService scheduler;
  private final AtomicBoolean started = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile long l1Head = -1;
  private volatile Instant l1Time = Instant.EPOCH;
  private volatile Optional<String> reorgAlarm = Optional.empty();

  /**
   * @param clock the time backoff and alarms are measured in
   */
  public L1EventFollower(
      RootChain l1, L1EventHandler handler, L1FollowerConfig config, Clock clock) {
    this.l1 = requireNonNull(l1, "l1");
    this.handler = requireNonNull(handler, "handler");
    this.config = requireNonNull(config, "config");
    this.clock = requireNonNull(clock, "clock");
    this.outage = new FollowerOutage(config);
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(
            new ThreadFactoryBuilder().setNameFormat("l1-events").setDaemon(true).build());
  }

  /**
   * Polls now and every {@code pollInterval} after, on a thread of its own, minding the backoff.
   */
  public void start() {
    checkState(started.compareAndSet(false, true), "L1 event follower already started");
    long interval = config.pollInterval().toNanos();
    scheduler.scheduleWithFixedDelay(this::pollIfDue, 0, interval, TimeUnit.NANOSECONDS);
    LOG.info(
        "Following L1 events from block {} with {} confirmations",
        nextBlock(),
        config.confirmations());
  }

  /** One poll unless the backoff after failed polls says to wait ({@link #poll()} otherwise). */
  public synchronized FollowResult pollIfDue() {
    return outage.due(clock.instant()) ? poll() : FollowResult.BACKING_OFF;
  }

  /** One poll now, backoff or not: reads the head, delivers the confirmed events not applied. */
  public synchronized FollowResult poll() {
    boolean done;
    try {
      done = catchUp();
    } catch (HandlerFailure e) {
      return failed("L1 events cannot be applied: " + e.getMessage(), e.getCause());
    } catch (RuntimeException e) {
      return failed("L1 events cannot be read: " + e.getMessage(), null);
    }
    outage
        .recovered()
        .ifPresent(streak -> LOG.info("L1 events are read again (after: {})", streak.message()));
    return done ? FollowResult.CAUGHT_UP : FollowResult.STOPPED;
  }

  /** Delivers the chunks up to {@code head - confirmations}; false if closed before the end. */
  private boolean catchUp() {
    long previousHead = l1Head;
    long head = l1.l1Height();
    l1Head = head;
    l1Time = l1.latestBlockTime();
    OptionalLong last = lastBlockApplied();
    reorgs.check(l1, last, head, previousHead).ifPresent(this::reorged);
    long target = head - config.confirmations();
    long from = last.isPresent() ? last.getAsLong() + 1 : config.startBlock();
    boolean behind = target - from + 1 > config.maxBlocksPerQuery();
    while (from <= target) {
      if (closed.get()) {
        return false;
      }
      long to = Math.min(target, from + config.maxBlocksPerQuery() - 1);
      deliver(from, to, head);
      if (behind) {
        LOG.info("L1 events: block {} of {}", to, target);
      }
      from = to + 1;
    }
    return true;
  }

  /** Reads and applies blocks {@code from..to}, their last block's hash read first. */
  private void deliver(long from, long to, long head) {
    Hash32 hash =
        l1.l1BlockHash(to)
            .orElseThrow(
                () -> L1Exception.failed("L1 block " + to + " missing below head " + head));
    L1Chunk chunk = new L1Chunk(from, to, l1.events(from, to));
    try {
      handler.apply(chunk);
    } catch (L1Exception e) {
      throw e; // the handler's own L1 reads: an outage like the follower's
    } catch (RuntimeException e) {
      throw new HandlerFailure(e);
    }
    reorgs.consumed(to, hash);
    LOG.debug("L1 events: blocks {}..{}, {} events", from, to, chunk.events().size());
  }

  private OptionalLong lastBlockApplied() {
    try {
      return handler.lastBlockApplied();
    } catch (RuntimeException e) {
      throw new HandlerFailure(e);
    }
  }

  private void reorged(L1Reorg reorg) {
    String alarm = reorg.describe(config.confirmations());
    LOG.error("{}; reading on from the block after {}", alarm, reorg.block());
    reorgAlarm = Optional.of(alarm);
  }

  private FollowResult failed(String message, Throwable cause) {
    Instant now = clock.instant();
    if (!outage.failed(now, message)) {
      LOG.debug("{}", message);
    } else if (cause != null) {
      LOG.error("{}; retrying", message, cause);
    } else {
      LOG.warn("{}; retrying, backing off up to {} s", message, config.maxBackoff().toSeconds());
    }
    return FollowResult.FAILED;
  }

  private long nextBlock() {
    OptionalLong last = handler.lastBlockApplied();
    return last.isPresent() ? last.getAsLong() + 1 : config.startBlock();
  }

  /** The latest L1 block number seen, -1 before L1 was first reached. */
  public long l1Head() {
    return l1Head;
  }

  /** The timestamp of the latest L1 block seen, the epoch before L1 was first reached. */
  public Instant l1Time() {
    return l1Time;
  }

  /** Why the polls fail, while they do (whether or not that is an alarm yet). */
  public Optional<String> failure() {
    return outage.failure();
  }

  /**
   * The problems a person must look at, for the node's status: polls failing for {@code alarmAfter}
   * or longer, and the latest reorg deeper than the confirmations seen in this run.
   */
  public List<String> alarms() {
    List<String> alarms = new ArrayList<>(2);
    outage.alarm(clock.instant()).ifPresent(alarms::add);
    reorgAlarm.ifPresent(alarms::add);
    return List.copyOf(alarms);
  }

  /** Stops polling, waiting for a poll in progress to finish its current chunk. Idempotent. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    // SHUTDOWN_TIMEOUT for the poll to finish, then interrupted and as long again.
    if (!MoreExecutors.shutdownAndAwaitTermination(scheduler, SHUTDOWN_TIMEOUT.multipliedBy(2))) {
      LOG.warn("L1 event follower did not stop within {}", SHUTDOWN_TIMEOUT.multipliedBy(2));
    }
  }

  /** The handler failed (not on L1): logged with its cause. */
  private static final class HandlerFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    HandlerFailure(RuntimeException cause) {
      super(cause.getMessage(), cause);
    }
  }
}
