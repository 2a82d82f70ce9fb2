package io.plasmanode.node.cli;

import io.plasmanode.node.rpc.RpcResults.BlockResult;
import io.plasmanode.node.rpc.RpcResults.Committed;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code plasma block N}: one child block. */
@Command(
    name = "block",
    mixinStandardHelpOptions = true,
    defaultValueProvider = ConfigDefaultProvider.class,
    description = "Shows child block N: root, time, transactions and whether L1 has its root.",
    footer = ConfigDefaultProvider.FOOTER)
final class BlockCommand extends CliCommand {
  @Parameters(index = "0", paramLabel = "N", description = "Block number (1000, 2000, ...).")
  long blknum;

  @Option(names = "--full", description = "List signed transactions instead of their hashes.")
  boolean full;

  @Mixin RpcOptions rpc;

  @Override
  protected void run() {
    BlockResult block;
    try (OperatorClient operator = rpc.client()) {
      block =
          operator
              .block(blknum, full)
              .orElseThrow(() -> new CliException("block " + blknum + " not found"));
    }
    StringBuilder human =
        new StringBuilder(
            "block %d%n  root:      %s%n  timestamp: %s%n  txCount:   %s%n  commit:    %s%s"
                .formatted(
                    block.blknum(),
                    block.root().toHex(),
                    block.timestamp(),
                    block.txCount(),
                    block.commit().status(),
                    block.commit() instanceof Committed committed
                        ? " (L1 tx " + committed.l1TxHash().toHex() + ")"
                        : ""));
    for (String tx : block.transactions()) {
      human.append("%n  %s".formatted(tx));
    }
    print(human.toString(), block);
  }
}
