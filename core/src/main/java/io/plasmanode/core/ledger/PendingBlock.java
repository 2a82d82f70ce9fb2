package io.plasmanode.core.ledger;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;

import io.plasmanode.core.tx.Output;
import io.plasmanode.core.tx.PaymentTransaction;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.validation.Rejection;
import io.plasmanode.core.validation.ValidationResult;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * A child block being built on top of a UTXO set: transactions are checked against the base set
 * plus everything already in this block, so a transaction may spend an output created earlier in
 * the same block. The block's payment transactions come first, then its fee claims (at most one per
 * token, each at most the fees collected in its token; see {@link FeeClaimRules}). Not thread-safe:
 * one builder owns it.
 */
public final class PendingBlock implements UtxoView {
  private final UtxoView base;
  private final long blknum;
  private final List<VerifiedTransaction> transactions = new ArrayList<>();
  private final Map<UtxoPos, Output> created = new LinkedHashMap<>();
  private final Set<UtxoPos> spent = new HashSet<>();
  private final List<UtxoPos> spentInOrder = new ArrayList<>();
  private final Map<UtxoPos, Integer> spentBy = new HashMap<>();
  private final Map<UtxoPos, Output> spentOutputs = new HashMap<>();
  private final Map<Address, BigInteger> collected = new TreeMap<>();
  private final Set<Address> claimed = new HashSet<>();

  public PendingBlock(UtxoView base, long blknum) {
    checkArgument(
        blknum > 0 && blknum % UtxoPos.CHILD_BLOCK_INTERVAL == 0,
        "child block numbers are multiples of %s, got %s",
        UtxoPos.CHILD_BLOCK_INTERVAL,
        blknum);
    this.base = base;
    this.blknum = blknum;
  }

  /**
   * A transaction included at a position of this block, with the fees it pays per token (none for a
   * fee claim).
   */
  public record Inclusion(long blknum, int txindex, Map<Address, BigInteger> fees) {}

  /**
   * The status of {@code pos} as seen from this block: outputs of later blocks (a deposit made
   * after this block's number was taken, which a watcher may already know) do not exist yet.
   */
  @Override
  public UtxoStatus status(UtxoPos pos) {
    if (pos.blknum() > blknum) {
      return UtxoStatus.UNKNOWN;
    }
    if (spent.contains(pos)) {
      return UtxoStatus.SPENT;
    }
    Output output = created.get(pos);
    return output != null ? new UtxoStatus.Unspent(output) : base.status(pos);
  }

  /**
   * What this block itself did to {@code pos}: {@link UtxoStatus#SPENT} if one of its transactions
   * spent it, unspent if one created it and none spent it since, empty if no transaction touched
   * it. Unlike {@link #status} it consults neither the base set nor the block number, so the next
   * block can see through this one after it is closed and before it is stored. Safe to call from
   * any thread once the block is no longer added to (and was published safely).
   */
  public Optional<UtxoStatus> change(UtxoPos pos) {
    if (spent.contains(pos)) {
      return Optional.of(UtxoStatus.SPENT);
    }
    Output output = created.get(pos);
    return output == null ? Optional.empty() : Optional.of(new UtxoStatus.Unspent(output));
  }

  /**
   * A rule of the operator's on a payment (its fee, say), checked once the chain's rules pass, with
   * the outputs the payment spends: not a rule of the chain, so a watcher never checks it.
   */
  @FunctionalInterface
  public interface PaymentPolicy {
    /** No rule beyond the chain's. */
    PaymentPolicy NONE = (tx, spent) -> ValidationResult.valid(Boolean.TRUE);

    /**
     * Whether {@code tx}, valid by the chain's rules, may be appended.
     *
     * @param spent the outputs its inputs spend, in input order
     */
    ValidationResult<?> check(PaymentTransaction tx, List<Output> spent);
  }

  /**
   * Checks {@code vtx}, a payment transaction or a fee claim ({@link
   * VerifiedTransaction#feeClaim}), against this block's state and, when valid, appends it. A
   * payment after a fee claim is {@link Rejection#FEE_CLAIM_NOT_LAST}.
   *
   * @throws IllegalStateException when the block is full; close it first
   */
  public ValidationResult<Inclusion> add(VerifiedTransaction vtx) {
    return add(vtx, PaymentPolicy.NONE);
  }

