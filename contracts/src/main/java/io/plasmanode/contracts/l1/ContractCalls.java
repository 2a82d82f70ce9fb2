package io.plasmanode.contracts.l1;

import io.plasmanode.contracts.generated.Plasma;
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

  /** Plasma {@code challengeStandardExit(exitId, spendingTx, inputIndex, signature)}. */
  public static ContractCall challengeStandardExit(
      Address plasma, UtxoPos exitId, byte[] spendingTxBytes, int inputIndex, Signature signature) {
    return ContractCall.of(
        plasma,
        FunctionEncoder.encode(
            new Function(
                Plasma.FUNC_CHALLENGESTANDARDEXIT,
                List.of(
                    new Uint256(exitId.toLong()),
                    new DynamicBytes(spendingTxBytes),
                    new Uint256(inputIndex),
                    new DynamicBytes(signature.toArray())),
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
