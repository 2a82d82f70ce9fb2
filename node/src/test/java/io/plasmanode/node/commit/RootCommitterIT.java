package io.plasmanode.node.commit;

import static io.plasmanode.node.commit.CommitFixture.closeBlocks;
import static io.plasmanode.node.commit.CommitFixture.root;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plasmanode.contracts.l1.Fees;
import io.plasmanode.contracts.testing.AnvilChain;
import io.plasmanode.core.crypto.PrivateKey;
import io.plasmanode.core.l1.BlockCommitment;
import io.plasmanode.core.testing.TestKeys;
import io.plasmanode.core.types.Hash32;
import io.plasmanode.node.testing.PlasmaNetwork;
import io.plasmanode.storage.chain.ChainStore;
import io.plasmanode.storage.chain.CommitStatus;
import io.plasmanode.storage.kv.LevelDbKeyValueStore;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RootCommitterIT {
  private static final RootCommitterConfig CONFIG =
      new RootCommitterConfig(
          Duration.ofMillis(50),
          Duration.ofSeconds(1),
          20,
          BigInteger.valueOf(500).multiply(BigInteger.TEN.pow(9)),
          4,
          Duration.ofSeconds(30),
          Duration.ofSeconds(1),
          0);

  private static final PrivateKey OPERATOR = TestKeys.ALICE;

  /** anvil with the contract (a 10 wei bond); the committer's database in its directory. */
  @RegisterExtension
  final PlasmaNetwork net = PlasmaNetwork.builder().operator(OPERATOR).bond(BigInteger.TEN).build();

  private AnvilChain l1;
  private LevelDbKeyValueStore db;
  private ChainStore store;

  @BeforeEach
  void open() {
    l1 = net.l1();
    db = LevelDbKeyValueStore.open(net.dir());
    store = new ChainStore(db);
  }

  @AfterEach
  void close() {
    db.close();
  }

  private L1CommitChannel channel() {
    return CommitFixture.channel(l1, OPERATOR);
  }

  private RootCommitter startCommitter() {
    RootCommitter committer = new RootCommitter(store, channel(), CONFIG, Clock.systemUTC());
    committer.start();
    return committer;
  }

  @Test
  void committer_putsStoredRootsOnL1InOrder() {
    closeBlocks(store, 3000);
    try (RootCommitter committer = startCommitter()) {
      awaitCommitted(3000);
      closeBlocks(store, 4000);
      committer.onBlockClosed(store.block(4000).orElseThrow());
      awaitCommitted(4000);
      // The status is a snapshot taken at the end of the poll that stored the commit.
      await(
          () -> committer.status().lastCommittedBlock() == 4000,
          "the status to show block 4000 committed");
      assertThat(committer.status().alarms()).isEmpty();
    }

    assertThat(l1.as(OPERATOR).nextChildBlock()).isEqualTo(5000);
    for (long blknum = 1000; blknum <= 4000; blknum += 1000) {
      BlockCommitment onL1 = l1.as(OPERATOR).block(blknum).orElseThrow();
      assertThat(onL1.rootHigh224().high224Equals(root(blknum))).as("root of %s", blknum).isTrue();
      Hash32 txHash = committedTx(blknum);
      assertThat(l1.transaction(txHash).getNonce().longValueExact()).isEqualTo(blknum / 1000);
    }
  }

  @Test
  void restart_marksABlockMinedBeforeTheCrashAndNeverCommitsTwice() {
    closeBlocks(store, 2000);
    try (RootCommitter committer = startCommitter()) {
      awaitCommitted(2000);
      assertThat(committer.status().lastSubmittedBlock()).isEqualTo(2000);
    }
    closeBlocks(store, 3000);
    Hash32 minedBeforeCrash = l1.as(OPERATOR).submitBlock(root(3000)); // then the node died
    db.close();
    db = LevelDbKeyValueStore.open(net.dir());
    store = new ChainStore(db);

    try (RootCommitter restarted = startCommitter()) {
      assertThat(committedTx(3000)).isEqualTo(minedBeforeCrash);
      closeBlocks(store, 4000);
      restarted.onBlockClosed(store.block(4000).orElseThrow());
      awaitCommitted(4000);
    }

    assertThat(l1.as(OPERATOR).nextChildBlock()).isEqualTo(5000);
    // the deployment and four submissions, none repeated
    assertThat(l1.nonce(OPERATOR.address())).isEqualTo(5);
    assertThat(l1.as(OPERATOR).block(4000).orElseThrow().rootHigh224().high224Equals(root(4000)))
        .isTrue();
  }

  @Test
  void start_refusesWhenTheContractIsAheadOfTheDatabase() {
    closeBlocks(store, 1000);
    l1.as(OPERATOR).submitBlock(root(1000));
    l1.as(OPERATOR).submitBlock(root(2000));

    RootCommitter committer = new RootCommitter(store, channel(), CONFIG, Clock.systemUTC());
    assertThatThrownBy(committer::start)
        .isInstanceOf(ReconcileException.class)
        .hasMessageContaining("child blocks 2000..2000");
    assertThat(l1.as(OPERATOR).nextChildBlock()).isEqualTo(3000);
  }

  @Test
  void stuckSubmission_isReplacedWithHigherFeesAndCommittedOnce() throws InterruptedException {
    l1.setAutomine(false);
    Fees initial = channel().suggestedFees();
    closeBlocks(store, 1000);
    try (RootCommitter committer = startCommitter()) {
      Thread.sleep(CONFIG.resubmitAfter().multipliedBy(3).toMillis()); // two re-sends at least
      assertThat(store.pendingCommits()).containsExactly(1000L);
      l1.mine();
      awaitCommitted(1000);
      assertThat(committer.status().alarms()).isEmpty();
    }

    BigInteger paid = l1.transaction(committedTx(1000)).getMaxFeePerGas();
    assertThat(paid).isGreaterThanOrEqualTo(initial.bumped(20).maxFeePerGas());
    assertThat(l1.as(OPERATOR).nextChildBlock()).isEqualTo(2000);
    assertThat(l1.nonce(OPERATOR.address())).isEqualTo(2);
    l1.mine(); // nothing else of the operator is left to mine
    assertThat(l1.nonce(OPERATOR.address())).isEqualTo(2);
    assertThat(l1.as(OPERATOR).nextChildBlock()).isEqualTo(2000);
  }

  private Hash32 committedTx(long blknum) {
    return ((CommitStatus.Committed) store.commitStatus(blknum).orElseThrow()).l1TxHash();
  }

  private void awaitCommitted(long blknum) {
    await(
        () -> store.commitStatus(blknum).orElseThrow() instanceof CommitStatus.Committed,
        "block " + blknum + " committed");
  }

  private static void await(BooleanSupplier condition, String what) {
    Awaitility.await(what)
        .atMost(Duration.ofSeconds(20))
        .dontCatchUncaughtExceptions()
        .pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofMillis(20))
        .until(condition::getAsBoolean);
  }
}
