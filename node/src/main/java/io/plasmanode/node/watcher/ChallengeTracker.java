package io.plasmanode.node.watcher;

import static com.google.common.base.Preconditions.checkArgument;

import io.plasmanode.contracts.l1.Fees;
import io.plasmanode.contracts.l1.SendResult;
import io.plasmanode.core.l1.ExitState;
import io.plasmanode.node.watcher.ChallengeChannel.ChallengeReceipt;
import io.plasmanode.node.watcher.ChallengeChannel.SignedChallenge;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows each challenge transaction until it is mined {@code finalityMargin} L1 blocks deep (the
 * depth at which the watcher trusts L1 events), and re-sends it (same nonce) while it is not: with
 * fees raised by {@code feeBumpPercent} when it is not mined within {@code resendBlocks} L1 blocks,
 * at once when the L1 node no longer knows it (dropped from the pool), and at every new L1 block
 * with {@code urgentBumpPercent} when its exit matures within {@code urgentMargin}; never above
 * {@code maxFeePerGas} (at the cap it waits and alarms). Each transaction is saved in the {@link
 * ChallengeStore} before it is sent, so a restart resumes following it.
 *
 * <p>A mined transaction whose receipt disappears before it is final was dropped by an L1 reorg:
 * the exit is active again, so the challenge is re-sent at once with the same nonce. Following ends
 * when a transaction of it is mined and final (a revert, such as {@code ExitNotActive} when another
 * watcher challenged first, is not retried), when the exit is no longer active on L1 (someone else
 * challenged it, or it was processed), or when another transaction of this key consumed its nonce
 * (then the exit is challenged anew). Runs on the watcher's loop thread only.
 */
final class ChallengeTracker {
  private static final Logger LOG = LoggerFactory.getLogger(ChallengeTracker.class);

  /** Why following a challenge ended, or that it goes on. */
  enum Outcome {
    PENDING,
    MINED,
    REVERTED,
    EXIT_NOT_ACTIVE,
    NONCE_CONSUMED
  }

  /**
   * The contract errors that say someone else's call came first (the exit is no longer active, or
   * no longer in the state the call was for): not retried.
   */
  private static final List<String> CAME_FIRST =
      List.of(
          "ExitNotActive",
          "InFlightExitNotActive",
          "NotPiggybacked",
          "CompetitorNotOlder",
          "NotChallenged",
          "CanonicityFixed");

  private final ChallengeChannel l1;
  private final ChallengeStore store;
  private final ChallengerConfig config;
  private final int finalityMargin;
  private final ChallengeAlarms alarms;
  private final Map<ChallengeKey, Long> retryAtBlock = new HashMap<>();
  private final Set<ChallengeKey> urgentlySent = new HashSet<>();

  /** The L1 block each challenge was last seen mined in, while it is not final yet. */
  private final Map<ChallengeKey, Long> minedIn = new HashMap<>();

  ChallengeTracker(
      ChallengeChannel l1, ChallengeStore store, ChallengerConfig config, int finalityMargin) {
    checkArgument(finalityMargin >= 0, "finality margin must be >= 0, got %s", finalityMargin);
    this.l1 = l1;
    this.store = store;
    this.config = config;
    this.finalityMargin = finalityMargin;
    this.alarms = new ChallengeAlarms(config);
  }

  /** Whether a call of {@code key} is in flight. */
  boolean isTracking(ChallengeKey key) {
    return store.get(key).isPresent();
  }

  /**
   * Sends the first transaction of {@code challenge} (its exit matures at {@code exitableAt}) with
   * the suggested fees (bumped when the exit is urgent), saved first. Its nonce is the lowest one
   * not mined and not held by another challenge in flight: a transaction still pending there is a
   * challenge no longer followed (its exit was challenged by someone else), which this one replaces
   * rather than queueing behind it.
   */
  PendingChallenge start(ChallengeCall challenge, Instant exitableAt, Instant now) {
    long head = l1.l1Height();
    Set<Long> held = new HashSet<>();
    store.all().forEach(other -> held.add(other.nonce()));
    long nonce = l1.minedNonce();
    while (held.contains(nonce)) {
      nonce++;
    }
    Fees fees = l1.suggestedFees();
    if (isUrgent(exitableAt, now)) {
      fees = fees.bumped(config.urgentBumpPercent());
      urgentlySent.add(challenge.key());
    }
    SignedChallenge signed = l1.sign(challenge, nonce, fees.cappedAt(config.maxFeePerGas()));
    PendingChallenge pending = PendingChallenge.first(challenge, exitableAt, signed, head);
    store.put(pending);
    LOG.info(
        "Challenging {}: L1 tx {} (nonce {}, {})",
        challenge.key(),
        signed.txHash().toShortHex(),
        nonce,
        signed.fees());
    sent(pending, l1.send(signed), head);
    return pending;
  }

