package io.plasmanode.node.watcher;

import io.plasmanode.contracts.generated.Plasma;
import io.plasmanode.contracts.l1.L1Exception;
import io.plasmanode.contracts.l1.RevertDecoder;
import io.plasmanode.core.l1.ExitState;
import io.plasmanode.core.l1.RootChain;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Hash32;
import io.plasmanode.exitgame.Challenge;
import io.plasmanode.node.commit.Fees;
import io.plasmanode.node.commit.SendResult;
import java.io.IOException;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/**
 * {@link ChallengeChannel} over web3j: challenges are EIP-1559 (type 2) transactions signed locally
 * with the challenger's {@link Credentials} (deterministic signatures: the same nonce, fees and
 * call give the same hash) and sent raw, as the committer's {@code Web3jCommitChannel} does. Exits
 * are read through the watcher's {@link RootChain} reader.
 */
final class Web3jChallengeChannel implements ChallengeChannel {
  private final Web3j web3j;
  private final String contract;
  private final RootChain reader;
  private final Credentials credentials;
  private final Address sender;
  private final long chainId;
  private final long gasLimit;

  Web3jChallengeChannel(
      Web3j web3j,
      Address contract,
      RootChain reader,
      Credentials challenger,
      long chainId,
      long gasLimit) {
    this.web3j = web3j;
    this.contract = contract.toHex();
    this.reader = reader;
    this.credentials = challenger;
    this.sender = Address.fromHex(challenger.getAddress());
    this.chainId = chainId;
    this.gasLimit = gasLimit;
  }

  @Override
  public Address sender() {
    return sender;
  }

  @Override
  public long l1Height() {
    return send("eth_blockNumber", web3j.ethBlockNumber()).getBlockNumber().longValueExact();
  }

  @Override
  public long minedNonce() {
    return send(
            "eth_getTransactionCount",
            web3j.ethGetTransactionCount(sender.toHex(), DefaultBlockParameterName.LATEST))
        .getTransactionCount()
        .longValueExact();
  }

  @Override
  public BigInteger balance() {
    return send(
            "eth_getBalance", web3j.ethGetBalance(sender.toHex(), DefaultBlockParameterName.LATEST))
        .getBalance();
  }

  @Override
  public long gasLimit() {
    return gasLimit;
  }

  @Override
  public Fees suggestedFees() {
    EthBlock.Block latest =
        send(
                "eth_getBlockByNumber",
                web3j.ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false))
            .getBlock();
    BigInteger tip =
        send("eth_maxPriorityFeePerGas", web3j.ethMaxPriorityFeePerGas()).getMaxPriorityFeePerGas();
    return Fees.forBaseFee(latest.getBaseFeePerGas(), tip);
  }

  @Override
  public ExitState exit(UtxoPos exitId) {
    return reader.exit(exitId);
  }

  @Override
  public Optional<String> simulate(Challenge challenge) {
    Transaction call =
        Transaction.createFunctionCallTransaction(
            sender.toHex(),
            null,
            null,
            BigInteger.valueOf(gasLimit),
            contract,
            BigInteger.ZERO,
            callData(challenge));
    EthCall result =
        io("eth_call", () -> web3j.ethCall(call, DefaultBlockParameterName.LATEST).send());
    return result.hasError() ? Optional.of(errorName(result)) : Optional.empty();
  }

  @Override
  public SignedChallenge sign(Challenge challenge, long nonce, Fees fees) {
    RawTransaction tx =
        RawTransaction.createTransaction(
            chainId,
            BigInteger.valueOf(nonce),
            BigInteger.valueOf(gasLimit),
            contract,
            BigInteger.ZERO,
            callData(challenge),
            fees.maxPriorityFeePerGas(),
            fees.maxFeePerGas());
    byte[] signed = TransactionEncoder.signMessage(tx, credentials);
    return new SignedChallenge(
        Hash32.of(Hash.sha3(signed)), nonce, fees, Numeric.toHexString(signed));
  }

  private static String callData(Challenge challenge) {
    return FunctionEncoder.encode(
        new Function(
            Plasma.FUNC_CHALLENGESTANDARDEXIT,
            List.of(
                new Uint256(challenge.exitId().toLong()),
                new DynamicBytes(challenge.spendingTxBytes()),
                new Uint256(challenge.inputIndex()),
                new DynamicBytes(challenge.signature().toArray())),
            List.of()));
  }

  @Override
  public SendResult send(SignedChallenge signed) {
    EthSendTransaction response =
        io("eth_sendRawTransaction", () -> web3j.ethSendRawTransaction(signed.rawHex()).send());
    if (response.hasError()) {
      return SendResult.rejected(signed.txHash(), response.getError().getMessage());
    }
    return SendResult.sent(signed.txHash());
  }

  @Override
  public Optional<ChallengeReceipt> receipt(Hash32 txHash) {
    Optional<TransactionReceipt> receipt =
        send("eth_getTransactionReceipt", web3j.ethGetTransactionReceipt(txHash.toHex()))
            .getTransactionReceipt();
    return receipt.map(
        r -> new ChallengeReceipt(txHash, r.getBlockNumber().longValueExact(), r.isStatusOK()));
  }

  @Override
  public boolean known(Hash32 txHash) {
    return send("eth_getTransactionByHash", web3j.ethGetTransactionByHash(txHash.toHex()))
        .getTransaction()
        .isPresent();
  }

  /**
   * Replays the transaction with {@code eth_call} on the state before its block and names the
   * contract error it reverts with (earlier transactions of the block are not replayed).
   */
  @Override
  public String revertReason(Hash32 txHash) {
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
    return result.hasError()
        ? errorName(result)
        : "reason unknown: the replay succeeds (a transaction before it in its block?)";
  }

  private static String errorName(EthCall result) {
    Object data = result.getError().getData();
    return RevertDecoder.PLASMA
        .errorName(data == null ? null : data.toString())
        .orElse(result.getError().getMessage());
  }

  private static <T extends Response<?>> T send(String what, Request<?, T> request) {
    T response = io(what, request::send);
    if (response.hasError()) {
      throw L1Exception.failed(what + ": " + response.getError().getMessage());
    }
    return response;
  }

  private static <T> T io(String what, L1Call<T> call) {
    try {
      return call.get();
    } catch (IOException | RuntimeException e) {
      throw e instanceof L1Exception l1 ? l1 : L1Exception.io(what, e);
    }
  }

  @FunctionalInterface
  private interface L1Call<T> {
    T get() throws IOException;
  }
}
