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
          Map.entry("WithdrawFailed", "the transfer to you failed; the credit is kept"));

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
