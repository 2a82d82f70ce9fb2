package io.plasmanode.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.plasmanode.core.fees.FeeRules;
import io.plasmanode.core.ledger.Utxo;
import io.plasmanode.core.testing.TestKeys;
import io.plasmanode.core.tx.Output;
import io.plasmanode.core.tx.PaymentTransaction;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import io.plasmanode.node.rpc.RpcResults.UtxoResult;
import java.math.BigInteger;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class MergeCommandTest {
  private static final Address ALICE = TestKeys.ALICE.address();
  private static final Address ETH = Address.ZERO;

  @Test
  void merges_joinUpToFourOldestFirst_eachAFreeMergeOfTheirSum() {
    List<UtxoResult> six = outputs(6);

    List<PaymentTransaction> merges = MergeCommand.merges(ALICE, ETH, six.reversed());

    assertThat(merges).hasSize(2);
    assertThat(merges.get(0).inputs()).containsExactly(pos(1), pos(2), pos(3), pos(4));
    assertThat(merges.get(0).outputs()).containsExactly(new Output(ALICE, ETH, wei(10)));
    assertThat(merges.get(1).inputs()).containsExactly(pos(5), pos(6));
    assertThat(merges.get(1).outputs()).containsExactly(new Output(ALICE, ETH, wei(11)));
    for (PaymentTransaction merge : merges) {
      List<Output> spent =
          merge.inputs().stream()
              .map(input -> new Output(ALICE, ETH, wei(input.blknum())))
              .toList();
      assertThat(FeeRules.isMerge(merge, spent)).isTrue();
    }
  }

  @Test
  void merges_leaveALastSingleOutputAlone_andNothingToMergeIsNoMerge() {
    assertThat(MergeCommand.merges(ALICE, ETH, outputs(5)))
        .singleElement()
        .satisfies(merge -> assertThat(merge.inputs()).hasSize(4));
    assertThat(MergeCommand.merges(ALICE, ETH, outputs(1))).isEmpty();
    assertThat(MergeCommand.merges(ALICE, ETH, List.of())).isEmpty();
  }

  /** {@code count} outputs of Alice at blocks 1..count, output {@code n} worth n wei. */
  private static List<UtxoResult> outputs(int count) {
    return IntStream.rangeClosed(1, count)
        .mapToObj(n -> UtxoResult.unspent(new Utxo(pos(n), new Output(ALICE, ETH, wei(n)))))
        .toList();
  }

  private static UtxoPos pos(long blknum) {
    return new UtxoPos(blknum, 0, 0);
  }

  private static BigInteger wei(long amount) {
    return BigInteger.valueOf(amount);
  }
}
