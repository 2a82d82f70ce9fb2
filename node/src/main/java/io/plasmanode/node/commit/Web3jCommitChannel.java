package io.plasmanode.node.commit;

import static com.google.common.base.Preconditions.checkArgument;

import io.plasmanode.contracts.generated.Plasma;
import io.plasmanode.contracts.l1.L1Exception;
import io.plasmanode.contracts.l1.L1Requests;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Hash32;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import org.web3j.abi.EventEncoder;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Bytes32;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.utils.Numeric;

/**
 * {@link CommitChannel} over web3j. Transactions are EIP-1559 (type 2), signed locally with the
 * operator's {@link Credentials} for the given chain id and sent raw, so the nonce and both fees
 * are exactly what the committer chose (a replacement must raise both by at least 10%). The gas
 * limit is fixed: {@code submitBlock} costs about 45k gas on every call (one new storage slot).
 */
public final class Web3jCommitChannel implements CommitChannel {
  /** A safe gas limit for {@code submitBlock} (~45k used). */
  public static final long DEFAULT_GAS_LIMIT = 100_000;

  private static final String BLOCK_SUBMITTED_TOPIC =
      EventEncoder.encode(Plasma.BLOCKSUBMITTED_EVENT);

  private final Web3j web3j;
  private final String contract;
  private final Credentials credentials;
  private final Address sender;
  private final long chainId;
  private final BigInteger gasLimit;
  private final long logsFromL1Block;

  /**
   * @param web3j the L1 connection
   * @param contract the Plasma contract
   * @param operator the operator's key; used for nothing but {@code submitBlock}, never logged
   * @param chainId the L1 chain id the transactions are signed for
   * @param gasLimit the gas limit of a submission (see {@link #DEFAULT_GAS_LIMIT})
   * @param logsFromL1Block where searches for {@code BlockSubmitted} events start (the contract's
   *     deployment block; 0 searches everything)
   */
  public Web3jCommitChannel(
      Web3j web3j,
      Address contract,
      Credentials operator,
      long chainId,
      long gasLimit,
      long logsFromL1Block) {
    checkArgument(gasLimit >= 30_000, "gas limit %s too low for submitBlock", gasLimit);
    checkArgument(logsFromL1Block >= 0, "logsFromL1Block %s", logsFromL1Block);
    this.web3j = web3j;
    this.contract = contract.toHex();
    this.credentials = operator;
    this.sender = Address.fromHex(operator.getAddress());
    this.chainId = chainId;
    this.gasLimit = BigInteger.valueOf(gasLimit);
    this.logsFromL1Block = logsFromL1Block;
  }

  @Override
  public Address sender() {
    return sender;
  }

  @Override
  public Address contractOperator() {
    List<Type> result =
        call(
            new Function(
                Plasma.FUNC_OPERATOR,
                List.of(),
                List.of(new TypeReference<org.web3j.abi.datatypes.Address>() {})),
            DefaultBlockParameterName.LATEST);
    return Address.fromHex(result.get(0).toString());
  }

  @Override
  public ChainAnchor anchor() {
    BigInteger l1Block =
        L1Requests.send("eth_blockNumber", web3j.ethBlockNumber()).getBlockNumber();
    DefaultBlockParameter at = DefaultBlockParameter.valueOf(l1Block);
    long nonce = nonceAt(at);
    List<Type> next =
        call(
            new Function(
                Plasma.FUNC_NEXTCHILDBLOCK, List.of(), List.of(new TypeReference<Uint256>() {})),
            at);
    return new ChainAnchor(l1Block.longValueExact(), uint(next.get(0)).longValueExact(), nonce);
  }

  @Override
  public long l1Height() {
    return L1Requests.send("eth_blockNumber", web3j.ethBlockNumber())
        .getBlockNumber()
        .longValueExact();
  }

  @Override
  public long minedNonce() {
    return nonceAt(DefaultBlockParameterName.LATEST);
  }

  @Override
  public long pendingNonce() {
    return nonceAt(DefaultBlockParameterName.PENDING);
  }

  private long nonceAt(DefaultBlockParameter at) {
    return L1Requests.send(
            "eth_getTransactionCount", web3j.ethGetTransactionCount(sender.toHex(), at))
        .getTransactionCount()
        .longValueExact();
  }

  @Override
  public Optional<Hash32> storedRoot(long blknum) {
    List<Type> stored =
        call(
            new Function(
                Plasma.FUNC_GETBLOCK,
                List.of(new Uint256(blknum)),
                List.of(new TypeReference<Bytes32>() {}, new TypeReference<Uint256>() {})),
            DefaultBlockParameterName.LATEST);
    if (uint(stored.get(1)).signum() == 0) {
      return Optional.empty();
    }
    return Optional.of(Hash32.of(((Bytes32) stored.get(0)).getValue()));
  }

