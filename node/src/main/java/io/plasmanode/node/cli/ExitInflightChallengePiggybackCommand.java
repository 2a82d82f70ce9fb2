package io.plasmanode.node.cli;

import io.plasmanode.core.crypto.BouncyCastleSignerRecovery;
import io.plasmanode.core.crypto.Keccak;
import io.plasmanode.core.crypto.PrivateKey;
import io.plasmanode.core.eip712.Eip712Domain;
import io.plasmanode.core.inflight.InFlightExitState;
import io.plasmanode.core.inflight.InputSpentChallenge;
import io.plasmanode.core.inflight.OutputSpentChallenge;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Bytes;
import io.plasmanode.core.types.Hash32;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

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
final class ExitInflightChallengePiggybackCommand extends InFlightTxCommand {
  @ArgGroup(exclusive = true, multiplicity = "1")
  SlotOptions slot;

  @Mixin WatcherOptions watcher;

  @Override
  protected void run(ExitL1 session, ExitingTx exiting, PrivateKey key) {
    InFlightExitState state = piggybacked(session, exiting);
    InFlightChallengeAnswers answers =
        new InFlightChallengeAnswers(
            new Eip712Domain(session.chain().contractAddress(), session.chainId()),
            new BouncyCastleSignerRecovery(),
            "the watcher at " + watcher.watcher());
    BigInteger bond = session.chain().piggybackBond();
    byte[] txBytes = exiting.txBytes();
    Bytes spend;
    Hash32 l1Tx;
    try (WatcherClient client = watcher.client()) {
      if (slot.isInput()) {
        InputSpentChallenge challenge =
            answers.inputSpent(
                txBytes, state, slot.index(), client.inputChallengeData(txBytes, slot.index()));
        spend = challenge.challengingTx();
        l1Tx = session.chain().challengeInFlightExitInputSpent(challenge);
      } else {
        OutputSpentChallenge challenge =
            answers.outputSpent(
                txBytes, slot.index(), client.outputChallengeData(txBytes, slot.index()));
        spend = challenge.challengingTx();
        l1Tx = session.chain().challengeInFlightExitOutputSpent(challenge);
      }
    }
    report(exiting, Keccak.keccak256(spend.toArray()), bond, session.receipt(l1Tx));
  }

  /** The exit, if the slot is piggybacked now; else why there is nothing to challenge. */
  private InFlightExitState piggybacked(ExitL1 session, ExitingTx exiting) {
    InFlightExitState state = onL1(session, exiting, "nothing to challenge");
    if (!state.isActive()) {
      throw new CliException(
          "the in-flight exit was processed or deleted: too late to challenge"
              + " (InFlightExitNotActive)");
    }
    slot.requireIn(exiting.tx());
    boolean piggybacked =
        slot.isInput()
            ? state.inputPiggybacked(slot.index())
            : state.outputPiggybacked(slot.index());
    if (!piggybacked) {
      throw new CliException(
          ("%s is not piggybacked now (never, or its piggyback was challenged or processed"
                  + " already): nothing to challenge (NotPiggybacked)")
              .formatted(slot.name()));
    }
    return state;
  }

  private void report(ExitingTx exiting, Hash32 spend, BigInteger bond, ExitL1.Receipt receipt) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("exitId", exiting.exitId().toString());
    json.put("txHash", exiting.txHash().toHex());
    json.put(slot.isInput() ? "input" : "output", slot.index());
    json.put("spendingTxHash", spend.toHex());
    json.put("bond", bond.toString());
    json.put("l1TxHash", receipt.txHash().toHex());
    json.put("l1Block", receipt.block());
    print(
        ("challenged the piggyback of %s of in-flight exit %s (transaction %s): transaction %s"
                + " spends it, so it will not be paid%n  bond:  %s won (credited on the contract"
                + " if the transfer failed)%n  L1 tx: %s (block %d)")
            .formatted(
                slot.name(),
                exiting.exitId(),
                exiting.txHash(),
                spend,
                describeAmount(Address.ZERO, bond),
                receipt.txHash(),
                receipt.block()),
        json);
  }
}
