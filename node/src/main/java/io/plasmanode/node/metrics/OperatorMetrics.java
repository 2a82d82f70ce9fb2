package io.plasmanode.node.metrics;

import io.plasmanode.core.types.Address;
import io.plasmanode.core.validation.Rejection;
import io.plasmanode.node.api.OperatorStatus;
import java.math.BigInteger;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The operator's instruments, each registered once here under the name docs/metrics.md lists; the
 * services are given the ones they record ({@link io.plasmanode.node.operator.BlockProducer}, the
 * root committer, {@link MeteredSubmitter}, {@link L1EventCounter}), and the status gauges read
 * {@code plasma_status}'s snapshot at each scrape.
 */
public final class OperatorMetrics {
  /** Records nothing: for producers and committers run without metrics (tests, tools). */
  public static final OperatorMetrics NONE = new OperatorMetrics(Metrics.NONE);

  /** Submit calls and block steps: 0.5 ms .. 10 s. */
  static final double[] FAST_SECONDS = {
    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10
  };

  /** A journal append's fsync: 0.1 ms .. 1 s. */
  static final double[] FSYNC_SECONDS = {
    0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1
  };

  /** From a root's first submission to its commit being final on L1: 1 s .. 1 h. */
  static final double[] COMMIT_SECONDS = {1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 1800, 3600};

  static final double[] BLOCK_TRANSACTIONS = {0, 1, 10, 100, 1_000, 10_000, 65_536};

  private final Metrics metrics;
  private final Metrics.Counter accepted;
  private final Metrics.LabelledCounter rejected;
  private final Metrics.Timer submitTime;
  private final Metrics.Timer blockBuildTime;
  private final Metrics.Timer blockWriteTime;
  private final Metrics.Histogram blockTransactions;
  private final Metrics.Timer journalFsyncTime;
  private final Metrics.Counter blocksCommitted;
  private final Metrics.Timer commitLatency;
  private final Metrics.Counter commitGasUsed;
  private final Metrics.LabelledCounter l1Events;

  private OperatorMetrics(Metrics metrics) {
    this.metrics = metrics;
    accepted =
        metrics.counter(
            "plasma_operator_transactions_accepted", "Transactions accepted into an open block");
    rejected = rejections(metrics);
    submitTime =
        metrics.timer(
            "plasma_operator_submit_seconds",
            "Time from a submit call (a transaction or a batch) to its answer, the journal's fsync"
                + " included",
            FAST_SECONDS);
    blockBuildTime =
        metrics.timer(
            "plasma_operator_block_build_seconds",
            "Time to build a closed block's Merkle tree and stored form",
            FAST_SECONDS);
    blockWriteTime =
        metrics.timer(
            "plasma_operator_block_write_seconds",
            "Time to write a block to the database (one synced batch)",
            FAST_SECONDS);
    blockTransactions =
        metrics.histogram(
            "plasma_operator_block_transactions",
            "Transactions per stored child block",
            BLOCK_TRANSACTIONS);
    journalFsyncTime =
        metrics.timer(
            "plasma_operator_journal_fsync_seconds",
            "Time of one synced append to the journal of accepted transactions",
            FSYNC_SECONDS);
    blocksCommitted =
        metrics.counter(
            "plasma_operator_blocks_committed",
            "Child blocks whose root commit became final on L1");
    commitLatency =
        metrics.timer(
            "plasma_operator_l1_commit_seconds",
            "Time from a root's first submission to L1 to its commit being final",
            COMMIT_SECONDS);
    commitGasUsed =
        metrics.counter(
            "plasma_operator_l1_commit_gas",
            "Gas used by the L1 transactions that committed block roots");
    l1Events = L1EventCounter.register(metrics, "operator");
  }

  private static Metrics.LabelledCounter rejections(Metrics metrics) {
    Metrics.LabelledCounter rejected =
        metrics.labelledCounter(
            "plasma_operator_transactions_rejected",
            "Transactions refused, by reason (the JSON-RPC rejection code)",
            "reason");
    for (Rejection reason : Rejection.values()) {
      rejected.labels(reason.code()); // every reason shows, at 0 until it happens
    }
    return rejected;
  }

  /** The operator's instruments in {@code metrics}. */
  public static OperatorMetrics register(Metrics metrics) {
    return new OperatorMetrics(metrics);
  }

  /** Registers the gauges read from the operator's status at each scrape. */
  public void registerStatus(Supplier<OperatorStatus> status) {
    metrics.gauge(
        "plasma_operator_height", "The last closed child block", () -> status.get().height());
    metrics.gauge(
        "plasma_operator_last_committed_block",
        "The last child block whose root commit is final on L1",
        () -> status.get().lastCommittedBlock());
    metrics.gauge(
        "plasma_operator_open_block_transactions",
        "Transactions in the open block",
        () -> status.get().mempoolSize());
    metrics.gauge(
        "plasma_operator_l1_lag_blocks",
        "L1 blocks seen but whose events are not applied yet (confirmations included)",
        () -> lag(status.get().l1Head(), status.get().l1HeightSeen()));
    metrics.gauge(
        "plasma_operator_alarms",
        "Problems plasma_status reports that a person must look at (0 when healthy)",
        () -> status.get().alarms().size());
    metrics.labelledGauge(
        "plasma_operator_fees_collected",
        "Fees claimed in the blocks stored since the operator started, per token (base units)",
        "token",
        () -> byToken(status.get().fees().collected()));
    metrics.labelledGauge(
        "plasma_operator_fee_claimer_balance",
        "The fee claimer's unspent outputs on the chain, per token (base units)",
        "token",
        () -> byToken(status.get().fees().claimerBalance()));
  }

  private static Map<String, BigInteger> byToken(Map<Address, BigInteger> amounts) {
    Map<String, BigInteger> labelled = new TreeMap<>();
    amounts.forEach((token, amount) -> labelled.put(token.toHex(), amount));
    return labelled;
  }

  static double lag(long head, long applied) {
    return head < 0 ? 0 : Math.max(0, head - applied);
  }

  public Metrics.Counter accepted() {
    return accepted;
  }

  public Metrics.LabelledCounter rejected() {
    return rejected;
  }

  public Metrics.Timer submitTime() {
    return submitTime;
  }

  public Metrics.Timer blockBuildTime() {
    return blockBuildTime;
  }

  public Metrics.Timer blockWriteTime() {
    return blockWriteTime;
  }

  public Metrics.Histogram blockTransactions() {
    return blockTransactions;
  }

  public Metrics.Timer journalFsyncTime() {
    return journalFsyncTime;
  }

  public Metrics.Counter blocksCommitted() {
    return blocksCommitted;
  }

  public Metrics.Timer commitLatency() {
    return commitLatency;
  }

  public Metrics.Counter commitGasUsed() {
    return commitGasUsed;
  }

  public Metrics.LabelledCounter l1Events() {
    return l1Events;
  }
}
