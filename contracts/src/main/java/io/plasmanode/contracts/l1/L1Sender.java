package io.plasmanode.contracts.l1;

import static com.google.common.base.Preconditions.checkArgument;

import io.plasmanode.core.crypto.PrivateKey;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Hash32;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Optional;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.Hash;
import org.web3j.crypto.RawTransaction;
import org.web3j.crypto.TransactionEncoder;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthCall;
import org.web3j.protocol.core.methods.response.EthEstimateGas;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.exceptions.TransactionException;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;
import org.web3j.utils.Numeric;

/**
 * Every L1 send, as one account: EIP-1559 (type 2) transactions signed locally with its key for the
 * L1's chain id and sent raw. One policy for all callers:
 *
 * <ul>
 *   <li>fees: {@link L1Client#suggestedFees()} (twice the latest base fee plus the node's tip);
 *       callers that re-send raise them with {@link Fees#bumped} and limit them with {@link
 *       Fees#cappedAt};
 *   <li>nonce: the account's pending nonce, or the caller's own for a re-send ({@link #sign});
 *   <li>before a send, a simulation with {@code eth_call}: a call that would revert fails with the
 *       contract's named error ({@link RevertDecoder}) and costs no gas;
 *   <li>gas limit: {@code eth_estimateGas} plus 25% and 20,000 ({@value #FALLBACK_GAS_LIMIT} when
 *       the node cannot estimate), or the caller's fixed limit.
 * </ul>
 */
public final class L1Sender {
  /** The gas limit when the node cannot estimate a call. */
  static final long FALLBACK_GAS_LIMIT = 1_000_000;

  /** How long {@link #execute} waits for a receipt. */
  private static final Duration RECEIPT_TIMEOUT = Duration.ofMinutes(10);

  private static final Duration DEFAULT_RECEIPT_POLL = Duration.ofMillis(250);

  private final L1Client client;
  private final Credentials credentials;
  private final Address address;
  private final long chainId;
  private final PollingTransactionReceiptProcessor receipts;

  private L1Sender(L1Client client, PrivateKey key, long chainId, Duration receiptPoll) {
    checkArgument(receiptPoll.isPositive(), "receipt poll interval %s", receiptPoll);
    this.client = client;
    this.credentials = Keystores.credentials(key);
    this.address = key.address();
    this.chainId = chainId;
    this.receipts =
        new PollingTransactionReceiptProcessor(
            client.web3j(),
            receiptPoll.toMillis(),
            (int) Math.max(1, RECEIPT_TIMEOUT.toMillis() / receiptPoll.toMillis()));
  }

  /** Sends as {@code key} on {@code client}'s L1, whose chain id is {@code chainId}. */
  public static L1Sender of(L1Client client, PrivateKey key, long chainId) {
    return new L1Sender(client, key, chainId, DEFAULT_RECEIPT_POLL);
  }

  /** As {@link #of}, polling for receipts every {@code receiptPoll} (tests on anvil: 50 ms). */
  public static L1Sender of(L1Client client, PrivateKey key, long chainId, Duration receiptPoll) {
    return new L1Sender(client, key, chainId, receiptPoll);
  }

  /** The account that signs and pays. */
  public Address address() {
    return address;
  }

  public L1Client client() {
    return client;
  }

  public long chainId() {
    return chainId;
  }

  /**
   * Simulates {@code call}, then sends it with the pending nonce, the suggested fees and an
   * estimated gas limit, and waits until it is mined.
   *
   * @param function names the call in errors
   * @return the hash of the mined, successful transaction
   * @throws L1Exception with the contract's named error if the simulation reverts; if the node
   *     rejects the transaction, or it reverts when mined
   */
  public Hash32 execute(String function, ContractCall call) {
    requireSuccess(function, call);
    return sendAndWait(function, Optional.of(call.to()), call.data(), call.value());
  }

  /**
   * Deploys a contract with creation code {@code creationCode} (constructor arguments appended) and
   * waits for it; its address.
   */
  public Address deploy(String what, String creationCode) {
    Hash32 txHash = sendAndWait(what, Optional.empty(), creationCode, BigInteger.ZERO);
    return client
        .receipt(txHash)
        .flatMap(L1Receipt::contractAddress)
        .orElseThrow(() -> L1Exception.failed(what + ": no contract address in " + txHash));
  }

