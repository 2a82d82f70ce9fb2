package io.plasmanode.node.cli;

import io.plasmanode.core.crypto.PrivateKey;
import io.plasmanode.core.inflight.InFlightExitState;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Hash32;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;

/** {@code plasma exit inflight delete}: removes an in-flight exit nobody piggybacked. */
@Command(
    name = "delete",
    mixinStandardHelpOptions = true,
    defaultValueProvider = ConfigDefaultProvider.class,
    description = {
      "Removes the in-flight exit of --tx once phase 1 (the first half of the exit period) is"
          + " over, if nobody ever piggybacked it (deleteNonPiggybackedInFlightExit): such an"
          + " exit pays nothing and is never processed, and deleting it pays its bond to its bond"
          + " owner (whoever started it, or won it by a challenge or response). Anyone may send"
          + " it; an exit that had a piggyback ends when processed (plasma exit process)."
    },
    footer = {ConfigDefaultProvider.FOOTER, KeyOptions.FOOTER})
final class ExitInflightDeleteCommand extends InFlightTxCommand {

  @Override
  protected void run(ExitL1 session, ExitingTx exiting, PrivateKey key) {
    InFlightExitState state = deletable(session, exiting);
    BigInteger bond = session.chain().inFlightExitBond();
    Hash32 l1Tx = session.chain().deleteNonPiggybackedInFlightExit(exiting.exitId());
    ExitL1.Receipt receipt = session.receipt(l1Tx);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("exitId", exiting.exitId().toString());
    json.put("txHash", exiting.txHash().toHex());
    json.put("bondOwner", state.bondOwner().toHex());
    json.put("bond", bond.toString());
    json.put("l1TxHash", receipt.txHash().toHex());
    json.put("l1Block", receipt.block());
    print(
        ("deleted in-flight exit %s (transaction %s): nobody piggybacked it%n  bond:  %s to %s"
                + " (credited on the contract if the transfer failed)%n  L1 tx: %s (block %d)")
            .formatted(
                exiting.exitId(),
                exiting.txHash(),
                describeAmount(Address.ZERO, bond),
                state.bondOwner(),
                receipt.txHash(),
                receipt.block()),
        json);
  }

  /** The exit, if the contract would delete it now; else why not, in words. */
  private static InFlightExitState deletable(ExitL1 session, ExitingTx exiting) {
    InFlightExitState state = onL1(session, exiting, "nothing to delete");
    if (!state.isActive()) {
      throw new CliException(
          "the in-flight exit was processed or deleted already (InFlightExitNotActive)");
    }
    if (state.exitableAt().isPresent()) {
      throw new CliException(
          ("the in-flight exit has (or had) a piggyback, so it cannot be deleted (HasPiggybacks):"
                  + " it ends when processed, from %s (plasma exit process)")
              .formatted(ExitTimes.describe(state.exitableAt().get(), session.now())));
    }
    InFlightExitView view =
        new InFlightExitView(state, exiting.tx(), session.chain().minExitPeriod(), session.now());
    if (view.inPhaseOne()) {
      throw new CliException(
          ("phase 1 of the exit ends %s: an exit nobody piggybacked can be deleted only after it,"
                  + " as its owners may still piggyback until then (PhaseOneNotOver)")
              .formatted(ExitTimes.describe(view.phaseOneEnd(), view.now())));
    }
    return state;
  }
}
