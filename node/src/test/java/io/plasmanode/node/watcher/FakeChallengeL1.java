package io.plasmanode.node.watcher;

import io.plasmanode.contracts.l1.Fees;
import io.plasmanode.contracts.l1.SendResult;
import io.plasmanode.core.crypto.Keccak;
import io.plasmanode.core.inflight.InFlightExitId;
import io.plasmanode.core.inflight.InFlightExitState;
import io.plasmanode.core.l1.ExitState;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Hash32;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * An in-memory L1 for the challenger: a pool keyed by nonce with the replacement rule of geth and
 * anvil, blocks mined on demand with a base fee, the challenged exits and the account's balance.
 * Stepped by the test; nothing sleeps.
 */
final class FakeChallengeL1 implements ChallengeChannel {
  static final Address SENDER = Address.fromHex("0x" + "d0".repeat(20));
  static final long GAS_LIMIT = 500_000;

  private record PoolTx(SignedChallenge signed, ChallengeCall call) {}

  private final Map<Long, PoolTx> pool = new TreeMap<>();
  private final Map<Hash32, ChallengeReceipt> receipts = new HashMap<>();
  private final Map<UtxoPos, ExitState> exits = new HashMap<>();
  private final List<SignedChallenge> sent = new ArrayList<>();
  private final Map<Hash32, ChallengeCall> signedChallenges = new HashMap<>();
  private final Map<InFlightExitId, InFlightExitState> inFlightExits = new HashMap<>();

  /** The in-flight exit states before each mined in-flight call, to undo in a reorg. */
  private final Map<Hash32, InFlightExitState> beforeCall = new HashMap<>();

  private Consumer<SignedChallenge> beforeSend = signed -> {};
  long head = 100;
  long minedNonce;
  BigInteger baseFee = gwei(10);
  BigInteger tip = gwei(1);

  /** The tip a transaction needs to make it into a block (blocks full of better-paying ones). */
  BigInteger minTip = BigInteger.ZERO;

  BigInteger balance = BigInteger.TEN.pow(19);

  static BigInteger gwei(long gwei) {
    return BigInteger.valueOf(gwei).multiply(BigInteger.TEN.pow(9));
  }

  void addExit(UtxoPos exitId, Instant exitableAt) {
    exits.put(exitId, exit(exitableAt, ExitState.Status.ACTIVE));
  }

  void setExitStatus(UtxoPos exitId, ExitState.Status status) {
    exits.put(exitId, exit(exits.get(exitId).exitableAt(), status));
  }

  private static ExitState exit(Instant exitableAt, ExitState.Status status) {
    return new ExitState(SENDER, Address.ZERO, BigInteger.ONE, BigInteger.ONE, exitableAt, status);
  }

  /** L1 shows {@code exit} as the in-flight exit {@code id}. */
  void setInFlightExit(InFlightExitId id, InFlightExitState exit) {
    inFlightExits.put(id, exit);
  }

  /** Called with each transaction just before the node receives it. */
  void beforeSend(Consumer<SignedChallenge> check) {
    beforeSend = check;
  }

  /** Every transaction the node received, in order. */
  List<SignedChallenge> sent() {
    return List.copyOf(sent);
  }

  SignedChallenge lastSent() {
    return sent.getLast();
  }

  /** Empties the pool, as {@code anvil_dropAllTransactions} or a node restart does. */
  void dropAll() {
    pool.clear();
  }

  /** A transaction of {@code nonce} the challenger did not send (the key used elsewhere). */
  void mineForeignTransaction() {
    pool.remove(minedNonce);
    minedNonce++;
    head++;
  }

  /** Mines a block: the next nonce's pooled transaction if it pays the base fee. */
  void mine() {
    head++;
    PoolTx next = pool.get(minedNonce);
    if (next == null
        || next.signed().fees().maxFeePerGas().compareTo(baseFee) < 0
        || next.signed().fees().maxPriorityFeePerGas().compareTo(minTip) < 0) {
      return;
    }
    pool.remove(minedNonce);
    minedNonce++;
    Hash32 txHash = next.signed().txHash();
    boolean success = status(next.call()) == ExitState.Status.ACTIVE;
    if (success) {
      switch (next.call()) {
        case ChallengeCall.StandardExit standard ->
            setExitStatus(standard.challenge().exitId(), ExitState.Status.CHALLENGED);
        case ChallengeCall.InFlight call -> {
          InFlightExitState before = inFlightExits.get(call.exitId());
          beforeCall.put(txHash, before);
          inFlightExits.put(call.exitId(), FakeInFlightEffects.apply(before, call));
        }
      }
    }
    receipts.put(txHash, new ChallengeReceipt(txHash, head, success));
  }

