package io.plasmanode.node.commit;

import io.plasmanode.contracts.l1.Fees;
import io.plasmanode.contracts.l1.L1Exception;
import io.plasmanode.contracts.l1.SendResult;
import io.plasmanode.core.crypto.Keccak;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Hash32;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An in-memory L1 for committer tests: an operator account with a nonce and a transaction pool, a
 * contract that stores each submitted root at its next child block, and switches for the failures
 * the committer must survive (no automining, a high base fee, an unreachable node, a revert,
 * scripted node rejections, reorganisations as anvil's {@code anvil_reorg} makes them).
 */
final class FakeCommitChannel implements CommitChannel {
  static final BigInteger GWEI = BigInteger.TEN.pow(9);

  record PoolTx(Hash32 hash, long nonce, Hash32 root, Fees fees) {}

  /** A mined transaction: what a reorganisation rolls back (blknum 0 for a revert). */
  private record Mined(Hash32 txHash, long l1Block, long blknum) {}

  final Address operator;
  Address contractOperator;
  long nextChildBlock = 1000;
  long minedNonce;
  long l1Block = 1;
  boolean automine = true;
  boolean unreachable;
  boolean revertNext;

  /**
   * While set, mined submissions count in {@link #minedNonce} but neither their receipts nor their
   * events are served (an L1 node under load, a moment after mining).
   */
  boolean evidenceLags;

  /**
   * How many of the next anchor reads serve the contract one commit behind the account's nonce (an
   * L1 node under load that counted a commit's nonce before serving its new state).
   */
  int staleAnchorReads;

  BigInteger baseFee = GWEI;
  BigInteger tip = GWEI;
  final Map<Long, Hash32> roots = new HashMap<>();

  /** The block numbers whose stored root was read, in order. */
  final List<Long> rootReads = new ArrayList<>();

  final Map<Long, SubmittedBlock> events = new HashMap<>();
  final TreeMap<Long, PoolTx> pool = new TreeMap<>();
  final Map<Hash32, SubmissionReceipt> receipts = new HashMap<>();
  final List<PoolTx> sent = new ArrayList<>();
  final Deque<String> scriptedErrors = new ArrayDeque<>();
  private final Deque<Mined> chain = new ArrayDeque<>();

  /** When positive: the next {@link #storedRoot} read first reorganises this many blocks. */
  int reorgBeforeNextRootRead;

  FakeCommitChannel(Address operator) {
    this.operator = operator;
    this.contractOperator = operator;
  }

  @Override
  public Address sender() {
    return operator;
  }

  @Override
  public Address contractOperator() {
    reachable();
    return contractOperator;
  }

  @Override
  public ChainAnchor anchor() {
    reachable();
    if (staleAnchorReads > 0 && nextChildBlock > 1000) {
      staleAnchorReads--;
      return new ChainAnchor(l1Block, nextChildBlock - 1000, minedNonce);
    }
    return new ChainAnchor(l1Block, nextChildBlock, minedNonce);
  }

  @Override
  public long l1Height() {
    reachable();
    return l1Block;
  }

  @Override
  public long minedNonce() {
    reachable();
    return minedNonce;
  }

  @Override
  public long pendingNonce() {
    reachable();
    long nonce = minedNonce;
    while (pool.containsKey(nonce)) {
      nonce++;
    }
    return nonce;
  }

  @Override
  public Optional<Hash32> storedRoot(long blknum) {
    reachable();
    if (reorgBeforeNextRootRead > 0) {
      reorg(reorgBeforeNextRootRead);
      reorgBeforeNextRootRead = 0;
    }
    rootReads.add(blknum);
    return Optional.ofNullable(roots.get(blknum)).map(FakeCommitChannel::high224);
  }

  @Override
  public Optional<SubmittedBlock> findSubmission(long blknum) {
    reachable();
    return evidenceLags ? Optional.empty() : Optional.ofNullable(events.get(blknum));
  }

  @Override
  public List<SubmittedBlock> submissions(long fromL1Block, long toL1Block) {
    reachable();
    return events.values().stream()
        .filter(e -> e.l1Block() >= fromL1Block && e.l1Block() <= toL1Block)
        .sorted(Comparator.comparingLong(SubmittedBlock::blknum))
        .toList();
  }

  @Override
  public Fees suggestedFees() {
    reachable();
    return Fees.forBaseFee(baseFee, tip);
  }

  @Override
  public SendResult submitBlock(Hash32 root, long nonce, Fees fees) {
    reachable();
    PoolTx tx = new PoolTx(hash(root, nonce, fees), nonce, root, fees);
    if (!scriptedErrors.isEmpty()) {
      return SendResult.rejected(tx.hash(), scriptedErrors.poll());
    }
    if (nonce < minedNonce) {
      return SendResult.rejected(tx.hash(), "nonce too low");
    }
    PoolTx pending = pool.get(nonce);
    if (pending != null && pending.hash().equals(tx.hash())) {
      return SendResult.rejected(tx.hash(), "already known");
    }
    if (pending != null && !fees.canReplace(pending.fees())) {
      return SendResult.rejected(tx.hash(), "replacement transaction underpriced");
    }
    pool.put(nonce, tx);
    sent.add(tx);
    if (automine) {
      mine();
    }
    return SendResult.sent(tx.hash());
  }

  /** Mines one L1 block with every pool tx that pays the base fee, in nonce order. */
  void mine() {
    l1Block++;
    while (pool.containsKey(minedNonce)
        && pool.get(minedNonce).fees().maxFeePerGas().compareTo(baseFee) >= 0) {
      include(pool.remove(minedNonce));
    }
  }

  /** Mines {@code blocks} empty L1 blocks (the pool waits, as without automining). */
  void mineEmpty(int blocks) {
    l1Block += blocks;
  }

  /**
   * Replaces the last {@code depth} L1 blocks with empty ones, as {@code anvil_reorg} does: their
   * transactions are dropped (not put back in the pool), their receipts, roots and events vanish,
   * and the account's nonce and the contract's next child block roll back. The height stays.
   */
  void reorg(int depth) {
    while (!chain.isEmpty() && chain.getLast().l1Block() > l1Block - depth) {
      Mined dropped = chain.removeLast();
      receipts.remove(dropped.txHash());
      minedNonce--;
      if (dropped.blknum() > 0) {
        roots.remove(dropped.blknum());
        events.remove(dropped.blknum());
        nextChildBlock -= 1000;
      }
    }
  }

  private void include(PoolTx tx) {
    minedNonce++;
    if (revertNext) {
      revertNext = false;
      receipts.put(tx.hash(), new SubmissionReceipt(tx.hash(), l1Block, false, 30_000, List.of()));
      chain.add(new Mined(tx.hash(), l1Block, 0));
      return;
    }
    chain.add(new Mined(tx.hash(), l1Block, nextChildBlock));
    SubmittedBlock event = new SubmittedBlock(nextChildBlock, tx.root(), tx.hash(), l1Block);
    roots.put(nextChildBlock, tx.root());
    events.put(nextChildBlock, event);
    nextChildBlock += 1000;
    receipts.put(
        tx.hash(), new SubmissionReceipt(tx.hash(), l1Block, true, 45_000, List.of(event)));
  }

  /** Someone (an earlier run of the node) commits {@code root} with the operator's next nonce. */
  Hash32 commitDirectly(Hash32 root) {
    PoolTx tx = new PoolTx(hash(root, minedNonce, Fees.forBaseFee(baseFee, tip)), 0, root, null);
    pool.remove(minedNonce);
    include(tx);
    return tx.hash();
  }

  @Override
  public Optional<SubmissionReceipt> receipt(Hash32 txHash) {
    reachable();
    return evidenceLags ? Optional.empty() : Optional.ofNullable(receipts.get(txHash));
  }

  @Override
  public String revertReason(Hash32 txHash) {
    reachable();
    return "NotOperator";
  }

  private void reachable() {
    if (unreachable) {
      throw L1Exception.io("fake L1", new IOException("connection refused"));
    }
  }

  static Hash32 high224(Hash32 root) {
    byte[] bytes = root.toArray();
    bytes[28] = bytes[29] = bytes[30] = bytes[31] = 0;
    return Hash32.of(bytes);
  }

  private static Hash32 hash(Hash32 root, long nonce, Fees fees) {
    return Keccak.keccak256(
        root.toArray(),
        ByteBuffer.allocate(8).putLong(nonce).array(),
        fees.maxFeePerGas().toByteArray(),
        fees.maxPriorityFeePerGas().toByteArray());
  }
}
