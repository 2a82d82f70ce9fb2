package io.plasmanode.node.cli;

import com.fasterxml.jackson.databind.JsonNode;
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
    JsonNode block;
    try (OperatorClient operator = rpc.client()) {
      block =
          operator
              .block(blknum, full)
              .orElseThrow(() -> new CliException("block " + blknum + " not found"));
    }
    JsonNode commit = block.path("commit");
    StringBuilder human =
        new StringBuilder(
            "block %d%n  root:      %s%n  timestamp: %s%n  txCount:   %s%n  commit:    %s%s"
                .formatted(
                    block.path("blknum").asLong(),
                    block.path("root").asText(),
                    block.path("timestamp").asText(),
                    block.path("txCount").asText(),
                    commit.path("status").asText("unknown"),
                    commit.has("l1TxHash")
                        ? " (L1 tx " + commit.get("l1TxHash").asText() + ")"
                        : ""));
    for (JsonNode tx : block.path("transactions")) {
      human.append("%n  %s".formatted(tx.asText()));
    }
    print(human.toString(), block);
  }
}
