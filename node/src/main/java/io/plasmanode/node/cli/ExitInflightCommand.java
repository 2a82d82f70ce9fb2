package io.plasmanode.node.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code plasma exit inflight}: exits of transactions the chain may never have included. */
@Command(
    name = "inflight",
    mixinStandardHelpOptions = true,
    description = {
      "In-flight exits (MoreVP): when a transaction you sent is not included, or its block is"
          + " withheld, its sender starts its in-flight exit on L1 (start), then, in the first"
          + " half of the exit period, each owner piggybacks the outputs (paid if the transaction"
          + " proves canonical) or inputs (paid back if not) they claim: plasma exit piggyback.",
      "challenge shows a competitor (another spend of an input, signed by its owner); respond"
          + " answers such a challenge with the transaction's inclusion; challenge-piggyback"
          + " shows a piggybacked input or output spent; delete removes an exit nobody"
          + " piggybacked once phase 1 is over."
    },
    subcommands = {
      ExitInflightStartCommand.class,
      ExitInflightChallengeCommand.class,
      ExitInflightRespondCommand.class,
      ExitInflightChallengePiggybackCommand.class,
      ExitInflightDeleteCommand.class
    },
    footer = {ConfigDefaultProvider.FOOTER, KeyOptions.FOOTER})
final class ExitInflightCommand implements Runnable {
  @Spec private CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(
        spec.commandLine(), "Missing command: see plasma exit inflight --help");
  }
}
