package io.plasmanode.contracts.l1;

import io.plasmanode.core.types.Hash32;
import java.io.IOException;
import java.math.BigInteger;
import java.util.Optional;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthCall;

/**
 * JSON-RPC calls to an L1 node the way every raw adapter makes them: an I/O failure becomes {@link
 * L1Exception#io}, an error answer {@link L1Exception#failed}, and a reverted transaction is
 * diagnosed by replaying it.
 */
public final class L1Requests {
  private L1Requests() {}

  /** The fee inputs of the latest block: its base fee and the node's suggested priority fee. */
  public record FeeInputs(BigInteger baseFeePerGas, BigInteger maxPriorityFeePerGas) {}

  /** A call that may fail with I/O. */
  @FunctionalInterface
  public interface L1Call<T> {
    T get() throws IOException;
  }

  /** Sends {@code request} ({@code what} names it in errors); an error answer throws. */
  public static <T extends Response<?>> T send(String what, Request<?, T> request) {
    T response = io(what, request::send);
    if (response.hasError()) {
      throw L1Exception.failed(what + ": " + response.getError().getMessage());
    }
    return response;
  }

  /** Runs {@code call}, turning its I/O and runtime failures into {@link L1Exception}s. */
  public static <T> T io(String what, L1Call<T> call) {
    try {
      return call.get();
    } catch (IOException | RuntimeException e) {
      throw e instanceof L1Exception l1 ? l1 : L1Exception.io(what, e);
    }
  }

  /**
   * Replays mined transaction {@code txHash} with {@code eth_call} on the state before its block
   * and names the contract error it reverts with. Transactions earlier in the same block are not
   * replayed, so this is a diagnosis, not a proof.
   */
  public static String revertReason(Web3j web3j, Hash32 txHash) {
    Optional<org.web3j.protocol.core.methods.response.Transaction> mined =
        send("eth_getTransactionByHash", web3j.ethGetTransactionByHash(txHash.toHex()))
            .getTransaction();
    if (mined.isEmpty() || mined.get().getBlockNumberRaw() == null) {
      return "reason unknown: transaction not found";
    }
    org.web3j.protocol.core.methods.response.Transaction tx = mined.get();
    Transaction replay =
        Transaction.createFunctionCallTransaction(
            tx.getFrom(), null, null, tx.getGas(), tx.getTo(), BigInteger.ZERO, tx.getInput());
    BigInteger before = tx.getBlockNumber().subtract(BigInteger.ONE).max(BigInteger.ZERO);
    EthCall result =
        io("eth_call", () -> web3j.ethCall(replay, DefaultBlockParameter.valueOf(before)).send());
    if (!result.hasError()) {
      return "reason unknown: the replay succeeds (out of gas, or state changed by a transaction"
          + " before it in its block?)";
    }
    return errorName(result);
  }

  /** The Plasma contract error an {@code eth_call} answer reverted with, else its message. */
  public static String errorName(EthCall result) {
    Object data = result.getError().getData();
    return RevertDecoder.PLASMA
        .errorName(data == null ? null : data.toString())
        .orElse(result.getError().getMessage());
  }

  /** The latest block's base fee and the node's {@code eth_maxPriorityFeePerGas}. */
  public static FeeInputs feeInputs(Web3j web3j) {
    BigInteger baseFee =
        send(
                "eth_getBlockByNumber",
                web3j.ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false))
            .getBlock()
            .getBaseFeePerGas();
    BigInteger tip =
        send("eth_maxPriorityFeePerGas", web3j.ethMaxPriorityFeePerGas()).getMaxPriorityFeePerGas();
    return new FeeInputs(baseFee, tip);
  }
}
