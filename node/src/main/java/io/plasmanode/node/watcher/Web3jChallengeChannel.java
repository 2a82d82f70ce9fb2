package io.plasmanode.node.watcher;

import io.plasmanode.contracts.generated.Plasma;
import io.plasmanode.contracts.l1.L1Requests;
import io.plasmanode.core.l1.ExitState;
import io.plasmanode.core.l1.RootChain;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Hash32;
import io.plasmanode.exitgame.Challenge;
import io.plasmanode.node.commit.Fees;
import io.plasmanode.node.commit.SendResult;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.datatypes.DynamicBytes;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;

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
    return L1Requests.send("eth_blockNumber", web3j.ethBlockNumber())
        .getBlockNumber()
        .longValueExact();
  }

  @Override
  public long minedNonce() {
    return L1Requests.send(
            "eth_getTransactionCount",
            web3j.ethGetTransactionCount(sender.toHex(), DefaultBlockParameterName.LATEST))
        .getTransactionCount()
        .longValueExact();
  }

  @Override
  public BigInteger balance() {
    return L1Requests.send(
            "eth_getBalance", web3j.ethGetBalance(sender.toHex(), DefaultBlockParameterName.LATEST))
        .getBalance();
  }

  @Override
  public long gasLimit() {
    return gasLimit;
  }

  @Override
  public Fees suggestedFees() {
    L1Requests.FeeInputs latest = L1Requests.feeInputs(web3j);
    return Fees.forBaseFee(latest.baseFeePerGas(), latest.maxPriorityFeePerGas());
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
        L1Requests.io(
            "eth_call", () -> web3j.ethCall(call, DefaultBlockParameterName.LATEST).send());
    return result.hasError() ? Optional.of(L1Requests.errorName(result)) : Optional.empty();
  }

  @Override
  public SignedChallenge sign(Challenge challenge, long nonce, Fees fees) {
    L1Requests.SignedTx signed =
        L1Requests.signEip1559(
            credentials,
            chainId,
            nonce,
            BigInteger.valueOf(gasLimit),
            contract,
            callData(challenge),
            fees.maxPriorityFeePerGas(),
            fees.maxFeePerGas());
    return new SignedChallenge(signed.txHash(), nonce, fees, signed.rawHex());
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
        L1Requests.io(
            "eth_sendRawTransaction", () -> web3j.ethSendRawTransaction(signed.rawHex()).send());
    if (response.hasError()) {
      return SendResult.rejected(signed.txHash(), response.getError().getMessage());
    }
    return SendResult.sent(signed.txHash());
  }

  @Override
  public Optional<ChallengeReceipt> receipt(Hash32 txHash) {
    Optional<TransactionReceipt> receipt =
        L1Requests.send("eth_getTransactionReceipt", web3j.ethGetTransactionReceipt(txHash.toHex()))
            .getTransactionReceipt();
    return receipt.map(
        r -> new ChallengeReceipt(txHash, r.getBlockNumber().longValueExact(), r.isStatusOK()));
  }

  @Override
  public boolean known(Hash32 txHash) {
    return L1Requests.send(
            "eth_getTransactionByHash", web3j.ethGetTransactionByHash(txHash.toHex()))
        .getTransaction()
        .isPresent();
  }

  @Override
  public String revertReason(Hash32 txHash) {
    return L1Requests.revertReason(web3j, txHash);
  }
}
