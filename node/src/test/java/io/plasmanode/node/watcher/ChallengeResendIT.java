package io.plasmanode.node.watcher;

import static io.plasmanode.node.testing.Payments.eth;
import static io.plasmanode.node.testing.Waits.await;
import static io.plasmanode.node.testing.WatcherView.eventTypes;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.plasmanode.contracts.testing.AnvilChain;
import io.plasmanode.core.crypto.PrivateKey;
import io.plasmanode.core.l1.ExitState;
import io.plasmanode.core.l1.L1Event;
import io.plasmanode.core.testing.TestKeys;
import io.plasmanode.core.tx.SignedTransaction;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Hash32;
import io.plasmanode.node.testing.FakeOperator;
import io.plasmanode.node.testing.PlasmaNetwork;
import io.plasmanode.node.testing.Scenario;
import io.plasmanode.node.testing.WatcherView;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.web3j.utils.Numeric;

/**
 * A challenging watcher on a real anvil whose L1 pool misbehaves: automine off, so each challenge
 * stays pending until the test mines; the pool dropped, or a base fee the challenge does not pay.
 * The challenge must still be mined before the exit matures, and an invalid exit that L1 pays
 * anyway is reported.
 */
class ChallengeResendIT {
  private static final PrivateKey OPERATOR = TestKeys.CAROL;
  private static final PrivateKey ALICE = TestKeys.ALICE;
  private static final PrivateKey BOB = TestKeys.BOB;
  private static final PrivateKey DAVE = TestKeys.DAVE;
  private static final UtxoPos DEPOSIT_1 = new UtxoPos(1, 0, 0);
  private static final BigInteger HIGH_BASE_FEE = BigInteger.valueOf(100_000_000_000L);

  private static final Duration EXIT_PERIOD = PlasmaNetwork.SHORT_EXIT_PERIOD;
  private static final BigInteger ONE_ETH = AnvilChain.ether(1);

  @RegisterExtension
  final PlasmaNetwork net =
      PlasmaNetwork.builder().operator(OPERATOR).exitPeriod(EXIT_PERIOD).fund(TestKeys.ALL).build();

  private AnvilChain l1;
  private FakeOperator fake;
  private Scenario users;
  private WatcherNode watcher;

  @BeforeEach
  void startFakeOperator() {
    l1 = net.l1();
    fake = net.startFakeOperator();
    users = net.scenario();
  }

  @Test
  void challengeDroppedFromThePool_isResentAtOnceAndMinedBeforeTheExitMatures() {
    // Every exit is urgent (it matures within the margin): alarms while its challenge is unmined.
    ChallengerConfig urgent = ChallengerConfig.of(3, Duration.ofHours(1), gwei(500));
    startAliceExitingHerSpentDepositWithAutomineOff(urgent);
    await("the challenge sent", () -> pendingNonce(DAVE) == 1);
    await(
        "the at-risk alarm",
        () -> watcher.status().alarms().stream().anyMatch(a -> a.contains("not mined yet")));

    long head = l1.as(DAVE).l1Height();
    l1.call("anvil_dropAllTransactions");
    await("the challenge re-sent", () -> pendingNonce(DAVE) == 1);
    assertThat(l1.as(DAVE).l1Height()).as("re-sent without waiting for a block").isEqualTo(head);
    mineUntilChallenged(Optional.empty());

    assertThat(l1.nonce(DAVE.address())).isEqualTo(1);
    assertThat(blockTime(challengedIn().l1Block()))
        .isBefore(l1.as(DAVE).exit(DEPOSIT_1).exitableAt());
    await("no alarm left", () -> watcher.status().alarms().isEmpty());
    assertNeverPaid();
  }

  @Test
  void challengeStuckUnderATooLowFee_isReplacedWithAHigherFee() {
    startAliceExitingHerSpentDepositWithAutomineOff(
        ChallengerConfig.of(3, Duration.ZERO, gwei(500)));
    await("the challenge sent", () -> pendingNonce(DAVE) == 1);

    mineUntilChallenged(Optional.of(HIGH_BASE_FEE));

    Hash32 challengeTx = challengedIn().l1TxHash();
    assertThat(l1.transaction(challengeTx).getMaxFeePerGas()).isGreaterThan(HIGH_BASE_FEE);
    assertThat(l1.nonce(DAVE.address())).isEqualTo(1);
    assertNeverPaid();
  }