  /**
   * As {@link #add(VerifiedTransaction)}, and a payment is appended only if {@code policy} accepts
   * it too (after the chain's rules: a payment that breaks one is refused for that rule). The
   * inputs are read once for both.
   */
  public ValidationResult<Inclusion> add(VerifiedTransaction vtx, PaymentPolicy policy) {
    checkState(!isFull(), "block %s is full", blknum);
    PaymentTransaction tx = vtx.signed().tx();
    if (tx.isFeeClaim()) {
      return FeeClaimRules.check(tx, blknum, collected, claimed)
          .map(token -> appendClaim(vtx, token));
    }
    if (!claimed.isEmpty()) {
      return ValidationResult.invalid(
          Rejection.FEE_CLAIM_NOT_LAST,
          "a payment transaction after the fee claims of block %d: claims come last"
              .formatted(blknum));
    }
    ValidationResult<TransactionRules.Spending> spending =
        TransactionRules.checkSpending(this, vtx);
    if (spending.isValid()
        && policy.check(tx, spending.get().spent())
            instanceof ValidationResult.Invalid<?> refused) {
      return ValidationResult.invalid(refused.reason(), refused.detail());
    }
    return spending.map(valid -> appendPayment(vtx, valid));
  }

  private Inclusion appendClaim(VerifiedTransaction vtx, Address token) {
    claimed.add(token);
    return append(vtx, List.of(), Map.of());
  }

  private Inclusion appendPayment(VerifiedTransaction vtx, TransactionRules.Spending spending) {
    Map<Address, BigInteger> fees = spending.fees();
    fees.forEach(
        (token, fee) -> {
          if (fee.signum() > 0) {
            collected.merge(token, fee, BigInteger::add);
          }
        });
    return append(vtx, spending.spent(), fees);
  }

  /**
   * @param spentOutputs the outputs {@code vtx}'s inputs spend, in input order (none for a claim)
   */
  private Inclusion append(
      VerifiedTransaction vtx, List<Output> spentOutputs, Map<Address, BigInteger> fees) {
    int txindex = transactions.size();
    PaymentTransaction tx = vtx.signed().tx();
    for (int i = 0; i < tx.inputs().size(); i++) {
      UtxoPos input = tx.inputs().get(i);
      spent.add(input);
      spentInOrder.add(input);
      spentBy.put(input, txindex);
      this.spentOutputs.put(input, spentOutputs.get(i));
      created.remove(input);
    }
    for (int oindex = 0; oindex < tx.outputs().size(); oindex++) {
      created.put(new UtxoPos(blknum, txindex, oindex), tx.outputs().get(oindex));
    }
    transactions.add(vtx);
    return new Inclusion(blknum, txindex, fees);
  }

  public long blknum() {
    return blknum;
  }

  public int size() {
    return transactions.size();
  }

  public boolean isEmpty() {
    return transactions.isEmpty();
  }

  public boolean isFull() {
    return transactions.size() >= UtxoPos.MAX_TXS_PER_BLOCK;
  }

  /** The transactions in block order. */
  public List<VerifiedTransaction> transactions() {
    return List.copyOf(transactions);
  }

  /**
   * The fees this block's payment transactions collected, per token with a non-zero fee, sorted by
   * token; its fee claims are not subtracted.
   */
  public Map<Address, BigInteger> collectedFees() {
    return Collections.unmodifiableMap(new TreeMap<>(collected));
  }

  /**
   * The fee claims that pay {@code claimer} everything this block's payment transactions collected:
   * one per token with a non-zero fee, sorted by token, for the operator to append (with {@link
   * VerifiedTransaction#feeClaim}) when it closes the block. A function of the payments and {@code
   * claimer} only, so replaying the payments rebuilds the same claims; it does not look at claims
   * already added.
   */
  public List<PaymentTransaction> feeClaims(Address claimer) {
    return collected.entrySet().stream()
        .map(fee -> PaymentTransaction.feeClaim(blknum, fee.getKey(), claimer, fee.getValue()))
        .toList();
  }

  /** The change this block makes to its base set. */
  public UtxoDelta delta() {
    List<Utxo> unspent = new ArrayList<>(created.size());
    created.forEach((pos, output) -> unspent.add(new Utxo(pos, output)));
    return new UtxoDelta(spentInOrder, unspent, spentBy, spentOutputs);
  }
}
