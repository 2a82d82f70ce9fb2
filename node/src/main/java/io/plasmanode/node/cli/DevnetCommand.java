package io.plasmanode.node.cli;

import io.plasmanode.contracts.anvil.AnvilProcess;
import io.plasmanode.contracts.l1.Bonds;
import io.plasmanode.contracts.l1.L1Exception;
import io.plasmanode.node.commit.ReconcileException;
import io.plasmanode.node.daemon.OperatorConfig;
import io.plasmanode.node.devnet.Devnet;
import io.plasmanode.node.metrics.MetricsConfig;
import io.plasmanode.node.watcher.WatcherConfig;
import io.plasmanode.storage.kv.StorageException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code plasma devnet}: a whole chain on this machine, for trying things out and for tests. */
@Command(
    name = "devnet",
    mixinStandardHelpOptions = true,
    defaultValueProvider = ConfigDefaultProvider.class,
    description = {
      "Starts a local chain: anvil as L1 on 127.0.0.1 (a block every --l1-block-time and one"
          + " per transaction), the Plasma contract with a short exit period, the DEV test token"
          + " (ERC20), the operator, a watcher that challenges invalid exits, and demo accounts"
          + " (alice, bob, carol, eve, and the watcher's challenger) with keystores and config files"
          + " for the other commands. Ctrl-C stops everything; the next start resumes where it"
          + " stopped (--reset starts over)."
    },
    subcommands = DevnetCheatCommand.class,
    footer = ConfigDefaultProvider.FOOTER)
final class DevnetCommand extends CliCommand {
  @Mixin LogLevelOption logLevel;

  @Option(
      names = "--dir",
      paramLabel = "DIR",
      defaultValue = ".devnet",
      description = "Where the devnet keeps its state (default: ${DEFAULT-VALUE}).")
  Path dir;

  @Option(names = "--reset", description = "Delete the previous devnet in --dir and start over.")
  boolean reset;

  @Option(
      names = "--l1-port",
      paramLabel = "PORT",
      defaultValue = "8545",
      description = "anvil's port (default: ${DEFAULT-VALUE}).")
  int l1Port;

  @Option(
      names = "--rpc-port",
      paramLabel = "PORT",
      defaultValue = "" + OperatorConfig.DEFAULT_RPC_PORT,
      description = "The operator's JSON-RPC port (default: ${DEFAULT-VALUE}).")
  int rpcPort;

  @Option(
      names = "--exit-period",
      paramLabel = "DURATION",
      defaultValue = "60s",
      converter = DurationConverter.class,
      description =
          "The minimum exit period of a newly deployed contract (a resumed devnet keeps its"
              + " contract's); at least 15s unless --no-watcher. The watcher's timings follow"
              + " the contract's period (default: ${DEFAULT-VALUE}).")
  Duration exitPeriod;

  @Option(
      names = "--exit-bond",
      paramLabel = "AMOUNT",
      defaultValue = "0.01eth",
      description = "The contract's exit bond (default: ${DEFAULT-VALUE}).")
  String exitBond;

  @Option(
      names = "--in-flight-exit-bond",
      paramLabel = "AMOUNT",
      description =
          "The contract's in-flight exit bond (default: 37/14 of --exit-bond, the ratio of OMG"
              + " Plasma's bonds).")
  String inFlightExitBond;

  @Option(
      names = "--piggyback-bond",
      paramLabel = "AMOUNT",
      description =
          "The contract's bond of a piggyback on an in-flight exit (default: twice --exit-bond,"
              + " the ratio of OMG Plasma's bonds).")
  String piggybackBond;

  @Option(
      names = "--block-interval",
      paramLabel = "DURATION",
      defaultValue = "1s",
      converter = DurationConverter.class,
      description = "How often the operator closes a non-empty block (default: ${DEFAULT-VALUE}).")
  Duration blockInterval;

  @Option(
      names = "--l1-block-time",
      paramLabel = "DURATION",
      defaultValue = "1s",
      converter = DurationConverter.class,
      description =
          "anvil mines a block this often (whole seconds) besides one per transaction, so L1's"
              + " height and clock move on their own; 0 mines only on transactions (default:"
              + " ${DEFAULT-VALUE}).")
  Duration l1BlockTime;

  @Option(
      names = "--watcher-rpc-port",
      paramLabel = "PORT",
      defaultValue = "" + WatcherConfig.DEFAULT_RPC_PORT,
      description = "The watcher's JSON-RPC port (default: ${DEFAULT-VALUE}).")
  int watcherRpcPort;

