package io.plasmanode.core.fees;

import static io.plasmanode.core.fees.FeeFixture.transferOf;
import static org.assertj.core.api.Assertions.assertThat;

import io.plasmanode.core.testing.Cases;
import io.plasmanode.core.testing.Gen;
import io.plasmanode.core.tx.Output;
import io.plasmanode.core.tx.PaymentTransaction;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.validation.Rejection;
import io.plasmanode.core.validation.ValidationResult;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Random transfers over random spent outputs against 1..3 random accepted tables (NONE among them
 * sometimes): a paid fee is the one positive surplus and equals a fee of an accepted table; a
 * transfer built to pay exactly an accepted fee is accepted; each rejection is the one its surplus
 * calls for; free means a merge or a table that does not charge.
 */
class FeeRulesPropertyTest {
  private static final int CASES = 2000;
  private static final List<Address> OWNERS = List.of(FeeFixture.ALICE, FeeFixture.BOB);
  private static final List<Address> TOKENS =
      List.of(FeeFixture.ETH, FeeFixture.OMG, FeeFixture.DAI);
  private static final int PAYMENT = PaymentTransaction.TX_TYPE_PAYMENT;

  record Case(PaymentTransaction tx, List<Output> spent, List<FeeTable> accepted) {}

  @Test
  void check_agreesWithTheSurplusOfEveryTransfer() {
    Map<Rejection, Integer> seen = new EnumMap<>(Rejection.class);
    int[] paid = {0};
    int ran =
        Cases.check(
            CASES,
            gen -> {
              Case c = randomCase(gen);
              var result = FeeRules.check(c.tx(), c.spent(), c.accepted());
              checkAgainstSurplus(c, result);
              if (result instanceof ValidationResult.Invalid<?> invalid) {
                seen.merge(invalid.reason(), 1, Integer::sum);
              } else if (result.get().isPresent()) {
                paid[0]++;
              }
            });
    if (ran == CASES) {
      assertThat(paid[0]).as("paid fees (coverage)").isGreaterThan(CASES / 20);
      assertThat(seen)
          .as("every reason (coverage)")
          .containsKeys(
              Rejection.FEES_NOT_COVERED,
              Rejection.OVERPAYING_FEES,
              Rejection.MULTIPLE_POTENTIAL_CURRENCY_FEES);
    }
  }

  @Test
  void check_acceptsAnExactFeeOfAnyAcceptedTable() {
    Cases.check(
        CASES,
        gen -> {
          List<FeeTable> accepted = gen.list(1, 3, () -> table(gen));
          FeeTable chosen = gen.pick(accepted);
          Address token = gen.pick(List.copyOf(chosen.fees(PAYMENT).keySet()));
          BigInteger fee = chosen.fees(PAYMENT).get(token).amount();
          List<Output> spent = gen.list(1, 4, () -> output(gen));
          spent.set(
              0,
              new Output(
                  gen.pick(OWNERS), token, fee.add(BigInteger.valueOf(gen.intBetween(1, 50)))));
          List<Output> outputs = new ArrayList<>();
          for (int i = 0; i < spent.size(); i++) {
            Output in = spent.get(i);
            BigInteger amount = i == 0 ? in.amount().subtract(fee) : in.amount();
            outputs.add(new Output(gen.pick(OWNERS), in.token(), amount));
          }
          PaymentTransaction tx = transferOf(spent, outputs);

          assertThat(FeeRules.check(tx, spent, accepted).get())
              .contains(new FeePayment(token, fee));
        });
  }

