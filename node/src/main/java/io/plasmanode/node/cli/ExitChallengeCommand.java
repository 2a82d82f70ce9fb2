package io.plasmanode.node.cli;

import io.plasmanode.core.crypto.PrivateKey;
import io.plasmanode.core.l1.ExitState;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Hash32;
import io.plasmanode.node.rpc.WatcherRpcResults.ChallengeResult;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code plasma exit challenge}: cancels the exit of a spent output and wins its bond. */
@Command(
    name = "challenge",
    mixinStandardHelpOptions = true,
    defaultValueProvider = ConfigDefaultProvider.class,
    description = {
      "Challenges the active exit --exit-id of an output that was spent on the child chain: gets"
          + " the spending transaction and its signature from the watcher"
          + " (watcher_getChallengeData), posts challengeStandardExit and waits for the receipt.",
      "The exit's bond goes to you (to your withdrawable credit if the transfer fails)."
    },
    footer = {ConfigDefaultProvider.FOOTER, KeyOptions.FOOTER})
final class ExitChallengeCommand extends ExitCommandBase {
  @Option(
      names = "--exit-id",
      required = true,
      paramLabel = "ID",
      converter = ExitIdConverter.class,
      description = "The exit to challenge (its id is the exiting utxoPos).")
  UtxoPos exitId;

  @Mixin WatcherOptions watcher;

  @Mixin KeyOptions keys;

  @Override
  protected void runExit() {
    PrivateKey credentials = keys.keySource(environment(), PasswordPrompt.console()).load();
    try (ExitL1 session = connect(credentials)) {
      ExitState exit = session.chain().exit(exitId);
      requireActive(exit);
      ChallengeResult data;
      try (WatcherClient client = watcher.client()) {
        data = client.challengeData(exitId);
      }
      Address challenger = session.sender();
      BigInteger creditBefore = session.chain().withdrawable(challenger, Address.ZERO);
      Hash32 l1Tx =
          session
              .chain()
              .challengeStandardExit(
                  exitId, data.spendingTxBytes(), data.inputIndex(), data.signature());
      ExitL1.Receipt receipt = session.receipt(l1Tx);
      BigInteger credited =
          session.chain().withdrawable(challenger, Address.ZERO).subtract(creditBefore);
      report(exit, challenger, credited.signum() > 0, receipt);
    }
  }

  private void requireActive(ExitState exit) {
    switch (exit.status()) {
      case NONE ->
          throw new CliException(
              "there is no exit " + exitId + " on L1 (see plasma exit list for the exit ids)");
      case CHALLENGED -> throw new CliException("exit " + exitId + " was already challenged");
      case FINALIZED ->
          throw new CliException(
              "exit " + exitId + " was already processed and paid: too late to challenge");
      case ACTIVE -> {}
    }
  }

  private void report(
      ExitState exit, Address challenger, boolean credited, ExitL1.Receipt receipt) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("exitId", exitId.toString());
    json.put("exitOwner", exit.owner().toHex());
    json.put("challenger", challenger.toHex());
    json.put("bond", exit.bond().toString());
    json.put("bondPaid", !credited);
    json.put("l1TxHash", receipt.txHash().toHex());
    json.put("l1Block", receipt.block());
    String where =
        credited
            ? "credited to you on the contract: run plasma exit withdraw to pull it"
            : "paid to " + challenger;
    print(
        ("exit %s challenged: it will not be paid, and you won its bond of %s%n  bond:  %s%n"
                + "  L1 tx: %s (block %d)")
            .formatted(
                exitId,
                describeAmount(Address.ZERO, exit.bond()),
                where,
                receipt.txHash(),
                receipt.block()),
        json);
  }
}
