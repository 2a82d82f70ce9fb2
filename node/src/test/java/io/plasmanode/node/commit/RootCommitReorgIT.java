package io.plasmanode.node.commit;

import static io.plasmanode.node.commit.CommitFixture.closeBlocks;
import static io.plasmanode.node.commit.CommitFixture.root;
import static io.plasmanode.node.testing.L1Reorgs.height;
import static io.plasmanode.node.testing.L1Reorgs.mine;
import static io.plasmanode.node.testing.L1Reorgs.pause;
import static io.plasmanode.node.testing.L1Reorgs.reorg;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * L1 reorganisations ({@code anvil_reorg}, which drops the transactions of the replaced blocks)
 * against the root committer: a {@code submitBlock} dropped before its confirmations is re-sent,
 * one dropped after them (a deeper reorg while the node was down) is re-sent at the next start, and
 * in the end the contract holds every stored root once, in order, each with the nonce of its block.
 */
class RootCommitReorgIT {
  private static final PrivateKey OPERATOR = TestKeys.ALICE;
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final ConditionFactory WAITING =
      await()
          .atMost(WAIT)
          .dontCatchUncaughtExceptions()
          .pollDelay(Duration.ZERO)
          .pollInterval(Duration.ofMillis(10));

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

  @Test
  void submissionsDroppedBeforeTheirConfirmations_areResubmitted() {
    long start = height(l1);
    closeBlocks(store, 2000);
    try (RootCommitter committer = startCommitter(3)) {
      awaitOnL1(3000);
      // Anvil mines one block per submission, or one for both when they reach it together.
      int mined = (int) (height(l1) - start);
      assertThat(mined).isBetween(1, 2);
      pause(Duration.ofMillis(300)); // six polls: a committer without confirmations marks them
      assertThat(store.pendingCommits()).containsExactly(1000L, 2000L);

      reorg(l1, mined);
      assertThat(l1.as(OPERATOR).nextChildBlock()).as("both dropped").isEqualTo(1000);
      mine(l1, 1); // a new head: the committer looks at its receipts again
      awaitOnL1(3000);
      mine(l1, 3);
      awaitFinal();
      // The status is a snapshot taken at the end of the poll that stored the commits.
      WAITING
          .alias("the status to show block 2000 committed")
          .until(() -> committer.status().lastCommittedBlock() == 2000);
      assertThat(committer.status().alarms()).isEmpty();
    }
    assertEveryRootOnL1Once(2000);
  }

  @Test
  void submissionsDroppedWhileTheNodeWasDown_areResubmittedAtStart() {
    closeBlocks(store, 1000);
    long withBlock1000;
    try (RootCommitter committer = startCommitter(1)) {
      awaitOnL1(2000);
      withBlock1000 = height(l1);
      closeBlocks(store, 3000);
      committer.onBlockClosed(store.block(2000).orElseThrow());
      committer.onBlockClosed(store.block(3000).orElseThrow());
      awaitOnL1(4000);
      mine(l1, 1);
      awaitFinal();
      closeBlocks(store, 4000);
      committer.onBlockClosed(store.block(4000).orElseThrow());
      awaitOnL1(5000);
      pause(Duration.ofMillis(300));
      assertThat(store.pendingCommits()).as("mined, not final").containsExactly(4000L);
    }
    // Every L1 block after the one with block 1000 is replaced while the node is down: 2000 and
    // 3000 were final (a reorg deeper than the confirmations), 4000 was not. (Counted, not assumed:
    // a loaded machine may add L1 blocks, e.g. a fee-bumped re-send.)
    reorg(l1, (int) (height(l1) - withBlock1000));
    assertThat(l1.as(OPERATOR).nextChildBlock()).isEqualTo(2000);
    reopenDatabase();

    try (RootCommitter restarted = startCommitter(1)) {
      assertThat(store.pendingCommits()).containsExactly(2000L, 3000L, 4000L);
      awaitOnL1(5000);
      mine(l1, 1);
      awaitFinal();
      assertThat(restarted.status().alarms()).isEmpty();
    }
    assertEveryRootOnL1Once(4000);
  }

  private RootCommitter startCommitter(int confirmations) {
    RootCommitterConfig config =
        new RootCommitterConfig(
            Duration.ofMillis(50),
            Duration.ofSeconds(1),
            20,
            BigInteger.valueOf(500).multiply(BigInteger.TEN.pow(9)),
            4,
            Duration.ofSeconds(30),
            Duration.ofSeconds(1),
            confirmations);
    RootCommitter committer =
        new RootCommitter(store, CommitFixture.channel(l1, OPERATOR), config, Clock.systemUTC());
    committer.start();
    return committer;
  }

  private void reopenDatabase() {
    db.close();
    db = LevelDbKeyValueStore.open(net.dir());
    store = new ChainStore(db);
  }

  private void awaitOnL1(long nextChildBlock) {
    WAITING
        .alias("the contract at child block " + nextChildBlock)
        .until(() -> l1.as(OPERATOR).nextChildBlock() == nextChildBlock);
  }

  private void awaitFinal() {
    WAITING.alias("every block committed").until(() -> store.pendingCommits().isEmpty());
  }

  /**
   * The contract holds each stored root, committed by the tx the database names, nonce blknum/1000.
   */
  private void assertEveryRootOnL1Once(long height) {
    assertThat(l1.as(OPERATOR).nextChildBlock()).isEqualTo(height + 1000);
    assertThat(l1.nonce(OPERATOR.address()))
        .as("the deployment and one tx per block")
        .isEqualTo(height / 1000 + 1);
    for (long blknum = 1000; blknum <= height; blknum += 1000) {
      BlockCommitment onL1 = l1.as(OPERATOR).block(blknum).orElseThrow();
      assertThat(onL1.rootHigh224().high224Equals(root(blknum))).as("root of %s", blknum).isTrue();
      Hash32 txHash =
          ((CommitStatus.Committed) store.commitStatus(blknum).orElseThrow()).l1TxHash();
      assertThat(l1.receipt(txHash).isStatusOK()).as("tx of %s is mined", blknum).isTrue();
      assertThat(l1.transaction(txHash).getNonce().longValueExact()).isEqualTo(blknum / 1000);
    }
  }
}
