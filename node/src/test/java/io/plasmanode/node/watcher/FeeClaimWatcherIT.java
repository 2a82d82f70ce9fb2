package io.plasmanode.node.watcher;

import static io.plasmanode.node.testing.Payments.eth;
import static io.plasmanode.node.testing.Waits.await;
import static io.plasmanode.node.testing.WatcherView.eventTypes;
import static org.assertj.core.api.Assertions.assertThat;

import io.plasmanode.contracts.testing.AnvilChain;
import io.plasmanode.core.crypto.PrivateKey;
import io.plasmanode.core.testing.TestKeys;
import io.plasmanode.core.tx.PaymentTransaction;
import io.plasmanode.core.tx.SignedTransaction;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import io.plasmanode.exitgame.ByzantineEvent;
import io.plasmanode.node.testing.FakeOperator;
import io.plasmanode.node.testing.PlasmaNetwork;
import io.plasmanode.node.testing.Scenario;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A watcher checks the operator's fee claims: a test-only operator commits and serves a block whose
 * claim pays more than the block's fees, claims a token twice, or stands before a payment, and the
 * watcher raises {@code invalid_block} naming the rule; an honest claim passes.
 */
class FeeClaimWatcherIT {
  private static final PrivateKey OPERATOR = TestKeys.CAROL;
  private static final PrivateKey ALICE = TestKeys.ALICE;
  private static final PrivateKey BOB = TestKeys.BOB;
  private static final UtxoPos DEPOSIT_1 = new UtxoPos(1, 0, 0);
  private static final BigInteger ONE_ETH = AnvilChain.ether(1);
  private static final BigInteger FEE = BigInteger.valueOf(1_000_000_000_000L);

  @RegisterExtension
  final PlasmaNetwork net =
      PlasmaNetwork.builder()
          .operator(OPERATOR)
          .exitPeriod(PlasmaNetwork.SHORT_EXIT_PERIOD)
          .fund(TestKeys.ALL)
          .build();

  private WatcherNode watcher;

  private static SignedTransaction claim(BigInteger amount) {
    return new SignedTransaction(
        PaymentTransaction.feeClaim(1000, Address.ZERO, OPERATOR.address(), amount), List.of());
  }

  /**
   * The fake operator commits and serves block 1000: Alice's payment to Bob (less the fee) and then
   * what {@code rest} returns; the watcher validates it.
   */
  private void block1000(Function<SignedTransaction, List<SignedTransaction>> rest) {
    FakeOperator fake = net.startFakeOperator();
    Scenario users = net.scenario();
    watcher = net.startWatcher(fake.endpoint(), w -> w);
    users.deposit(ALICE, ONE_ETH);
    SignedTransaction toBob = users.transfer(ALICE, DEPOSIT_1, eth(BOB, ONE_ETH.subtract(FEE)));
    SignedTransaction bobPaysBack =
        users.transfer(BOB, new UtxoPos(1000, 0, 0), eth(ALICE, ONE_ETH.subtract(FEE)));
    List<SignedTransaction> block = new ArrayList<>(List.of(toBob));
    block.addAll(rest.apply(bobPaysBack));
    fake.commitAndServe(1000, block);
  }

  /** The watcher's invalid_block of block 1000: at {@code txIndex}, naming {@code reason}. */
  private void assertInvalidBlock1000(int txIndex, String reason) {
    await("invalid_block", () -> eventTypes(watcher).contains("invalid_block"));
    assertThat(watcher.status().halted()).isTrue();
    assertThat(watcher.status().syncedHeight()).isZero();
    var event = (ByzantineEvent.InvalidBlock) watcher.status().byzantineEvents().getFirst();
    assertThat(event.blknum()).isEqualTo(1000);
    assertThat(event.txIndex()).isEqualTo(txIndex);
    assertThat(event.reason()).contains(reason);
  }

  @Test
  void honestClaim_ofExactlyTheBlocksFees_isValid() {
    block1000(bobPaysBack -> List.of(claim(FEE)));

    await("block 1000 validated", () -> watcher.status().syncedHeight() == 1000);
    assertThat(eventTypes(watcher)).isEmpty();
  }

  @Test
  void inflatedClaim_isAnInvalidBlock() {
    block1000(bobPaysBack -> List.of(claim(FEE.add(BigInteger.ONE))));

    assertInvalidBlock1000(1, "fee_claim_exceeds_fees");
  }

  @Test
  void duplicatedClaim_isAnInvalidBlock() {
    BigInteger half = FEE.divide(BigInteger.TWO);

    block1000(bobPaysBack -> List.of(claim(half), claim(FEE.subtract(half))));

    assertInvalidBlock1000(2, "duplicate_fee_claim");
  }

  @Test
  void claimBeforeAPayment_isAnInvalidBlock() {
    block1000(bobPaysBack -> List.of(claim(FEE), bobPaysBack));

    assertInvalidBlock1000(2, "fee_claim_not_last");
  }
}
