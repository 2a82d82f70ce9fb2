package io.plasmanode.node.cli;

import io.plasmanode.core.crypto.BouncyCastleSignerRecovery;
import io.plasmanode.core.crypto.Keccak;
import io.plasmanode.core.crypto.PrivateKey;
import io.plasmanode.core.eip712.Eip712Domain;
import io.plasmanode.core.inflight.InFlightExitState;
import io.plasmanode.core.inflight.InputSpentChallenge;
import io.plasmanode.core.inflight.OutputSpentChallenge;
import io.plasmanode.core.l1.L1Event;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Bytes;
import io.plasmanode.core.types.Hash32;
import io.plasmanode.node.wallet.SentTransactionStore;
import io.plasmanode.node.wallet.SentTransactions;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code plasma exit inflight challenge-piggyback}: shows a piggybacked input or output spent, from
 * the watcher's challenge data; the piggyback's bond goes to the sender.
 */
@Command(
    name = "challenge-piggyback",
    mixinStandardHelpOptions = true,
    defaultValueProvider = ConfigDefaultProvider.class,
    description = {
      "Challenges the piggyback of --input N or --output N of the in-flight exit of --tx: shows"
          + " the input spent by another transaction signed by its owner"
          + " (challengeInFlightExitInputSpent), or the transaction included and its output spent"
          + " by a transaction signed by the output's owner (challengeInFlightExitOutputSpent)."
          + " The spend, its signature and the inclusion proof come from the watcher"
          + " (watcher_getInputChallengeData, watcher_getOutputChallengeData) and are checked"
          + " here before anything is sent.",
      "The piggyback is removed (that slot is not paid) and its bond goes to you. Allowed until"
          + " the exit is processed."
    },
    footer = {ConfigDefaultProvider.FOOTER, KeyOptions.FOOTER})
final class ExitInflightChallengePiggybackCommand extends ExitCommandBase {
  @Option(
      names = "--tx",
      required = true,
      paramLabel = "TX",
      description =
          "The exiting transaction: its hash (of one in the wallet, or whose in-flight exit L1"
              + " shows), or its signed hex.")
  String tx;

  /** Which piggyback: exactly one of --input and --output. */
  static final class Slot {
    @Option(names = "--input", paramLabel = "N", description = "The piggybacked input N (0..3).")
    Integer input;

    @Option(names = "--output", paramLabel = "N", description = "The piggybacked output N (0..3).")
    Integer output;
  }

  @ArgGroup(exclusive = true, multiplicity = "1")
  Slot slot;

  @Mixin WatcherOptions watcher;
  @Mixin L1ScanOptions scan;
  @Mixin WalletOptions wallet;
  @Mixin KeyOptions keys;

  @Override
  protected void runExit() {
    SentTransactionStore store = wallet.store(plasmaHome());
    SentTransactions known = store.read();
    known.warnings().forEach(this::warn);
    PrivateKey key = keys.keySource(environment(), PasswordPrompt.console()).load();
    try (ExitL1 session = connect(key)) {
      ExitingTx exiting =
          ExitingTx.resolve(
              tx,
              known,
              store.file().toString(),
              Optional.of(
                  () -> session.events(scan.fromBlock(), L1Event.InFlightExitStarted.class)));
      InFlightExitState state = piggybacked(session, exiting);
      InFlightChallengeAnswers answers =
          new InFlightChallengeAnswers(
              new Eip712Domain(session.chain().contractAddress(), session.chainId()),
              new BouncyCastleSignerRecovery(),
              "the watcher at " + watcher.watcher());
      BigInteger bond = session.chain().piggybackBond();
      Bytes spend;
      Hash32 l1Tx;
      try (WatcherClient client = watcher.client()) {
        if (isInput()) {
          InputSpentChallenge challenge =
              answers.inputSpent(
                  exiting.txBytes(),
                  state,
                  index(),
                  client.inputChallengeData(exiting.txBytes(), index()));
          spend = challenge.challengingTx();
          l1Tx = session.chain().challengeInFlightExitInputSpent(challenge);
        } else {
          OutputSpentChallenge challenge =
              answers.outputSpent(
                  exiting.txBytes(),
                  index(),
                  client.outputChallengeData(exiting.txBytes(), index()));
          spend = challenge.challengingTx();
          l1Tx = session.chain().challengeInFlightExitOutputSpent(challenge);
        }
      }
      report(exiting, Keccak.keccak256(spend.toArray()), bond, session.receipt(l1Tx));
    }
  }

  private boolean isInput() {
    return slot.input != null;
  }

  private int index() {
    return isInput() ? slot.input : slot.output;
  }

  private String slotName() {
    return (isInput() ? "input " : "output ") + index();
  }

  /** The exit, if the slot is piggybacked now; else why there is nothing to challenge. */
  private InFlightExitState piggybacked(ExitL1 session, ExitingTx exiting) {
    InFlightExitState state =
        session
            .chain()
            .inFlightExit(exiting.exitId())
            .orElseThrow(
                () ->
                    new CliException(
                        "transaction %s has no in-flight exit on L1: nothing to challenge"
                            .formatted(exiting.txHash())));
    if (!state.isActive()) {
      throw new CliException(
          "the in-flight exit was processed or deleted: too late to challenge"
              + " (InFlightExitNotActive)");
    }
    int count = isInput() ? exiting.tx().inputs().size() : exiting.tx().outputs().size();
    if (index() < 0 || index() >= count) {
      throw new CliException(
          "the transaction has %d %s(s), numbered from 0: there is no %s (SlotNotFound)"
              .formatted(count, isInput() ? "input" : "output", slotName()));
    }
    boolean piggybacked =
        isInput() ? state.inputPiggybacked(index()) : state.outputPiggybacked(index());
    if (!piggybacked) {
      throw new CliException(
          ("%s is not piggybacked now (never, or its piggyback was challenged or processed"
                  + " already): nothing to challenge (NotPiggybacked)")
              .formatted(slotName()));
    }
    return state;
  }

  private void report(ExitingTx exiting, Hash32 spend, BigInteger bond, ExitL1.Receipt receipt) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("exitId", exiting.exitId().toString());
    json.put("txHash", exiting.txHash().toHex());
    json.put(isInput() ? "input" : "output", index());
    json.put("spendingTxHash", spend.toHex());
    json.put("bond", bond.toString());
    json.put("l1TxHash", receipt.txHash().toHex());
    json.put("l1Block", receipt.block());
    print(
        ("challenged the piggyback of %s of in-flight exit %s (transaction %s): transaction %s"
                + " spends it, so it will not be paid%n  bond:  %s won (credited on the contract"
                + " if the transfer failed)%n  L1 tx: %s (block %d)")
            .formatted(
                slotName(),
                exiting.exitId(),
                exiting.txHash(),
                spend,
                describeAmount(Address.ZERO, bond),
                receipt.txHash(),
                receipt.block()),
        json);
  }
}