  @Test
  void invalidExitPaidAnyway_isReportedAsInvalidExitPaid() {
    watcher = net.startWatcher(fake.endpoint(), w -> w);
    aliceSpendsHerDepositInBlock1000();
    users.exitDeposit(ALICE, DEPOSIT_1, ONE_ETH);
    await("invalid_exit", () -> eventTypes(watcher).contains("invalid_exit"));
    l1.advanceTime(EXIT_PERIOD.multipliedBy(2));
    users.processExits(BOB, DEPOSIT_1.toLong(), 1);

    await("invalid_exit_paid", () -> eventTypes(watcher).contains("invalid_exit_paid"));
    assertThat(l1.as(BOB).exit(DEPOSIT_1).status()).isEqualTo(ExitState.Status.FINALIZED);
    try (WatcherView view = WatcherView.of(watcher)) {
      JsonNode events = view.status().get("byzantineEvents");
      JsonNode paid = events.get(events.size() - 1);
      assertThat(paid.get("type").asText()).isEqualTo("invalid_exit_paid");
      assertThat(paid.get("action").asText()).isEqualTo("exit");
      assertThat(paid.get("utxoPos").asText()).isEqualTo(DEPOSIT_1.toString());
      assertThat(paid.get("reason").asText()).contains("was paid", ONE_ETH.toString());
    }
  }

  /**
   * The watcher validates Alice's payment of deposit 1 to Bob (block 1000) and stops; Alice exits
   * the spent deposit; anvil stops mining on its own; the watcher starts again with {@code
   * challenger} settings and sees the exit.
   */
  private void startAliceExitingHerSpentDepositWithAutomineOff(ChallengerConfig challenger) {
    watcher = net.startWatcher(fake.endpoint(), w -> w.withChallenger(DAVE, challenger));
    aliceSpendsHerDepositInBlock1000();
    watcher.close();
    users.exitDeposit(ALICE, DEPOSIT_1, ONE_ETH);
    l1.setAutomine(false);
    watcher = net.startWatcher(fake.endpoint(), w -> w.withChallenger(DAVE, challenger));
  }

  private void aliceSpendsHerDepositInBlock1000() {
    users.deposit(ALICE, ONE_ETH);
    SignedTransaction toBob = users.transfer(ALICE, DEPOSIT_1, eth(BOB, ONE_ETH));
    fake.commitAndServe(1000, List.of(toBob));
    await("block 1000 validated", () -> watcher.status().syncedHeight() == 1000);
  }

  /** Mines blocks (each with {@code baseFee}, if given) until the exit is challenged on L1. */
  private void mineUntilChallenged(Optional<BigInteger> baseFee) {
    await(
        "the exit challenged on L1",
        () -> {
          if (l1.as(DAVE).exit(DEPOSIT_1).status() == ExitState.Status.CHALLENGED) {
            return true;
          }
          baseFee.ifPresent(
              fee ->
                  l1.call("anvil_setNextBlockBaseFeePerGas", Numeric.toHexStringWithPrefix(fee)));
          l1.mine();
          return false;
        });
  }

  /** The challenged exit is never paid: processing it after maturity skips it. */
  private void assertNeverPaid() {
    l1.setAutomine(true);
    l1.call("anvil_setNextBlockBaseFeePerGas", Numeric.toHexStringWithPrefix(gwei(1)));
    l1.advanceTime(EXIT_PERIOD.multipliedBy(2));
    BigInteger aliceBefore = l1.balance(ALICE.address());
    users.processExits(BOB, 0, 1);
    assertThat(l1.as(BOB).exit(DEPOSIT_1).status()).isEqualTo(ExitState.Status.CHALLENGED);
    assertThat(l1.balance(ALICE.address())).isEqualTo(aliceBefore);
  }

  private L1Event.L1Origin challengedIn() {
    long head = l1.as(DAVE).l1Height();
    return l1.as(DAVE).events(0, head).stream()
        .filter(L1Event.ExitChallenged.class::isInstance)
        .map(L1Event::origin)
        .findFirst()
        .orElseThrow();
  }

  private Instant blockTime(long l1Block) {
    JsonNode block =
        l1.call(
            "eth_getBlockByNumber",
            Numeric.toHexStringWithPrefix(BigInteger.valueOf(l1Block)),
            false);
    return Instant.ofEpochSecond(
        Numeric.decodeQuantity(block.get("timestamp").asText()).longValueExact());
  }

  private long pendingNonce(PrivateKey key) {
    return Numeric.decodeQuantity(
            l1.call("eth_getTransactionCount", key.address().toHex(), "pending").asText())
        .longValueExact();
  }

  private static BigInteger gwei(long gwei) {
    return BigInteger.valueOf(gwei).multiply(BigInteger.TEN.pow(9));
  }
}
