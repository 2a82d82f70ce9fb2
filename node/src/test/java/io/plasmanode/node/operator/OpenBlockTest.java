package io.plasmanode.node.operator;

import static io.plasmanode.node.operator.OperatorFixture.CLOCK;
import static org.assertj.core.api.Assertions.assertThat;

import io.plasmanode.core.fees.FeeTable;
import io.plasmanode.core.ledger.InMemoryUtxoSet;
import io.plasmanode.core.ledger.Utxo;
import io.plasmanode.core.ledger.UtxoDelta;
import io.plasmanode.core.ledger.VerifiedTransaction;
import io.plasmanode.core.testing.TestKeys;
import io.plasmanode.core.testing.TxGen;
import io.plasmanode.core.tx.Output;
import io.plasmanode.core.tx.PaymentTransaction;
import io.plasmanode.core.tx.SignedTransaction;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Hash32;
import io.plasmanode.storage.chain.TxBytes;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The largest block keeps room for its fee claims. */
class OpenBlockTest {
  private static final int MAX = UtxoPos.MAX_TXS_PER_BLOCK;
  private static final long BLKNUM = 100_000_000;
  private static final Address ALICE = TestKeys.ALICE.address();

  /** What the block stores per payment is not under test: one placeholder for all. */
  private static final TxBytes STORED = TxBytes.ofDecoded(Hash32.ZERO, new byte[] {(byte) 0xc0});

  /** A deposit per payment, each paying a fee of 1 wei when spent. */
  private static UnwrittenBlocks deposits() {
    List<Utxo> deposits = new ArrayList<>(MAX);
    for (long blknum = 1; deposits.size() < MAX; blknum++) {
      if (blknum % UtxoPos.CHILD_BLOCK_INTERVAL != 0) {
        deposits.add(new Utxo(new UtxoPos(blknum, 0, 0), output(2)));
      }
    }
    InMemoryUtxoSet utxos = new InMemoryUtxoSet();
    utxos.apply(new UtxoDelta(List.of(), deposits));
    return new UnwrittenBlocks(utxos);
  }

  private static Output output(long amount) {
    return new Output(ALICE, Address.ZERO, BigInteger.valueOf(amount));
  }

  @ParameterizedTest(name = "claimed: {0}")
  @CsvSource({"true, 65531", "false, 65536"})
  void isFull_atTheLargestBlock_leavesRoomForTheClaimsOnlyWhenFeesAreClaimed(
      boolean claimed, int payments) {
    BlockFees fees =
        claimed
            ? BlockFees.of(TestKeys.DAVE.address(), () -> List.of(FeeTable.NONE))
            : BlockFees.NONE;
    OpenBlock open = new OpenBlock(deposits(), CLOCK, BLKNUM, fees, MAX);
    long blknum = 1;
    while (!open.isFull()) {
      if (blknum % UtxoPos.CHILD_BLOCK_INTERVAL != 0) {
        PaymentTransaction pay =
            PaymentTransaction.transfer(List.of(new UtxoPos(blknum, 0, 0)), List.of(output(1)));
        SignedTransaction signed =
            new SignedTransaction(
                pay, List.of(TxGen.signature(BigInteger.ONE, BigInteger.ONE, 27)));
        assertThat(
                open.add(
                        new VerifiedTransaction(signed, List.of(ALICE)),
                        TxBytes.of(signed),
                        Hash32.ZERO)
                    .isValid())
            .isTrue();
      }
      blknum++;
    }

    assertThat(open.size()).isEqualTo(payments);
    ClosedBlock closed = open.close();
    assertThat(closed.txs()).hasSize(claimed ? payments + 1 : payments);
    assertThat(closed.txs().size()).isLessThanOrEqualTo(MAX);
  }
}
