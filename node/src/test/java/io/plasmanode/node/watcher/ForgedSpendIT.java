package io.plasmanode.node.watcher;

import static io.plasmanode.node.testing.Payments.eth;
import static io.plasmanode.node.testing.Waits.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import com.fasterxml.jackson.databind.JsonNode;
import io.plasmanode.contracts.anvil.AnvilProcess;
import io.plasmanode.contracts.testing.AnvilChain;
import io.plasmanode.core.crypto.PrivateKey;
import io.plasmanode.core.eip712.Eip712Domain;
import io.plasmanode.core.testing.TestKeys;
import io.plasmanode.core.tx.PaymentTransaction;
import io.plasmanode.core.tx.SignedTransaction;
import io.plasmanode.core.tx.TxCodec;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Hex;
import io.plasmanode.node.testing.FakeOperator;
import io.plasmanode.node.testing.Payments;
import io.plasmanode.node.testing.PlasmaNetwork;
import io.plasmanode.node.testing.Scenario;
import io.plasmanode.node.testing.WatcherView;
import io.plasmanode.p2p.rpc.JsonRpcException;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A byzantine operator commits blocks "spending" an honest user's output past the watcher's halt
 * with signatures that are not the owner's, so that {@code plasma exit start} (which asks {@code
 * watcher_getChallengeData}) would stop the owner from exiting exactly when users must exit. The
 * halted watcher answers only a spend the owner signed, for the right contract and chain.
 */
class ForgedSpendIT {
  private static final PrivateKey OPERATOR = TestKeys.CAROL;
  private static final PrivateKey ALICE = TestKeys.ALICE;
  private static final PrivateKey BOB = TestKeys.BOB;
  private static final PrivateKey DAVE = TestKeys.DAVE;
  private static final UtxoPos DEPOSIT_1 = new UtxoPos(1, 0, 0);
  private static final UtxoPos DEPOSIT_2 = new UtxoPos(2, 0, 0);
  private static final UtxoPos DEPOSIT_3 = new UtxoPos(3, 0, 0);
  private static final Duration LONG = Duration.ofMinutes(10);
  private static final Duration EXIT_PERIOD = PlasmaNetwork.SHORT_EXIT_PERIOD;
  private static final BigInteger ONE_ETH = AnvilChain.ether(1);

  /** The code of {@code watcher_getChallengeData} for an output it knows no owner's spend of. */
  private static final int UNKNOWN_OUTPUT = -32014;

  @RegisterExtension
  final PlasmaNetwork net =
      PlasmaNetwork.builder().operator(OPERATOR).exitPeriod(EXIT_PERIOD).fund(TestKeys.ALL).build();

  @Test
  void haltedWatcher_answersNoForgedSpendOfAnOutputCreatedPastTheHalt_onlyTheOwnersOwn() {
    FakeOperator fake = net.startFakeOperator();
    Scenario users = net.scenario();
    WatcherNode watcher =
        net.startWatcher(
            fake.endpoint(),
            setup ->
                setup
                    .withWithholdingTimeout(LONG)
                    .withSafetyMargin(WatcherTimings.defaultSafetyMargin(EXIT_PERIOD))
                    .withChallenger(DAVE));
    WatcherView view = net.view(watcher);
    users.deposit(ALICE, ONE_ETH);
    users.deposit(BOB, ONE_ETH);
    users.deposit(DAVE, ONE_ETH);
    fake.commitAndServe(1000, List.of(users.transfer(ALICE, DEPOSIT_1, eth(BOB, ONE_ETH))));
    await("block 1000 validated", () -> watcher.status().syncedHeight() == 1000);
    UtxoPos bobs = new UtxoPos(1000, 0, 0);
    fake.commitAndServe(
        2000,
        List.of(
            users.transfer(BOB, DEPOSIT_2, eth(ALICE, ONE_ETH)),
            users.transfer(BOB, DEPOSIT_2, eth(DAVE, ONE_ETH))));
    await("halted by invalid_block", () -> watcher.status().halted());

    // Past the halt Bob honestly pays Alice; then the operator commits "spends" of Alice's output
    // she never signed: by the operator, by Alice for another contract, and at input 1 of a tx
    // whose input 0 Dave signed. Dave's honest spend in the same block shows when it was read.
    fake.commitAndServe(3000, List.of(users.transfer(BOB, bobs, eth(ALICE, ONE_ETH))));
    UtxoPos alices = new UtxoPos(3000, 0, 0);
    SignedTransaction byOperator = users.transfer(OPERATOR, alices, eth(OPERATOR, ONE_ETH));
    SignedTransaction otherDomain =
        Payments.of(
                new Eip712Domain(Address.fromHex("0x" + "5f".repeat(20)), AnvilProcess.CHAIN_ID))
            .sign(transfer(List.of(alices), OPERATOR), List.of(ALICE));
    SignedTransaction atInputOne =
        users.payments().sign(transfer(List.of(DEPOSIT_3, alices), DAVE), List.of(DAVE, OPERATOR));
    fake.commitAndServe(4000, List.of(byOperator, otherDomain, atInputOne));

    await("block 4000 read", () -> knowsSpend(view, DEPOSIT_3));
    assertThatExceptionOfType(JsonRpcException.class)
        .as("the forged spends of %s are not answered", alices)
        .isThrownBy(() -> view.rpc().call("watcher_getChallengeData", alices.toString()))
        .satisfies(unknown -> assertThat(unknown.code()).isEqualTo(UNKNOWN_OUTPUT));

    SignedTransaction alicesOwn = users.transfer(ALICE, alices, eth(DAVE, ONE_ETH));
    fake.commitAndServe(5000, List.of(alicesOwn));
    await("Alice's own spend read", () -> knowsSpend(view, alices));
    JsonNode answered = view.rpc().call("watcher_getChallengeData", alices.toString());
    assertThat(answered.get("spendingTxBytes").asText())
        .isEqualTo(Hex.encode(TxCodec.encode(alicesOwn.tx())));
  }

  private static PaymentTransaction transfer(List<UtxoPos> inputs, PrivateKey to) {
    return Payments.transfer(inputs, List.of(eth(to, ONE_ETH)));
  }

  /** Whether the watcher answers a spend of {@code pos} (any error counts as not yet). */
  private static boolean knowsSpend(WatcherView view, UtxoPos pos) {
    try {
      view.rpc().call("watcher_getChallengeData", pos.toString());
      return true;
    } catch (JsonRpcException e) {
      return false;
    }
  }
}
