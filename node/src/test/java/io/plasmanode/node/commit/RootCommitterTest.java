package io.plasmanode.node.commit;

import static io.plasmanode.node.commit.CommitFixture.T0;
import static io.plasmanode.node.commit.CommitFixture.closeBlocks;
import static io.plasmanode.node.commit.CommitFixture.root;
import static io.plasmanode.node.commit.FakeCommitChannel.GWEI;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plasmanode.contracts.l1.Fees;
import io.plasmanode.core.testing.MutableClock;
import io.plasmanode.core.testing.TestKeys;
import io.plasmanode.core.types.Hash32;
import io.plasmanode.storage.chain.ChainStore;
import io.plasmanode.storage.chain.CommitStatus;
import io.plasmanode.storage.kv.InMemoryKeyValueStore;
import java.math.BigInteger;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RootCommitterTest {
  private static final Duration RESUBMIT = Duration.ofSeconds(30);

  private final MutableClock clock = new MutableClock(T0);
  private final ChainStore store = new ChainStore(new InMemoryKeyValueStore());
  private final FakeCommitChannel l1 = new FakeCommitChannel(TestKeys.ALICE.address());

  private static RootCommitterConfig config(BigInteger maxGasPrice, int maxInFlight) {
    return new RootCommitterConfig(
        Duration.ofMillis(10),
        RESUBMIT,
        20,
        maxGasPrice,
        maxInFlight,
        Duration.ofMinutes(2),
        Duration.ofSeconds(1),
        0);
  }

  private RootCommitter committer() {
    return committer(config(GWEI.multiply(BigInteger.valueOf(500)), 16));
  }

  private RootCommitter committer(RootCommitterConfig config) {
    RootCommitter committer = new RootCommitter(store, l1, config, clock);
    committer.reconcile();
    return committer;
  }

  private Hash32 committedTx(long blknum) {
    return ((CommitStatus.Committed) store.commitStatus(blknum).orElseThrow()).l1TxHash();
  }

  @Test
  void anchor_mapsEachChildBlockToOneNonce() {
    ChainAnchor anchor = new ChainAnchor(10, 3000, 7);

    assertThat(anchor.nonceOf(3000)).isEqualTo(7);
    assertThat(anchor.nonceOf(5000)).isEqualTo(9);
    assertThatThrownBy(() -> anchor.nonceOf(2000)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> anchor.nonceOf(3500)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void poll_sendsEachBlockWithTheNonceOfItsNumber() {
    l1.minedNonce = 5; // the account sent 5 transactions before (e.g. deployment)
    closeBlocks(store, 3000);
    RootCommitter committer = committer();

    committer.poll();

    assertThat(l1.sent).extracting(FakeCommitChannel.PoolTx::nonce).containsExactly(5L, 6L, 7L);
    assertThat(l1.sent)
        .extracting(FakeCommitChannel.PoolTx::root)
        .containsExactly(root(1000), root(2000), root(3000));
  }

  @Test
  void poll_commitsInOrderAndMarksCommittedWithTheTxHash() {
    closeBlocks(store, 3000);
    RootCommitter committer = committer();

    committer.poll();
    committer.poll();

    assertThat(store.pendingCommits()).isEmpty();
    for (long blknum = 1000; blknum <= 3000; blknum += 1000) {
      assertThat(l1.roots.get(blknum)).isEqualTo(root(blknum));
      assertThat(committedTx(blknum)).isEqualTo(l1.events.get(blknum).l1TxHash());
    }
    CommitterStatus status = committer.status();
    assertThat(status.lastSubmittedBlock()).isEqualTo(3000);
    assertThat(status.lastCommittedBlock()).isEqualTo(3000);
    assertThat(status.inFlight()).isZero();
    assertThat(status.alarms()).isEmpty();
  }

  @Test
  void poll_keepsAtMostMaxInFlight() {
    l1.automine = false;
    closeBlocks(store, 3000);
    RootCommitter committer = committer(config(GWEI.multiply(BigInteger.valueOf(500)), 2));

    committer.poll();
    assertThat(l1.sent).hasSize(2);
    assertThat(committer.status().inFlight()).isEqualTo(2);

    l1.mine();
    committer.poll();
    assertThat(store.pendingCommits()).containsExactly(3000L);
    assertThat(l1.sent).extracting(FakeCommitChannel.PoolTx::nonce).containsExactly(0L, 1L, 2L);
  }

  @Test
  void poll_resubmitsAStuckBlockWithBumpedFeesAndTheSameNonce() {
    l1.automine = false;
    closeBlocks(store, 1000);
    RootCommitter committer = committer();
    committer.poll();
    Fees first = l1.sent.get(0).fees();

    clock.advance(RESUBMIT.minusSeconds(1));
    committer.poll();
    assertThat(l1.sent).hasSize(1);

    clock.advance(Duration.ofSeconds(1));
    committer.poll();
    assertThat(l1.sent).hasSize(2);
    FakeCommitChannel.PoolTx replacement = l1.sent.get(1);
    assertThat(replacement.nonce()).isZero();
    assertThat(replacement.fees().maxFeePerGas())
        .isGreaterThanOrEqualTo(percent(first.maxFeePerGas(), 120));
    assertThat(replacement.fees().maxPriorityFeePerGas())
        .isGreaterThanOrEqualTo(percent(first.maxPriorityFeePerGas(), 120));

    l1.mine();
    committer.poll();
    assertThat(committedTx(1000)).isEqualTo(replacement.hash());
    assertThat(l1.nextChildBlock).isEqualTo(2000);
  }

  @Test
  void poll_waitsAndAlarmsAtTheGasPriceCap() {
    l1.automine = false;
    closeBlocks(store, 1000);
    BigInteger cap = GWEI.multiply(BigInteger.valueOf(5));
    RootCommitter committer = committer(config(cap, 16));
    committer.poll(); // 2 * 1 + 1 = 3 gwei
    l1.baseFee = GWEI.multiply(BigInteger.TEN); // the market moves past the cap

    clock.advance(RESUBMIT);
    committer.poll();
    assertThat(l1.sent).hasSize(2);
    assertThat(l1.sent.get(1).fees().maxFeePerGas()).isEqualTo(cap);
    assertThat(committer.status().alarms()).isEmpty();

    clock.advance(RESUBMIT.plusSeconds(3));
    committer.poll();
    assertThat(l1.sent).hasSize(2);
    assertThat(committer.status().alarms())
        .containsExactly("block 1000 not committed for 63 s: gas price at cap 5 gwei");

    l1.baseFee = GWEI;
    l1.mine();
    committer.poll();
    assertThat(committedTx(1000)).isEqualTo(l1.sent.get(1).hash());
    assertThat(committer.status().alarms()).isEmpty();
  }

  @Test
  void poll_raisesFeesAtOnceWhenTheNodeSaysUnderpriced() {
    closeBlocks(store, 1000);
    l1.scriptedErrors.add("transaction underpriced");
    RootCommitter committer = committer();

    committer.poll();
    assertThat(l1.sent).isEmpty();
    committer.poll();
    committer.poll();

    assertThat(l1.sent).hasSize(1);
    assertThat(l1.sent.get(0).fees().maxFeePerGas())
        .isGreaterThan(GWEI.multiply(BigInteger.valueOf(3)));
    assertThat(committedTx(1000)).isEqualTo(l1.sent.get(0).hash());
  }

  @Test
  void restart_treatsItsOwnPendingTxAsSent() {
    l1.automine = false;
    closeBlocks(store, 1000);
    committer().poll(); // then the node stops

    RootCommitter restarted = committer();
    restarted.poll(); // the same signed tx again: "already known"
    l1.mine();
    restarted.poll();

    assertThat(l1.sent).hasSize(1);
    assertThat(committedTx(1000)).isEqualTo(l1.sent.get(0).hash());
    assertThat(restarted.status().alarms()).isEmpty();
  }

  @Test
  void restart_findsTheBlockCommittedByTheEarlierRunWhenTheNonceIsTooLow() {
    l1.automine = false;
    closeBlocks(store, 2000);
    RootCommitter restarted = committer();
    Hash32 earlier = l1.commitDirectly(root(1000)); // mined after reconcile, before the send
    l1.automine = true;

    restarted.poll(); // block 1000: nonce too low
    restarted.poll();
    restarted.poll();

    assertThat(committedTx(1000)).isEqualTo(earlier);
    assertThat(l1.roots).containsOnlyKeys(1000L, 2000L);
    assertThat(l1.roots.get(2000L)).isEqualTo(root(2000));
    assertThat(restarted.status().alarms()).isEmpty();
  }

  @Test
  void poll_retriesAnUnreachableL1AndAlarmsAfterTheStallTime() {
    closeBlocks(store, 1000);
    RootCommitter committer = committer();
    l1.unreachable = true;

    committer.poll();
    assertThat(committer.status().alarms()).isEmpty();
    clock.advance(Duration.ofMinutes(2));
    committer.poll();
    assertThat(committer.status().alarms())
        .singleElement()
        .asString()
        .startsWith("L1 unreachable since " + T0 + " (120 s)")
        .contains("connection refused");

    l1.unreachable = false;
    committer.poll();
    committer.poll();
    assertThat(store.pendingCommits()).isEmpty();
    assertThat(committer.status().alarms()).isEmpty();
  }

  @Test
  void poll_haltsOnARevertAndSendsNoLaterBlock() {
    l1.automine = false;
    closeBlocks(store, 1000);
    RootCommitter committer = committer();
    committer.poll();
    l1.revertNext = true;
    l1.mine();
    closeBlocks(store, 2000);

    committer.poll();
    committer.poll();

    assertThat(l1.sent).hasSize(1);
    assertThat(store.pendingCommits()).containsExactly(1000L, 2000L);
    assertThat(committer.status().alarms())
        .singleElement()
        .asString()
        .startsWith("block 1000: submitBlock tx " + l1.sent.get(0).hash().toHex() + " reverted")
        .contains("NotOperator");
  }

  @Test
  void poll_alarmsWhenTheNodeRejectsTheSubmission() {
    closeBlocks(store, 1000);
    l1.scriptedErrors.add("insufficient funds for gas * price + value");
    RootCommitter committer = committer();

    committer.poll();

    assertThat(committer.status().alarms())
        .containsExactly(
            "block 1000: L1 node rejected submitBlock: insufficient funds for gas * price + value");
  }

  @Test
  void reconcile_leavesDatabaseBlocksPastTheContractPending() {
    l1.commitDirectly(root(1000));
    closeBlocks(store, 3000);
    store.markCommitted(1000, l1.events.get(1000L).l1TxHash());

    RootCommitter committer = committer();

    assertThat(store.pendingCommits()).containsExactly(2000L, 3000L);
    assertThat(committer.status().lastCommittedBlock()).isEqualTo(1000);
  }

  @Test
  void reconcile_diagnosesAForeignRootWhenTheContractHasBlocksTheDatabaseLacks() {
    closeBlocks(store, 1000);
    l1.commitDirectly(root(1000));
    Hash32 foreignTx = l1.commitDirectly(root(2000, "thief"));
    l1.commitDirectly(root(3000, "thief"));

    assertThatThrownBy(this::committer)
        .isInstanceOf(ReconcileException.class)
        .hasMessageStartingWith(
            "L1 has a block this operator did not produce (foreign root at block 2000)")
        .hasMessageContaining(FakeCommitChannel.high224(root(2000, "thief")).toHex())
        .hasMessageContaining("L1 tx " + foreignTx.toHex())
        .hasMessageContaining("child blocks 2000..3000")
        .hasMessageContaining("database (height 1000)")
        .hasMessageContaining("agrees with L1 up to block 1000, so it belongs to this contract")
        .hasMessageContaining("old backup")
        .hasMessageNotContaining("does not belong");
  }

  @Test
  void reconcile_refusesAnEmptyDatabaseBehindL1WithoutBlamingTheKey() {
    l1.commitDirectly(root(1000));
    l1.commitDirectly(root(2000));

    assertThatThrownBy(this::committer)
        .isInstanceOf(ReconcileException.class)
        .hasMessageContaining("child blocks 1000..2000")
        .hasMessageContaining("the database is behind L1")
        .hasMessageNotContaining("foreign root");
  }

  @Test
  void reconcile_diagnosesAForeignRootAtAPendingBlockAfterBlocksThatAgree() {
    closeBlocks(store, 2000);
    l1.commitDirectly(root(1000));
    Hash32 other = root(2000, "fork");
    l1.commitDirectly(other);

    assertThatThrownBy(this::committer)
        .isInstanceOf(ReconcileException.class)
        .hasMessageContaining("foreign root at block 2000")
        .hasMessageContaining("this database's block 2000 has root " + root(2000).toHex())
        .hasMessageContaining("its root on L1 is " + FakeCommitChannel.high224(other).toHex())
        .hasMessageNotContaining("does not belong");
  }

  @Test
  void reconcile_refusesADatabaseOfAnotherContractWhoseFirstBlockDiffers() {
    closeBlocks(store, 2000);
    l1.commitDirectly(root(1000, "other chain"));
    l1.commitDirectly(root(2000, "other chain"));

    assertThatThrownBy(this::committer)
        .isInstanceOf(ReconcileException.class)
        .hasMessageStartingWith("block 1000: the database root " + root(1000).toHex())
        .hasMessageContaining("This database does not belong to the chain on this contract")
        .hasMessageNotContaining("foreign root");
  }

  @Test
  void reconcile_refusesADatabaseWhoseBlockRecordedCommittedDiffers() {
    closeBlocks(store, 2000);
    store.markCommitted(1000, l1.commitDirectly(root(1000)));
    store.markCommitted(2000, l1.commitDirectly(root(2000, "other chain")));

    assertThatThrownBy(this::committer)
        .isInstanceOf(ReconcileException.class)
        .hasMessageStartingWith("block 2000: the database root")
        .hasMessageContaining("records it committed, so it was committed on another contract")
        .hasMessageNotContaining("foreign root");
  }

  @Test
  void reconcile_comparesOnlyTheHigh224Bits() {
    closeBlocks(store, 1000);
    byte[] sameHigh = root(1000).toArray();
    sameHigh[31] ^= 1;
    l1.commitDirectly(Hash32.of(sameHigh));

    committer();

    assertThat(store.pendingCommits()).isEmpty();
  }

  @Test
  void reconcile_marksMinedButUnmarkedBlocksWithoutResubmitting() {
    closeBlocks(store, 2000);
    Hash32 minedBeforeCrash = l1.commitDirectly(root(1000));

    RootCommitter committer = committer();
    assertThat(committedTx(1000)).isEqualTo(minedBeforeCrash);
    committer.poll();
    committer.poll();

    assertThat(l1.sent).extracting(FakeCommitChannel.PoolTx::root).containsExactly(root(2000));
    assertThat(l1.sent.get(0).nonce()).isEqualTo(1);
    assertThat(l1.roots).containsOnlyKeys(1000L, 2000L);
    assertThat(store.pendingCommits()).isEmpty();
  }

  @Test
  void reconcile_readsOnlyTheFirstLastAndPendingBlocksFromL1() {
    closeBlocks(store, 6000);
    for (long blknum = 1000; blknum <= 5000; blknum += 1000) {
      Hash32 l1Tx = l1.commitDirectly(root(blknum));
      if (blknum != 3000) {
        store.markCommitted(blknum, l1Tx);
      }
    }

    committer();

    assertThat(l1.rootReads).containsExactly(1000L, 3000L, 5000L);
    assertThat(store.pendingCommits()).containsExactly(6000L);
  }

  @Test
  void reconcile_refusesAKeyThatIsNotTheContractOperator() {
    l1.contractOperator = TestKeys.BOB.address();

    assertThatThrownBy(this::committer)
        .isInstanceOf(ReconcileException.class)
        .hasMessageContaining("operator is " + TestKeys.BOB.address().toHex())
        .hasMessageContaining("signs as " + TestKeys.ALICE.address().toHex());
  }

  private RootCommitter committerWithConfirmations(int confirmations) {
    return committer(
        config(GWEI.multiply(BigInteger.valueOf(500)), 16).withCommitConfirmations(confirmations));
  }

  /** Block 1000 (nonce 0) was sent once; L1 now says its nonce is 1: the committer halted. */
  private void assertHaltedOnTheNonceOfBlock1000(RootCommitter committer) {
    assertThat(committer.status().alarms())
        .singleElement()
        .asString()
        .startsWith("block 1000: L1 is at child block 1000 with operator nonce 1, so the block's")
        .contains("is the operator key used elsewhere?");
    assertThat(l1.sent).hasSize(1);
  }

  private void assertEveryBlockOnL1Once(long height) {
    assertThat(store.pendingCommits()).isEmpty();
    assertThat(l1.nextChildBlock).isEqualTo(height + 1000);
    assertThat(l1.minedNonce).isEqualTo(height / 1000);
    for (long blknum = 1000; blknum <= height; blknum += 1000) {
      assertThat(l1.roots.get(blknum)).as("root of %s", blknum).isEqualTo(root(blknum));
      assertThat(committedTx(blknum)).isEqualTo(l1.events.get(blknum).l1TxHash());
    }
  }

  @Test
  void poll_marksABlockCommittedOnlyWithItsConfirmations() {
    closeBlocks(store, 1000);
    RootCommitter committer = committerWithConfirmations(3);
    committer.poll(); // mined in L1 block 2

    l1.mineEmpty(2);
    clock.advance(Duration.ofMinutes(5)); // waiting for confirmations is no stall
    committer.poll();
    assertThat(store.pendingCommits()).containsExactly(1000L);
    assertThat(committer.status().lastCommittedBlock()).isZero();
    assertThat(committer.status().inFlight()).isZero();
    assertThat(committer.status().alarms()).isEmpty();

    l1.mineEmpty(1);
    committer.poll();
    assertEveryBlockOnL1Once(1000);
    assertThat(committer.status().lastCommittedBlock()).isEqualTo(1000);
    assertThat(l1.sent).hasSize(1);
  }

  @Test
  void poll_resubmitsInOrderTheBlocksAReorgDroppedBeforeTheirConfirmations() {
    closeBlocks(store, 3000);
    RootCommitter committer = committerWithConfirmations(3);
    committer.poll(); // 1000, 2000, 3000 mined in L1 blocks 2, 3, 4
    l1.mineEmpty(1);
    committer.poll();

    assertThat(store.pendingCommits()).containsExactly(2000L, 3000L); // 1000 is final

    l1.reorg(3); // drops 2000 and 3000
    assertThat(l1.nextChildBlock).isEqualTo(2000);
    l1.mineEmpty(1);
    committer.poll(); // sees the drop, re-sends both
    assertThat(l1.sent)
        .extracting(FakeCommitChannel.PoolTx::nonce)
        .containsExactly(0L, 1L, 2L, 1L, 2L);
    assertThat(store.pendingCommits()).containsExactly(2000L, 3000L);

    l1.mineEmpty(3);
    committer.poll();
    assertEveryBlockOnL1Once(3000);
    assertThat(committer.status().alarms()).isEmpty();
  }

  @Test
  void poll_resubmitsABlockWhoseRootVanishesAsItBecomesFinal() {
    closeBlocks(store, 1000);
    RootCommitter committer = committerWithConfirmations(2);
    committer.poll(); // mined in L1 block 2
    l1.mineEmpty(2);
    l1.reorgBeforeNextRootRead = 3; // between the receipt check and the root check

    committer.poll();
    assertThat(store.pendingCommits()).containsExactly(1000L);
    assertThat(l1.roots).isEmpty();

    l1.mineEmpty(1);
    committer.poll(); // re-sent
    l1.mineEmpty(2);
    committer.poll();
    assertEveryBlockOnL1Once(1000);
    assertThat(l1.sent).hasSize(2);
  }

  @Test
  void poll_resubmitsCommittedBlocksAReorgDeeperThanTheConfirmationsDropped() {
    closeBlocks(store, 2000);
    RootCommitter committer = committerWithConfirmations(1);
    committer.poll(); // mined in L1 blocks 2 and 3
    l1.mineEmpty(1);
    committer.poll();
    assertThat(store.pendingCommits()).isEmpty();

    l1.reorg(3);
    l1.mineEmpty(1);
    committer.poll();
    assertThat(l1.sent).hasSize(2); // nothing in flight: it has not noticed yet
    clock.advance(RESUBMIT); // the anchor is read again
    committer.poll();
    assertThat(store.pendingCommits()).containsExactly(1000L, 2000L);
    assertThat(l1.sent).extracting(FakeCommitChannel.PoolTx::nonce).containsExactly(0L, 1L, 0L, 1L);

    l1.mineEmpty(1);
    committer.poll();
    assertEveryBlockOnL1Once(2000);
    assertThat(committer.status().lastCommittedBlock()).isEqualTo(2000);
  }

  @Test
  void poll_haltsWhenAfterAReorgTheNoncesNoLongerFollowFromTheContract() {
    closeBlocks(store, 1000);
    RootCommitter committer = committerWithConfirmations(3);
    committer.poll();
    committer.poll(); // mined in L1 block 2
    l1.reorg(1);
    l1.minedNonce++; // someone else used the operator key
    l1.mineEmpty(1);

    committer.poll();
    assertThat(committer.status().alarms()).as("within the grace").isEmpty();
    assertThat(l1.sent).as("nothing sent while the nonces disagree").hasSize(1);
    clock.advance(SubmissionTracker.NONCE_EVIDENCE_GRACE);
    committer.poll();

    assertHaltedOnTheNonceOfBlock1000(committer);
  }

  @Test
  void poll_looksAgainWhenL1ServesTheContractOneCommitBehindTheNonce_thenCommits() {
    closeBlocks(store, 1000);
    RootCommitter committer = committerWithConfirmations(3);
    committer.poll(); // sent and mined, waiting for its confirmations
    closeBlocks(store, 2000);
    l1.staleAnchorReads = 1; // the next anchor: the contract before block 1000, the nonce after
    clock.advance(RESUBMIT);

    committer.poll();
    assertThat(committer.status().alarms()).isEmpty();
    assertThat(l1.sent).as("block 2000 waits for an anchor that agrees").hasSize(1);
    committer.poll(); // reads the anchor again: it agrees
    l1.mineEmpty(3);
    committer.poll();
    committer.poll();

    assertThat(committer.status().alarms()).isEmpty();
    assertEveryBlockOnL1Once(2000);
    assertThat(l1.sent).extracting(FakeCommitChannel.PoolTx::nonce).containsExactly(0L, 1L);
  }

  @Test
  void poll_haltsWhenL1KeepsServingTheContractBehindTheNonceForTheGrace() {
    closeBlocks(store, 1000);
    RootCommitter committer = committerWithConfirmations(3);
    committer.poll();
    closeBlocks(store, 2000);
    l1.staleAnchorReads = Integer.MAX_VALUE;
    clock.advance(RESUBMIT);
    committer.poll();
    clock.advance(SubmissionTracker.NONCE_EVIDENCE_GRACE.minusSeconds(1));
    committer.poll();
    assertThat(committer.status().alarms()).as("within the grace").isEmpty();

    clock.advance(Duration.ofSeconds(1));
    committer.poll();

    assertHaltedOnTheNonceOfBlock1000(committer);
  }

  @Test
  void poll_waitsWhileL1CountsTheNonceBeforeServingTheReceipt_thenCommits() {
    closeBlocks(store, 1000);
    RootCommitter committer = committer();
    l1.evidenceLags = true;
    committer.poll(); // sent and mined: the nonce is used, the receipt not served yet
    committer.poll();
    clock.advance(SubmissionTracker.NONCE_EVIDENCE_GRACE.minusSeconds(1));
    committer.poll();

    assertThat(committer.status().alarms()).as("within the grace").isEmpty();
    l1.evidenceLags = false;
    committer.poll();
    assertThat(committer.status().alarms()).isEmpty();
    assertThat(committer.status().lastCommittedBlock()).isEqualTo(1000);
    assertThat(l1.sent).hasSize(1);
  }

  @Test
  void poll_haltsWhenTheNonceStaysUsedWithNeitherReceiptNorEvent() {
    closeBlocks(store, 1000);
    RootCommitter committer = committer();
    l1.evidenceLags = true;
    committer.poll();
    committer.poll();
    clock.advance(SubmissionTracker.NONCE_EVIDENCE_GRACE);
    committer.poll();

    assertThat(committer.status().alarms())
        .singleElement()
        .asString()
        .contains("block 1000: its nonce 0 was used by a transaction that did not commit it")
        .contains("is the operator key used elsewhere?");
    assertThat(l1.sent).hasSize(1);
  }

  @Test
  void reconcile_watchesABlockOnL1UntilItHasItsConfirmations() {
    closeBlocks(store, 1000);
    l1.mineEmpty(1);
    Hash32 minedBeforeStop = l1.commitDirectly(root(1000));

    RootCommitter committer = committerWithConfirmations(3);
    assertThat(store.pendingCommits()).containsExactly(1000L);
    committer.poll();
    assertThat(store.pendingCommits()).containsExactly(1000L);

    l1.mineEmpty(3);
    committer.poll();
    assertThat(committedTx(1000)).isEqualTo(minedBeforeStop);
    assertThat(l1.sent).isEmpty();
  }

  @Test
  void reconcile_resubmitsABlockFoundOnL1ThatAReorgDropsBeforeItsConfirmations() {
    closeBlocks(store, 2000);
    l1.mineEmpty(1);
    l1.commitDirectly(root(1000));
    RootCommitter committer = committerWithConfirmations(3);
    committer.poll(); // sends 2000
    l1.mineEmpty(1);

    l1.reorg(3);
    l1.mineEmpty(1);
    committer.poll();
    l1.mineEmpty(3);
    committer.poll();

    assertThat(l1.sent)
        .extracting(FakeCommitChannel.PoolTx::root)
        .containsExactly(root(2000), root(1000), root(2000));
    assertEveryBlockOnL1Once(2000);
  }

  @Test
  void reconcile_resubmitsBlocksRecordedCommittedThatL1DroppedWhileTheNodeWasDown() {
    closeBlocks(store, 3000);
    for (long blknum = 1000; blknum <= 3000; blknum += 1000) {
      l1.mineEmpty(1);
      store.markCommitted(blknum, l1.commitDirectly(root(blknum)));
    }
    l1.reorg(2); // drops 2000 and 3000

    RootCommitter committer = committerWithConfirmations(0);
    assertThat(store.pendingCommits()).containsExactly(2000L, 3000L);
    assertThat(committer.status().lastCommittedBlock()).isEqualTo(1000);
    committer.poll();
    committer.poll();

    assertThat(l1.sent).extracting(FakeCommitChannel.PoolTx::nonce).containsExactly(1L, 2L);
    assertEveryBlockOnL1Once(3000);
  }

  @Test
  void reconcile_refusesABlockRecordedCommittedInAMinedTxThatTheContractLacks() {
    closeBlocks(store, 2000);
    Hash32 tx = l1.commitDirectly(root(1000));
    store.markCommitted(1000, tx);
    store.markCommitted(2000, tx); // as if committed on another contract

    assertThatThrownBy(this::committer)
        .isInstanceOf(ReconcileException.class)
        .hasMessageContaining("block 2000 is recorded committed")
        .hasMessageContaining("that transaction is mined");
    assertThat(store.pendingCommits()).isEmpty();
  }

  @Test
  void reconcile_refusesBlocksRecordedCommittedWhenTheContractHasNone() {
    closeBlocks(store, 1000);
    store.markCommitted(1000, root(1, "tx"));

    assertThatThrownBy(this::committer)
        .isInstanceOf(ReconcileException.class)
        .hasMessageContaining("the contract has no block at all");
  }

  @Test
  void reconcile_refusesABlockRecordedCommittedWithAnUnknownTx() {
    closeBlocks(store, 2000);
    store.markCommitted(1000, l1.commitDirectly(root(1000)));
    store.markCommitted(2000, Hash32.ZERO);

    assertThatThrownBy(this::committer)
        .isInstanceOf(ReconcileException.class)
        .hasMessageContaining("the transaction was never known");
  }

  @Test
  void poll_requiresReconcileFirst() {
    RootCommitter committer = new RootCommitter(store, l1, config(GWEI, 1), clock);

    assertThatThrownBy(committer::poll)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("reconcile");
    assertThat(l1.sent).isEmpty();
  }

  private static BigInteger percent(BigInteger value, int percent) {
    return value.multiply(BigInteger.valueOf(percent)).divide(BigInteger.valueOf(100));
  }
}
