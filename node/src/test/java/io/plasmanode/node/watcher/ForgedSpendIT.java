package io.plasmanode.node.watcher;

import static io.plasmanode.node.watcher.WatcherFixture.EXIT_PERIOD;
import static io.plasmanode.node.watcher.WatcherFixture.ONE_ETH;
import static io.plasmanode.node.watcher.WatcherFixture.await;
import static io.plasmanode.node.watcher.WatcherFixture.client;
import static io.plasmanode.node.watcher.WatcherFixture.deposit;
import static io.plasmanode.node.watcher.WatcherFixture.eth;
import static io.plasmanode.node.watcher.WatcherFixture.key;
import static io.plasmanode.node.watcher.WatcherFixture.pay;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import com.fasterxml.jackson.databind.JsonNode;
import io.plasmanode.contracts.anvil.AnvilProcess;
import io.plasmanode.contracts.testing.AnvilChain;
import io.plasmanode.core.crypto.PrivateKey;
import io.plasmanode.core.eip712.Eip712Domain;
import io.plasmanode.core.eip712.TransactionSigner;
import io.plasmanode.core.testing.TestKeys;
import io.plasmanode.core.tx.PaymentTransaction;
import io.plasmanode.core.tx.SignedTransaction;
import io.plasmanode.core.tx.TxCodec;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Hex;
import io.plasmanode.p2p.rpc.JsonRpcClient;
import io.plasmanode.p2p.rpc.JsonRpcException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

  @TempDir Path dir;
  private AnvilChain l1;
  private WatcherNode watcher;

  @BeforeEach
  void startL1() {
    l1 = AnvilChain.start(OPERATOR, EXIT_PERIOD, WatcherFixture.BOND);
    TestKeys.ALL.forEach(key -> l1.fund(key.address()));
  }

  @AfterEach
  void stop() {
    if (watcher != null) {
      watcher.close();
    }
    l1.close();
  }

  @Test
  void haltedWatcher_answersNoForgedSpendOfAnOutputCreatedPastTheHalt_onlyTheOwnersOwn() {
    try (var fake = new WatcherFixture.FakeOperator(l1, OPERATOR)) {
      watcher =
          WatcherNode.start(
              WatcherFixture.config(
                  l1, fake.endpoint(), dir, LONG, WatcherTimings.defaultSafetyMargin(EXIT_PERIOD)),
              key(DAVE));
      deposit(l1, ALICE, ONE_ETH);
      deposit(l1, BOB, ONE_ETH);
      deposit(l1, DAVE, ONE_ETH);
      commitAndServe(fake, 1000, List.of(pay(l1, ALICE, DEPOSIT_1, List.of(eth(BOB, ONE_ETH)))));
      await("block 1000 validated", () -> watcher.status().syncedHeight() == 1000);
      UtxoPos bobs = new UtxoPos(1000, 0, 0);
      commitAndServe(
          fake,
          2000,
          List.of(
              pay(l1, BOB, DEPOSIT_2, List.of(eth(ALICE, ONE_ETH))),
              pay(l1, BOB, DEPOSIT_2, List.of(eth(DAVE, ONE_ETH)))));
      await("halted by invalid_block", () -> watcher.status().halted());

      // Past the halt Bob honestly pays Alice; then the operator commits "spends" of Alice's output
      // she never signed: by the operator, by Alice for another contract, and at input 1 of a tx
      // whose input 0 Dave signed. Dave's honest spend in the same block shows when it was read.
      commitAndServe(fake, 3000, List.of(pay(l1, BOB, bobs, List.of(eth(ALICE, ONE_ETH)))));
      UtxoPos alices = new UtxoPos(3000, 0, 0);
      SignedTransaction byOperator = pay(l1, OPERATOR, alices, List.of(eth(OPERATOR, ONE_ETH)));
      SignedTransaction otherDomain =
          new TransactionSigner(
                  new Eip712Domain(Address.fromHex("0x" + "5f".repeat(20)), AnvilProcess.CHAIN_ID))
              .sign(transfer(List.of(alices), OPERATOR), List.of(ALICE));
      SignedTransaction atInputOne =
          WatcherFixture.signer(l1)
              .sign(transfer(List.of(DEPOSIT_3, alices), DAVE), List.of(DAVE, OPERATOR));
      commitAndServe(fake, 4000, List.of(byOperator, otherDomain, atInputOne));

      try (JsonRpcClient rpc = client(watcher)) {
        await("block 4000 read", () -> challengeData(rpc, DEPOSIT_3).isPresent());
        assertThatExceptionOfType(JsonRpcException.class)
            .as("the forged spends of %s are not answered", alices)
            .isThrownBy(() -> rpc.call("watcher_getChallengeData", alices.toString()))
            .satisfies(unknown -> assertThat(unknown.code()).isEqualTo(-32014));

        SignedTransaction alicesOwn = pay(l1, ALICE, alices, List.of(eth(DAVE, ONE_ETH)));
        commitAndServe(fake, 5000, List.of(alicesOwn));
        await("Alice's own spend read", () -> challengeData(rpc, alices).isPresent());
        assertThat(challengeData(rpc, alices).get().get("spendingTxBytes").asText())
            .isEqualTo(Hex.encode(TxCodec.encode(alicesOwn.tx())));
      }
    }
  }

  private static PaymentTransaction transfer(List<UtxoPos> inputs, PrivateKey to) {
    return PaymentTransaction.transfer(inputs, List.of(eth(to, ONE_ETH)));
  }

  private static void commitAndServe(
      WatcherFixture.FakeOperator fake, long blknum, List<SignedTransaction> block) {
    fake.commit(block);
    fake.serve(blknum, block);
  }

  /** The challenge data of {@code pos}; empty when the watcher knows no spend of it. */
  private static Optional<JsonNode> challengeData(JsonRpcClient rpc, UtxoPos pos) {
    try {
      return Optional.of(rpc.call("watcher_getChallengeData", pos.toString()));
    } catch (JsonRpcException e) {
      return Optional.empty();
    }
  }
}
