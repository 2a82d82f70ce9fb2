package io.plasmanode.node.cli;

import io.plasmanode.core.crypto.Keccak;
import io.plasmanode.core.crypto.PrivateKey;
import io.plasmanode.core.inflight.InFlightExitState;
import io.plasmanode.core.inflight.TxInclusion;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Hash32;
import io.plasmanode.node.rpc.RpcResults.ExitData;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code plasma exit inflight respond}: shows a challenged exit's transaction included. */
@Command(
    name = "respond",
    mixinStandardHelpOptions = true,
    defaultValueProvider = ConfigDefaultProvider.class,
    description = {
      "Answers a canonicity challenge of the in-flight exit of --tx: proves the transaction"
          + " included at --tx-pos (default: where the operator accepted it, from the wallet's"
          + " record), older than every competitor, with the inclusion proof from the watcher"
          + " (watcher_getExitData). The exit is canonical again and its bond becomes yours.",
      "Allowed until the exit is processed."
    },
    footer = {ConfigDefaultProvider.FOOTER, KeyOptions.FOOTER})
final class ExitInflightRespondCommand extends InFlightTxCommand {
  @Option(
      names = "--tx-pos",
      paramLabel = "POS",
      converter = ExitIdConverter.class,
      description =
          "Where the transaction is included: blknum * 1000000 + txIndex * 10 (oindex 0).")
  UtxoPos txPos;

  @Mixin WatcherOptions watcher;

  @Override
  protected void checkArguments() {
    if (txPos != null && txPos.oindex() != 0) {
      throw new ParameterException(
          spec.commandLine(), "--tx-pos is a transaction's position: its oindex must be 0");
    }
  }

  @Override
  protected void run(ExitL1 session, ExitingTx exiting, PrivateKey key) {
    InFlightExitState state = challenged(session, exiting);
    UtxoPos position = position(exiting);
    checkOlder(state, position);
    ExitData data = inclusion(exiting, position);
    Hash32 l1Tx =
        session
            .chain()
            .respondToNonCanonicalChallenge(
                exiting.txBytes(), TxInclusion.of(position, data.proof()));
    ExitL1.Receipt receipt = session.receipt(l1Tx);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("exitId", exiting.exitId().toString());
    json.put("txHash", exiting.txHash().toHex());
    json.put("txPos", position.toString());
    json.put("l1TxHash", receipt.txHash().toHex());
    json.put("l1Block", receipt.block());
    print(
        ("responded: the in-flight exit %s is canonical again (transaction %s included at %s);"
                + " its bond is now yours%n  L1 tx: %s (block %d)")
            .formatted(
                exiting.exitId(), exiting.txHash(), position, receipt.txHash(), receipt.block()),
        json);
  }

  private static InFlightExitState challenged(ExitL1 session, ExitingTx exiting) {
    InFlightExitState state = onL1(session, exiting, "nothing to respond to");
    if (!state.isActive()) {
      throw new CliException(
          "the in-flight exit was processed or deleted: nothing to respond to"
              + " (InFlightExitNotActive)");
    }
    if (state.canonical()) {
      throw new CliException(
          "the in-flight exit is canonical: there is no challenge to respond to (NotChallenged)");
    }
    return state;
  }

  private UtxoPos position(ExitingTx exiting) {
    if (txPos != null) {
      return txPos;
    }
    return exiting
        .recorded()
        .flatMap(sent -> sent.acceptance())
        .map(accepted -> new UtxoPos(accepted.blknum(), accepted.txIndex(), 0))
        .orElseThrow(
            () ->
                new CliException(
                    ("the wallet does not know where transaction %s is included: give --tx-pos"
                            + " (blknum * 1000000 + txIndex * 10)")
                        .formatted(exiting.txHash())));
  }

  private static void checkOlder(InFlightExitState state, UtxoPos position) {
    state
        .oldestCompetitor()
        .flatMap(InFlightExitState.Competitor::txPos)
        .filter(competitor -> position.compareTo(competitor) >= 0)
        .ifPresent(
            competitor -> {
              throw new CliException(
                  ("the transaction at %s is not older than the oldest competitor, at %s: a"
                          + " response cannot win (ResponseNotOlder); piggyback your inputs"
                          + " instead, if phase 1 is not over")
                      .formatted(position, competitor));
            });
  }

  private ExitData inclusion(ExitingTx exiting, UtxoPos position) {
    ExitData data;
    try (WatcherClient client = watcher.client()) {
      data = client.exitData(position);
    }
    if (!Keccak.keccak256(data.txBytes()).equals(exiting.txHash())) {
      throw new CliException(
          "the watcher at %s has another transaction at %s, not %s: check --tx-pos"
              .formatted(watcher.watcher(), position, exiting.txHash()));
    }
    return data;
  }
}
