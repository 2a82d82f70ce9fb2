package io.plasmanode.contracts.l1;

import io.plasmanode.contracts.generated.Plasma;
import io.plasmanode.contracts.generated.PlasmaInFlightExits;
import io.plasmanode.core.inflight.InFlightExitId;
import io.plasmanode.core.inflight.InFlightExitStart;
import io.plasmanode.core.inflight.InFlightExitState;
import io.plasmanode.core.inflight.InputSpentChallenge;
import io.plasmanode.core.inflight.NonCanonicalChallenge;
import io.plasmanode.core.inflight.OutputSpentChallenge;
import io.plasmanode.core.inflight.TxInclusion;
import io.plasmanode.core.l1.BlockCommitment;
import io.plasmanode.core.l1.ExitId;
import io.plasmanode.core.l1.ExitState;
import io.plasmanode.core.l1.L1Event;
import io.plasmanode.core.l1.RootChain;
import io.plasmanode.core.tx.Signature;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Hash32;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;
import org.web3j.protocol.core.RemoteFunctionCall;
import org.web3j.protocol.core.methods.request.EthFilter;
import org.web3j.protocol.core.methods.response.EthBlock;
import org.web3j.protocol.core.methods.response.EthLog;
import org.web3j.protocol.core.methods.response.Log;
import org.web3j.protocol.core.methods.response.TransactionReceipt;
import org.web3j.tuples.generated.Tuple2;
import org.web3j.tuples.generated.Tuple6;
import org.web3j.tx.ReadonlyTransactionManager;
import org.web3j.tx.gas.DefaultGasProvider;

/**
 * {@link RootChain} over web3j and the generated {@link Plasma} wrapper: reads with {@code
 * eth_call}, sends through an {@link L1Sender} (simulated first, so a call that would revert fails
 * with the contract's named error and costs no gas, then EIP-1559 and waited for). The in-flight
 * exit game is called on the same address through the {@link PlasmaInFlightExits} wrapper ({@link
 * InFlightExitCalls}).
 */
public final class Web3jRootChain implements RootChain {
  private final L1Client client;
  private final Web3j web3j;
  private final Plasma plasma;
  private final InFlightExitCalls inFlight;
  private final Optional<L1Sender> sender;
  private final L1EventDecoder events;

  /** The sender's {@code senderData} for the challenges ({@link ContractCalls#senderData}). */
  private final byte[] senderData;

  private Web3jRootChain(L1Client client, Address contract, Optional<L1Sender> sender) {
    this.client = client;
    this.web3j = client.web3j();
    Address from = sender.map(L1Sender::address).orElse(Address.ZERO);
    this.plasma =
        Plasma.load(
            contract.toHex(),
            web3j,
            new ReadonlyTransactionManager(web3j, from.toHex()),
            new DefaultGasProvider());
    this.inFlight =
        new InFlightExitCalls(
            PlasmaInFlightExits.load(
                contract.toHex(),
                web3j,
                new ReadonlyTransactionManager(web3j, from.toHex()),
                new DefaultGasProvider()),
            Web3jRootChain::read,
            from);
    this.sender = sender;
    this.events = new L1EventDecoder();
    this.senderData = ContractCalls.senderData(from).getValue();
  }

  /** The contract at {@code contract}, for reads only: a send fails. */
  public static Web3jRootChain readOnly(L1Client client, Address contract) {
    return new Web3jRootChain(client, contract, Optional.empty());
  }

  /** The contract at {@code contract}, read and sent to as {@code sender}'s account. */
  public static Web3jRootChain signing(L1Sender sender, Address contract) {
    return new Web3jRootChain(sender.client(), contract, Optional.of(sender));
  }

  public Address contractAddress() {
    return Address.fromHex(plasma.getContractAddress());
  }

  @Override
  public long l1Height() {
    return client.head();
  }

  @Override
  public Instant latestBlockTime() {
    return client.latestBlockTime();
  }

  @Override
  public Optional<Hash32> l1BlockHash(long l1Block) {
    DefaultBlockParameter number = DefaultBlockParameter.valueOf(BigInteger.valueOf(l1Block));
    EthBlock answer =
        read("eth_getBlockByNumber", () -> web3j.ethGetBlockByNumber(number, false).send());
    if (answer.hasError()) {
      throw L1Exception.failed("eth_getBlockByNumber: " + answer.getError().getMessage());
    }
    return Optional.ofNullable(answer.getBlock()).map(block -> Hash32.fromHex(block.getHash()));
  }

  @Override
  public long nextChildBlock() {
    return read("nextChildBlock", plasma.nextChildBlock()).longValueExact();
  }

