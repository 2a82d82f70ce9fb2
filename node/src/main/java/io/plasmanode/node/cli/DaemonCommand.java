package io.plasmanode.node.cli;

import io.plasmanode.contracts.l1.L1Exception;
import io.plasmanode.core.types.Address;
import io.plasmanode.node.storage.StorageException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * What the long-running daemons ({@code operator}, {@code watcher}) share: L1 and the contract, the
 * data directory, the JSON-RPC interface, where to start reading L1, the keystore password, and
 * turning start-up failures into one plain line.
 */
abstract class DaemonCommand extends CliCommand {
  @Mixin L1Options l1;

  @Option(
      names = "--password-file",
      paramLabel = "FILE",
      description = "File whose first line is the keystore password. Default: PLASMA_PASSWORD.")
  Path passwordFile;

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description = "Where the database lives (default: <plasma home>/<command name>).")
  Path dataDir;

  @Option(
      names = "--rpc-host",
      paramLabel = "HOST",
      defaultValue = "127.0.0.1",
      description = "Interface the JSON-RPC API binds to (default: ${DEFAULT-VALUE}).")
  String rpcHost;

  @Option(
      names = "--l1-start-block",
      paramLabel = "N",
      defaultValue = "0",
      description =
          "First L1 block to read events from: the contract's deployment block (default:"
              + " ${DEFAULT-VALUE}). Only used on the first start.")
  long l1StartBlock;

  /** The contract, which these commands require. */
  protected Address contract() {
    return l1.contract()
        .orElseThrow(
            () ->
                new ParameterException(
                    spec.commandLine(), "Missing --contract: the Plasma contract on L1"));
  }

  /** {@code --data-dir}, else {@code <plasma home>/<command name>}. */
  protected Path dataDir() {
    return Optional.ofNullable(dataDir).orElse(plasmaHome().resolve(spec.name()));
  }

  /** The key in {@code keystore} (password from --password-file or the environment), else env. */
  protected KeySource keySource(Path keystore) {
    return new KeySource(
        Optional.ofNullable(keystore),
        Optional.ofNullable(passwordFile),
        environment(),
        PasswordPrompt.console());
  }

  /** Starts the daemon; a failure becomes one plain line and exit code 1. */
  protected <T> T start(Supplier<T> starter) {
    try {
      return starter.get();
    } catch (L1Exception e) {
      throw new CliException("L1 at " + l1.l1() + ": " + e.getMessage(), e);
    } catch (StorageException | IllegalStateException | UncheckedIOException e) {
      throw new CliException(e.getMessage(), e);
    } catch (RuntimeException e) {
      throw new CliException("cannot start the " + spec.name() + ": " + e, e);
    }
  }
}
