package io.plasmanode.node.operator;

import io.plasmanode.contracts.l1.L1Exception;
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
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An in-memory L1 for the ingester: a head that tests move, events placed at L1 blocks, the exits'
 * statuses as the events set them, a record of the queries made, and failure injection. Only the
 * read side the ingester uses is implemented, and the in-flight exit game's calls the ingester's
 * tests make ({@link FakeInFlightExits}: each places its event at the current head, as the sender
 * of the L1 transaction would see it; no proof or signature is checked).
 */
final class FakeRootChain implements RootChain {
  private final TreeMap<Long, List<L1Event>> eventsByBlock = new TreeMap<>();
  private final List<long[]> queries = new ArrayList<>();
  private final Map<UtxoPos, ExitState.Status> exitStatuses = new HashMap<>();
  private final Map<BigInteger, ExitId> finalizedBy = new HashMap<>();
  private final AtomicLong logIndex = new AtomicLong();
  private final FakeInFlightExits inFlight = new FakeInFlightExits();
  private Address sender = Address.ZERO;
  private int exitReads;
  private boolean failExitReads;
  private long height;
  private boolean unreachable;
  private int failQueriesAfter = Integer.MAX_VALUE;

  synchronized void setHeight(long l1Block) {
    height = l1Block;
  }

  synchronized void setUnreachable(boolean down) {
    unreachable = down;
  }

  /** Lets {@code count} more event queries succeed, then fails the rest. */
  synchronized void failQueriesAfter(int count) {
    failQueriesAfter = queries.size() + count;
  }

  synchronized L1Event.Deposit deposit(long l1Block, long blknum, Address owner, long amount) {
    L1Event.Deposit deposit =
        new L1Event.Deposit(
            origin(l1Block), blknum, owner, Address.ZERO, BigInteger.valueOf(amount));
    add(l1Block, deposit);
    return deposit;
  }

  synchronized void exitStarted(long l1Block, UtxoPos pos, Address owner, long amount) {
    add(
        l1Block,
        new L1Event.ExitStarted(
            origin(l1Block),
            pos,
            owner,
            Address.ZERO,
            BigInteger.valueOf(amount),
            Instant.EPOCH.plusSeconds(l1Block)));
    exitStatuses.put(pos, ExitState.Status.ACTIVE);
  }

  /** A challenge of the exit of {@code pos} with the spend {@code spendingTxHash}. */
  synchronized void exitChallenged(long l1Block, UtxoPos pos, Hash32 spendingTxHash) {
    add(l1Block, new L1Event.ExitChallenged(origin(l1Block), pos, Address.ZERO, spendingTxHash));
    exitStatuses.put(pos, ExitState.Status.CHALLENGED);
  }

  /** The account the in-flight exit calls are made from (initiator, piggyback owner). */
  synchronized FakeRootChain as(Address account) {
    sender = account;
    return this;
  }

  /** Makes L1 forget the in-flight exit, as a reorganisation deeper than the confirmations. */
  synchronized void forgetInFlightExit(InFlightExitId id) {
    inFlight.forget(id);
  }

  /** A reorganisation: drops the events of L1 blocks from {@code l1Block} on. */
  synchronized void dropEventsFrom(long l1Block) {
    eventsByBlock.tailMap(l1Block, true).clear();
  }

  /** Sets what {@link #exit} answers for {@code pos} (the events set it too). */
  synchronized void setExitStatus(UtxoPos pos, ExitState.Status status) {
    exitStatuses.put(pos, status);
  }

  /** Makes {@link #exit} fail (or answer again). */
  synchronized void failExitReads(boolean fail) {
    failExitReads = fail;
  }

  /** How many times {@link #exit} was asked. */
  synchronized int exitReads() {
    return exitReads;
  }

  synchronized void blockSubmitted(long l1Block, long blknum) {
    add(l1Block, new L1Event.BlockSubmitted(origin(l1Block), blknum, Hash32.ZERO));
  }

  /** The {@code [from, to]} ranges of the event queries made, in order. */
  synchronized List<long[]> queries() {
    return List.copyOf(queries);
  }

  private L1Event.L1Origin origin(long l1Block) {
    return new L1Event.L1Origin(l1Block, Hash32.ZERO, logIndex.getAndIncrement());
  }

  private void add(long l1Block, L1Event event) {
    eventsByBlock.computeIfAbsent(l1Block, block -> new ArrayList<>()).add(event);
  }

  @Override
  public synchronized Instant latestBlockTime() {
    if (unreachable) {
      throw L1Exception.failed("eth_getBlockByNumber: connection refused");
    }
    return Instant.EPOCH.plusSeconds(12 * height);
  }

  @Override
  public synchronized long l1Height() {
    if (unreachable) {
      throw L1Exception.failed("eth_blockNumber: connection refused");
    }
    return height;
  }

  /** Block {@code l1Block}'s hash: its number (no reorg here changes a block's hash). */
  @Override
  public synchronized Optional<Hash32> l1BlockHash(long l1Block) {
    if (unreachable) {
      throw L1Exception.failed("eth_getBlockByNumber: connection refused");
    }
    if (l1Block > height) {
      return Optional.empty();
    }
    return Optional.of(Hash32.wrap(ByteBuffer.allocate(32).putLong(24, l1Block).array()));
  }

  @Override
  public synchronized List<L1Event> events(long fromL1Block, long toL1Block) {
    if (unreachable || queries.size() >= failQueriesAfter) {
      throw L1Exception.failed("eth_getLogs: connection refused");
    }
    if (toL1Block > height) {
      throw new AssertionError("query past the head: " + toL1Block + " > " + height);
    }
    queries.add(new long[] {fromL1Block, toL1Block});
    List<L1Event> events = new ArrayList<>();
    eventsByBlock.subMap(fromL1Block, true, toL1Block, true).values().forEach(events::addAll);
    return events;
  }

