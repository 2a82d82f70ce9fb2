package io.plasmanode.node.operator;

import static io.plasmanode.node.operator.OperatorFixture.CLOCK;
import static io.plasmanode.node.operator.OperatorFixture.accepted;
import static io.plasmanode.node.operator.OperatorFixture.config;
import static io.plasmanode.node.operator.OperatorFixture.deposit;
import static io.plasmanode.node.operator.OperatorFixture.eth;
import static io.plasmanode.node.operator.OperatorFixture.rejected;
import static io.plasmanode.node.operator.OperatorFixture.signed;
import static io.plasmanode.node.operator.OperatorFixture.transfer;
import static org.assertj.core.api.Assertions.assertThat;

import io.plasmanode.contracts.l1.follow.L1EventFollower;
import io.plasmanode.contracts.l1.follow.L1FollowerConfig;
import io.plasmanode.core.crypto.Keccak;
import io.plasmanode.core.crypto.PrivateKey;
import io.plasmanode.core.inflight.InFlightExitId;
import io.plasmanode.core.inflight.InFlightExitStart;
import io.plasmanode.core.inflight.InputSpentChallenge;
import io.plasmanode.core.inflight.NonCanonicalChallenge;
import io.plasmanode.core.inflight.TxInclusion;
import io.plasmanode.core.ledger.UtxoStatus;
import io.plasmanode.core.testing.TestKeys;
import io.plasmanode.core.tx.PaymentTransaction;
import io.plasmanode.core.tx.Signature;
import io.plasmanode.core.tx.TxCodec;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Bytes;
import io.plasmanode.core.types.Hash32;
import io.plasmanode.core.validation.Rejection;
import io.plasmanode.node.metrics.OperatorMetrics;
import io.plasmanode.storage.chain.ChainStore;
import io.plasmanode.storage.chain.TxJournal;
import io.plasmanode.storage.kv.FlakyKeyValueStore;
import io.plasmanode.storage.kv.InMemoryKeyValueStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The operator's locks of in-flight exits (MoreVP W2): an exit's inputs at its start, a piggybacked
 * output once a block holds the exit's tx; durable across restarts.
 */
class InFlightExitLocksTest {
  private static final PrivateKey ALICE = TestKeys.ALICE;
  private static final PrivateKey BOB = TestKeys.BOB;
  private static final PrivateKey CAROL = TestKeys.CAROL;
  private static final L1FollowerConfig DEVNET = L1FollowerConfig.defaults(0).withConfirmations(0);

  private final FakeRootChain l1 = new FakeRootChain();
  private final InMemoryKeyValueStore disk = new InMemoryKeyValueStore();
  private final ChainStore store = new ChainStore(disk);
  private final TxJournal journal = TxJournal.inMemory();
  private final List<BlockProducer> producers = new ArrayList<>();
  private final List<L1EventFollower> ingesters = new ArrayList<>();

  private final UtxoPos alices = deposit(store, 1, ALICE, 100);
  private final UtxoPos bobs = deposit(store, 2, BOB, 50);

  /** Alice and Bob pay Carol 120 and Alice 30 back: the tx that exits in flight. */
  private final PaymentTransaction tx =
      PaymentTransaction.transfer(List.of(alices, bobs), List.of(eth(CAROL, 120), eth(ALICE, 30)));

  @AfterEach
  void stop() {
    ingesters.forEach(L1EventFollower::close);
    producers.forEach(BlockProducer::close);
  }

  private BlockProducer producer(ChainStore chain, int maxTxs) {
    BlockProducer producer =
        new BlockProducer(chain, journal, config(maxTxs), CLOCK, OperatorMetrics.NONE);
    producers.add(producer);
    return producer;
  }

  /** Reads L1 up to its head into {@code producer}'s chain. */
  private void ingest(ChainStore chain, BlockProducer producer) {
    L1EventFollower ingester = OperatorFixture.ingester(l1, chain, producer, DEVNET);
    ingesters.add(ingester);
    ingester.poll();
    assertThat(ingester.failure()).isEmpty();
  }

  private void startInFlightExit(long l1Block) {
    l1.setHeight(l1Block);
    Signature none = Signature.of(new byte[Signature.SIZE]);
    List<InFlightExitStart.Input> inputs =
        tx.inputs().stream()
            .map(pos -> new InFlightExitStart.Input(Bytes.EMPTY, pos, Bytes.EMPTY, none))
            .toList();
    l1.as(ALICE.address()).startInFlightExit(new InFlightExitStart(unsigned(), inputs));
  }

  private void piggybackOutput(long l1Block, int oindex) {
    l1.setHeight(l1Block);
    l1.as(CAROL.address()).piggybackInFlightExitOnOutput(unsigned().toArray(), oindex);
  }

