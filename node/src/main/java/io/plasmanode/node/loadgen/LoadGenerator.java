package io.plasmanode.node.loadgen;

import com.fasterxml.jackson.databind.JsonNode;
import io.plasmanode.core.eip712.Eip712Domain;
import io.plasmanode.core.eip712.TransactionSigner;
import io.plasmanode.core.fees.FeeSpec;
import io.plasmanode.core.fees.FeeTable;
import io.plasmanode.core.tx.PaymentTransaction;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import io.plasmanode.node.crypto.SignerRecoveries;
import io.plasmanode.node.fees.FeesAnswer;
import io.plasmanode.node.metrics.MetricsText;
import io.plasmanode.node.rpc.PlasmaRpcMethods;
import io.plasmanode.p2p.rpc.JsonRpcClient;
import io.plasmanode.p2p.rpc.JsonRpcException;
import java.io.PrintWriter;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The load generator: funds a hub account with one deposit, fans it out on the child chain into the
 * outputs the measured transfers spend, pre-signs the transfers (each transaction paying the ETH
 * fee the operator asks for, if any), submits them over K connections, then waits for the last
 * block to be closed and committed on L1 and collects the figures. Talks to the operator only over
 * its JSON-RPC API, as any client does.
 */
public final class LoadGenerator {
  /** Makes the L1 deposit and waits until the operator credited it. */
  @FunctionalInterface
  public interface Funder {
    /** Deposits {@code amount} wei for {@code owner}; returns the credited deposit's position. */
    UtxoPos fund(Address owner, BigInteger amount);
  }

  private static final int BASELINE_ROUNDS = 3;

  private final URI endpoint;
  private final BenchConfig config;
  private final OperatorProbe probe;
  private final PrintWriter err;

  public LoadGenerator(URI endpoint, BenchConfig config, OperatorProbe probe, PrintWriter err) {
    this.endpoint = endpoint;
    this.config = config;
    this.probe = probe;
    this.err = err;
  }

  public BenchResult run(Funder funder) {
    RecoveryBaseline baseline = baseline();
    MachineCosts machine = baseline == null ? null : machineCosts();
    TransactionSigner signer = new TransactionSigner(domain(), SignerRecoveries.bestSigner());
    LoadPlan load = LoadPlan.of(config.accounts(), config.transfers(), config.twoInputPercent());
    FanOutPlan plan = FanOutPlan.of(load.leafOwners());
    BenchAccounts accounts = BenchAccounts.derive(config.seed(), config.accounts());
    BigInteger fee = fee();
    BigInteger leafValue = config.unit().add(fee);
    long setupStart = System.nanoTime();
    say(
        "funding: depositing for %,d outputs to the bench hub %s%s"
            .formatted(
                load.leaves(),
                accounts.hub().address(),
                fee.signum() > 0
                    ? ", each transaction paying a fee of %s wei".formatted(fee)
                    : ""));
    UtxoPos deposit = funder.fund(accounts.hub().address(), plan.slotValues(leafValue, fee)[0]);
    FanOut fanOut =
        new FanOut(
            endpoint,
            signer,
            accounts,
            leafValue,
            fee,
            config.batch(),
            config.connections(),
            this::say);
    UtxoPos[] positions = fanOut.run(plan, deposit);
    awaitClosed(fanOut.lastBlknum());
    double setupSeconds = (System.nanoTime() - setupStart) / 1e9;
    long signStart = System.nanoTime();
    say("signing %,d transfers".formatted(config.transfers()));
    List<PreSigner.Batch> batches =
        PreSigner.sign(load, plan, positions, accounts, signer, leafValue, fee, config.batch());
    double signSeconds = (System.nanoTime() - signStart) / 1e9;
    BenchResult.FanOutFigures setup =
        new BenchResult.FanOutFigures(
            deposit.toString(), load.leaves(), plan.transactions(), setupSeconds, signSeconds);
    return measure(batches, setup, fee, baseline, machine);
  }

  /**
   * The wei each transaction leaves to the operator: the ETH fee of payments in {@code
   * plasma_getFees} when {@link BenchConfig#payFees}, else none (the operator must charge none).
   */
  private BigInteger fee() {
    FeeTable fees;
    try (JsonRpcClient rpc = new JsonRpcClient(endpoint)) {
      fees = FeesAnswer.read(rpc.call(PlasmaRpcMethods.GET_FEES));
    } catch (JsonRpcException e) {
      if (e.code() != JsonRpcException.METHOD_NOT_FOUND) {
        throw e;
      }
      fees = FeeTable.NONE;
    } catch (IllegalArgumentException e) {
      throw new BenchException(
          "the operator's plasma_getFees answer is malformed: " + e.getMessage(), e);
    }
    Map<Address, FeeSpec> payments = fees.fees(PaymentTransaction.TX_TYPE_PAYMENT);
    if (payments.isEmpty()) {
      return BigInteger.ZERO;
    }
    if (!config.payFees()) {
      throw new BenchException(
          "--no-fees, but the operator charges fees for payments (plasma_getFees: %s): run it"
                  .formatted(payments.keySet())
              + " without --fee-specs to measure it fee-free, or drop --no-fees");
    }
    FeeSpec eth = payments.get(Address.ZERO);
    if (eth == null) {
      throw new BenchException(
          "the operator takes payment fees only in %s, not in ETH, which the bench pays in"
              .formatted(payments.keySet()));
    }
    return eth.amount();
  }

