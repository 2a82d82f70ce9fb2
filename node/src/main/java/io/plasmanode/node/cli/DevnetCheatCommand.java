package io.plasmanode.node.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.plasmanode.node.devnet.Devnet;
import io.plasmanode.p2p.rpc.JsonRpcClient;
import io.plasmanode.p2p.rpc.JsonRpcException;
import java.math.BigInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code plasma devnet cheat}: tells the operator of a devnet started with {@code --byzantine} to
 * withhold the next block (issue 14's scenario 1), through the devnet's admin method {@code
 * devnet_withholdNextBlock}. For demonstrations only: no {@code plasma operator} has the method.
 */
@Command(
    name = "cheat",
    mixinStandardHelpOptions = true,
    defaultValueProvider = ConfigDefaultProvider.class,
    description = {
      "For demonstrations, against a devnet started byzantine (plasma devnet's flag) only: the operator puts the next"
          + " transaction it is sent into the next child block with a bogus transaction that"
          + " mints --amount ETH for --mint-to from nothing, commits the block's root on L1,"
          + " withholds its contents (its own node and the watcher never get them), and starts"
          + " the standard exit of the bogus output with that account's key at once. The"
          + " transaction's sender is told it was accepted. What to do about it: README.md, \"A"
          + " withheld block on the devnet\"."
    },
    footer = ConfigDefaultProvider.FOOTER)
final class DevnetCheatCommand extends CliCommand {
  @Mixin RpcOptions rpc;

  @Option(
      names = "--mint-to",
      paramLabel = "ACCOUNT",
      required = true,
      description = "The devnet account (by name: alice, bob, carol, eve) the bogus output pays.")
  String account;

  @Option(
      names = "--amount",
      paramLabel = "AMOUNT",
      required = true,
      description = "The bogus output's amount of ETH (e.g. 1eth, 0.5eth, 1000wei).")
  String amount;

  @Override
  protected void run() {
    BigInteger wei;
    try {
      wei = Amounts.parseEth(amount);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "Invalid --amount: " + e.getMessage());
    }
    JsonNode armed;
    try (JsonRpcClient client = new JsonRpcClient(rpc.rpc())) {
      armed = client.call(Devnet.WITHHOLD_NEXT_BLOCK, account, wei.toString());
    } catch (JsonRpcException e) {
      if (e.code() == JsonRpcException.METHOD_NOT_FOUND) {
        throw new CliException(
            "the operator at "
                + rpc.rpc()
                + " does not cheat: only a devnet started with plasma devnet --byzantine does",
            e);
      }
      throw new CliException("the devnet refused: " + e.getMessage(), e);
    }
    print(
        ("armed: the operator puts the next transaction it is sent into a block with a bogus"
                + " transaction minting %s for %s (%s), commits the block's root on L1, withholds"
                + " the block and starts %s's exit of the bogus output")
            .formatted(
                Amounts.formatEth(wei),
                armed.path("account").asText(),
                armed.path("address").asText(),
                armed.path("account").asText()),
        armed);
  }
}