  @Override
  public Optional<BlockCommitment> block(long blknum) {
    Tuple2<byte[], BigInteger> stored =
        read("getBlock", plasma.getBlock(BigInteger.valueOf(blknum)));
    if (stored.component2().signum() == 0) {
      return Optional.empty();
    }
    return Optional.of(
        new BlockCommitment(
            blknum,
            Hash32.of(stored.component1()),
            Instant.ofEpochSecond(stored.component2().longValueExact())));
  }

  @Override
  public ExitState exit(UtxoPos utxoPos) {
    Tuple6<String, String, BigInteger, BigInteger, BigInteger, BigInteger> exit =
        read("exits", plasma.exits(BigInteger.valueOf(utxoPos.toLong())));
    return new ExitState(
        Address.fromHex(exit.component1()),
        Address.fromHex(exit.component2()),
        exit.component3(),
        exit.component4(),
        Instant.ofEpochSecond(exit.component5().longValueExact()),
        ExitState.Status.values()[exit.component6().intValueExact()]);
  }

  @Override
  public List<L1Event> events(long fromL1Block, long toL1Block) {
    EthFilter filter =
        new EthFilter(
            DefaultBlockParameter.valueOf(BigInteger.valueOf(fromL1Block)),
            DefaultBlockParameter.valueOf(BigInteger.valueOf(toL1Block)),
            plasma.getContractAddress());
    EthLog logs = read("eth_getLogs", () -> web3j.ethGetLogs(filter).send());
    if (logs.hasError()) {
      throw L1Exception.failed("eth_getLogs: " + logs.getError().getMessage());
    }
    return logs.getLogs().stream()
        .map(result -> (Log) result.get())
        .flatMap(log -> events.decode(log).stream())
        .toList();
  }

  @Override
  public Hash32 submitBlock(Hash32 root) {
    return execute("submitBlock", plasma.submitBlock(root.toArray()), BigInteger.ZERO);
  }

  @Override
  public Hash32 deposit(byte[] depositTxBytes, BigInteger value) {
    return execute("deposit", plasma.deposit(depositTxBytes, value), value);
  }

  @Override
  public Hash32 depositFrom(byte[] depositTxBytes) {
    return execute("depositFrom", plasma.depositFrom(depositTxBytes), BigInteger.ZERO);
  }

  @Override
  public Hash32 startStandardExit(UtxoPos utxoPos, byte[] txBytes, byte[] inclusionProof) {
    BigInteger bond = exitBond();
    return execute(
        "startStandardExit",
        plasma.startStandardExit(
            BigInteger.valueOf(utxoPos.toLong()), txBytes, inclusionProof, bond),
        bond);
  }

  @Override
  public Hash32 challengeStandardExit(
      UtxoPos exitId, byte[] spendingTxBytes, int inputIndex, Signature signature) {
    return execute(
        "challengeStandardExit",
        plasma.challengeStandardExit(
            BigInteger.valueOf(exitId.toLong()),
            spendingTxBytes,
            BigInteger.valueOf(inputIndex),
            signature.toArray(),
            senderData),
        BigInteger.ZERO);
  }

  @Override
  public Hash32 processExits(Address token, long topExitId, int maxExits) {
    return processExits(token, BigInteger.valueOf(topExitId), maxExits);
  }

  @Override
  public Hash32 processExits(Address token, ExitId topExitId, int maxExits) {
    return processExits(token, topExitId.value(), maxExits);
  }

  private Hash32 processExits(Address token, BigInteger topExitId, int maxExits) {
    return execute(
        "processExits",
        plasma.processExits(token.toHex(), topExitId, BigInteger.valueOf(maxExits)),
        BigInteger.ZERO);
  }

  @Override
  public Optional<InFlightExitState> inFlightExit(InFlightExitId exitId) {
    return inFlight.inFlightExit(exitId);
  }

  @Override
  public BigInteger inFlightExitBond() {
    return inFlight.inFlightExitBond();
  }

  @Override
  public BigInteger piggybackBond() {
    return inFlight.piggybackBond();
  }

  @Override
  public Optional<ExitId> outputFinalizedBy(BigInteger key) {
    return inFlight.outputFinalizedBy(key);
  }

  @Override
  public Hash32 startInFlightExit(InFlightExitStart start) {
    BigInteger bond = inFlightExitBond();
    return execute("startInFlightExit", inFlight.startInFlightExit(start, bond), bond);
  }