  @Option(
      names = "--watcher-p2p-port",
      paramLabel = "PORT",
      defaultValue = "" + WatcherConfig.DEFAULT_P2P_PORT,
      description =
          "The watcher's peer-protocol port, where other watchers sync from it (default:"
              + " ${DEFAULT-VALUE}).")
  int watcherP2pPort;

  @Option(
      names = "--metrics-port",
      paramLabel = "PORT",
      description =
          "Port the operator serves Prometheus metrics on, at /metrics on 127.0.0.1 (default:"
              + " none).")
  Integer metricsPort;

  @Option(
      names = "--watcher-metrics-port",
      paramLabel = "PORT",
      description =
          "Port the watcher serves Prometheus metrics on, at /metrics on 127.0.0.1 (default:"
              + " none).")
  Integer watcherMetricsPort;

  @Option(
      names = "--no-watcher",
      description = "Run no watcher (by default one runs in --dir/watcher and challenges).")
  boolean noWatcher;

  @Option(
      names = "--no-fees",
      description =
          "Charge no fees (by default a payment pays 0.000001 ETH, from --dir/fee-specs.json,"
              + " which the operator reloads when it changes).")
  boolean noFees;

  @Option(
      names = "--byzantine",
      description =
          "For demonstrations only: the operator cheats when told to (plasma devnet cheat): it"
              + " commits a block with a bogus output, withholds it and exits the bogus output."
              + " Never use it but to see what users and the watcher do about it.")
  boolean byzantine;

  @Option(
      names = "--anvil",
      paramLabel = "FILE",
      description =
          "The anvil executable (default: contracts/tools/anvil of the checkout the working"
              + " directory is in, from npm ci; the distribution's bin/plasma also finds anvil"
              + " on PATH).")
  Path anvil;

  private static Optional<MetricsConfig> metricsAt(Integer port) {
    return Optional.ofNullable(port).map(p -> new MetricsConfig(MetricsConfig.DEFAULT_HOST, p));
  }

  @Override
  protected void run() {
    Bonds bonds = bonds();
    logLevel.apply();
    Devnet devnet = start(bonds);
    runUntilStopped(devnet, devnet.banner());
  }

  /** The three bonds; the in-flight exit's and the piggyback's follow the exit bond if not set. */
  private Bonds bonds() {
    BigInteger exit = amount("--exit-bond", exitBond);
    BigInteger inFlight =
        inFlightExitBond == null
            ? Bonds.inFlightExitBondOf(exit)
            : amount("--in-flight-exit-bond", inFlightExitBond);
    BigInteger piggyback =
        piggybackBond == null
            ? Bonds.piggybackBondOf(exit)
            : amount("--piggyback-bond", piggybackBond);
    try {
      return new Bonds(exit, inFlight, piggyback);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "Invalid bond: " + e.getMessage());
    }
  }

  private BigInteger amount(String option, String value) {
    try {
      return Amounts.parseEth(value);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "Invalid " + option + ": " + e.getMessage());
    }
  }

  private Devnet start(Bonds bonds) {
    Path executable;
    try {
      executable = Optional.ofNullable(anvil).orElseGet(AnvilProcess::locate);
    } catch (IllegalStateException e) {
      throw new CliException(
          e.getMessage()
              + "; or pass --anvil FILE, set PLASMA_ANVIL, or (bin/plasma of the distribution)"
              + " put Foundry's anvil on PATH",
          e);
    }
    Devnet.Options options;
    try {
      options =
          new Devnet.Options(
              dir,
              executable,
              l1Port,
              rpcPort,
              exitPeriod,
              bonds,
              blockInterval,
              l1BlockTime,
              noWatcher
                  ? Optional.empty()
                  : Optional.of(new Devnet.WatcherPorts(watcherRpcPort, watcherP2pPort)),
              reset,
              metricsAt(metricsPort),
              metricsAt(watcherMetricsPort),
              !noFees,
              byzantine);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    try {
      return Devnet.start(options);
    } catch (ReconcileException e) {
      throw new CliException(
          "the operator refuses to start: " + e.getMessage() + " (--reset starts over)", e);
    } catch (L1Exception e) {
      throw new CliException("L1 (anvil on 127.0.0.1:" + l1Port + "): " + e.getMessage(), e);
    } catch (StorageException
        | IllegalStateException
        | IllegalArgumentException
        | UncheckedIOException e) {
      throw new CliException(e.getMessage(), e);
    }
  }
}
