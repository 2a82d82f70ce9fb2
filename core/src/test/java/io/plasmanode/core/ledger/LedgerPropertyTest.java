package io.plasmanode.core.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.plasmanode.core.tx.Output;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * Random blocks of random (often invalid) transfers over random deposits: value is conserved up to
 * fees, the pending view equals base + delta, and replaying the accepted transactions is
 * deterministic.
 */
class LedgerPropertyTest {
  private static final List<Address> PEOPLE =
      List.of(LedgerFixture.ALICE, LedgerFixture.BOB, LedgerFixture.CAROL);
  private static final List<Address> TOKENS = List.of(LedgerFixture.ETH, LedgerFixture.TOKEN);

  record Attempt(List<Integer> inputPicks, List<Output> outputs, List<Integer> signerPicks) {}

  @Property(tries = 300)
  void blocksConserveValueAndReplayDeterministically(
      @ForAll("deposits") List<Output> deposits, @ForAll("attempts") List<Attempt> attempts) {
    InMemoryUtxoSet base = new InMemoryUtxoSet();
    List<UtxoPos> known = new ArrayList<>();
    for (int i = 0; i < deposits.size(); i++) {
      Utxo utxo = new Utxo(new UtxoPos(i + 1, 0, 0), deposits.get(i));
      base.apply(UtxoDelta.deposit(utxo));
      known.add(utxo.pos());
    }
    PendingBlock block = new PendingBlock(base, 1000);
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
    Statistics.label("block has transactions")
        .collect(!block.isEmpty())
        .coverage(coverage -> coverage.check(true).percentage(p -> p > 30));
    UtxoDelta delta = block.delta();
    Set<UtxoPos> touched = new LinkedHashSet<>(known);
    Map<UtxoPos, UtxoStatus> pendingView = new HashMap<>();
    touched.forEach(pos -> pendingView.put(pos, block.status(pos)));

    assertThat(BlockApplier.apply(base, 1000, block.transactions()).get()).isEqualTo(delta);
    Map<Address, BigInteger> before = unspentTotals(base, touched);
    base.apply(delta);
    touched.forEach(pos -> assertThat(base.status(pos)).isEqualTo(pendingView.get(pos)));
    Map<Address, BigInteger> after = unspentTotals(base, touched);
    fees.forEach((token, fee) -> after.merge(token, fee, BigInteger::add));
    after.values().removeIf(v -> v.signum() == 0);
    before.values().removeIf(v -> v.signum() == 0);
    assertThat(after).isEqualTo(before);
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

  @Provide
  Arbitrary<List<Output>> deposits() {
    return outputs(120).list().ofMinSize(1).ofMaxSize(8);
  }

  @Provide
  Arbitrary<List<Attempt>> attempts() {
    Arbitrary<Integer> pick = Arbitraries.integers().between(0, 1000);
    Arbitrary<Integer> person = Arbitraries.integers().between(-6, PEOPLE.size() - 1);
    return Combinators.combine(
            pick.list().ofMinSize(1).ofMaxSize(4),
            outputs(40).list().ofMinSize(1).ofMaxSize(4),
            person.list().ofSize(4))
        .as(Attempt::new)
        .list()
        .ofMaxSize(30);
  }

  private static Arbitrary<Output> outputs(long maxAmount) {
    return Combinators.combine(
            Arbitraries.of(PEOPLE),
            Arbitraries.of(TOKENS),
            Arbitraries.longs().between(1, maxAmount))
        .as(LedgerFixture::output);
  }
}
