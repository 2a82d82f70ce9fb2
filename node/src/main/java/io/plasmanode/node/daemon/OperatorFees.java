package io.plasmanode.node.daemon;

import io.plasmanode.core.fees.FeeTable;
import io.plasmanode.core.types.Address;
import io.plasmanode.node.api.FeeStatus;
import io.plasmanode.node.fees.FeeSchedule;
import io.plasmanode.node.fees.FeeSpecsFile;
import io.plasmanode.node.operator.BlockFees;
import io.plasmanode.node.operator.CollectedFees;
import io.plasmanode.storage.chain.ChainStore;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The operator's fees, wired: the {@code --fee-specs} file (polled for changes on a thread of its
 * own) or no fees, the {@code --fee-claimer}, and the fees claimed since the start.
 */
final class OperatorFees implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(OperatorFees.class);

  private final Optional<FeeSpecsFile> file;
  private final FeeSchedule schedule;
  private final Address claimer;
  private final CollectedFees collected = new CollectedFees();
  private final Optional<ScheduledExecutorService> poller;

  private OperatorFees(Optional<FeeSpecsFile> file, Address claimer) {
    this.file = file;
    this.schedule = file.map(FeeSpecsFile::schedule).orElse(FeeSchedule.fixed(FeeTable.NONE));
    this.claimer = claimer;
    this.poller =
        file.map(
            specs -> {
              ScheduledExecutorService scheduler =
                  Executors.newSingleThreadScheduledExecutor(
                      Thread.ofPlatform().name("fee-specs").daemon().factory());
              specs.startPolling(scheduler, FeeSpecsFile.DEFAULT_POLL_INTERVAL);
              return scheduler;
            });
  }

  /**
   * Loads the fee specs {@code config} names, if any, and starts following their changes.
   *
   * @param operator the operator's address: the claimer unless the config names another
   * @throws io.plasmanode.node.fees.FeeSpecsException if the file cannot be read or is malformed
   */
  static OperatorFees load(OperatorConfig config, Address operator) {
    Optional<FeeSpecsFile> file =
        config
            .feeSpecs()
            .map(path -> FeeSpecsFile.load(path, config.feeGrace(), Clock.systemUTC()));
    Address claimer = config.feeClaimer().orElse(operator);
    file.ifPresentOrElse(
        specs ->
            LOG.info(
                "Fees from {} (reloaded on change, the previous table accepted {} s after),"
                    + " claimed by {}",
                config.feeSpecs().get(),
                config.feeGrace().toSeconds(),
                claimer.toHex()),
        () ->
            LOG.info("No fee required (no --fee-specs); any fees paid are claimed by {}", claimer));
    return new OperatorFees(file, claimer);
  }

  BlockFees blockFees() {
    return BlockFees.of(claimer, schedule::accepted);
  }

  FeeSchedule schedule() {
    return schedule;
  }

  CollectedFees collected() {
    return collected;
  }

  /** Why the fee-specs file's content is not in force, while it is not. */
  Optional<String> alarm() {
    return file.flatMap(FeeSpecsFile::alarm);
  }

  FeeStatus status(ChainStore store) {
    return new FeeStatus(Optional.of(claimer), collected.snapshot(), store.balanceOf(claimer));
  }

  @Override
  public void close() {
    file.ifPresent(FeeSpecsFile::close);
    poller.ifPresent(ScheduledExecutorService::shutdownNow);
  }
}
