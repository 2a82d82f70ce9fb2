package io.plasmanode.contracts.l1;

import io.plasmanode.contracts.generated.Plasma;
import io.plasmanode.core.crypto.Keccak;
import io.plasmanode.core.tx.Signature;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Hash32;
import java.math.BigInteger;
import java.util.List;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;

/**
 * The contract calls that callers sign with a nonce and fees of their own choosing (the committer,
 * the challenger) or send through {@link L1Sender#execute}: ABI-encoded here, beside the bindings.
 */
public final class ContractCalls {
  private ContractCalls() {}

  /** Plasma {@code submitBlock(root)}. */
  public static ContractCall submitBlock(Address plasma, Hash32 root) {
    return ContractCall.of(
        plasma,
        FunctionEncoder.encode(
            new Function(
                Plasma.FUNC_SUBMITBLOCK, List.of(new Bytes32(root.toArray())), List.of())));
  }

  /**
   * The {@code senderData} argument that the challenges and the canonicity response carry: {@code
   * keccak256(abi.encodePacked(sender))}, the hash of the sender's 20 address bytes. The contract
   * reverts {@code SenderDataMismatch} when it does not name the transaction's sender, so a copy of
   * the call sent from another account fails (docs/spec.md "Front-running").
   */
  public static Bytes32 senderData(Address sender) {
    return new Bytes32(Keccak.keccak256(sender.toArray()).toArray());
  }

  /**
   * Plasma {@code challengeStandardExit(exitId, spendingTx, inputIndex, signature, senderData)},
   * sent by {@code sender}.
   */
  public static ContractCall challengeStandardExit(
      Address plasma,
      Address sender,
      UtxoPos exitId,
      byte[] spendingTxBytes,
      int inputIndex,
      Signature signature) {
    return ContractCall.of(
        plasma,
        FunctionEncoder.encode(
            new Function(
                Plasma.FUNC_CHALLENGESTANDARDEXIT,
                List.of(
                    new Uint256(exitId.toLong()),
                    new DynamicBytes(spendingTxBytes),
                    new Uint256(inputIndex),
                    new DynamicBytes(signature.toArray()),
                    senderData(sender)),
                List.of())));
  }

  /** ERC20 {@code approve(spender, amount)} of {@code token}. */
  public static ContractCall approve(Address token, Address spender, BigInteger amount) {
    return ContractCall.of(
        token,
        FunctionEncoder.encode(
            new Function(
                "approve", List.of(Erc20Reads.address(spender), new Uint256(amount)), List.of())));
  }
}
