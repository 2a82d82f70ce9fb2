package io.plasmanode.node.watcher;

import static io.plasmanode.core.testing.TestKeys.ALICE;
import static io.plasmanode.core.testing.TestKeys.BOB;
import static io.plasmanode.core.testing.TestKeys.CAROL;
import static io.plasmanode.node.watcher.SignedBlocks.DOMAIN;
import static io.plasmanode.node.watcher.SignedBlocks.T0;
import static io.plasmanode.node.watcher.SignedBlocks.VALIDATOR;
import static io.plasmanode.node.watcher.SignedBlocks.commitment;
import static io.plasmanode.node.watcher.SignedBlocks.deposit;
import static io.plasmanode.node.watcher.SignedBlocks.eth;
import static io.plasmanode.node.watcher.SignedBlocks.transfer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.plasmanode.core.crypto.BouncyCastleSignerRecovery;
import io.plasmanode.core.ledger.UtxoStatus;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.validation.Rejection;
import io.plasmanode.exitgame.ByzantineEvent;
import io.plasmanode.exitgame.ExitGameConfig;
import io.plasmanode.exitgame.RecordedEvent;
import io.plasmanode.exitgame.SpendCollector;
import io.plasmanode.storage.chain.ChainStore;
import io.plasmanode.storage.kv.FlakyKeyValueStore;
import io.plasmanode.storage.kv.InMemoryKeyValueStore;
import io.plasmanode.storage.kv.StorageException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The sync validates each block against the one still being written, and acts on nothing (its
 * verdict on the next block, the exit game's steps) before the store holds the block before.
 */
class BlockSyncerTest {
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final Clock CLOCK = Clock.fixed(T0, ZoneOffset.UTC);

  /** No lookahead: each block is fetched on the sync thread, after the last one was handed on. */
  private static final Executor NO_PREFETCH =
      command -> {
        throw new RejectedExecutionException("no prefetch in this test");
      };

  private final FlakyKeyValueStore kv = new FlakyKeyValueStore(new InMemoryKeyValueStore());
  private final ChainStore chain = new ChainStore(kv);

  /** The watcher's own state in a store of its own, so that only the chain's writes fail. */
  private final WatcherStore store = new WatcherStore(new InMemoryKeyValueStore());

  private final ExecutorService writerThread = Executors.newSingleThreadExecutor();
  private final UtxoPos aliceDeposit = deposit(chain, 1, ALICE, 100);
  private final Served source = new Served();
  private final List<Long> advanced = new CopyOnWriteArrayList<>();

  /** Block 1000: Alice pays 60 to Bob (1000:0:0), 40 back to herself. */
  private final List<byte[]> block1000 =
      List.of(transfer(ALICE, List.of(aliceDeposit), List.of(eth(BOB, 60), eth(ALICE, 40))));

  /** Block 2000: Bob pays the 60 he got in block 1000 to Carol. */
  private final List<byte[]> block2000 =
      List.of(transfer(BOB, List.of(new UtxoPos(1000, 0, 0)), List.of(eth(CAROL, 60))));

  /** Block 2000, invalid: Alice spends her deposit again, which block 1000 spent. */
  private final List<byte[]> doubleSpend2000 =
      List.of(transfer(ALICE, List.of(aliceDeposit), List.of(eth(CAROL, 100))));

  @AfterEach
  void stop() {
    kv.releaseCommits();
    writerThread.shutdownNow();
  }

  /** A source serving the blocks given, which can run something when asked for one. */
  private static final class Served implements RemoteBlockSource {
    private final Map<Long, List<byte[]>> blocks = new ConcurrentHashMap<>();
    private final Map<Long, Runnable> onFetch = new ConcurrentHashMap<>();

    @Override
    public String name() {
      return "test source";
    }

    @Override
    public boolean isOperator() {
      return true;
    }

    @Override
    public Optional<List<byte[]>> fetch(long blknum) {
      onFetch.getOrDefault(blknum, () -> {}).run();
      return Optional.ofNullable(blocks.get(blknum));
    }
  }

  private BlockSyncer syncer(WatcherState state) {
    return new BlockSyncer(
        chain,
        store,
        state,
        List.of(source),
        VALIDATOR,
        CLOCK,
        () -> 2000,
        advanced::add,
        NO_PREFETCH,
        writerThread,
        new SpendReader(
            chain,
            store,
            state,
            List.of(source),
            new SpendCollector(DOMAIN, new BouncyCastleSignerRecovery())));
  }

  private WatcherState state() {
    return new WatcherState(
        store,
        new ExitGameConfig(Duration.ofSeconds(30), Duration.ofSeconds(10)),
        WatcherNode.inFlightConfig(
            Duration.ofHours(2), Duration.ofSeconds(30), Duration.ofSeconds(10)),
        Duration.ofHours(1),
        chain.height(),
        CLOCK);
  }

  /** L1 committed these blocks, and the source serves them. */
  private void committed(Map<Long, List<byte[]>> blocks) {
    store.save(
        new WatcherStore.Update(
            OptionalLong.empty(),
            blocks.entrySet().stream()
                .map(block -> commitment(block.getKey(), block.getValue()))
                .toList(),
            List.of(),
            List.of(),
            List.of(),
            Map.of(),
            List.of()));
    source.blocks.putAll(blocks);
  }

  private List<ByzantineEvent> events() {
    return store.events().stream()
        .map(WatcherStore.StoredEvent::recorded)
        .map(RecordedEvent::event)
        .toList();
  }

  @Test
  void sync_fetchesAndValidatesTheNextBlockWhileTheLastIsWritten() {
    committed(Map.of(1000L, block1000, 2000L, block2000));
    WatcherState state = state();
    List<Integer> heldWhenAskedFor2000 = new CopyOnWriteArrayList<>();
    source.onFetch.put(
        2000L,
        () -> {
          await().atMost(WAIT).until(() -> kv.heldCommits() == 1);
          heldWhenAskedFor2000.add(kv.heldCommits());
        });
    kv.holdCommits();

    CompletableFuture<Void> sync = CompletableFuture.runAsync(syncer(state)::sync);
    await().atMost(WAIT).until(() -> !heldWhenAskedFor2000.isEmpty());
    assertThat(chain.height()).isZero();
    kv.releaseCommits();
    sync.join();

    assertThat(heldWhenAskedFor2000).containsExactly(1);
    assertThat(chain.height()).isEqualTo(2000);
    assertThat(advanced).containsExactly(2000L);
    assertThat(events()).isEmpty();
    assertThat(state.halted()).isFalse();
  }

  @Test
  void sync_raisesInvalidBlock_forASpendOfWhatTheBlockBeforeSpent() {
    committed(Map.of(1000L, block1000, 2000L, doubleSpend2000));
    WatcherState state = state();

    syncer(state).sync();

    assertThat(chain.height()).isEqualTo(1000);
    assertThat(state.halted()).isTrue();
    assertThat(events())
        .singleElement()
        .isInstanceOfSatisfying(
            ByzantineEvent.InvalidBlock.class,
            invalid -> {
              assertThat(invalid.blknum()).isEqualTo(2000);
              assertThat(invalid.rejection()).isEqualTo(Rejection.DOUBLE_SPEND);
            });
  }

  @Test
  void failedWrite_stopsTheSync_withoutActingOnTheNextBlock_andTheNextSyncResumes() {
    committed(Map.of(1000L, block1000, 2000L, doubleSpend2000));
    WatcherState state = state();
    BlockSyncer syncer = syncer(state);
    kv.failCommits(true);

    assertThatThrownBy(syncer::sync)
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("block 1000 was validated but could not be stored");

    assertThat(chain.height()).isZero();
    assertThat(advanced).isEmpty();
    assertThat(events()).isEmpty();
    assertThat(state.halted()).isFalse();

    kv.failCommits(false);
    syncer.sync();

    assertThat(chain.height()).isEqualTo(1000);
    assertThat(advanced).containsExactly(1000L);
    assertThat(events()).singleElement().isInstanceOf(ByzantineEvent.InvalidBlock.class);
    assertThat(state.halted()).isTrue();
  }

  @Test
  void failedWrite_storesNothingAfterTheFailedBlock_andTheNextSyncStoresBoth() {
    committed(Map.of(1000L, block1000, 2000L, block2000));
    BlockSyncer syncer = syncer(state());
    kv.failCommits(true);

    assertThatThrownBy(syncer::sync).isInstanceOf(StorageException.class);
    assertThat(chain.height()).isZero();

    kv.failCommits(false);
    syncer.sync();

    assertThat(chain.height()).isEqualTo(2000);
    assertThat(chain.status(new UtxoPos(2000, 0, 0)))
        .isEqualTo(new UtxoStatus.Unspent(eth(CAROL, 60)));
    assertThat(events()).isEmpty();
  }

  @Test
  void restart_afterBlocksValidatedButNeverStored_syncsThemAgainFromTheStore() {
    committed(Map.of(1000L, block1000, 2000L, block2000));
    kv.failCommits(true); // the process dies before its writes: none reaches the disk
    assertThatThrownBy(syncer(state())::sync).isInstanceOf(StorageException.class);
    kv.failCommits(false);

    WatcherState restarted = state();
    syncer(restarted).sync();

    assertThat(chain.height()).isEqualTo(2000);
    assertThat(advanced).containsExactly(2000L);
    assertThat(events()).isEmpty();
    assertThat(restarted.halted()).isFalse();
  }
}
