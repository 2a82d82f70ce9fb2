package io.plasmanode.node.cli;

import io.plasmanode.core.crypto.PrivateKey;
import io.plasmanode.core.inflight.InFlightExitState;
import io.plasmanode.core.tx.Output;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Hash32;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;

/** {@code plasma exit piggyback}: claims your input or output of an in-flight exit. */
@Command(
    name = "piggyback",
    mixinStandardHelpOptions = true,
    defaultValueProvider = ConfigDefaultProvider.class,
    description = {
      "Piggybacks your --output N (paid to you if the transaction proves canonical) or --input N"
          + " (paid back to you if it does not) of the in-flight exit of --tx, posting the"
          + " piggyback bond; only in the first half of the exit period after the exit started."
          + " Nothing of an in-flight exit is paid without a piggyback; unsure whether the"
          + " transaction is canonical, piggyback both your inputs and your outputs.",
      "A receiver needs only the transaction's hash: the transaction is read from the exit's"
          + " InFlightExitStarted event on L1."
    },
    footer = {ConfigDefaultProvider.FOOTER, KeyOptions.FOOTER})
final class ExitPiggybackCommand extends InFlightTxCommand {
  @ArgGroup(exclusive = true, multiplicity = "1")
  SlotOptions slot;

  @Override
  protected void run(ExitL1 session, ExitingTx exiting, PrivateKey key) {
    InFlightExitView view = view(session, exiting);
    Address owner = checkSlot(view, key.address());
    BigInteger bond = session.chain().piggybackBond();
    Hash32 l1Tx =
        slot.isInput()
            ? session.chain().piggybackInFlightExitOnInput(exiting.txBytes(), slot.index())
            : session.chain().piggybackInFlightExitOnOutput(exiting.txBytes(), slot.index());
    ExitL1.Receipt receipt = session.receipt(l1Tx);
    InFlightExitState after = session.chain().inFlightExit(exiting.exitId()).orElseThrow();
    report(exiting, after, owner, bond, receipt);
  }

  private static InFlightExitView view(ExitL1 session, ExitingTx exiting) {
    InFlightExitState state =
        onL1(
            session,
            exiting,
            "its sender starts it (plasma exit inflight start --tx " + exiting.txHash() + ")");
    return new InFlightExitView(
        state, exiting.tx(), session.chain().minExitPeriod(), session.now());
  }

  /**
   * The slot's owner, which must be {@code account}, in an exit still in phase 1 and not yet
   * piggybacked there: what the contract checks, in words.
   */
  private Address checkSlot(InFlightExitView view, Address account) {
    if (!view.state().isActive()) {
      throw new CliException(
          "the in-flight exit was processed or deleted: nothing can be piggybacked"
              + " (InFlightExitNotActive)");
    }
    if (!view.inPhaseOne()) {
      throw new CliException(
          ("phase 1 of the exit ended %s: piggybacks are accepted only in the first half of the"
                  + " exit period (PhaseOneOver)")
              .formatted(ExitTimes.describe(view.phaseOneEnd(), view.now())));
    }
    slot.requireIn(view.tx());
    Address owner =
        slot.isInput()
            ? view.inputOwner(slot.index()).orElseThrow()
            : view.tx().outputs().get(slot.index()).owner();
    if (!owner.equals(account)) {
      throw new CliException(
          "%s belongs to %s, not to your key's address %s: only its owner can piggyback it"
                  .formatted(slot.name(), owner, account)
              + " (NotSlotOwner)");
    }
    boolean done =
        slot.isInput()
            ? view.state().inputPiggybacked(slot.index())
            : view.state().outputPiggybacked(slot.index());
    if (done) {
      throw new CliException(
          "%s is piggybacked already (AlreadyPiggybacked)".formatted(slot.name()));
    }
    return owner;
  }

  private void report(
      ExitingTx exiting,
      InFlightExitState after,
      Address owner,
      BigInteger bond,
      ExitL1.Receipt receipt) {
    Output claimed =
        slot.isInput()
            ? after.inputs().stream()
                .filter(input -> input.index() == slot.index())
                .map(input -> new Output(input.owner(), input.token(), input.amount()))
                .findFirst()
                .orElseThrow()
            : exiting.tx().outputs().get(slot.index());
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("exitId", exiting.exitId().toString());
    json.put("txHash", exiting.txHash().toHex());
    json.put(slot.isInput() ? "input" : "output", slot.index());
    json.put("owner", owner.toHex());
    json.put("token", claimed.token().toHex());
    json.put("amount", claimed.amount().toString());
    json.put("bond", bond.toString());
    after.exitableAt().ifPresent(at -> json.put("exitableAt", at.getEpochSecond()));
    json.put("l1TxHash", receipt.txHash().toHex());
    json.put("l1Block", receipt.block());
    print(
        ("piggybacked %s of in-flight exit %s (transaction %s)%n  claims: %s, paid %s%n  bond:"
                + "   %s (returned when processed, lost if a challenge shows it spent)%n"
                + "  processable after %s%n  L1 tx:  %s (block %d)")
            .formatted(
                slot.name(),
                exiting.exitId(),
                exiting.txHash(),
                describeAmount(claimed.token(), claimed.amount()),
                slot.isInput()
                    ? "back to you if the transaction proves non-canonical"
                    : "to you if the transaction proves canonical",
                describeAmount(Address.ZERO, bond),
                after.exitableAt().map(at -> ExitTimes.describe(at, receipt.time())).orElse("?"),
                receipt.txHash(),
                receipt.block()),
        json);
  }
}
