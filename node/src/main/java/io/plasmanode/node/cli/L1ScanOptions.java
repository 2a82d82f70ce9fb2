package io.plasmanode.node.cli;

import picocli.CommandLine.Option;

/** Where to start searching L1's logs (deposits, in-flight exits). */
public final class L1ScanOptions {
  @Option(
      names = "--from-block",
      paramLabel = "N",
      defaultValue = "0",
      description =
          "First L1 block to search for deposits and exits (default: ${DEFAULT-VALUE}; the"
              + " contract's deployment block saves time on a long chain).")
  long fromBlock;

  public long fromBlock() {
    return fromBlock;
  }
}
