package io.plasmanode.core.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.plasmanode.core.testing.Cases;
import io.plasmanode.core.testing.Gen;
import io.plasmanode.core.tx.Output;
import io.plasmanode.core.tx.PaymentTransaction;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.validation.Rejection;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Random blocks of random (often invalid) transfers over random deposits, closed by the fee claims
 * of what they collected: the claims are valid, value is conserved exactly (the fees move to the
 * claimer), the pending view equals base + delta, and replaying the accepted transactions is
 * deterministic.
 */
class LedgerPropertyTest {
  private static final List<Address> PEOPLE =
      List.of(LedgerFixture.ALICE, LedgerFixture.BOB, LedgerFixture.CAROL);
  private static final List<Address> TOKENS = List.of(LedgerFixture.ETH, LedgerFixture.TOKEN);
  private static final Address CLAIMER = LedgerFixture.address(0xfe);
  private static final long BLKNUM = UtxoPos.CHILD_BLOCK_INTERVAL;
  private static final int CASES = 300;

  record Attempt(List<Integer> inputPicks, List<Output> outputs, List<Integer> signerPicks) {}

  @Test
  void blocksConserveValueAndReplayDeterministically() {
    int[] withTransactions = {0};
    int ran =
        Cases.check(
            CASES,
            gen -> {
              if (blockConservesValueAndReplaysDeterministically(
                  deposits(gen), attempts(gen), output(gen, 40))) {
                withTransactions[0]++;
              }
            });
    if (ran == CASES) {
      assertThat(withTransactions[0])
          .as("blocks with transactions among %s (coverage)", CASES)
          .isGreaterThan(CASES * 30 / 100);
    }
  }

  /** Checks one block and says whether it had transactions. */
  private static boolean blockConservesValueAndReplaysDeterministically(
      List<Output> deposits, List<Attempt> attempts, Output extraClaim) {
    InMemoryUtxoSet base = new InMemoryUtxoSet();
    List<UtxoPos> known = new ArrayList<>();
    for (int i = 0; i < deposits.size(); i++) {
      Utxo utxo = new Utxo(new UtxoPos(i + 1, 0, 0), deposits.get(i));
      base.apply(UtxoDelta.deposit(utxo));
      known.add(utxo.pos());
    }
    PendingBlock block = new PendingBlock(base, BLKNUM);
    Map<Address, BigInteger> fees = new HashMap<>();
    for (Attempt attempt : attempts) {
      block
          .add(toTransaction(attempt, known, block))
          .map(
              included -> {
                included.fees().forEach((token, fee) -> fees.merge(token, fee, BigInteger::add));
                addOutputs(known, block.blknum(), included.txindex(), attempt.outputs().size());
                return included;
              });
    }
    fees.values().removeIf(fee -> fee.signum() == 0);
    assertThat(block.collectedFees()).isEqualTo(fees);
    for (PaymentTransaction claim : block.feeClaims(CLAIMER)) {
      int txindex = block.add(VerifiedTransaction.feeClaim(claim)).get().txindex();
      addOutputs(known, block.blknum(), txindex, 1);
    }
    assertNoFurtherClaim(block, extraClaim);
    UtxoDelta delta = block.delta();
    Set<UtxoPos> touched = new LinkedHashSet<>(known);
    Map<UtxoPos, UtxoStatus> pendingView = new HashMap<>();
    touched.forEach(pos -> pendingView.put(pos, block.status(pos)));

    assertThat(BlockApplier.apply(base, BLKNUM, block.transactions()).get()).isEqualTo(delta);
    Map<Address, BigInteger> before = unspentTotals(base, touched);
    base.apply(delta);
    touched.forEach(pos -> assertThat(base.status(pos)).isEqualTo(pendingView.get(pos)));
    Map<Address, BigInteger> after = unspentTotals(base, touched);
    after.values().removeIf(v -> v.signum() == 0);
    before.values().removeIf(v -> v.signum() == 0);
    assertThat(after).isEqualTo(before);
    return !block.isEmpty();
  }

  /** Once claimed, any further claim is a duplicate or exceeds its token's (zero) fees. */
  private static void assertNoFurtherClaim(PendingBlock block, Output extra) {
    int size = block.size();
    var claim =
        PaymentTransaction.feeClaim(block.blknum(), extra.token(), extra.owner(), extra.amount());

    var result = block.add(VerifiedTransaction.feeClaim(claim));

    TransactionRulesTest.assertRejected(
        result,
        block.collectedFees().containsKey(extra.token())
            ? Rejection.DUPLICATE_FEE_CLAIM
            : Rejection.FEE_CLAIM_EXCEEDS_FEES);
    assertThat(block.size()).isEqualTo(size);
  }

  /** Signer picks below zero sign as the input's owner, so most attempts are authorised. */
  private static VerifiedTransaction toTransaction(
      Attempt attempt, List<UtxoPos> known, UtxoView view) {
    List<UtxoPos> inputs =
        attempt.inputPicks().stream().map(i -> known.get(i % known.size())).distinct().toList();
    List<Address> signers = new ArrayList<>();
    for (int i = 0; i < inputs.size(); i++) {
      int pick = attempt.signerPicks().get(i);
      signers.add(pick >= 0 ? PEOPLE.get(pick) : ownerOrAlice(view, inputs.get(i)));
    }
    return LedgerFixture.transfer(inputs, attempt.outputs(), signers);
  }

  private static Address ownerOrAlice(UtxoView view, UtxoPos pos) {
    return view.status(pos) instanceof UtxoStatus.Unspent unspent
        ? unspent.output().owner()
        : LedgerFixture.ALICE;
  }

  private static void addOutputs(List<UtxoPos> known, long blknum, int txindex, int count) {
    for (int oindex = 0; oindex < count; oindex++) {
      known.add(new UtxoPos(blknum, txindex, oindex));
    }
  }

  private static Map<Address, BigInteger> unspentTotals(UtxoView view, Set<UtxoPos> positions) {
    Map<Address, BigInteger> totals = new HashMap<>();
    for (UtxoPos pos : positions) {
      if (view.status(pos) instanceof UtxoStatus.Unspent unspent) {
        totals.merge(unspent.output().token(), unspent.output().amount(), BigInteger::add);
      }
    }
    return totals;
  }

  /** 1..8 deposits of 1..120. */
  private static List<Output> deposits(Gen gen) {
    return gen.list(1, 8, () -> output(gen, 120));
  }

  /**
   * 0..30 attempts of 1..4 input picks (0..1000), 1..4 outputs of 1..40 and 4 signer picks (-6..2).
   */
  private static List<Attempt> attempts(Gen gen) {
    return gen.list(
        0,
        30,
        () ->
            new Attempt(
                gen.list(1, 4, () -> gen.intBetween(0, 1000)),
                gen.list(1, 4, () -> output(gen, 40)),
                gen.list(4, 4, () -> gen.intBetween(-6, PEOPLE.size() - 1))));
  }

  private static Output output(Gen gen, long maxAmount) {
    return LedgerFixture.output(gen.pick(PEOPLE), gen.pick(TOKENS), gen.longBetween(1, maxAmount));
  }
}