  private Bytes unsigned() {
    return Bytes.of(TxCodec.encode(tx));
  }

  private byte[] signedTx() {
    return signed(tx, ALICE, BOB);
  }

  @Test
  void start_locksTheInputs_soNoTransactionSpendsThem() {
    BlockProducer producer = producer(store, 10);
    startInFlightExit(3);
    ingest(store, producer);

    assertThat(store.status(alices)).isInstanceOf(UtxoStatus.Exiting.class);
    assertThat(store.status(bobs)).isInstanceOf(UtxoStatus.Exiting.class);
    assertThat(rejected(producer.submit(signed(transfer(alices, eth(BOB, 100)), ALICE))).reason())
        .isEqualTo(Rejection.UTXO_EXITING);
    assertThat(rejected(producer.submit(signedTx())).reason())
        .as("nor the exiting tx itself, once its exit started")
        .isEqualTo(Rejection.UTXO_EXITING);
    assertThat(store.utxosOf(ALICE.address())).isEmpty();
  }

  @Test
  void start_ofATxTheOpenBlockHolds_leavesItsInputsSpentByIt() {
    BlockProducer producer = producer(store, 10);
    accepted(producer.submit(signedTx()));
    startInFlightExit(3);
    ingest(store, producer);

    assertThat(store.status(alices))
        .as("the tx was accepted first")
        .isInstanceOf(UtxoStatus.Unspent.class);
    producer.close();
    assertThat(store.status(alices)).isEqualTo(UtxoStatus.SPENT);
    assertThat(store.status(new UtxoPos(1000, 0, 0))).isInstanceOf(UtxoStatus.Unspent.class);
  }

  @Test
  void outputPiggyback_ofAStoredTx_locksThatOutputOnly() {
    BlockProducer producer = producer(store, 1);
    accepted(producer.submit(signedTx()));
    OperatorFixture.await(Duration.ofSeconds(5), "block 1000 stored", () -> store.height() == 1000);
    startInFlightExit(3);
    piggybackOutput(4, 0);
    ingest(store, producer);

    UtxoPos carols = new UtxoPos(1000, 0, 0);
    assertThat(store.status(carols)).isInstanceOf(UtxoStatus.Exiting.class);
    assertThat(store.status(new UtxoPos(1000, 0, 1))).isInstanceOf(UtxoStatus.Unspent.class);
    assertThat(rejected(producer.submit(signed(transfer(carols, eth(BOB, 120)), CAROL))).reason())
        .isEqualTo(Rejection.UTXO_EXITING);
    accepted(producer.submit(signed(transfer(new UtxoPos(1000, 0, 1), eth(BOB, 30)), ALICE)));
  }

  @Test
  void outputPiggyback_ofAnOutputSpentAlready_staysSpent() {
    BlockProducer producer = producer(store, 1);
    accepted(producer.submit(signedTx()));
    UtxoPos carols = new UtxoPos(1000, 0, 0);
    accepted(producer.submit(signed(transfer(carols, eth(BOB, 120)), CAROL)));
    OperatorFixture.await(Duration.ofSeconds(5), "block 2000 stored", () -> store.height() == 2000);
    startInFlightExit(3);
    piggybackOutput(4, 0);
    ingest(store, producer);

    assertThat(store.status(carols))
        .as("the spend is what challenges the piggyback")
        .isEqualTo(UtxoStatus.SPENT);
    assertThat(producer.lockPiggybackedOutput(hash(), 0)).isEqualTo(PiggybackLock.NOT_UNSPENT);
  }

  @Test
  void outputPiggyback_ofATxTheOpenBlockHolds_refusesItsSpends_andTheBlockStoresItLocked() {
    BlockProducer producer = producer(store, 10);
    accepted(producer.submit(signedTx()));
    startInFlightExit(3);
    piggybackOutput(4, 1);
    ingest(store, producer);

    UtxoPos alicesChange = new UtxoPos(1000, 0, 1);
    assertThat(rejected(producer.submit(signed(transfer(alicesChange, eth(BOB, 30)), ALICE))))
        .satisfies(r -> assertThat(r.reason()).isEqualTo(Rejection.UTXO_EXITING))
        .satisfies(r -> assertThat(r.detail()).contains("piggybacked"));
    accepted(producer.submit(signed(transfer(new UtxoPos(1000, 0, 0), eth(BOB, 120)), CAROL)));

    producer.close();
    assertThat(store.status(alicesChange)).isInstanceOf(UtxoStatus.Exiting.class);
    assertThat(store.exitingOnInclusion()).as("the record went with the block").isEmpty();
    assertThat(store.utxosOf(ALICE.address())).isEmpty();
  }

