package io.plasmanode.node.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code plasma db}: maintenance of a stopped node's database. */
@Command(
    name = "db",
    mixinStandardHelpOptions = true,
    description = "Maintenance of a stopped operator's or watcher's database.",
    subcommands = DbCheckCommand.class,
    footer = ConfigDefaultProvider.FOOTER)
final class DbCommand implements Runnable {
  @Spec private CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "Missing command: see plasma db --help");
  }
}