  @Override
  public long nextChildBlock() {
    throw new UnsupportedOperationException("not read by the ingester");
  }

  @Override
  public Optional<BlockCommitment> block(long blknum) {
    throw new UnsupportedOperationException("not read by the ingester");
  }

  @Override
  public synchronized ExitState exit(UtxoPos utxoPos) {
    if (unreachable || failExitReads) {
      throw L1Exception.failed("eth_call: connection refused");
    }
    exitReads++;
    return new ExitState(
        Address.ZERO,
        Address.ZERO,
        BigInteger.ZERO,
        BigInteger.ZERO,
        Instant.EPOCH,
        exitStatuses.getOrDefault(utxoPos, ExitState.Status.NONE));
  }

  @Override
  public Hash32 submitBlock(Hash32 root) {
    throw new UnsupportedOperationException("the ingester only reads L1");
  }

  @Override
  public Hash32 deposit(byte[] depositTxBytes, BigInteger value) {
    throw new UnsupportedOperationException("the ingester only reads L1");
  }

  @Override
  public Hash32 depositFrom(byte[] depositTxBytes) {
    throw new UnsupportedOperationException("the ingester only reads L1");
  }

  @Override
  public Hash32 startStandardExit(UtxoPos utxoPos, byte[] txBytes, byte[] inclusionProof) {
    throw new UnsupportedOperationException("the ingester only reads L1");
  }

  @Override
  public Hash32 challengeStandardExit(
      UtxoPos exitId, byte[] spendingTxBytes, int inputIndex, Signature signature) {
    throw new UnsupportedOperationException("the ingester only reads L1");
  }

  @Override
  public Hash32 processExits(Address token, long topExitId, int maxExits) {
    throw new UnsupportedOperationException("the ingester only reads L1");
  }

  @Override
  public BigInteger exitBond() {
    throw new UnsupportedOperationException("not read by the ingester");
  }

  @Override
  public Hash32 processExits(Address token, ExitId topExitId, int maxExits) {
    throw new UnsupportedOperationException("the ingester's tests process no exit");
  }

  @Override
  public synchronized Optional<InFlightExitState> inFlightExit(InFlightExitId exitId) {
    if (unreachable || failExitReads) {
      throw L1Exception.failed("eth_call: connection refused");
    }
    exitReads++;
    return inFlight.exit(exitId);
  }

  @Override
  public BigInteger inFlightExitBond() {
    return FakeInFlightExits.IN_FLIGHT_EXIT_BOND;
  }

  @Override
  public BigInteger piggybackBond() {
    return FakeInFlightExits.PIGGYBACK_BOND;
  }

  @Override
  public synchronized Optional<ExitId> outputFinalizedBy(BigInteger key) {
    return Optional.ofNullable(finalizedBy.get(key));
  }

  /** Marks the output at {@code key} paid by {@code exit}, as the contract's payouts do. */
  synchronized void setOutputFinalizedBy(BigInteger key, ExitId exit) {
    finalizedBy.put(key, exit);
  }

  @Override
  public synchronized Hash32 startInFlightExit(InFlightExitStart start) {
    add(
        height,
        inFlight.start(origin(height), start.inFlightTx().toArray(), sender, start.witnesses()));
    return l1TxHash();
  }

  @Override
  public synchronized Hash32 piggybackInFlightExitOnInput(byte[] inFlightTx, int inputIndex) {
    add(
        height,
        inFlight.piggybackInput(
            origin(height), FakeInFlightExits.idOf(inFlightTx), sender, inputIndex));
    return l1TxHash();
  }

  @Override
  public synchronized Hash32 piggybackInFlightExitOnOutput(byte[] inFlightTx, int outputIndex) {
    add(
        height,
        inFlight.piggybackOutput(
            origin(height), FakeInFlightExits.idOf(inFlightTx), sender, outputIndex));
    return l1TxHash();
  }

  @Override
  public synchronized Hash32 challengeInFlightExitNotCanonical(NonCanonicalChallenge challenge) {
    add(height, inFlight.challenge(origin(height), sender, challenge));
    return l1TxHash();
  }

  @Override
  public synchronized Hash32 respondToNonCanonicalChallenge(
      byte[] inFlightTx, TxInclusion inclusion) {
    add(height, inFlight.respond(origin(height), sender, inFlightTx, inclusion));
    return l1TxHash();
  }

  @Override
  public synchronized Hash32 challengeInFlightExitInputSpent(InputSpentChallenge challenge) {
    add(
        height,
        inFlight.blockInput(
            origin(height), sender, challenge.inFlightTx().toArray(), challenge.inputIndex()));
    return l1TxHash();
  }

  @Override
  public synchronized Hash32 challengeInFlightExitOutputSpent(OutputSpentChallenge challenge) {
    add(
        height,
        inFlight.blockOutput(
            origin(height), sender, challenge.inFlightTx().toArray(), challenge.outputIndex()));
    return l1TxHash();
  }

  @Override
  public synchronized Hash32 deleteNonPiggybackedInFlightExit(InFlightExitId exitId) {
    add(height, inFlight.delete(origin(height), exitId));
    return l1TxHash();
  }

  /** Processes in-flight exit {@code exitId} to its end ({@link FakeInFlightExits#process}). */
  synchronized void processInFlightExit(InFlightExitId exitId, boolean canonical, int paidSlots) {
    add(height, inFlight.process(origin(height), exitId, canonical, paidSlots));
  }

  private Hash32 l1TxHash() {
    return Hash32.wrap(ByteBuffer.allocate(32).putLong(24, logIndex.get()).array());
  }
}