  private static void checkAgainstSurplus(Case c, ValidationResult<Optional<FeePayment>> result) {
    Map<Address, BigInteger> surplus = surplus(c.spent(), c.tx().outputs());
    boolean free =
        c.accepted().stream().anyMatch(t -> !t.charges(PAYMENT))
            || FeeRules.isMerge(c.tx(), c.spent());
    if (result instanceof ValidationResult.Invalid<?> invalid) {
      assertThat(free).as("a free transfer is never rejected").isFalse();
      if (surplus.size() == 1) {
        checkSingleTokenRejection(c, surplus, invalid.reason());
      } else {
        assertThat(invalid.reason())
            .isEqualTo(
                surplus.isEmpty()
                    ? Rejection.FEES_NOT_COVERED
                    : Rejection.MULTIPLE_POTENTIAL_CURRENCY_FEES);
      }
    } else if (result.get().isPresent()) {
      FeePayment payment = result.get().get();
      assertThat(free).isFalse();
      assertThat(surplus).containsExactly(Map.entry(payment.token(), payment.amount()));
      assertThat(fees(c.accepted(), payment.token())).contains(payment.amount());
    } else {
      assertThat(free).as("free only for a merge or a table that does not charge").isTrue();
    }
  }

  private static void checkSingleTokenRejection(
      Case c, Map<Address, BigInteger> surplus, Rejection reason) {
    Map.Entry<Address, BigInteger> paid = surplus.entrySet().iterator().next();
    List<BigInteger> fees = fees(c.accepted(), paid.getKey());
    assertThat(fees).doesNotContain(paid.getValue());
    boolean above = fees.stream().allMatch(fee -> paid.getValue().compareTo(fee) > 0);
    assertThat(reason)
        .isEqualTo(
            !fees.isEmpty() && above ? Rejection.OVERPAYING_FEES : Rejection.FEES_NOT_COVERED);
  }

  private static List<BigInteger> fees(List<FeeTable> accepted, Address token) {
    return accepted.stream()
        .flatMap(t -> t.fee(PAYMENT, token).stream())
        .map(FeeSpec::amount)
        .toList();
  }

  private static Map<Address, BigInteger> surplus(List<Output> spent, List<Output> outputs) {
    Map<Address, BigInteger> balance = new HashMap<>();
    spent.forEach(o -> balance.merge(o.token(), o.amount(), BigInteger::add));
    outputs.forEach(o -> balance.merge(o.token(), o.amount().negate(), BigInteger::add));
    balance.values().removeIf(v -> v.signum() <= 0);
    return balance;
  }

  /**
   * 1..4 spent outputs; 1..4 random outputs, or (half the time) the spent outputs to random owners
   * with 0..5 taken off one (and off others sometimes); 1..3 accepted tables.
   */
  private static Case randomCase(Gen gen) {
    List<Output> spent = gen.list(1, 4, () -> output(gen));
    List<Output> outputs = gen.bool() ? gen.list(1, 4, () -> output(gen)) : nearly(gen, spent);
    List<FeeTable> accepted = gen.list(1, 3, () -> gen.oneIn(10) ? FeeTable.NONE : table(gen));
    return new Case(transferOf(spent, outputs), spent, accepted);
  }

  private static List<Output> nearly(Gen gen, List<Output> spent) {
    List<Output> outputs = new ArrayList<>();
    int reduced = gen.intBetween(0, spent.size() - 1);
    for (int i = 0; i < spent.size(); i++) {
      Output in = spent.get(i);
      int most = Math.min(5, in.amount().intValueExact() - 1);
      int off = i == reduced || gen.oneIn(6) ? gen.intBetween(0, most) : 0;
      BigInteger amount = in.amount().subtract(BigInteger.valueOf(off));
      outputs.add(new Output(gen.pick(OWNERS), in.token(), amount));
    }
    return outputs;
  }

  private static Output output(Gen gen) {
    return new Output(
        gen.pick(OWNERS), gen.pick(TOKENS), BigInteger.valueOf(gen.intBetween(1, 12)));
  }

  /** Fees of 1..4 in 1..3 of the tokens. */
  private static FeeTable table(Gen gen) {
    Map<Address, FeeSpec> fees = new HashMap<>();
    for (Address token : gen.distinctList(1, TOKENS.size(), () -> gen.pick(TOKENS))) {
      fees.put(token, FeeFixture.spec(gen.intBetween(1, 4), "T"));
    }
    return new FeeTable(Map.of(PAYMENT, fees));
  }
}
