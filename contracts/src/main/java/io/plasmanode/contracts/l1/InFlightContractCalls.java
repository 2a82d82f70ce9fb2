package io.plasmanode.contracts.l1;

import io.plasmanode.core.inflight.InputSpentChallenge;
import io.plasmanode.core.inflight.NonCanonicalChallenge;
import io.plasmanode.core.inflight.OutputSpentChallenge;
import io.plasmanode.core.inflight.TxInclusion;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Bytes;
import java.math.BigInteger;
import java.util.List;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.abi.datatypes.generated.Uint8;

/**
 * The in-flight exit game's challenge calls (contracts/src/IPlasmaInFlightExits.sol, called on the
 * Plasma contract) that a watcher signs with a nonce and fees of its own choosing, as {@link
 * ContractCalls} does for {@code challengeStandardExit}. Each carries {@code senderData} naming
 * {@code sender}, the account that signs the transaction ({@link ContractCalls#senderData}).
 */
public final class InFlightContractCalls {
  private InFlightContractCalls() {}

  /** {@code challengeInFlightExitNotCanonical(...)}; position 0 and no proof for one in flight. */
  public static ContractCall challengeNotCanonical(
      Address plasma, Address sender, NonCanonicalChallenge c) {
    return call(
        plasma,
        "challengeInFlightExitNotCanonical",
        bytes(c.inFlightTx()),
        new Uint8(c.inputIndex()),
        bytes(c.competingTx()),
        new Uint8(c.competingTxInputIndex()),
        new Uint256(
            c.competitorInclusion()
                .map(in -> BigInteger.valueOf(in.txPos().toLong()))
                .orElse(BigInteger.ZERO)),
        bytes(c.competitorInclusion().map(TxInclusion::proof).orElse(Bytes.EMPTY)),
        new DynamicBytes(c.competingTxWitness().toArray()),
        ContractCalls.senderData(sender));
  }

  /** {@code respondToNonCanonicalChallenge(inFlightTx, inFlightTxPos, proof, senderData)}. */
  public static ContractCall respond(
      Address plasma, Address sender, Bytes inFlightTx, TxInclusion inclusion) {
    return call(
        plasma,
        "respondToNonCanonicalChallenge",
        bytes(inFlightTx),
        new Uint256(inclusion.txPos().toLong()),
        bytes(inclusion.proof()),
        ContractCalls.senderData(sender));
  }

  /** {@code challengeInFlightExitInputSpent(...)}. */
  public static ContractCall challengeInputSpent(
      Address plasma, Address sender, InputSpentChallenge c) {
    return call(
        plasma,
        "challengeInFlightExitInputSpent",
        bytes(c.inFlightTx()),
        new Uint8(c.inputIndex()),
        bytes(c.challengingTx()),
        new Uint8(c.challengingTxInputIndex()),
        new DynamicBytes(c.challengingTxWitness().toArray()),
        ContractCalls.senderData(sender));
  }

  /** {@code challengeInFlightExitOutputSpent(...)}. */
  public static ContractCall challengeOutputSpent(
      Address plasma, Address sender, OutputSpentChallenge c) {
    return call(
        plasma,
        "challengeInFlightExitOutputSpent",
        bytes(c.inFlightTx()),
        new Uint256(c.inFlightTxInclusion().txPos().toLong()),
        bytes(c.inFlightTxInclusion().proof()),
        new Uint8(c.outputIndex()),
        bytes(c.challengingTx()),
        new Uint8(c.challengingTxInputIndex()),
        new DynamicBytes(c.challengingTxWitness().toArray()),
        ContractCalls.senderData(sender));
  }

  private static DynamicBytes bytes(Bytes value) {
    return new DynamicBytes(value.toArray());
  }

  @SuppressWarnings("rawtypes")
  private static ContractCall call(Address plasma, String function, Type... arguments) {
    return ContractCall.of(
        plasma, FunctionEncoder.encode(new Function(function, List.of(arguments), List.of())));
  }
}
