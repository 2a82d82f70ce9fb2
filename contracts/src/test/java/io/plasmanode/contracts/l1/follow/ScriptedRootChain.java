package io.plasmanode.contracts.l1.follow;

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

/**
 * An L1 the tests script: a head they move, deposits placed at blocks, block hashes that a reorg
 * changes, failures on demand, and a record of the reads made. Only the reads a follower makes are
 * implemented.
 */
final class ScriptedRootChain implements RootChain {
  private final TreeMap<Long, List<L1Event>> eventsByBlock = new TreeMap<>();
  private final Map<Long, Integer> forks = new HashMap<>();
  private final List<long[]> queries = new ArrayList<>();
  private long height;
  private boolean unreachable;
  private int reads;

  void setHeight(long l1Block) {
    height = l1Block;
  }

  void setUnreachable(boolean down) {
    unreachable = down;
  }

  /** A deposit of deposit block {@code blknum} at L1 block {@code l1Block}. */
  L1Event deposit(long l1Block, long blknum) {
    L1Event deposit =
        new L1Event.Deposit(
            new L1Event.L1Origin(l1Block, Hash32.ZERO, blknum),
            blknum,
            Address.ZERO,
            Address.ZERO,
            BigInteger.ONE);
    eventsByBlock.computeIfAbsent(l1Block, block -> new ArrayList<>()).add(deposit);
    return deposit;
  }

  /** Replaces the blocks from {@code l1Block} to the head: new hashes, their events gone. */
  void reorgFrom(long l1Block) {
    for (long block = l1Block; block <= height; block++) {
      forks.merge(block, 1, Integer::sum);
    }
    eventsByBlock.tailMap(l1Block, true).clear();
  }

  /** The {@code [from, to]} ranges of the event queries made, in order. */
  List<long[]> queries() {
    return List.copyOf(queries);
  }

  /** How many reads of any kind were made. */
  int reads() {
    return reads;
  }

  /** Block {@code l1Block}'s hash as it is now. */
  Hash32 hash(long l1Block) {
    return Hash32.wrap(
        ByteBuffer.allocate(32)
            .putInt(16, forks.getOrDefault(l1Block, 0))
            .putLong(24, l1Block)
            .array());
  }

  private void read(String what) {
    reads++;
    if (unreachable) {
      throw L1Exception.failed(what + ": connection refused");
    }
  }

  @Override
  public long l1Height() {
    read("eth_blockNumber");
    return height;
  }

  @Override
  public Instant latestBlockTime() {
    read("eth_getBlockByNumber");
    return Instant.EPOCH.plusSeconds(12 * height);
  }

  @Override
  public Optional<Hash32> l1BlockHash(long l1Block) {
    read("eth_getBlockByNumber");
    return l1Block <= height ? Optional.of(hash(l1Block)) : Optional.empty();
  }

  @Override
  public List<L1Event> events(long fromL1Block, long toL1Block) {
    read("eth_getLogs");
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
    throw new UnsupportedOperationException("not read by the follower");
  }

  @Override
  public Optional<BlockCommitment> block(long blknum) {
    throw new UnsupportedOperationException("not read by the follower");
  }

  @Override
  public ExitState exit(UtxoPos utxoPos) {
    throw new UnsupportedOperationException("not read by the follower");
  }

  @Override
  public Hash32 submitBlock(Hash32 root) {
    throw new UnsupportedOperationException("the follower only reads L1");
  }

  @Override
  public Hash32 deposit(byte[] depositTxBytes, BigInteger value) {
    throw new UnsupportedOperationException("the follower only reads L1");
  }

  @Override
  public Hash32 depositFrom(byte[] depositTxBytes) {
    throw new UnsupportedOperationException("the follower only reads L1");
  }

  @Override
  public Hash32 startStandardExit(UtxoPos utxoPos, byte[] txBytes, byte[] inclusionProof) {
    throw new UnsupportedOperationException("the follower only reads L1");
  }

  @Override
  public Hash32 challengeStandardExit(
      UtxoPos exitId, byte[] spendingTxBytes, int inputIndex, Signature signature) {
    throw new UnsupportedOperationException("the follower only reads L1");
  }

  @Override
  public Hash32 processExits(Address token, long topExitId, int maxExits) {
    throw new UnsupportedOperationException("the follower only reads L1");
  }

  @Override
  public BigInteger exitBond() {
    throw new UnsupportedOperationException("not read by the follower");
  }

  @Override
  public Hash32 processExits(Address token, ExitId topExitId, int maxExits) {
    throw new UnsupportedOperationException("the follower only reads L1");
  }

  @Override
  public Optional<InFlightExitState> inFlightExit(InFlightExitId exitId) {
    throw new UnsupportedOperationException("not read by the follower");
  }

  @Override
  public BigInteger inFlightExitBond() {
    throw new UnsupportedOperationException("not read by the follower");
  }

  @Override
  public BigInteger piggybackBond() {
    throw new UnsupportedOperationException("not read by the follower");
  }

  @Override
  public Optional<ExitId> outputFinalizedBy(BigInteger key) {
    throw new UnsupportedOperationException("not read by the follower");
  }

  @Override
  public Hash32 startInFlightExit(InFlightExitStart start) {
    throw new UnsupportedOperationException("the follower only reads L1");
  }

  @Override
  public Hash32 piggybackInFlightExitOnInput(byte[] inFlightTx, int inputIndex) {
    throw new UnsupportedOperationException("the follower only reads L1");
  }

  @Override
  public Hash32 piggybackInFlightExitOnOutput(byte[] inFlightTx, int outputIndex) {
    throw new UnsupportedOperationException("the follower only reads L1");
  }

  @Override
  public Hash32 challengeInFlightExitNotCanonical(NonCanonicalChallenge challenge) {
    throw new UnsupportedOperationException("the follower only reads L1");
  }

  @Override
  public Hash32 respondToNonCanonicalChallenge(byte[] inFlightTx, TxInclusion inclusion) {
    throw new UnsupportedOperationException("the follower only reads L1");
  }

  @Override
  public Hash32 challengeInFlightExitInputSpent(InputSpentChallenge challenge) {
    throw new UnsupportedOperationException("the follower only reads L1");
  }

  @Override
  public Hash32 challengeInFlightExitOutputSpent(OutputSpentChallenge challenge) {
    throw new UnsupportedOperationException("the follower only reads L1");
  }

  @Override
  public Hash32 deleteNonPiggybackedInFlightExit(InFlightExitId exitId) {
    throw new UnsupportedOperationException("the follower only reads L1");
  }
}
