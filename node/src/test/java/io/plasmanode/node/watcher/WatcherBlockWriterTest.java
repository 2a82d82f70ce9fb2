package io.plasmanode.node.watcher;

import static io.plasmanode.core.testing.TestKeys.ALICE;
import static io.plasmanode.core.testing.TestKeys.BOB;
import static io.plasmanode.core.testing.TestKeys.CAROL;
import static io.plasmanode.node.watcher.SignedBlocks.VALIDATOR;
import static io.plasmanode.node.watcher.SignedBlocks.commitment;
import static io.plasmanode.node.watcher.SignedBlocks.deposit;
import static io.plasmanode.node.watcher.SignedBlocks.eth;
import static io.plasmanode.node.watcher.SignedBlocks.transfer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.plasmanode.core.l1.BlockCommitment;
import io.plasmanode.core.ledger.UtxoStatus;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.validation.Rejection;
import io.plasmanode.exitgame.BlockValidation;
import io.plasmanode.storage.chain.ChainStore;
import io.plasmanode.storage.kv.FlakyKeyValueStore;
import io.plasmanode.storage.kv.InMemoryKeyValueStore;
import io.plasmanode.storage.kv.StorageException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The next block is validated against the block being written; nothing acts before the write. */
class WatcherBlockWriterTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  private final FlakyKeyValueStore kv = new FlakyKeyValueStore(new InMemoryKeyValueStore());
  private final ChainStore chain = new ChainStore(kv);
  private final ExecutorService thread = Executors.newSingleThreadExecutor();
  private final WatcherBlockWriter writer = new WatcherBlockWriter(chain, thread);
  private final UtxoPos aliceDeposit = deposit(chain, 1, ALICE, 100);

  /** Block 1000: Alice pays 60 to Bob (1000:0:0), 40 back to herself. */
  private final List<byte[]> block1000 =
      List.of(transfer(ALICE, List.of(aliceDeposit), List.of(eth(BOB, 60), eth(ALICE, 40))));

  /** Block 2000: Bob pays the 60 he got in block 1000 to Carol. */
  private final List<byte[]> block2000 =
      List.of(transfer(BOB, List.of(new UtxoPos(1000, 0, 0)), List.of(eth(CAROL, 60))));

  private final List<String> steps = new CopyOnWriteArrayList<>();

  @AfterEach
  void stop() {
    kv.releaseCommits();
    thread.shutdownNow();
  }

  private BlockValidation validate(long blknum, List<byte[]> txs) {
    BlockCommitment root = commitment(blknum, txs);
    return VALIDATOR.validate(root, txs, writer);
  }

  private void write(long blknum, List<byte[]> txs) {
    var valid = (BlockValidation.Valid) validate(blknum, txs);
    writer.write(
        valid,
        commitment(blknum, txs).timestamp(),
        block ->
            steps.add(
                "block %d stored, height %d, on %s"
                    .formatted(block.blknum(), chain.height(), Thread.currentThread().getName())));
  }

  @Test
  void nextBlock_spendsAnOutputOfTheBlockStillBeingWritten() {
    kv.holdCommits();
    write(1000, block1000);
    await().atMost(WAIT).until(() -> kv.heldCommits() == 1);

    assertThat(chain.height()).isZero();
    assertThat(writer.height()).isEqualTo(1000);
    assertThat(writer.status(new UtxoPos(1000, 0, 0)))
        .isEqualTo(new UtxoStatus.Unspent(eth(BOB, 60)));
    assertThat(writer.status(aliceDeposit)).isEqualTo(UtxoStatus.SPENT);
    BlockValidation next = validate(2000, block2000);
    assertThat(next).isInstanceOf(BlockValidation.Valid.class);

    kv.releaseCommits();
    writer.awaitStored();
    writer.write((BlockValidation.Valid) next, SignedBlocks.T0, block -> {});
    writer.awaitStored();

    assertThat(chain.height()).isEqualTo(2000);
    assertThat(chain.status(new UtxoPos(1000, 0, 0))).isEqualTo(UtxoStatus.SPENT);
    assertThat(chain.status(new UtxoPos(2000, 0, 0)))
        .isEqualTo(new UtxoStatus.Unspent(eth(CAROL, 60)));
  }

  @Test
  void nextBlock_spendingAgainWhatTheBlockBeingWrittenSpent_isInvalid() {
    kv.holdCommits();
    write(1000, block1000);
    List<byte[]> doubleSpend =
        List.of(transfer(ALICE, List.of(aliceDeposit), List.of(eth(CAROL, 100))));

    var invalid = (BlockValidation.InvalidTransaction) validate(2000, doubleSpend);

    assertThat(invalid.blame()).isEqualTo(BlockValidation.Blame.OPERATOR);
    assertThat(invalid.rejection()).isEqualTo(Rejection.DOUBLE_SPEND);
    assertThat(chain.height()).isZero();
  }

  @Test
  void afterStoredSteps_runOnlyOnceTheStoreHoldsTheBlock_onTheAwaitingThread() {
    kv.holdCommits();
    write(1000, block1000);
    await().atMost(WAIT).until(() -> kv.heldCommits() == 1);
    assertThat(steps).isEmpty();

    kv.releaseCommits();
    writer.awaitStored();

    assertThat(steps)
        .containsExactly("block 1000 stored, height 1000, on " + Thread.currentThread().getName());
    assertThat(writer.height()).isEqualTo(1000);
  }

  @Test
  void failedWrite_dropsTheBlock_soTheNextValidationSeesTheStoreAgain() {
    kv.failCommits(true);
    write(1000, block1000);
    var next = (BlockValidation.Valid) validate(2000, block2000);

    assertThatThrownBy(writer::awaitStored)
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("block 1000 was validated but could not be stored")
        .hasMessageContaining("no space left on device");

    assertThat(steps).isEmpty();
    assertThat(chain.height()).isZero();
    assertThat(writer.height()).isZero();
    assertThat(writer.status(new UtxoPos(1000, 0, 0))).isEqualTo(UtxoStatus.UNKNOWN);
    assertThat(writer.status(aliceDeposit)).isEqualTo(new UtxoStatus.Unspent(eth(ALICE, 100)));
    assertThatThrownBy(() -> writer.write(next, SignedBlocks.T0, block -> {}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("does not follow 0");
  }

  @Test
  void afterAFailedWrite_theSameBlockIsWrittenAgainOnceTheStoreWorks() {
    kv.failCommits(true);
    write(1000, block1000);
    assertThatThrownBy(writer::awaitStored).isInstanceOf(StorageException.class);

    kv.failCommits(false);
    write(1000, block1000);
    writer.awaitStored();

    assertThat(chain.height()).isEqualTo(1000);
    assertThat(steps).hasSize(1);
  }

  @Test
  void write_refusesASecondBlockBeforeTheFirstIsAwaited() {
    kv.holdCommits();
    write(1000, block1000);
    var next = (BlockValidation.Valid) validate(2000, block2000);

    assertThatThrownBy(() -> writer.write(next, SignedBlocks.T0, block -> {}))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("block 1000 is not stored yet");
  }
}