  /**
   * Fails with the contract's named error if {@code call} would revert now (on the pending state).
   */
  public void requireSuccess(String function, ContractCall call) {
    EthCall result = simulate(call, Optional.empty(), DefaultBlockParameterName.PENDING);
    if (result.hasError()) {
      Object data = result.getError().getData();
      throw RevertDecoder.PLASMA.decode(function, data == null ? "" : data.toString());
    }
  }

  /** The contract error {@code call} would revert with now (latest block, {@code gasLimit}). */
  public Optional<String> revertOf(ContractCall call, long gasLimit) {
    EthCall result =
        simulate(call, Optional.of(BigInteger.valueOf(gasLimit)), DefaultBlockParameterName.LATEST);
    return result.hasError() ? Optional.of(L1Requests.errorName(result)) : Optional.empty();
  }

  private EthCall simulate(
      ContractCall call, Optional<BigInteger> gas, DefaultBlockParameterName at) {
    Transaction tx =
        Transaction.createFunctionCallTransaction(
            address.toHex(),
            null,
            null,
            gas.orElse(null),
            call.to().toHex(),
            call.value(),
            call.data());
    return L1Requests.io("eth_call", () -> client.web3j().ethCall(tx, at).send());
  }

  /**
   * Signs {@code call} with exactly {@code nonce}, {@code fees} and {@code gasLimit} (signatures
   * are deterministic: the same inputs give the same hash, so a re-send is recognised).
   */
  public SignedTx sign(ContractCall call, long nonce, Fees fees, long gasLimit) {
    return sign(Optional.of(call.to()), call.data(), call.value(), nonce, fees, gasLimit);
  }

  private SignedTx sign(
      Optional<Address> to, String data, BigInteger value, long nonce, Fees fees, long gasLimit) {
    RawTransaction tx =
        RawTransaction.createTransaction(
            chainId,
            BigInteger.valueOf(nonce),
            BigInteger.valueOf(gasLimit),
            to.map(Address::toHex).orElse(""),
            value,
            data,
            fees.maxPriorityFeePerGas(),
            fees.maxFeePerGas());
    byte[] signed = TransactionEncoder.signMessage(tx, credentials);
    return new SignedTx(Hash32.of(Hash.sha3(signed)), Numeric.toHexString(signed));
  }

  /** Sends a signed transaction; the node's rejections are {@link SendResult} outcomes. */
  public SendResult send(SignedTx signed) {
    EthSendTransaction response =
        L1Requests.io(
            "eth_sendRawTransaction",
            () -> client.web3j().ethSendRawTransaction(signed.rawHex()).send());
    if (response.hasError()) {
      return SendResult.rejected(signed.txHash(), response.getError().getMessage());
    }
    return SendResult.sent(signed.txHash());
  }

  private Hash32 sendAndWait(String function, Optional<Address> to, String data, BigInteger value) {
    long gasLimit = estimateGas(to, data, value);
    long nonce = client.pendingNonce(address);
    SignedTx signed = sign(to, data, value, nonce, client.suggestedFees(), gasLimit);
    SendResult sent = send(signed);
    if (sent.outcome() != SendResult.Outcome.SENT
        && sent.outcome() != SendResult.Outcome.ALREADY_KNOWN) {
      throw L1Exception.failed(function + " failed on L1: " + sent.message());
    }
    TransactionReceipt receipt = waitForReceipt(function, signed.txHash());
    if (!receipt.isStatusOK()) {
      throw L1Exception.failed(function + " reverted in " + receipt.getTransactionHash());
    }
    return signed.txHash();
  }

  private TransactionReceipt waitForReceipt(String function, Hash32 txHash) {
    try {
      return receipts.waitForTransactionReceipt(txHash.toHex());
    } catch (TransactionException e) {
      throw L1Exception.failed(function + " failed on L1: " + e.getMessage());
    } catch (Exception e) {
      throw L1Exception.io(function, e);
    }
  }

  /** {@code eth_estimateGas} plus 25% and 20,000; {@value #FALLBACK_GAS_LIMIT} if it fails. */
  private long estimateGas(Optional<Address> to, String data, BigInteger value) {
    Transaction tx =
        Transaction.createFunctionCallTransaction(
            address.toHex(), null, null, null, to.map(Address::toHex).orElse(null), value, data);
    EthEstimateGas estimate =
        L1Requests.io("eth_estimateGas", () -> client.web3j().ethEstimateGas(tx).send());
    if (estimate.hasError() || estimate.getResult() == null) {
      return FALLBACK_GAS_LIMIT;
    }
    long used = estimate.getAmountUsed().longValueExact();
    return used + used / 4 + 20_000;
  }
}