  /** One round over every challenge in flight at {@code now}; the outcome of each, by exit. */
  Map<ChallengeKey, Outcome> track(Instant now) {
    Map<ChallengeKey, Outcome> outcomes = new LinkedHashMap<>();
    if (store.all().isEmpty()) {
      alarms.clear();
      return outcomes;
    }
    long head = l1.l1Height();
    long minedNonce = l1.minedNonce();
    for (PendingChallenge pending : store.all()) {
      Outcome outcome = trackOne(pending, head, minedNonce, now);
      if (outcome != Outcome.PENDING) {
        store.remove(pending.key());
        retryAtBlock.remove(pending.key());
        urgentlySent.remove(pending.key());
        minedIn.remove(pending.key());
        alarms.resolved(pending.key());
      }
      outcomes.put(pending.key(), outcome);
    }
    List<PendingChallenge> unmined =
        store.all().stream().filter(pending -> !minedIn.containsKey(pending.key())).toList();
    alarms.check(unmined, l1.balance(), l1.gasLimit(), now);
    return outcomes;
  }

  /** The alarms of the last round: challenges at risk, and why. */
  List<String> alarms() {
    return alarms.current();
  }

  private Outcome trackOne(PendingChallenge pending, long head, long minedNonce, Instant now) {
    Optional<ChallengeReceipt> receipt = findReceipt(pending);
    if (receipt.isPresent()) {
      return settled(pending, receipt.get(), head);
    }
    Optional<Long> dropped = Optional.ofNullable(minedIn.remove(pending.key()));
    ExitState.Status status = l1.status(pending.call());
    if (status != ExitState.Status.ACTIVE || minedNonce > pending.nonce()) {
      receipt = findReceipt(pending); // mined since the first look?
      if (receipt.isPresent()) {
        return settled(pending, receipt.get(), head);
      }
      return ended(pending, status);
    }
    if (dropped.isPresent()) {
      String why = "was mined in L1 block %d, then dropped by a reorg".formatted(dropped.get());
      resend(pending, head, 0, true, why);
    } else {
      maybeResend(pending, head, now);
    }
    return Outcome.PENDING;
  }

  /**
   * The outcome of a mined transaction once it is {@code finalityMargin} blocks deep; until then
   * following goes on (a reorg may still drop it), without re-sending.
   */
  private Outcome settled(PendingChallenge pending, ChallengeReceipt receipt, long head) {
    if (head - receipt.l1Block() >= finalityMargin) {
      return mined(pending, receipt);
    }
    Long before = minedIn.put(pending.key(), receipt.l1Block());
    if (before == null || before != receipt.l1Block()) {
      LOG.info(
          "Challenge of {} mined in L1 block {} (tx {}); following it until it is {} blocks"
              + " deep",
          pending.key(),
          receipt.l1Block(),
          receipt.txHash().toShortHex(),
          finalityMargin);
    }
    return Outcome.PENDING;
  }

  private Optional<ChallengeReceipt> findReceipt(PendingChallenge pending) {
    for (var txHash : pending.txHashes()) {
      Optional<ChallengeReceipt> receipt = l1.receipt(txHash);
      if (receipt.isPresent()) {
        return receipt;
      }
    }
    return Optional.empty();
  }

  private Outcome mined(PendingChallenge pending, ChallengeReceipt receipt) {
    if (receipt.success()) {
      LOG.info(
          "Challenged {} in L1 tx {} (mined in L1 block {}, {} transaction(s) sent)",
          pending.key(),
          receipt.txHash().toShortHex(),
          receipt.l1Block(),
          pending.txHashes().size());
      return Outcome.MINED;
    }
    String reason = l1.revertReason(receipt.txHash());
    if (CAME_FIRST.stream().anyMatch(reason::contains)) {
      LOG.info(
          "Challenge of {} reverted ({}) in L1 tx {}: another challenge (or the exit's"
              + " processing) came first; not retrying",
          pending.key(),
          reason,
          receipt.txHash().toShortHex());
    } else {
      LOG.warn(
          "Challenge of {} reverted in L1 tx {}: {}",
          pending.key(),
          receipt.txHash().toShortHex(),
          reason);
    }
    return Outcome.REVERTED;
  }