  @Test
  void outputPiggyback_ofATxNoBlockHolds_locksItShouldABlockEverHoldIt() {
    BlockProducer producer = producer(store, 10);
    startInFlightExit(3);
    piggybackOutput(4, 0);
    ingest(store, producer);

    assertThat(store.exitingOnInclusion()).containsEntry(hash(), 1L);
    assertThat(producer.lockPiggybackedOutput(hash(), 0)).isEqualTo(PiggybackLock.NOT_INCLUDED);
  }

  @Test
  void outputPiggyback_ofAnExitL1NoLongerHas_locksNothing() {
    BlockProducer producer = producer(store, 10);
    accepted(producer.submit(signedTx()));
    startInFlightExit(3);
    piggybackOutput(4, 0);
    l1.forgetInFlightExit(InFlightExitId.of(unsigned().toArray()));
    ingest(store, producer);

    assertThat(store.exitingOnInclusion()).isEmpty();
    accepted(producer.submit(signed(transfer(new UtxoPos(1000, 0, 0), eth(BOB, 120)), CAROL)));
  }

  @Test
  void theGamesOtherEvents_changeNoLock() {
    BlockProducer producer = producer(store, 1);
    accepted(producer.submit(signedTx()));
    OperatorFixture.await(Duration.ofSeconds(5), "block 1000 stored", () -> store.height() == 1000);
    startInFlightExit(3);
    piggybackOutput(4, 0);
    Signature none = Signature.of(new byte[Signature.SIZE]);
    Bytes other = Bytes.of(TxCodec.encode(transfer(alices, eth(BOB, 100))));
    TxInclusion included = new TxInclusion(new UtxoPos(1000, 0, 0), Bytes.EMPTY);
    l1.setHeight(5);
    l1.as(BOB.address())
        .challengeInFlightExitNotCanonical(
            new NonCanonicalChallenge(unsigned(), 0, other, 0, Optional.empty(), none));
    l1.as(ALICE.address()).respondToNonCanonicalChallenge(unsigned().toArray(), included);
    l1.piggybackInFlightExitOnInput(unsigned().toArray(), 1);
    l1.challengeInFlightExitInputSpent(new InputSpentChallenge(unsigned(), 1, other, 0, none));
    ingest(store, producer);

    assertThat(l1.inFlightExit(InFlightExitId.of(unsigned().toArray())))
        .hasValueSatisfying(exit -> assertThat(exit.piggybacked()).isEqualTo(1 << 4));
    assertThat(store.status(new UtxoPos(1000, 0, 0)))
        .as("the piggybacked output stays locked (BlockedPiggybackReleaseTest: when it is not)")
        .isInstanceOf(UtxoStatus.Exiting.class);
    assertThat(store.status(new UtxoPos(1000, 0, 1))).isInstanceOf(UtxoStatus.Unspent.class);
  }

  @Test
  void locks_surviveARestart_andARereadOfTheSameEvents() {
    BlockProducer first = producer(store, 10);
    startInFlightExit(3);
    ingest(store, first);
    first.close();

    ChainStore reopened = new ChainStore(disk);
    BlockProducer second = producer(reopened, 10);
    second.start();
    reopened.setLastL1Block(0);
    ingest(reopened, second);

    assertThat(reopened.status(alices)).isInstanceOf(UtxoStatus.Exiting.class);
    assertThat(rejected(second.submit(signed(transfer(bobs, eth(ALICE, 50)), BOB))).reason())
        .isEqualTo(Rejection.UTXO_EXITING);
  }

  @Test
  void piggybackedOutputOfAReplayedTx_staysRefusedAfterACrash_andIsStoredLocked() {
    FlakyKeyValueStore dying = new FlakyKeyValueStore(disk);
    BlockProducer crashed = producer(new ChainStore(dying), 10);
    accepted(crashed.submit(signedTx()));
    startInFlightExit(3);
    piggybackOutput(4, 0);
    ingest(store, crashed);
    dying.failCommits(true); // the process dies: the open block is never written by it

    ChainStore reopened = new ChainStore(disk);
    BlockProducer restarted = producer(reopened, 10);
    restarted.start();
    assertThat(restarted.mempoolSize()).as("the journal replayed the tx").isEqualTo(1);
    UtxoPos carols = new UtxoPos(1000, 0, 0);
    assertThat(rejected(restarted.submit(signed(transfer(carols, eth(BOB, 120)), CAROL))).reason())
        .isEqualTo(Rejection.UTXO_EXITING);

    restarted.close();
    assertThat(reopened.status(carols)).isInstanceOf(UtxoStatus.Exiting.class);
    assertThat(reopened.status(new UtxoPos(1000, 0, 1))).isInstanceOf(UtxoStatus.Unspent.class);
  }

  private Hash32 hash() {
    return Keccak.keccak256(unsigned().toArray());
  }
}
