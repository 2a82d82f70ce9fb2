package io.plasmanode.node.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code plasma account}: local accounts, kept as keystore files. */
@Command(
    name = "account",
    mixinStandardHelpOptions = true,
    description = "Manage local accounts (encrypted keystore files).",
    subcommands = AccountNewCommand.class,
    footer = ConfigDefaultProvider.FOOTER)
final class AccountCommand implements Runnable {
  @Spec private CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "Missing command: see plasma account --help");
  }
}