  private Outcome ended(PendingChallenge pending, ExitState.Status status) {
    if (status == ExitState.Status.ACTIVE) {
      LOG.warn(
          "Nonce {} of the challenge of exit {} was used by another transaction of the challenger"
              + " key (used elsewhere?); challenging it again",
          pending.nonce(),
          pending.key());
      return Outcome.NONCE_CONSUMED;
    }
    if (status == ExitState.Status.FINALIZED) {
      LOG.error(
          "The exit of {} was processed on L1 before its challenge (nonce {}) was mined",
          pending.key(),
          pending.nonce());
    } else {
      LOG.info(
          "{} is {} on L1 before this watcher's call was mined (another challenger?): no"
              + " longer following it",
          pending.key(),
          status);
    }
    return Outcome.EXIT_NOT_ACTIVE;
  }

  /**
   * Re-sends if due: at once when the L1 node no longer knows any of its transactions, after {@code
   * resendBlocks} blocks or when the node asked for higher fees, at once when its exit becomes
   * urgent and then at every new block while it is. A rejected send waits for the next block.
   */
  private void maybeResend(PendingChallenge pending, long head, Instant now) {
    ChallengeKey id = pending.key();
    boolean urgent = isUrgent(pending.exitableAt(), now);
    boolean urgentDue = urgent && (head > pending.sentAtL1Block() || !urgentlySent.contains(id));
    Optional<Long> retryAt = Optional.ofNullable(retryAtBlock.get(id));
    double bump = urgent ? config.urgentBumpPercent() : config.feeBumpPercent();
    if (pending.txHashes().stream().noneMatch(l1::known)) {
      if (retryAt.isEmpty() || head >= retryAt.get()) {
        double raise = urgentDue || retryAt.isPresent() ? bump : 0;
        resend(pending, head, raise, true, "is unknown to L1");
      }
    } else if (retryAt.isPresent() && head >= retryAt.get()) {
      resend(pending, head, bump, false, "was refused");
    } else if (head - pending.sentAtL1Block() >= config.resendBlocks()) {
      long blocks = head - pending.sentAtL1Block();
      resend(pending, head, bump, false, "is not mined after %d L1 blocks".formatted(blocks));
    } else if (urgentDue) {
      String why = "is not mined and the exit matures at " + pending.exitableAt();
      resend(pending, head, bump, false, why);
    }
    if (urgent) {
      urgentlySent.add(id);
    }
  }

  /**
   * Re-sends with the fees raised by {@code percent} (at least the suggested ones, capped); a
   * replacement ({@code dropped} false) that cannot outbid the previous fees waits at the cap.
   */
  private void resend(
      PendingChallenge pending, long head, double percent, boolean dropped, String why) {
    Fees previous = pending.fees();
    Fees raised = percent > 0 ? previous.bumped(percent) : previous;
    Fees next = raised.atLeast(l1.suggestedFees()).cappedAt(config.maxFeePerGas());
    if (!dropped && !next.canReplace(previous)) {
      alarms.atCap(pending);
      return;
    }
    SignedChallenge signed = l1.sign(pending.call(), pending.nonce(), next);
    PendingChallenge updated = pending.resent(signed, head);
    store.put(updated);
    LOG.warn(
        "Challenge of {} {}: re-sending nonce {} with {} (was {}) in L1 tx {}",
        pending.key(),
        why,
        pending.nonce(),
        next,
        previous,
        signed.txHash().toShortHex());
    sent(updated, l1.send(signed), head);
  }

  private void sent(PendingChallenge pending, SendResult result, long head) {
    retryAtBlock.remove(pending.key());
    alarms.sent(pending.key());
    switch (result.outcome()) {
      case SENT, ALREADY_KNOWN -> {}
      case REPLACEMENT_UNDERPRICED, UNDERPRICED -> {
        LOG.warn(
            "Challenge of {}: the L1 node wants higher fees ({}); raising them",
            pending.key(),
            result.message());
        retryAtBlock.put(pending.key(), head);
      }
      case NONCE_TOO_LOW ->
          LOG.info("Challenge of {}: nonce {} already used", pending.key(), pending.nonce());
      case REJECTED -> {
        alarms.rejected(pending, result.message());
        retryAtBlock.put(pending.key(), head + 1);
      }
    }
  }

  private boolean isUrgent(Instant exitableAt, Instant now) {
    return !now.isBefore(exitableAt.minus(config.urgentMargin()));
  }
}
