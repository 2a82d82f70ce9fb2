package io.plasmanode.node.cli;

import io.plasmanode.core.crypto.PrivateKey;
import io.plasmanode.core.inflight.InFlightExitState;
import io.plasmanode.core.l1.L1Event;
import io.plasmanode.node.wallet.SentTransactionStore;
import io.plasmanode.node.wallet.SentTransactions;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * What the commands about an in-flight exit on L1 share: {@code --tx} (a hash in the wallet's
 * record or of an exit L1 shows, or a signed transaction's hex), the wallet, the key and the L1
 * session it signs in.
 */
abstract class InFlightTxCommand extends ExitCommandBase {
  @Option(
      names = "--tx",
      required = true,
      paramLabel = "TX",
      description =
          "The exiting transaction: its hash (of one in the wallet, or whose in-flight exit L1"
              + " shows), or its signed hex.")
  String tx;

  @Mixin L1ScanOptions scan;
  @Mixin WalletOptions wallet;
  @Mixin KeyOptions keys;

  private SentTransactions known;
  private String walletFile;

  /** Usage checks made before the wallet, the key or L1 are touched; none by default. */
  protected void checkArguments() {}

  /**
   * The command's work on the exit of {@code exiting}, sending as {@code key} in {@code session}.
   */
  protected abstract void run(ExitL1 session, ExitingTx exiting, PrivateKey key);

  @Override
  protected final void runExit() {
    checkArguments();
    SentTransactionStore store = wallet.store(plasmaHome());
    known = store.read();
    known.warnings().forEach(this::warn);
    walletFile = store.file().toString();
    PrivateKey key = keys.keySource(environment(), PasswordPrompt.console()).load();
    try (ExitL1 session = connect(key)) {
      run(session, resolve(session, tx), key);
    }
  }

  /**
   * The in-flight exit of {@code exiting} as L1 holds it; if there is none, a refusal ending with
   * {@code whatThen} ({@code nothing to delete}).
   */
  protected static InFlightExitState onL1(ExitL1 session, ExitingTx exiting, String whatThen) {
    return session
        .chain()
        .inFlightExit(exiting.exitId())
        .orElseThrow(
            () ->
                new CliException(
                    "transaction %s has no in-flight exit on L1: %s"
                        .formatted(exiting.txHash(), whatThen)));
  }

  /** The transaction {@code text} names, as {@code --tx} is read: wallet, L1 event, signed hex. */
  protected final ExitingTx resolve(ExitL1 session, String text) {
    return ExitingTx.resolve(
        text,
        known,
        walletFile,
        Optional.of(() -> session.events(scan.fromBlock(), L1Event.InFlightExitStarted.class)));
  }
}
