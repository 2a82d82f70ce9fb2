package io.plasmanode.node.cli;

import io.plasmanode.node.wallet.SentTransactionStore;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where the wallet keeps the transactions it sends (to exit them in flight later). */
public final class WalletOptions {
  @Option(
      names = "--wallet-dir",
      paramLabel = "DIR",
      description = {
        "Directory of the wallet's record of sent",
        "transactions, " + SentTransactionStore.FILE_NAME,
        "(default: the plasma home, ~/.plasma)."
      })
  Path walletDir;

  /** The store in {@code --wallet-dir}, else in {@code plasmaHome}. */
  public SentTransactionStore store(Path plasmaHome) {
    return SentTransactionStore.in(walletDir != null ? walletDir : plasmaHome);
  }
}
