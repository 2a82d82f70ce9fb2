package io.plasmanode.node.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code plasma tx}: the transactions this wallet signed and sent. */
@Command(
    name = "tx",
    mixinStandardHelpOptions = true,
    description = {
      "The transactions this wallet sent: every one is recorded (on disk, synced) before it is"
          + " submitted, with the operator's answer, so it can be exited in flight later.",
      "list and show say what the operator (or the watcher) knows of each now; resend submits"
          + " the same signed transaction again."
    },
    subcommands = {TxListCommand.class, TxShowCommand.class, TxResendCommand.class},
    footer = ConfigDefaultProvider.FOOTER)
final class TxCommand implements Runnable {
  @Spec private CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "Missing command: see plasma tx --help");
  }
}
