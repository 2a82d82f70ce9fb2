package io.plasmanode.node.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code plasma exit}: leaving the child chain through the L1 contract's standard exits. */
@Command(
    name = "exit",
    mixinStandardHelpOptions = true,
    description = {
      "Exits on L1: start the standard exit of your output (with its bond), or the in-flight"
          + " exit of a transaction you sent and piggyback it; list exits, challenge an exit of a"
          + " spent output, process matured exits and withdraw credited payouts.",
      "Exit data and challenge data come from a watcher (--watcher), which needs no operator."
    },
    subcommands = {
      ExitStartCommand.class,
      ExitInflightCommand.class,
      ExitPiggybackCommand.class,
      ExitListCommand.class,
      ExitChallengeCommand.class,
      ExitProcessCommand.class,
      ExitWithdrawCommand.class
    },
    footer = {ConfigDefaultProvider.FOOTER, KeyOptions.FOOTER})
final class ExitCommand implements Runnable {
  @Spec private CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "Missing command: see plasma exit --help");
  }
}
