package io.plasmanode.node.cli;

import io.plasmanode.contracts.anvil.AnvilProcess;
import io.plasmanode.node.commit.ReconcileException;
import io.plasmanode.node.daemon.OperatorConfig;
import io.plasmanode.node.devnet.Devnet;
import io.plasmanode.node.storage.StorageException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code plasma devnet}: a whole chain on this machine, for trying things out and for tests. */
@Command(
    name = "devnet",
    mixinStandardHelpOptions = true,
    defaultValueProvider = ConfigDefaultProvider.class,
    description = {
      "Starts a local chain: anvil as L1 on 127.0.0.1, the Plasma contract with a short exit"
          + " period, the operator, and demo accounts (alice, bob, carol) with keystores and"
          + " config files for the other commands. Ctrl-C stops everything; the next start"
          + " resumes where it stopped (--reset starts over)."
    },
    footer = ConfigDefaultProvider.FOOTER)
final class DevnetCommand extends CliCommand {
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
      description = "The contract's minimum exit period (default: ${DEFAULT-VALUE}).")
  Duration exitPeriod;

  @Option(
      names = "--exit-bond",
      paramLabel = "AMOUNT",
      defaultValue = "0.01eth",
      description = "The contract's exit bond (default: ${DEFAULT-VALUE}).")
  String exitBond;

  @Option(
      names = "--block-interval",
      paramLabel = "DURATION",
      defaultValue = "1s",
      converter = DurationConverter.class,
      description = "How often the operator closes a non-empty block (default: ${DEFAULT-VALUE}).")
  Duration blockInterval;

  @Option(
      names = "--anvil",
      paramLabel = "FILE",
      description =
          "The anvil executable (default: contracts/tools/anvil of this checkout, from npm ci).")
  Path anvil;

  @Override
  protected void run() {
    BigInteger bond;
    try {
      bond = Amounts.parseEth(exitBond);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "Invalid --exit-bond: " + e.getMessage());
    }
    ServerLogging.enable();
    Devnet devnet = start(bond);
    runUntilStopped(devnet, devnet.banner());
  }

  private Devnet start(BigInteger bond) {
    Path executable;
    try {
      executable = Optional.ofNullable(anvil).orElseGet(AnvilProcess::locate);
    } catch (IllegalStateException e) {
      throw new CliException(e.getMessage() + " (or pass --anvil)", e);
    }
    try {
      return Devnet.start(
          new Devnet.Options(
              dir, executable, l1Port, rpcPort, exitPeriod, bond, blockInterval, reset));
    } catch (ReconcileException e) {
      throw new CliException(
          "the operator refuses to start: " + e.getMessage() + " (--reset starts over)", e);
    } catch (StorageException | IllegalStateException | UncheckedIOException e) {
      throw new CliException(e.getMessage(), e);
    }
  }
}
