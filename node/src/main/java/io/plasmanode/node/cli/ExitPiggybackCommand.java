package io.plasmanode.node.cli;

import io.plasmanode.core.crypto.PrivateKey;
import io.plasmanode.core.inflight.InFlightExitState;
import io.plasmanode.core.l1.L1Event;
import io.plasmanode.core.tx.Output;
import io.plasmanode.core.types.Address;
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
final class ExitPiggybackCommand extends ExitCommandBase {
  @Option(
      names = "--tx",
      required = true,
      paramLabel = "TX",
      description =
          "The exiting transaction: its hash (of one in the wallet, or whose in-flight exit L1"
              + " shows), or its signed hex.")
  String tx;

  /** Which slot: exactly one of --input and --output. */
  static final class Slot {
    @Option(names = "--input", paramLabel = "N", description = "Your input N (0..3).")
    Integer input;

    @Option(names = "--output", paramLabel = "N", description = "Your output N (0..3).")
    Integer output;
  }

  @ArgGroup(exclusive = true, multiplicity = "1")
  Slot slot;

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
      InFlightExitView view = view(session, exiting);
      Address owner = checkSlot(view, key.address());
      BigInteger bond = session.chain().piggybackBond();
      Hash32 l1Tx =
          isInput()
              ? session.chain().piggybackInFlightExitOnInput(exiting.txBytes(), index())
              : session.chain().piggybackInFlightExitOnOutput(exiting.txBytes(), index());
      ExitL1.Receipt receipt = session.receipt(l1Tx);
      InFlightExitState after = session.chain().inFlightExit(exiting.exitId()).orElseThrow();
      report(exiting, after, owner, bond, receipt);
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

  private static InFlightExitView view(ExitL1 session, ExitingTx exiting) {
    InFlightExitState state =
        session
            .chain()
            .inFlightExit(exiting.exitId())
            .orElseThrow(
                () ->
                    new CliException(
                        ("transaction %s has no in-flight exit on L1: its sender starts it"
                                + " (plasma exit inflight start --tx %s)")
                            .formatted(exiting.txHash(), exiting.txHash())));
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
    int count = isInput() ? view.tx().inputs().size() : view.tx().outputs().size();
    if (index() < 0 || index() >= count) {
      throw new CliException(
          "the transaction has %d %s(s), numbered from 0: there is no %s (SlotNotFound)"
              .formatted(count, isInput() ? "input" : "output", slotName()));
    }
    Address owner =
        isInput()
            ? view.inputOwner(index()).orElseThrow()
            : view.tx().outputs().get(index()).owner();
    if (!owner.equals(account)) {
      throw new CliException(
          "%s belongs to %s, not to your key's address %s: only its owner can piggyback it"
                  .formatted(slotName(), owner, account)
              + " (NotSlotOwner)");
    }
    boolean done =
        isInput()
            ? view.state().inputPiggybacked(index())
            : view.state().outputPiggybacked(index());
    if (done) {
      throw new CliException(
          "%s is piggybacked already (AlreadyPiggybacked)".formatted(slotName()));
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
        isInput()
            ? after.inputs().stream()
                .filter(input -> input.index() == index())
                .map(input -> new Output(input.owner(), input.token(), input.amount()))
                .findFirst()
                .orElseThrow()
            : exiting.tx().outputs().get(index());
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("exitId", exiting.exitId().toString());
    json.put("txHash", exiting.txHash().toHex());
    json.put(isInput() ? "input" : "output", index());
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
                slotName(),
                exiting.exitId(),
                exiting.txHash(),
                describeAmount(claimed.token(), claimed.amount()),
                isInput()
                    ? "back to you if the transaction proves non-canonical"
                    : "to you if the transaction proves canonical",
                describeAmount(Address.ZERO, bond),
                after.exitableAt().map(at -> ExitTimes.describe(at, receipt.time())).orElse("?"),
                receipt.txHash(),
                receipt.block()),
        json);
  }
}
