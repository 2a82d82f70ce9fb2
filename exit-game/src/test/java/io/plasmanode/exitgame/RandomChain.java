package io.plasmanode.exitgame;

import io.plasmanode.core.crypto.PrivateKey;
import io.plasmanode.core.ledger.InMemoryUtxoSet;
import io.plasmanode.core.testing.Gen;
import io.plasmanode.core.testing.TestKeys;
import io.plasmanode.core.tx.Output;
import io.plasmanode.core.tx.PaymentTransaction;
import io.plasmanode.core.tx.TxCodec;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Random valid chains for property tests: deposits to the test keys, then one child block of
 * transfers that each spend 1..3 unspent outputs (deposits or outputs created earlier in the same
 * block), correctly signed by their owners, paying a fee of 0 or 1 wei.
 */
final class RandomChain {
  static final long BLOCK = UtxoPos.CHILD_BLOCK_INTERVAL;

  /** What to build: deposit amounts, then per transfer the input and owner picks. */
  record Plan(List<Long> deposits, List<Step> steps) {}

  record Step(List<Integer> inputPicks, List<Integer> ownerPicks, boolean fee) {}

  /** The deposits in {@code view}, the block's signed transactions and every output's owner. */
  record Built(InMemoryUtxoSet view, List<byte[]> signedTxs, Map<UtxoPos, Address> owners) {}

  private record Unspent(UtxoPos pos, PrivateKey owner, long amount) {}

  private RandomChain() {}

  /**
   * 1..4 deposits of 1..10^18 wei; 1..6 transfers, each with 1..3 input picks (0..99), 1..3 owner
   * picks (one per output, 0..3: the test keys) and a fee or not.
   */
  static Plan plan(Gen gen) {
    return new Plan(
        gen.list(1, 4, () -> gen.longBetween(1, 1_000_000_000_000_000_000L)),
        gen.list(
            1,
            6,
            () ->
                new Step(
                    gen.list(1, 3, () -> gen.intBetween(0, 99)),
                    gen.list(1, 3, () -> gen.intBetween(0, TestKeys.ALL.size() - 1)),
                    gen.bool())));
  }

  static Built build(Plan plan) {
    InMemoryUtxoSet view = new InMemoryUtxoSet();
    Map<UtxoPos, Address> owners = new HashMap<>();
    List<Unspent> unspent = new ArrayList<>();
    for (int i = 0; i < plan.deposits().size(); i++) {
      PrivateKey owner = TestKeys.ALL.get(i % TestKeys.ALL.size());
      UtxoPos pos = ChainFixture.deposit(view, i + 1, owner, plan.deposits().get(i));
      owners.put(pos, owner.address());
      unspent.add(new Unspent(pos, owner, plan.deposits().get(i)));
    }
    List<byte[]> signedTxs = new ArrayList<>();
    for (Step step : plan.steps()) {
      if (unspent.isEmpty()) {
        break;
      }
      signedTxs.add(transfer(step, unspent, signedTxs.size(), owners));
    }
    return new Built(view, signedTxs, owners);
  }

  private static byte[] transfer(
      Step step, List<Unspent> unspent, int txIndex, Map<UtxoPos, Address> owners) {
    Set<Unspent> inputs = new LinkedHashSet<>();
    step.inputPicks().forEach(pick -> inputs.add(unspent.get(pick % unspent.size())));
    unspent.removeAll(inputs);
    long total = inputs.stream().mapToLong(Unspent::amount).sum();
    long fee = step.fee() && total > step.ownerPicks().size() ? 1 : 0;
    int count = (int) Math.min(step.ownerPicks().size(), total - fee);
    List<Output> outputs = new ArrayList<>();
    for (int o = 0; o < count; o++) {
      PrivateKey owner = TestKeys.ALL.get(step.ownerPicks().get(o));
      long amount = (total - fee) / count + (o == count - 1 ? (total - fee) % count : 0);
      outputs.add(new Output(owner.address(), ChainFixture.ETH, BigInteger.valueOf(amount)));
      UtxoPos pos = new UtxoPos(BLOCK, txIndex, o);
      owners.put(pos, owner.address());
      unspent.add(new Unspent(pos, owner, amount));
    }
    PaymentTransaction tx =
        PaymentTransaction.transfer(inputs.stream().map(Unspent::pos).toList(), outputs);
    PrivateKey[] keys = inputs.stream().map(Unspent::owner).toArray(PrivateKey[]::new);
    return TxCodec.encodeSigned(ChainFixture.sign(tx, keys));
  }
}