  /**
   * One core's signer recovery rate, measured first: before the fan-out, while the operator is
   * idle; null with {@code --baseline-seconds 0}.
   */
  private RecoveryBaseline baseline() {
    if (config.baselineSeconds() == 0) {
      return null;
    }
    say(
        "measuring one core's signer recovery for %.1f s (the unit of the ratios)"
            .formatted(config.baselineSeconds()));
    RecoveryBaseline baseline =
        RecoveryRateMeter.operators().measure(config.baselineSeconds(), BASELINE_ROUNDS);
    say("baseline: " + baseline.summary());
    return baseline;
  }

  /**
   * The kernel's costs ({@link MachineCosts}), measured in the operator's data directory when the
   * bench knows it (LevelDB's file system), else in the temporary directory.
   */
  private MachineCosts machineCosts() {
    Path dir = probe.dataDir().orElse(Path.of(System.getProperty("java.io.tmpdir")));
    MachineCosts machine = MachineCostMeter.measure(dir);
    say("machine: " + machine.summary());
    return machine;
  }

  private BenchResult measure(
      List<PreSigner.Batch> batches,
      BenchResult.FanOutFigures setup,
      BigInteger fee,
      RecoveryBaseline baseline,
      MachineCosts machine) {
    Optional<Long> diskBefore = probe.dataDirBytes();
    Optional<MetricsText> metricsBefore = probe.metrics();
    LoadRunner runner = new LoadRunner(endpoint, config.connections(), config.rate());
    say("submitting %,d transfers".formatted(config.transfers()));
    try (BlockWatcher watcher = new BlockWatcher(endpoint, Optional.of(probe))) {
      long[] latencies;
      try (ProgressBar progress =
          new ProgressBar(err, config.transfers(), runner::accepted, runner::rejected)) {
        latencies = runner.run(batches);
      }
      if (runner.accepted() > 0) {
        say("waiting for block %d to close and be committed on L1".formatted(runner.lastBlknum()));
        watcher.awaitCommitted(runner.lastBlknum(), config.drainTimeoutSeconds());
      }
      Optional<Long> diskAfter = probe.dataDirBytes();
      OperatorMetricsFigures fromMetrics =
          metricsBefore
              .flatMap(
                  before ->
                      probe.metrics().map(after -> OperatorMetricsFigures.between(before, after)))
              .orElse(null);
      double seconds = runner.elapsedSeconds();
      return new BenchResult(
          config,
          fee,
          setup,
          config.transfers(),
          runner.accepted(),
          runner.rejected(),
          runner.reasons(),
          seconds,
          runner.accepted() / seconds,
          BenchResult.Distribution.of(Percentiles.of(latencies), 1e6),
          blocks(runner, watcher),
          new BenchResult.OperatorFigures(
              probe.peakResidentBytes().orElse(null),
              watcher.maxSampledRss() > 0 ? watcher.maxSampledRss() : null,
              diskBefore.orElse(null),
              diskAfter.orElse(null),
              diskBefore.isPresent() && diskAfter.isPresent() && runner.accepted() > 0
                  ? (double) (diskAfter.get() - diskBefore.get()) / runner.accepted()
                  : null),
          fromMetrics,
          baseline,
          machine);
    }
  }

  private BenchResult.BlockFigures blocks(LoadRunner runner, BlockWatcher watcher) {
    if (runner.accepted() == 0) {
      Percentiles none = Percentiles.of(new long[0]);
      return new BenchResult.BlockFigures(0, 0, 0, 0, null, BenchResult.Distribution.of(none, 1e6));
    }
    List<Long> commitNanos = new ArrayList<>();
    List<Long> buildMillis = new ArrayList<>();
    long maxTxs = 0;
    for (long blknum = runner.firstBlknum(); blknum <= runner.lastBlknum(); blknum += 1000) {
      OptionalLong closed = watcher.closedAt(blknum);
      OptionalLong committed = watcher.committedAt(blknum);
      if (closed.isPresent() && committed.isPresent()) {
        commitNanos.add(committed.getAsLong() - closed.getAsLong());
      }
      watcher.buildMillis(blknum).ifPresent(buildMillis::add);
      maxTxs = Math.max(maxTxs, watcher.txCount(blknum));
    }
    return new BenchResult.BlockFigures(
        runner.firstBlknum(),
        runner.lastBlknum(),
        (runner.lastBlknum() - runner.firstBlknum()) / 1000 + 1,
        maxTxs,
        BenchResult.Distribution.of(Percentiles.of(toArray(buildMillis)), 1),
        BenchResult.Distribution.of(Percentiles.of(toArray(commitNanos)), 1e6));
  }

  private static long[] toArray(List<Long> values) {
    return values.stream().mapToLong(Long::longValue).toArray();
  }

  private Eip712Domain domain() {
    try (JsonRpcClient rpc = new JsonRpcClient(endpoint)) {
      JsonNode status = rpc.call("plasma_status");
      return new Eip712Domain(
          Address.fromHex(status.path("contract").asText()), status.path("chainId").asLong());
    }
  }

  /** Waits until the operator's height reaches {@code blknum} (the fan-out's blocks closed). */
  private void awaitClosed(long blknum) {
    long deadline = System.nanoTime() + config.drainTimeoutSeconds() * 1_000_000_000L;
    try (JsonRpcClient rpc = new JsonRpcClient(endpoint)) {
      while (rpc.call("plasma_status").path("height").asLong() < blknum) {
        if (System.nanoTime() > deadline) {
          throw new BenchException(
              "the fan-out's block %d did not close within %d s"
                  .formatted(blknum, config.drainTimeoutSeconds()));
        }
        FanOut.sleep(100);
      }
    }
  }

  private void say(String message) {
    err.println("bench: " + message);
    err.flush();
  }
}