  @Override
  public Optional<SubmittedBlock> findSubmission(long blknum) {
    EthFilter filter =
        new EthFilter(
            DefaultBlockParameter.valueOf(BigInteger.valueOf(logsFromL1Block)),
            DefaultBlockParameterName.LATEST,
            contract);
    filter.addSingleTopic(BLOCK_SUBMITTED_TOPIC);
    filter.addSingleTopic(Numeric.toHexStringWithPrefixZeroPadded(BigInteger.valueOf(blknum), 64));
    return logs(filter).stream().reduce((first, second) -> second);
  }

  @Override
  public List<SubmittedBlock> submissions(long fromL1Block, long toL1Block) {
    checkArgument(fromL1Block <= toL1Block, "L1 blocks %s..%s", fromL1Block, toL1Block);
    if (toL1Block < logsFromL1Block) {
      return List.of(); // before the contract's deployment
    }
    EthFilter filter =
        new EthFilter(
            DefaultBlockParameter.valueOf(
                BigInteger.valueOf(Math.max(fromL1Block, logsFromL1Block))),
            DefaultBlockParameter.valueOf(BigInteger.valueOf(toL1Block)),
            contract);
    filter.addSingleTopic(BLOCK_SUBMITTED_TOPIC);
    return logs(filter);
  }

  private List<SubmittedBlock> logs(EthFilter filter) {
    EthLog logs = L1Requests.send("eth_getLogs", web3j.ethGetLogs(filter));
    return logs.getLogs().stream()
        .map(result -> (Log) result.get())
        .filter(log -> !log.isRemoved())
        .flatMap(log -> decodeEvent(log).stream())
        .toList();
  }

  @Override
  public Fees suggestedFees() {
    L1Requests.FeeInputs latest = L1Requests.feeInputs(web3j);
    return Fees.forBaseFee(latest.baseFeePerGas(), latest.maxPriorityFeePerGas());
  }

  @Override
  public SendResult submitBlock(Hash32 root, long nonce, Fees fees) {
    String data =
        FunctionEncoder.encode(
            new Function(Plasma.FUNC_SUBMITBLOCK, List.of(new Bytes32(root.toArray())), List.of()));
    L1Requests.SignedTx signed =
        L1Requests.signEip1559(
            credentials,
            chainId,
            nonce,
            gasLimit,
            contract,
            data,
            fees.maxPriorityFeePerGas(),
            fees.maxFeePerGas());
    EthSendTransaction response =
        L1Requests.io(
            "eth_sendRawTransaction", () -> web3j.ethSendRawTransaction(signed.rawHex()).send());
    if (response.hasError()) {
      return SendResult.rejected(signed.txHash(), response.getError().getMessage());
    }
    return SendResult.sent(signed.txHash());
  }

  @Override
  public Optional<SubmissionReceipt> receipt(Hash32 txHash) {
    Optional<TransactionReceipt> receipt =
        L1Requests.send("eth_getTransactionReceipt", web3j.ethGetTransactionReceipt(txHash.toHex()))
            .getTransactionReceipt();
    return receipt.map(
        r ->
            new SubmissionReceipt(
                txHash,
                r.getBlockNumber().longValueExact(),
                r.isStatusOK(),
                r.getGasUsed().longValueExact(),
                r.getLogs().stream().flatMap(log -> decodeEvent(log).stream()).toList()));
  }

  @Override
  public String revertReason(Hash32 txHash) {
    return L1Requests.revertReason(web3j, txHash);
  }

  private Optional<SubmittedBlock> decodeEvent(Log log) {
    List<String> topics = log.getTopics();
    if (!contract.equalsIgnoreCase(log.getAddress())
        || topics.size() != 2
        || !BLOCK_SUBMITTED_TOPIC.equals(topics.get(0))) {
      return Optional.empty();
    }
    return Optional.of(
        new SubmittedBlock(
            Numeric.toBigInt(topics.get(1)).longValueExact(),
            Hash32.fromHex(log.getData()),
            Hash32.fromHex(log.getTransactionHash()),
            log.getBlockNumberRaw() == null ? 0 : log.getBlockNumber().longValueExact()));
  }

  private List<Type> call(Function function, DefaultBlockParameter at) {
    Transaction tx =
        Transaction.createEthCallTransaction(
            sender.toHex(), contract, FunctionEncoder.encode(function));
    EthCall result = L1Requests.send("eth_call " + function.getName(), web3j.ethCall(tx, at));
    if (result.isReverted()) {
      throw L1Exception.failed(function.getName() + " reverted: " + result.getRevertReason());
    }
    return FunctionReturnDecoder.decode(result.getValue(), function.getOutputParameters());
  }

  private static BigInteger uint(Type<?> value) {
    return (BigInteger) value.getValue();
  }
}