  @Override
  public Hash32 piggybackInFlightExitOnInput(byte[] inFlightTx, int inputIndex) {
    BigInteger bond = piggybackBond();
    return execute(
        "piggybackInFlightExitOnInput",
        inFlight.piggybackOnInput(inFlightTx, inputIndex, bond),
        bond);
  }

  @Override
  public Hash32 piggybackInFlightExitOnOutput(byte[] inFlightTx, int outputIndex) {
    BigInteger bond = piggybackBond();
    return execute(
        "piggybackInFlightExitOnOutput",
        inFlight.piggybackOnOutput(inFlightTx, outputIndex, bond),
        bond);
  }

  @Override
  public Hash32 challengeInFlightExitNotCanonical(NonCanonicalChallenge challenge) {
    return execute(
        "challengeInFlightExitNotCanonical",
        inFlight.challengeNotCanonical(challenge),
        BigInteger.ZERO);
  }

  @Override
  public Hash32 respondToNonCanonicalChallenge(byte[] inFlightTx, TxInclusion inclusion) {
    return execute(
        "respondToNonCanonicalChallenge", inFlight.respond(inFlightTx, inclusion), BigInteger.ZERO);
  }

  @Override
  public Hash32 challengeInFlightExitInputSpent(InputSpentChallenge challenge) {
    return execute(
        "challengeInFlightExitInputSpent",
        inFlight.challengeInputSpent(challenge),
        BigInteger.ZERO);
  }

  @Override
  public Hash32 challengeInFlightExitOutputSpent(OutputSpentChallenge challenge) {
    return execute(
        "challengeInFlightExitOutputSpent",
        inFlight.challengeOutputSpent(challenge),
        BigInteger.ZERO);
  }

  @Override
  public Hash32 deleteNonPiggybackedInFlightExit(InFlightExitId exitId) {
    return execute(
        "deleteNonPiggybackedInFlightExit", inFlight.deleteNonPiggybacked(exitId), BigInteger.ZERO);
  }

  @Override
  public BigInteger exitBond() {
    return read("exitBond", plasma.exitBond());
  }

  /** The contract's minimum exit period: an exit matures at least this long after it starts. */
  public Duration minExitPeriod() {
    return Duration.ofSeconds(read("minExitPeriod", plasma.minExitPeriod()).longValueExact());
  }

  /** Credits of failed exit payouts that {@code owner} can withdraw. */
  public BigInteger withdrawable(Address owner, Address token) {
    return read("withdrawable", plasma.withdrawable(owner.toHex(), token.toHex()));
  }

  /**
   * Withdraws {@code amount} of the caller's credited payouts of {@code token} (1 .. the credit;
   * the rest stays credited).
   */
  public Hash32 withdraw(Address token, BigInteger amount) {
    return execute("withdraw", plasma.withdraw(token.toHex(), amount), BigInteger.ZERO);
  }

  /**
   * The top of {@code token}'s exit queue (a standard exit, which may be challenged, or an
   * in-flight exit), if the queue has one.
   */
  public Optional<ExitQueueTop> topExit(Address token) {
    Tuple2<BigInteger, BigInteger> top = read("topExit", plasma.topExit(token.toHex()));
    return ExitId.fromBigInteger(top.component1())
        .map(id -> new ExitQueueTop(id, Instant.ofEpochSecond(top.component2().longValueExact())));
  }

  /** Entries in {@code token}'s exit queue, challenged ones not yet popped included. */
  public long exitQueueSize(Address token) {
    return read("exitQueueSize", plasma.exitQueueSize(token.toHex())).longValueExact();
  }

  /** The top of an exit queue: which exit, and when it can be processed. */
  public record ExitQueueTop(ExitId exitId, Instant exitableAt) {}

  private Hash32 execute(
      String function, RemoteFunctionCall<TransactionReceipt> call, BigInteger value) {
    return execute(function, call.encodeFunctionCall(), value);
  }

  private Hash32 execute(String function, String data, BigInteger value) {
    L1Sender from =
        sender.orElseThrow(
            () -> new IllegalStateException(function + ": a read-only connection sends nothing"));
    return from.execute(function, new ContractCall(contractAddress(), data, value));
  }

  private static <T> T read(String what, RemoteFunctionCall<T> call) {
    return read(what, call::send);
  }

  private static <T> T read(String what, L1Read<T> read) {
    try {
      return read.get();
    } catch (IOException e) {
      throw L1Exception.io(what, e);
    } catch (RuntimeException e) {
      throw e instanceof L1Exception l1 ? l1 : L1Exception.io(what, e);
    } catch (Exception e) {
      throw L1Exception.io(what, e);
    }
  }

  @FunctionalInterface
  private interface L1Read<T> {
    T get() throws Exception;
  }
}
