package io.plasmanode.contracts.l1;

import static io.plasmanode.contracts.l1.L1Requests.send;

import io.plasmanode.core.l1.L1Event;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Hash32;
import java.math.BigInteger;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.protocol.http.HttpService;
import org.web3j.utils.Numeric;

/**
 * The connection to an L1 node and every read of it that is not about one contract's state: chain
 * id, head, block times, balances, ERC20 balances and allowances, nonces, fees, receipts, code.
 * Failures are {@link L1Exception}s: {@link L1Exception#io} when the node cannot be reached, {@link
 * L1Exception#failed} when it answers with an error. Sends go through an {@link L1Sender}.
 */
public final class L1Client implements AutoCloseable {
  private final URI endpoint;
  private final Web3j web3j;
  private final L1EventDecoder events = new L1EventDecoder();
  private final Erc20Reads erc20;

  private L1Client(URI endpoint, Web3j web3j) {
    this.endpoint = endpoint;
    this.web3j = web3j;
    this.erc20 = new Erc20Reads(this);
  }

  /** A client of the L1 node's JSON-RPC endpoint (HTTP); nothing is sent yet. */
  public static L1Client connect(URI endpoint) {
    return new L1Client(endpoint, Web3j.build(new HttpService(endpoint.toString())));
  }

  public URI endpoint() {
    return endpoint;
  }

  Web3j web3j() {
    return web3j;
  }

  public long chainId() {
    return send("eth_chainId", web3j.ethChainId()).getChainId().longValueExact();
  }

  /** The number of the latest L1 block. */
  public long head() {
    return send("eth_blockNumber", web3j.ethBlockNumber()).getBlockNumber().longValueExact();
  }

  /** The timestamp of the latest block: L1's clock, as contracts see it. */
  public Instant latestBlockTime() {
    return blockTime(DefaultBlockParameterName.LATEST);
  }

  /** The timestamp of L1 block {@code number}. */
  public Instant blockTime(long number) {
    return blockTime(DefaultBlockParameter.valueOf(BigInteger.valueOf(number)));
  }

  private Instant blockTime(DefaultBlockParameter block) {
    return Instant.ofEpochSecond(
        send("eth_getBlockByNumber", web3j.ethGetBlockByNumber(block, false))
            .getBlock()
            .getTimestamp()
            .longValueExact());
  }

  /** {@code account}'s balance in wei at the latest block. */
  public BigInteger balance(Address account) {
    return send(
            "eth_getBalance",
            web3j.ethGetBalance(account.toHex(), DefaultBlockParameterName.LATEST))
        .getBalance();
  }

  /** ERC20 {@code balanceOf(holder)} of {@code token}; empty if the token does not answer it. */
  public Optional<BigInteger> erc20Balance(Address token, Address holder) {
    return erc20.balanceOf(token, holder);
  }

  /** ERC20 {@code allowance(owner, spender)}; empty if the token does not answer it. */
  public Optional<BigInteger> erc20Allowance(Address token, Address owner, Address spender) {
    return erc20.allowance(token, owner, spender);
  }

  /** Whether there is contract code at {@code address} in the latest block. */
  public boolean hasCode(Address address) {
    String code =
        send("eth_getCode", web3j.ethGetCode(address.toHex(), DefaultBlockParameterName.LATEST))
            .getCode();
    return code != null && !code.isEmpty() && !code.equals("0x");
  }

  /**
   * The chain id, after checking that {@code contract} has code on this L1.
   *
   * @throws IllegalStateException naming the contract, the L1 and its chain id, if it has no code
   * @throws L1Exception if the L1 cannot be reached
   */
  public long requireDeployed(Address contract) {
    long chainId = chainId();
    if (!hasCode(contract)) {
      throw new IllegalStateException(
          "no contract at %s on L1 %s (chain id %d): check --contract and --l1"
              .formatted(contract.toHex(), endpoint, chainId));
    }
    return chainId;
  }

  /** {@code account}'s mined transactions in the latest block: its next nonce once all mine. */
  public long minedNonce(Address account) {
    return nonce(account, DefaultBlockParameterName.LATEST);
  }

  /** {@code account}'s nonce counting its transactions pending in the node's pool. */
  public long pendingNonce(Address account) {
    return nonce(account, DefaultBlockParameterName.PENDING);
  }

  /** {@code account}'s mined transactions as of L1 block {@code l1Block}. */
  public long nonceAt(Address account, long l1Block) {
    return nonce(account, DefaultBlockParameter.valueOf(BigInteger.valueOf(l1Block)));
  }

  private long nonce(Address account, DefaultBlockParameter at) {
    return send("eth_getTransactionCount", web3j.ethGetTransactionCount(account.toHex(), at))
        .getTransactionCount()
        .longValueExact();
  }

  /** The fees a new transaction should offer now: {@link Fees#forBaseFee} of the latest block. */
  public Fees suggestedFees() {
    L1Requests.FeeInputs latest = L1Requests.feeInputs(web3j);
    return Fees.forBaseFee(latest.baseFeePerGas(), latest.maxPriorityFeePerGas());
  }

  /** The receipt of {@code txHash} while it is mined in the canonical chain; no events. */
  public Optional<L1Receipt> receipt(Hash32 txHash) {
    return receipt(txHash, Optional.empty());
  }

  /** The receipt of {@code txHash}, with the Plasma events {@code contract} emitted in it. */
  public Optional<L1Receipt> receipt(Hash32 txHash, Address contract) {
    return receipt(txHash, Optional.of(contract));
  }

  private Optional<L1Receipt> receipt(Hash32 txHash, Optional<Address> contract) {
    return send("eth_getTransactionReceipt", web3j.ethGetTransactionReceipt(txHash.toHex()))
        .getTransactionReceipt()
        .map(receipt -> toReceipt(txHash, receipt, contract));
  }

  private L1Receipt toReceipt(
      Hash32 txHash, TransactionReceipt receipt, Optional<Address> contract) {
    BigInteger price =
        receipt.getEffectiveGasPrice() == null
            ? BigInteger.ZERO
            : Numeric.decodeQuantity(receipt.getEffectiveGasPrice());
    List<L1Event> emitted =
        contract.isEmpty()
            ? List.of()
            : receipt.getLogs().stream()
                .filter(log -> contract.get().toHex().equalsIgnoreCase(log.getAddress()))
                .flatMap(log -> decode(log).stream())
                .toList();
    return new L1Receipt(
        txHash,
        receipt.getBlockNumber().longValueExact(),
        receipt.isStatusOK(),
        receipt.getGasUsed().longValueExact(),
        receipt.getGasUsed().multiply(price),
        Optional.ofNullable(receipt.getContractAddress()).map(Address::fromHex),
        emitted);
  }

  Optional<L1Event> decode(Log log) {
    return events.decode(log);
  }

  /** Whether the node knows {@code txHash} (pending in its pool, or mined). */
  public boolean known(Hash32 txHash) {
    return send("eth_getTransactionByHash", web3j.ethGetTransactionByHash(txHash.toHex()))
        .getTransaction()
        .isPresent();
  }

  /** Best effort: why the mined transaction {@code txHash} reverted, e.g. {@code NotOperator}. */
  public String revertReason(Hash32 txHash) {
    return L1Requests.revertReason(web3j, txHash);
  }

  @Override
  public void close() {
    web3j.shutdown();
  }
}
