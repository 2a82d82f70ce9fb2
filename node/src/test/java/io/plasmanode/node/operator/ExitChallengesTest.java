package io.plasmanode.node.operator;

import static io.plasmanode.node.operator.OperatorFixture.CLOCK;
import static io.plasmanode.node.operator.OperatorFixture.accepted;
import static io.plasmanode.node.operator.OperatorFixture.config;
import static io.plasmanode.node.operator.OperatorFixture.eth;
import static io.plasmanode.node.operator.OperatorFixture.rejected;
import static io.plasmanode.node.operator.OperatorFixture.signed;
import static io.plasmanode.node.operator.OperatorFixture.transfer;
import static org.assertj.core.api.Assertions.assertThat;

import io.plasmanode.contracts.l1.follow.L1EventFollower;
import io.plasmanode.contracts.l1.follow.L1FollowerConfig;
import io.plasmanode.core.crypto.Keccak;
import io.plasmanode.core.crypto.PrivateKey;
import io.plasmanode.core.l1.ExitState;
import io.plasmanode.core.ledger.Utxo;
import io.plasmanode.core.ledger.UtxoDelta;
import io.plasmanode.core.ledger.UtxoStatus;
import io.plasmanode.core.testing.TestKeys;
import io.plasmanode.core.tx.PaymentTransaction;
import io.plasmanode.core.tx.TxCodec;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Hash32;
import io.plasmanode.core.validation.Rejection;
import io.plasmanode.node.api.SubmitResult;
import io.plasmanode.node.metrics.OperatorMetrics;
import io.plasmanode.storage.chain.ChainStore;
import io.plasmanode.storage.chain.StoredBlock;
import io.plasmanode.storage.chain.TxJournal;
import io.plasmanode.storage.kv.FlakyKeyValueStore;
import io.plasmanode.storage.kv.InMemoryKeyValueStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code ExitChallenged} events against the operator's exit locks: a challenge with a spend that no
 * block holds releases the lock (the owner can spend the output again, also with the challenging
 * spend); anything else (a spend in the chain, an output never locked, a challenge reorganised out
 * or no longer on L1) changes nothing, across re-reads, restarts and the journal's replay.
 */
class ExitChallengesTest {
  private static final PrivateKey ALICE = TestKeys.ALICE;
  private static final PrivateKey BOB = TestKeys.BOB;
  private static final PrivateKey CAROL = TestKeys.CAROL;
  private static final L1FollowerConfig DEVNET = L1FollowerConfig.defaults(0).withConfirmations(0);
  private static final UtxoPos DEPOSIT = new UtxoPos(1, 0, 0);

  /** Alice's half-signed swap: signed, handed to Carol, never submitted to the operator. */
  private static final PaymentTransaction SWAP = transfer(DEPOSIT, eth(CAROL, 100));

  private final FakeRootChain l1 = new FakeRootChain();
  private final InMemoryKeyValueStore disk = new InMemoryKeyValueStore();
  private final ChainStore store = new ChainStore(disk);
  private final TxJournal journal = TxJournal.inMemory();
  private final List<AutoCloseable> running = new ArrayList<>();
  private BlockProducer producer = producer(store);

  @AfterEach
  void stop() throws Exception {
    for (AutoCloseable service : running.reversed()) {
      service.close();
    }
  }

  private BlockProducer producer(ChainStore chain) {
    BlockProducer created =
        new BlockProducer(chain, journal, config(10), CLOCK, OperatorMetrics.NONE);
    running.add(created);
    return created;
  }

  /** Polls L1 once as a fresh ingester (a restart) of {@link #producer}. */
  private void poll(L1FollowerConfig config) {
    L1EventFollower ingester = OperatorFixture.ingester(l1, store, producer, config);
    running.add(ingester);
    ingester.poll();
  }

  private static Hash32 txHash(PaymentTransaction tx) {
    return Keccak.keccak256(TxCodec.encode(tx));
  }

  /** Alice's deposit at L1 block 2, her exit of it at block 4: locked here. */
  private void aliceExitsHerDeposit() {
    l1.deposit(2, 1, ALICE.address(), 100);
    l1.exitStarted(4, DEPOSIT, ALICE.address(), 100);
    l1.setHeight(4);
    poll(DEVNET);
    assertThat(store.status(DEPOSIT)).isEqualTo(new UtxoStatus.Exiting(eth(ALICE, 100)));
  }

