package io.plasmanode.node.commit;

import static io.plasmanode.node.commit.CommitFixture.T0;
import static io.plasmanode.node.commit.CommitFixture.closeBlocks;
import static io.plasmanode.node.commit.CommitFixture.root;
import static io.plasmanode.node.commit.FakeCommitChannel.GWEI;
import static org.assertj.core.api.Assertions.assertThat;

import io.plasmanode.core.testing.MutableClock;
import io.plasmanode.core.testing.TestKeys;
import io.plasmanode.core.types.Hash32;
import io.plasmanode.storage.chain.ChainStore;
import io.plasmanode.storage.kv.InMemoryKeyValueStore;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The root committer notices a block root on L1 that this operator did not produce (someone else
 * submits with the operator key), idle or busy, halts for good and announces it.
 */
class ForeignRootDetectionTest {
  private final MutableClock clock = new MutableClock(T0);
  private final ChainStore store = new ChainStore(new InMemoryKeyValueStore());
  private final FakeCommitChannel l1 = new FakeCommitChannel(TestKeys.ALICE.address());
  private final List<ForeignRoot> announced = new CopyOnWriteArrayList<>();

  private RootCommitter committer(int confirmations) {
    RootCommitterConfig config =
        new RootCommitterConfig(
            Duration.ofMillis(10),
            Duration.ofSeconds(30),
            20,
            GWEI.multiply(BigInteger.valueOf(500)),
            16,
            Duration.ofMinutes(2),
            Duration.ofSeconds(1),
            confirmations);
    RootCommitter committer = new RootCommitter(store, l1, config, clock);
    committer.reconcile();
    committer.addForeignRootListener(announced::add);
    return committer;
  }

  /** Someone else sends {@code submitBlock(root)} with the operator's key, mined in a new block. */
  private Hash32 foreignSubmission(Hash32 root) {
    l1.mineEmpty(1);
    return l1.commitDirectly(root);
  }

  @Test
  void idleOperator_haltsAtOnceOnABlockItDidNotSubmit() {
    closeBlocks(store, 1000);
    RootCommitter committer = committer(0);
    committer.poll();
    committer.poll();
    assertThat(committer.status().lastCommittedBlock()).isEqualTo(1000);

    Hash32 thief = root(2000, "thief");
    Hash32 foreignTx = foreignSubmission(thief);
    committer.poll(); // idle: nothing in flight, no block closed, no anchor check due

    assertThat(announced)
        .singleElement()
        .satisfies(found -> assertThat(found.blknum()).isEqualTo(2000));
    assertThat(committer.foreignRoot()).isPresent();
    assertThat(committer.status().alarms())
        .singleElement()
        .asString()
        .startsWith("block 2000 on L1 has root " + thief.toHex())
        .contains("L1 tx " + foreignTx.toHex())
        .contains("that this operator did not produce (it has no block 2000)")
        .contains("someone else is submitting blocks with the operator key")
        .contains("Stop every other node that uses the operator key")
        .contains("a restart refuses: foreign root at block 2000");

    closeBlocks(store, 2000); // a block closed before production stopped is never sent
    committer.poll();
    committer.poll();
    assertThat(l1.sent).hasSize(1);
    assertThat(announced).hasSize(1);
  }

  @Test
  void foreignRootInFlight_namesTheForeignRootWhenItTakesTheOperatorsNonce() {
    closeBlocks(store, 1000);
    RootCommitter committer = committer(0);
    committer.poll();
    l1.automine = false;
    closeBlocks(store, 2000);
    committer.poll(); // block 2000 sent with nonce 1, waiting in the pool

    Hash32 thief = root(2000, "thief");
    foreignSubmission(thief); // nonce 1 taken by another transaction
    committer.poll();
    l1.mine();
    committer.poll();

    assertThat(announced).singleElement();
    assertThat(committer.status().alarms())
        .singleElement()
        .asString()
        .startsWith("block 2000 on L1 has root " + thief.toHex())
        .contains("its own block 2000 has root " + root(2000).toHex());
    assertThat(l1.sent).extracting(FakeCommitChannel.PoolTx::nonce).containsExactly(0L, 1L);
  }

  @Test
  void consumedNonce_isReportedAsAForeignRootEvenBeforeTheEventScanSeesIt() {
    closeBlocks(store, 1000);
    RootCommitter committer = committer(0);
    committer.poll();
    l1.automine = false;
    closeBlocks(store, 2000);
    committer.poll(); // the event scan has read the current L1 head
    Hash32 thief = root(2000, "thief");
    l1.commitDirectly(thief); // in the head block already scanned (as a same-height reorg would)

    committer.poll(); // the tracker finds nonce 1 used by a transaction that is not its own

    assertThat(announced).singleElement();
    assertThat(committer.status().alarms())
        .singleElement()
        .asString()
        .startsWith("block 2000 on L1 has root " + thief.toHex());
  }

  @Test
  void ownBlocks_sentByAnEarlierRunAreNotForeign() {
    closeBlocks(store, 2000);
    RootCommitter committer = committer(3);
    l1.mineEmpty(1);
    l1.commitDirectly(root(1000)); // the earlier run's transaction, mined after the reconcile
    committer.poll();
    l1.mineEmpty(3);
    committer.poll();
    committer.poll();

    assertThat(announced).isEmpty();
    assertThat(committer.status().alarms()).isEmpty();
    assertThat(store.pendingCommits()).isEmpty();
  }

  @Test
  void foreignRoot_isSeenAgainAfterAReorgMovesItIntoScannedBlocks() {
    closeBlocks(store, 1000);
    RootCommitter committer = committer(2);
    committer.poll();
    l1.mineEmpty(3);
    committer.poll();
    assertThat(committer.status().lastCommittedBlock()).isEqualTo(1000);

    l1.commitDirectly(root(2000, "thief")); // lands in the already scanned head block
    committer.poll();
    assertThat(announced).isEmpty(); // the head has not moved: not read yet
    l1.mineEmpty(1);
    committer.poll();

    assertThat(announced).singleElement();
  }
}
