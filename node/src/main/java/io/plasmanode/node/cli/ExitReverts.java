package io.plasmanode.node.cli;

import io.plasmanode.contracts.l1.L1Exception;
import java.util.Map;

/**
 * The Plasma contract's refusals of exit calls in words for people: {@code the contract refused:
 * ExitAlreadyStarted (the output is already exiting or was exited)}.
 */
final class ExitReverts {
  private static final Map<String, String> MEANINGS =
      Map.ofEntries(
          Map.entry("ExitAlreadyStarted", "the output is already exiting or was exited"),
          Map.entry(
              "ExitWasChallenged",
              "an exit of this output was challenged, so it can never exit; if the operator lists"
                  + " it as unspent, transfer it on the child chain (e.g. to yourself) and exit"
                  + " the new output"),
          Map.entry("ExitNotActive", "the exit does not exist, was challenged or was processed"),
          Map.entry("NotOutputOwner", "only the output's owner can start its exit"),
          Map.entry("BlockNotFound", "the output's block is not committed on L1"),
          Map.entry("OutputNotFound", "the transaction has no output at that oindex"),
          Map.entry("InvalidInclusionProof", "the proof does not lead to the block's root"),
          Map.entry("InvalidUtxoPos", "the position is not a valid utxoPos"),
          Map.entry("WrongBond", "the bond sent differs from the contract's exitBond"),
          Map.entry("InputNotFound", "the spending transaction has no such input"),
          Map.entry("NotSpendingExitingOutput", "the spending transaction spends another output"),
          Map.entry("SignerNotExitOwner", "the spend was not signed by the exiting owner"),
          Map.entry("InvalidSignature", "the spend's signature is invalid"),
          Map.entry("MalformedSignature", "the spend's signature is not 65 bytes"),
          Map.entry("HighSSignature", "the spend's signature has a high s (EIP-2)"),
          Map.entry("TopExitMismatch", "someone processed the queue meanwhile"),
          Map.entry("InsufficientGasForPayout", "the transaction had too little gas for a payout"),
          Map.entry("NothingToWithdraw", "nothing is credited to you for that token"),
          Map.entry(
              "InvalidWithdrawAmount", "the amount is zero or more than your credit of the token"),
          Map.entry(
              "ChainFull", "the chain's last block is committed: no block or deposit comes after"),
          Map.entry("WithdrawFailed", "the transfer to you failed; the credit is kept"),
          Map.entry(
              "InFlightExitAlreadyStarted",
              "this transaction's in-flight exit was started already; it never starts twice"),
          Map.entry("InFlightExitNotActive", "the in-flight exit was processed or deleted"),
          Map.entry(
              "DepositCannotExitInFlight",
              "a deposit has no inputs: exit its output with plasma exit start"),
          Map.entry("InputCountMismatch", "an input's tx, position, proof or witness is missing"),
          Map.entry("InputPositionMismatch", "an input position is not the transaction's input"),
          Map.entry("OutputsExceedInputs", "the outputs of a token add up to more than its inputs"),
          Map.entry(
              "WitnessNotInputOwner",
              "a signature is not its input owner's for this contract and chain"),
          Map.entry("TxMismatch", "the bytes given are not the exit's transaction"),
          Map.entry("SlotNotFound", "the transaction has no such input or output"),
          Map.entry("NotSlotOwner", "only the input's or output's owner can piggyback it"),
          Map.entry("AlreadyPiggybacked", "that input or output is piggybacked already"),
          Map.entry("NotPiggybacked", "that input or output is not piggybacked"),
          Map.entry(
              "PhaseOneOver",
              "the first half of the exit period is over: no more piggybacks or competitors"),
          Map.entry("PhaseOneNotOver", "the first half of the exit period is not over yet"),
          Map.entry("WrongPiggybackBond", "the bond sent differs from the contract's"),
          Map.entry("SameTx", "the competing transaction is the exit's own"),
          Map.entry("CompetitorNotOlder", "the competitor is not older than the oldest known"),
          Map.entry("InvalidTxPos", "the position is not a transaction's (oindex 0)"),
          Map.entry("NotChallenged", "the exit is canonical: there is nothing to respond to"),
          Map.entry("ResponseNotOlder", "the transaction is not older than the oldest competitor"),
          Map.entry(
              "CanonicityFixed", "processing of the exit began: its canonicity no longer changes"),
          Map.entry("HasPiggybacks", "the exit has (or had) a piggyback: it cannot be deleted"));

  private ExitReverts() {}

  /**
   * {@code e} as a {@link CliException} in plain words: the contract's error name and what it
   * means, or the L1 failure as it is.
   */
  static CliException describe(L1Exception e) {
    return new CliException(
        e.errorName().map(ExitReverts::refused).orElse("L1: " + e.getMessage()), e);
  }

  /** {@code the contract refused: NAME (meaning)}. */
  static String refused(String errorName) {
    String meaning = MEANINGS.get(errorName);
    return "the contract refused: " + errorName + (meaning == null ? "" : " (" + meaning + ")");
  }

  /** Whether {@code e} is the contract's error {@code name}. */
  static boolean is(L1Exception e, String name) {
    return e.errorName().filter(name::equals).isPresent();
  }
}