  @Test
  void challengeWithASpendNoBlockHolds_releasesTheLock_andTheOwnerSpendsTheOutput() {
    aliceExitsHerDeposit();
    assertThat(rejected(producer.submit(signed(transfer(DEPOSIT, eth(BOB, 100)), ALICE))).reason())
        .isEqualTo(Rejection.UTXO_EXITING);

    l1.exitChallenged(5, DEPOSIT, txHash(SWAP));
    l1.setHeight(5);
    poll(DEVNET);

    assertThat(store.status(DEPOSIT)).isEqualTo(new UtxoStatus.Unspent(eth(ALICE, 100)));
    assertThat(store.utxosOf(ALICE.address())).containsExactly(new Utxo(DEPOSIT, eth(ALICE, 100)));
    assertThat(l1.exitReads()).as("L1 asked whether the exit is challenged").isEqualTo(1);
    assertThat(accepted(producer.submit(signed(transfer(DEPOSIT, eth(BOB, 100)), ALICE))).blknum())
        .isEqualTo(1000);
  }

  @Test
  void afterTheRelease_theChallengingSpendItselfMayBeIncluded() {
    aliceExitsHerDeposit();
    l1.exitChallenged(5, DEPOSIT, txHash(SWAP));
    l1.setHeight(5);
    poll(DEVNET);

    SubmitResult.Accepted swap = accepted(producer.submit(signed(SWAP, ALICE)));

    assertThat(swap.txHash()).isEqualTo(txHash(SWAP));
  }

  @Test
  void challengeWithASpendInTheChain_changesNothing() {
    l1.deposit(2, 1, ALICE.address(), 100);
    l1.setHeight(2);
    poll(DEVNET);
    PaymentTransaction spend = transfer(DEPOSIT, eth(BOB, 100));
    accepted(producer.submit(signed(spend, ALICE)));
    producer.close(); // stores block 1000, which spends the deposit
    assertThat(store.height()).isEqualTo(1000);

    // Alice exits her spent deposit anyway; it is challenged with the included spend.
    l1.exitStarted(3, DEPOSIT, ALICE.address(), 100);
    l1.exitChallenged(4, DEPOSIT, txHash(spend));
    l1.setHeight(4);
    poll(DEVNET);

    assertThat(store.status(DEPOSIT)).isEqualTo(UtxoStatus.SPENT);
    assertThat(store.utxosOf(ALICE.address())).isEmpty();
    assertThat(store.utxosOf(BOB.address()))
        .containsExactly(new Utxo(new UtxoPos(1000, 0, 0), eth(BOB, 100)));
    assertThat(l1.exitReads()).as("L1 is asked only about locked outputs").isZero();
  }

  @Test
  void challengeWithASpendABlockHolds_ofAnOutputLockedAnyway_keepsTheLock() {
    aliceExitsHerDeposit();
    // A damaged database: block 1000 holds Alice's swap, yet her deposit is still locked.
    store.commitBlock(
        StoredBlock.of(
            1000, List.of(TxCodec.decodeSigned(signed(SWAP, ALICE)).get()), CLOCK.instant()),
        new UtxoDelta(List.of(), List.of()));
    l1.exitChallenged(5, DEPOSIT, txHash(SWAP));
    l1.setHeight(5);
    poll(DEVNET);

    assertThat(store.status(DEPOSIT)).isInstanceOf(UtxoStatus.Exiting.class);
    assertThat(producer.releaseChallengedOutput(DEPOSIT, Optional.of(txHash(SWAP))))
        .isEqualTo(ExitRelease.SPENDER_INCLUDED);
  }

  @Test
  void challengeOfAnExitNeverLockedHere_changesNothing() {
    UtxoPos unknown = new UtxoPos(7000, 0, 0);
    l1.deposit(2, 1, ALICE.address(), 100);
    l1.exitChallenged(3, DEPOSIT, txHash(SWAP)); // its start was never seen here
    l1.exitChallenged(3, unknown, txHash(SWAP));
    l1.setHeight(3);
    poll(DEVNET);

    assertThat(store.status(DEPOSIT)).isEqualTo(new UtxoStatus.Unspent(eth(ALICE, 100)));
    assertThat(store.status(unknown)).isEqualTo(UtxoStatus.UNKNOWN);
    assertThat(l1.exitReads()).isZero();
  }