  /**
   * Replaces the last {@code depth} blocks with empty ones, as {@code anvil_reorg}: the challenges
   * mined there are gone (their exits active again), their transactions not pooled again.
   */
  void reorg(int depth) {
    long from = head - depth + 1;
    receipts
        .values()
        .removeIf(
            receipt -> {
              if (receipt.l1Block() < from) {
                return false;
              }
              minedNonce--;
              if (receipt.success()) {
                undo(receipt.txHash());
              }
              return true;
            });
  }

  private void undo(Hash32 txHash) {
    switch (signedChallenges.get(txHash)) {
      case ChallengeCall.StandardExit standard ->
          setExitStatus(standard.challenge().exitId(), ExitState.Status.ACTIVE);
      case ChallengeCall.InFlight call -> inFlightExits.put(call.exitId(), beforeCall.get(txHash));
    }
  }

  void mine(int blocks) {
    for (int i = 0; i < blocks; i++) {
      mine();
    }
  }

  @Override
  public Address sender() {
    return SENDER;
  }

  @Override
  public long l1Height() {
    return head;
  }

  @Override
  public long minedNonce() {
    return minedNonce;
  }

  @Override
  public BigInteger balance() {
    return balance;
  }

  @Override
  public long gasLimit() {
    return GAS_LIMIT;
  }

  @Override
  public Fees suggestedFees() {
    return Fees.forBaseFee(baseFee, tip);
  }

  @Override
  public ExitState exit(UtxoPos exitId) {
    return exits.get(exitId);
  }

  @Override
  public Optional<InFlightExitState> inFlightExit(InFlightExitId exitId) {
    return Optional.ofNullable(inFlightExits.get(exitId));
  }

  @Override
  public Optional<String> simulate(ChallengeCall call) {
    return status(call) == ExitState.Status.ACTIVE
        ? Optional.empty()
        : Optional.of(
            call instanceof ChallengeCall.StandardExit ? "ExitNotActive" : "InFlightExitNotActive");
  }

  @Override
  public SignedChallenge sign(ChallengeCall call, long nonce, Fees fees) {
    String tx = call.key() + "/" + nonce + "/" + fees;
    Hash32 txHash = Keccak.keccak256(tx.getBytes(StandardCharsets.UTF_8));
    signedChallenges.put(txHash, call);
    return new SignedChallenge(txHash, nonce, fees, tx);
  }

  @Override
  public SendResult send(SignedChallenge signed) {
    beforeSend.accept(signed);
    sent.add(signed);
    BigInteger cost = signed.fees().maxFeePerGas().multiply(BigInteger.valueOf(GAS_LIMIT));
    if (signed.nonce() < minedNonce) {
      return SendResult.rejected(signed.txHash(), "nonce too low");
    }
    if (balance.compareTo(cost) < 0) {
      return SendResult.rejected(signed.txHash(), "insufficient funds for gas * price + value");
    }
    PoolTx existing = pool.get(signed.nonce());
    if (existing != null && existing.signed().txHash().equals(signed.txHash())) {
      return SendResult.rejected(signed.txHash(), "already known");
    }
    if (existing != null && !signed.fees().canReplace(existing.signed().fees())) {
      return SendResult.rejected(signed.txHash(), "replacement transaction underpriced");
    }
    pool.put(signed.nonce(), new PoolTx(signed, signedChallenges.get(signed.txHash())));
    return SendResult.sent(signed.txHash());
  }

  @Override
  public Optional<ChallengeReceipt> receipt(Hash32 txHash) {
    return Optional.ofNullable(receipts.get(txHash));
  }

  @Override
  public boolean known(Hash32 txHash) {
    return receipts.containsKey(txHash)
        || pool.values().stream().anyMatch(tx -> tx.signed().txHash().equals(txHash));
  }

  @Override
  public String revertReason(Hash32 txHash) {
    return "ExitNotActive";
  }
}
