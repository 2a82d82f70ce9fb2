package io.plasmanode.node.cli;

import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The {@code plasma} command: a user's wallet for the child chain (accounts, deposits, transfers,
 * queries). Run {@code plasma --help}; every subcommand has its own {@code --help}.
 */
@Command(
    name = "plasma",
    mixinStandardHelpOptions = true,
    versionProvider = PlasmaVersion.class,
    description =
        "Plasma child chain: the operator daemon, a local devnet, and the wallet (accounts,"
            + " deposits on L1, transfers, queries).",
    subcommands = {
      AccountCommand.class,
      DepositCommand.class,
      TransferCommand.class,
      TxCommand.class,
      UtxosCommand.class,
      BalanceCommand.class,
      HistoryCommand.class,
      BlockCommand.class,
      StatusCommand.class,
      ExitCommand.class,
      OperatorCommand.class,
      WatcherCommand.class,
      DbCommand.class,
      BenchCommand.class,
      DevnetCommand.class
    },
    footer = {ConfigDefaultProvider.FOOTER, KeyOptions.FOOTER})
public final class PlasmaCli implements Runnable {
  /** Overrides the plasma home directory (default {@code ~/.plasma}). */
  public static final String HOME_ENV = "PLASMA_HOME";

  private final Map<String, String> environment;
  private final Path plasmaHome;

  @Spec private CommandSpec spec;

  /** The process environment, and {@code $PLASMA_HOME} or {@code ~/.plasma} as home. */
  public PlasmaCli() {
    this(System.getenv(), defaultHome(System.getenv()));
  }

  /**
   * For tests and embedding: {@code environment} replaces the process environment (options,
   * PLASMA_PASSWORD, PLASMA_PRIVATE_KEY), {@code plasmaHome} holds the keystore and config file.
   */
  public PlasmaCli(Map<String, String> environment, Path plasmaHome) {
    this.environment = Map.copyOf(environment);
    this.plasmaHome = plasmaHome;
  }

  public static void main(String[] args) {
    ServerLogging.quiet();
    CommandLine commandLine = new CommandLine(new PlasmaCli());
    commandLine.setParameterExceptionHandler(PlasmaCli::shortUsageError);
    System.exit(commandLine.execute(args));
  }

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "Missing command: see plasma --help");
  }

  /** A usage error as one line and a pointer to the help, instead of the whole help. */
  private static int shortUsageError(ParameterException e, String[] args) {
    CommandLine command = e.getCommandLine();
    command.getErr().println("plasma: " + e.getMessage());
    command
        .getErr()
        .println("Try '" + command.getCommandSpec().qualifiedName() + " --help' for usage.");
    return command.getCommandSpec().exitCodeOnInvalidInput();
  }

  public Map<String, String> environment() {
    return environment;
  }

  public Path plasmaHome() {
    return plasmaHome;
  }

  /** {@code $PLASMA_HOME}, else {@code ~/.plasma}. */
  static Path defaultHome(Map<String, String> environment) {
    String configured = environment.get(HOME_ENV);
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured);
    }
    return Path.of(System.getProperty("user.home"), ".plasma");
  }
}