  @Test
  void duplicateAndRereadEvents_keepTheRelease() {
    aliceExitsHerDeposit();
    l1.exitChallenged(5, DEPOSIT, txHash(SWAP));
    l1.exitChallenged(5, DEPOSIT, txHash(SWAP)); // as a flaky L1 node might answer
    l1.setHeight(5);
    poll(DEVNET);
    assertThat(store.status(DEPOSIT)).isInstanceOf(UtxoStatus.Unspent.class);

    // A restart re-reads everything (progress lost): the start locks again, the challenge releases.
    store.setLastL1Block(0);
    poll(DEVNET);
    assertThat(store.status(DEPOSIT)).isEqualTo(new UtxoStatus.Unspent(eth(ALICE, 100)));

    // Once Alice spent it, a re-read neither locks nor resurrects it.
    accepted(producer.submit(signed(transfer(DEPOSIT, eth(BOB, 100)), ALICE)));
    store.setLastL1Block(0);
    poll(DEVNET);
    assertThat(store.status(DEPOSIT)).isInstanceOf(UtxoStatus.Unspent.class);
    producer.close();
    assertThat(store.status(DEPOSIT)).isEqualTo(UtxoStatus.SPENT);
    assertThat(store.utxosOf(BOB.address())).hasSize(1);
  }

  @Test
  void challengeReorganisedOutBeforeItsConfirmations_neverReleases() {
    l1.deposit(2, 1, ALICE.address(), 100);
    l1.exitStarted(4, DEPOSIT, ALICE.address(), 100);
    l1.exitChallenged(8, DEPOSIT, txHash(SWAP));
    l1.setHeight(9);
    poll(DEVNET.withConfirmations(3));
    assertThat(store.status(DEPOSIT))
        .as("the challenge is 1 deep")
        .isInstanceOf(UtxoStatus.Exiting.class);

    // L1 blocks 8 and 9 are replaced: the challenge is gone, the exit active again.
    l1.dropEventsFrom(8);
    l1.setExitStatus(DEPOSIT, ExitState.Status.ACTIVE);
    l1.setHeight(20);
    poll(DEVNET.withConfirmations(3));

    assertThat(store.lastL1Block()).hasValue(17);
    assertThat(store.status(DEPOSIT)).isInstanceOf(UtxoStatus.Exiting.class);
  }

  @Test
  void challengeThatL1NoLongerHolds_keepsTheLock() {
    aliceExitsHerDeposit();
    l1.exitChallenged(5, DEPOSIT, txHash(SWAP));
    l1.setExitStatus(DEPOSIT, ExitState.Status.ACTIVE); // a reorganisation deeper than that
    l1.setHeight(5);
    poll(DEVNET);

    assertThat(store.status(DEPOSIT)).isInstanceOf(UtxoStatus.Exiting.class);
    assertThat(l1.exitReads()).isEqualTo(1);
  }

  @Test
  void release_isDurableBeforeTheSpendIsAcknowledged_soTheJournalReplaysItAfterACrash() {
    // The first producer writes through a disk that stops writing at the crash.
    FlakyKeyValueStore crashingDisk = new FlakyKeyValueStore(disk);
    producer = producer(new ChainStore(crashingDisk));
    aliceExitsHerDeposit();
    l1.exitChallenged(5, DEPOSIT, txHash(SWAP));
    l1.setHeight(5);
    poll(DEVNET);
    SubmitResult.Accepted spent =
        accepted(producer.submit(signed(transfer(DEPOSIT, eth(BOB, 100)), ALICE)));
    crashingDisk.failCommits(true); // the process dies: its open block is never written

    producer = producer(store);
    producer.start();
    assertThat(producer.mempoolSize()).as("the spend is replayed").isEqualTo(1);
    store.setLastL1Block(0); // and the events are re-read
    poll(DEVNET);
    producer.close();

    assertThat(store.transaction(spent.txHash())).isPresent();
    assertThat(store.status(DEPOSIT)).isEqualTo(UtxoStatus.SPENT);
  }

  @Test
  void l1FailingToAnswerTheExitStatus_retriesTheChallengeAtTheNextPoll() {
    aliceExitsHerDeposit();
    l1.exitChallenged(5, DEPOSIT, txHash(SWAP));
    l1.setHeight(5);
    L1EventFollower ingester = OperatorFixture.ingester(l1, store, producer, DEVNET);
    running.add(ingester);
    l1.failExitReads(true);
    ingester.poll();

    assertThat(ingester.failure()).isPresent();
    assertThat(store.lastL1Block()).as("progress not recorded").hasValue(4);
    assertThat(store.status(DEPOSIT)).isInstanceOf(UtxoStatus.Exiting.class);

    l1.failExitReads(false);
    ingester.poll();
    assertThat(ingester.failure()).isEmpty();
    assertThat(store.status(DEPOSIT)).isInstanceOf(UtxoStatus.Unspent.class);
  }
}
