package io.plasmanode.storage.chain;

import static io.plasmanode.storage.chain.ChainFixture.ALICE;
import static io.plasmanode.storage.chain.ChainFixture.BOB;
import static io.plasmanode.storage.chain.ChainFixture.CAROL;
import static io.plasmanode.storage.chain.ChainFixture.ETH;
import static io.plasmanode.storage.chain.ChainFixture.output;
import static io.plasmanode.storage.chain.ChainFixture.pos;
import static io.plasmanode.storage.chain.ChainFixture.transfer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plasmanode.core.ledger.Utxo;
import io.plasmanode.core.ledger.UtxoDelta;
import io.plasmanode.core.ledger.UtxoStatus;
import io.plasmanode.core.ledger.VerifiedTransaction;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Hash32;
import io.plasmanode.storage.chain.ChainProblem.Kind;
import io.plasmanode.storage.kv.InMemoryKeyValueStore;
import io.plasmanode.storage.kv.KeyValueStore;
import io.plasmanode.storage.kv.KvColumn;
import io.plasmanode.storage.kv.LevelDbKeyValueStore;
import io.plasmanode.storage.kv.StorageException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ChainCheck} on {@link TestChains}' consistent chain, then on copies damaged one way each
 * through the {@link KeyValueStore}: every kind of problem is reported, named and located.
 */
class ChainCheckTest {
  private static final Hash32 L1_TX = Hash32.fromHex("0x" + "ab".repeat(32));

  private final InMemoryKeyValueStore kv = new InMemoryKeyValueStore();

  ChainCheckTest() {
    TestChains.writeConsistentChain(kv);
  }

  private ChainCheckReport full() {
    return ChainCheck.run(kv, ChainCheckMode.FULL, 100);
  }

  private ChainCheckReport quick() {
    return ChainCheck.run(kv, ChainCheckMode.QUICK, 100);
  }

  private <K, V> void put(KvColumn<K, V> column, K key, V value) {
    try (KeyValueStore.Transaction tx = kv.startTransaction()) {
      column.put(tx, key, value);
      tx.commit();
    }
  }

  private <K, V> void delete(KvColumn<K, V> column, K key) {
    try (KeyValueStore.Transaction tx = kv.startTransaction()) {
      column.delete(tx, key);
      tx.commit();
    }
  }

  private static ChainProblem problem(Kind kind, String where, String detail) {
    return new ChainProblem(kind, where, detail);
  }

  private static List<Kind> kinds(ChainCheckReport report) {
    return report.problems().stream().map(ChainProblem::kind).toList();
  }

  private static UtxoEntry unspent(io.plasmanode.core.tx.Output output) {
    return UtxoEntry.of(new UtxoStatus.Unspent(output));
  }

  @Test
  void consistentChain_fullCheckFindsNothingAndCountsEverything() {
    ChainCheckReport report = full();

    assertThat(report.problems()).isEmpty();
    assertThat(report.isConsistent()).isTrue();
    assertThat(report.mode()).isEqualTo(ChainCheckMode.FULL);
    assertThat(report.height()).isEqualTo(3000);
    assertThat(report.blocks()).isEqualTo(3);
    assertThat(report.txs()).isEqualTo(5);
    assertThat(report.utxos()).as("4 deposits and 7 outputs of blocks").isEqualTo(11);
    assertThat(report.summary())
        .startsWith("consistent (full check): height 3000, 3 blocks, 5 txs, 11 utxos checked in");
  }

  @Test
  void consistentChain_quickCheckFindsNothingAndReadsTheLastBlockOnly() {
    ChainCheckReport report = quick();

    assertThat(report.problems()).isEmpty();
    assertThat(report.blocks()).isEqualTo(1);
    assertThat(report.txs()).isEqualTo(1);
    assertThat(report.utxos()).as("its input, its output, deposit 3001").isEqualTo(3);
  }

  @Test
  void emptyStore_isConsistent() {
    InMemoryKeyValueStore empty = new InMemoryKeyValueStore();

    assertThat(ChainCheck.run(empty, ChainCheckMode.FULL).problems()).isEmpty();
    assertThat(ChainCheck.run(empty, ChainCheckMode.QUICK).problems()).isEmpty();
  }

  @Test
  void off_checksNothing() {
    TestChains.reviveSpentOutput(kv, pos(1000, 0, 0));

    ChainCheckReport report = ChainCheck.run(kv, ChainCheckMode.OFF);

    assertThat(report.isConsistent()).isTrue();
    assertThat(report.mode()).isEqualTo(ChainCheckMode.OFF);
  }

  @Test
  void columnsOfOtherStores_areIgnored() {
    try (KeyValueStore.Transaction tx = kv.startTransaction()) {
      tx.put(new byte[] {32, 0, 1}, new byte[] {7});
      tx.put(new byte[] {(byte) 200}, new byte[0]);
      tx.commit();
    }

    assertThat(full().problems()).isEmpty();
  }

  // --- The UTXO column against the recomputed set

  @Test
  void spentOutputStoredUnspent_isReportedWithItsSpender() {
    TestChains.reviveSpentOutput(kv, pos(1000, 0, 0));

    assertThat(full().problems())
        .containsExactly(
            problem(
                Kind.UTXO_STATUS_MISMATCH, "utxo 1000:0:0", "stored unspent but spent by 1000:1"),
            problem(
                Kind.OWNER_INDEX_MISSING,
                "utxo 1000:0:0",
                "is unspent but missing from the owner index of " + ALICE.toHex()));
  }

  @Test
  void missingEntry_isReportedWithTheTransactionThatCreatedIt() {
    delete(ChainColumns.UTXOS, pos(2000, 0, 1));

    assertThat(full().problems())
        .containsExactly(
            problem(Kind.UTXO_MISSING, "utxo 2000:0:1", "created by tx 2000:0 has no stored entry"),
            problem(
                Kind.OWNER_INDEX_STALE,
                "owner index entry " + CAROL.toHex() + " 2000:0:1",
                "lists an output that is not stored"));
  }

  @Test
  void missingDepositEntry_isReported() {
    delete(ChainColumns.UTXOS, pos(1001, 0, 0));

    assertThat(full().problems())
        .containsExactly(
            problem(
                Kind.UTXO_MISSING,
                "utxo 1001:0:0",
                "of deposit 1001 has no stored entry (spent by 3000:0)"));
  }

  @Test
  void entryNothingCreated_isReported() {
    put(ChainColumns.UTXOS, pos(5000, 0, 0), UtxoEntry.of(UtxoStatus.SPENT));
    put(
        ChainColumns.UTXOS,
        pos(1000, 2, 0),
        UtxoEntry.of(new UtxoStatus.Exiting(output(BOB, ETH, 1))));

    assertThat(full().problems())
        .containsExactly(
            problem(
                Kind.UTXO_UNEXPECTED,
                "utxo 1000:2:0",
                "is stored (exiting) but no deposit or stored transaction created it"),
            problem(
                Kind.UTXO_UNEXPECTED,
                "utxo 5000:0:0",
                "is stored (spent (no spender recorded)) but no deposit or stored transaction"
                    + " created it"));
  }

  @Test
  void entryWithAnotherOutput_isReported() {
    put(ChainColumns.UTXOS, TestChains.BOBS_UNSPENT, unspent(output(BOB, ETH, 31)));

    assertThat(full().problems())
        .containsExactly(
            problem(
                Kind.UTXO_OUTPUT_MISMATCH,
                "utxo 2000:0:0",
                "stores owner %s, token %s, amount 31, not the output tx 2000:0 created"
                    .formatted(BOB.toHex(), ETH.toHex())));
  }

  @Test
  void exitingEntryWithAnotherOutput_isReported() {
    put(
        ChainColumns.UTXOS,
        TestChains.EXITING,
        UtxoEntry.of(new UtxoStatus.Exiting(output(ALICE, ETH, 41))));

    assertThat(kinds(full())).containsExactly(Kind.UTXO_OUTPUT_MISMATCH);
  }

  @Test
  void unspentOutputStoredSpent_isReported() {
    put(ChainColumns.UTXOS, pos(2000, 0, 1), UtxoEntry.of(UtxoStatus.SPENT));

    assertThat(full().problems())
        .containsExactly(
            problem(
                Kind.UTXO_STATUS_MISMATCH,
                "utxo 2000:0:1",
                "stored spent (no spender recorded) but no stored transaction spends it"),
            problem(
                Kind.OWNER_INDEX_STALE,
                "owner index entry " + CAROL.toHex() + " 2000:0:1",
                "lists an output that is spent (no spender recorded)"));
  }

  @Test
  void wrongSpender_isReported() {
    put(ChainColumns.UTXOS, pos(1, 0, 0), UtxoEntry.spentBy(new TxLocation(2000, 0)));

    assertThat(full().problems())
        .containsExactly(
            problem(
                Kind.UTXO_STATUS_MISMATCH,
                "utxo 1:0:0",
                "stored spent by 2000:0 but spent by 1000:0"));
  }

  @Test
  void spentOutputStoredExiting_isReported() {
    put(
        ChainColumns.UTXOS,
        pos(1000, 1, 0),
        UtxoEntry.of(new UtxoStatus.Exiting(output(CAROL, ETH, 60))));

    assertThat(full().problems())
        .containsExactly(
            problem(
                Kind.UTXO_STATUS_MISMATCH, "utxo 1000:1:0", "stored exiting but spent by 2000:0"));
  }

  // --- Spends in the stored blocks

  /** Stores block 4000 of {@code transactions} as given, with a delta that says nothing. */
  private void commitUncheckedBlock(VerifiedTransaction... transactions) {
    StoredBlock block =
        StoredBlock.of(
            4000,
            java.util.Arrays.stream(transactions).map(VerifiedTransaction::signed).toList(),
            Instant.EPOCH);
    new ChainStore(kv).commitBlock(block, new UtxoDelta(List.of(), List.of()));
    put(ChainColumns.UTXOS, pos(4000, 0, 0), unspent(output(BOB, ETH, 30)));
    put(ChainColumns.OWNER_UTXOS, new OwnedPos(BOB, pos(4000, 0, 0)), Marker.PRESENT);
  }

  @Test
  void outputSpentTwice_isReportedWithBothSpenders() {
    put(ChainColumns.UTXOS, TestChains.BOBS_UNSPENT, UtxoEntry.spentBy(new TxLocation(4000, 0)));
    delete(ChainColumns.OWNER_UTXOS, new OwnedPos(BOB, TestChains.BOBS_UNSPENT));
    VerifiedTransaction spend =
        transfer(List.of(TestChains.BOBS_UNSPENT), List.of(output(BOB, ETH, 30)), List.of(BOB));
    VerifiedTransaction again =
        transfer(List.of(TestChains.BOBS_UNSPENT), List.of(output(ALICE, ETH, 30)), List.of(BOB));
    commitUncheckedBlock(spend, again);
    put(ChainColumns.UTXOS, pos(4000, 1, 0), unspent(output(ALICE, ETH, 30)));
    put(ChainColumns.OWNER_UTXOS, new OwnedPos(ALICE, pos(4000, 1, 0)), Marker.PRESENT);

    assertThat(full().problems())
        .containsExactly(
            problem(Kind.DOUBLE_SPEND, "utxo 2000:0:0", "is spent by 4000:0 and again by 4000:1"));
  }

  @Test
  void spendOfAnOutputNothingCreated_isReported() {
    commitUncheckedBlock(
        transfer(List.of(pos(9000, 0, 0)), List.of(output(BOB, ETH, 30)), List.of(BOB)));

    assertThat(full().problems())
        .containsExactly(
            problem(
                Kind.SPEND_OF_UNKNOWN_OUTPUT,
                "tx 4000:0",
                "spends utxo 9000:0:0, which no deposit or earlier transaction created"));
  }

  // --- The indexes

  @Test
  void unspentOutputMissingFromTheOwnerIndex_isReported() {
    delete(ChainColumns.OWNER_UTXOS, new OwnedPos(CAROL, pos(2000, 0, 1)));

    assertThat(full().problems())
        .containsExactly(
            problem(
                Kind.OWNER_INDEX_MISSING,
                "utxo 2000:0:1",
                "is unspent but missing from the owner index of " + CAROL.toHex()));
  }

  @Test
  void ownerIndexListingAnExitingOrAnotherOwnersOutput_isReported() {
    put(ChainColumns.OWNER_UTXOS, new OwnedPos(ALICE, TestChains.EXITING), Marker.PRESENT);
    put(ChainColumns.OWNER_UTXOS, new OwnedPos(ALICE, TestChains.BOBS_UNSPENT), Marker.PRESENT);

    assertThat(full().problems())
        .containsExactly(
            problem(
                Kind.OWNER_INDEX_STALE,
                "owner index entry " + ALICE.toHex() + " 1000:0:1",
                "lists an output that is exiting"),
            problem(
                Kind.OWNER_INDEX_STALE,
                "owner index entry " + ALICE.toHex() + " 2000:0:0",
                "lists an output that is owned by " + BOB.toHex()));
  }

  @Test
  void transactionMissingFromTheTxIndex_isReported() {
    Hash32 hash = new ChainStore(kv).block(2000).orElseThrow().transactions().get(1).txHash();
    delete(ChainColumns.TX_INDEX, hash);

    assertThat(full().problems())
        .containsExactly(
            problem(
                Kind.TX_INDEX_MISSING,
                "tx 2000:1",
                "(%s) is missing from the tx index".formatted(hash.toShortHex())));
  }

  @Test
  void txIndexEntryPointingElsewhere_isReported() {
    Hash32 hash = new ChainStore(kv).block(2000).orElseThrow().transactions().get(1).txHash();
    Hash32 other = new ChainStore(kv).block(2000).orElseThrow().transactions().get(0).txHash();
    put(ChainColumns.TX_INDEX, hash, new TxLocation(2000, 0));
    put(ChainColumns.TX_INDEX, Hash32.ZERO, new TxLocation(7000, 3));

    assertThat(full().problems())
        .containsExactlyInAnyOrder(
            problem(
                Kind.TX_INDEX_WRONG,
                "tx index entry " + Hash32.ZERO.toShortHex(),
                "points to 7000:3, which is not a stored transaction"),
            problem(
                Kind.TX_INDEX_WRONG,
                "tx index entry " + hash.toShortHex(),
                "points to 2000:0, which is " + other.toShortHex()),
            problem(
                Kind.TX_INDEX_MISSING,
                "tx 2000:1",
                "(%s) is missing from the tx index".formatted(hash.toShortHex())));
  }

  // --- Height, blocks and their transactions

  @Test
  void blockMissingBelowTheHeight_isReportedFirst() {
    delete(ChainColumns.BLOCKS, 2000L);

    ChainCheckReport report = full();

    assertThat(report.problems().getFirst())
        .isEqualTo(problem(Kind.BLOCK_MISSING, "block 2000", "is missing below height 3000"));
    assertThat(kinds(report)).contains(Kind.COMMIT_STATUS_ORPHAN, Kind.BLOCK_CHUNK_ORPHAN);
  }

  @Test
  void heightAboveTheLastBlocks_reportsTheGap() {
    put(ChainColumns.META, MetaKey.HEIGHT, 9000L);

    assertThat(full().problems())
        .containsExactly(
            problem(
                Kind.BLOCK_MISSING,
                "blocks 4000 to 9000",
                "(6 blocks) are missing below height 9000"));
  }

  @Test
  void blockAboveTheHeight_isReported() {
    put(ChainColumns.META, MetaKey.HEIGHT, 2000L);

    ChainCheckReport report = full();

    assertThat(report.problems().getFirst())
        .isEqualTo(problem(Kind.BLOCK_ABOVE_HEIGHT, "block 3000", "is above height 2000"));
    assertThat(quick().problems()).contains(report.problems().getFirst());
  }

  @Test
  void rootThatIsNotTheMerkleRootOfTheTransactions_isReported() {
    BlockHeader header = ChainColumns.BLOCKS.get(kv, 2000L).orElseThrow();
    put(ChainColumns.BLOCKS, 2000L, new BlockHeader(Hash32.ZERO, header.timestamp(), 2));

    ChainCheckReport report = full();

    assertThat(kinds(report)).containsExactly(Kind.BLOCK_ROOT_MISMATCH);
    assertThat(report.problems().getFirst().detail())
        .isEqualTo(
            "has root %s but its transactions' Merkle root is %s"
                .formatted(Hash32.ZERO.toShortHex(), header.root().toShortHex()));
  }

  @Test
  void headerCountingMoreTransactionsThanStored_isReported() {
    BlockHeader header = ChainColumns.BLOCKS.get(kv, 2000L).orElseThrow();
    put(ChainColumns.BLOCKS, 2000L, new BlockHeader(header.root(), header.timestamp(), 3));

    assertThat(full().problems())
        .containsExactly(
            problem(
                Kind.BLOCK_CHUNK_INVALID,
                "transactions 2000:0",
                "hold 2 transactions where block 2000's header says 3"),
            problem(
                Kind.BLOCK_TX_COUNT_MISMATCH,
                "block 2000",
                "lists 3 transactions but 2 are stored"));
  }

  @Test
  void transactionsOfNoBlockOrOutOfPlace_areReported() {
    List<TxBytes> chunk = ChainColumns.BLOCK_TXS.get(kv, new TxLocation(2000, 0)).orElseThrow();
    put(ChainColumns.BLOCK_TXS, new TxLocation(9000, 0), chunk);
    put(ChainColumns.BLOCK_TXS, new TxLocation(2000, 256), chunk);

    assertThat(full().problems())
        .containsExactly(
            problem(
                Kind.BLOCK_CHUNK_INVALID,
                "transactions 2000:256",
                "are not a chunk of block 2000's 2 transactions"),
            problem(
                Kind.BLOCK_CHUNK_ORPHAN,
                "transactions 9000:0",
                "are stored for block 9000, which is not in the chain"));
  }

  @Test
  void chunkWithFewerTransactions_isReported() {
    List<TxBytes> chunk = ChainColumns.BLOCK_TXS.get(kv, new TxLocation(1000, 0)).orElseThrow();
    put(ChainColumns.BLOCK_TXS, new TxLocation(1000, 0), chunk.subList(0, 1));

    ChainCheckReport report = full();

    assertThat(report.problems())
        .startsWith(
            problem(
                Kind.BLOCK_CHUNK_INVALID,
                "transactions 1000:0",
                "hold 1 transactions where block 1000's header says 2"),
            problem(
                Kind.BLOCK_TX_COUNT_MISMATCH,
                "block 1000",
                "lists 2 transactions but 1 are stored"));
  }

  @Test
  void transactionStoredUnderAnotherHash_isReported() {
    List<TxBytes> chunk = ChainColumns.BLOCK_TXS.get(kv, new TxLocation(3000, 0)).orElseThrow();
    TxBytes tx = chunk.getFirst();
    put(
        ChainColumns.BLOCK_TXS,
        new TxLocation(3000, 0),
        List.of(TxBytes.fromStorage(Hash32.ZERO, tx.signedBytes())));

    ChainCheckReport report = full();

    assertThat(report.problems().getFirst())
        .isEqualTo(
            problem(
                Kind.TX_HASH_MISMATCH,
                "tx 3000:0",
                "is stored under hash %s but hashes to %s"
                    .formatted(Hash32.ZERO.toShortHex(), tx.txHash().toShortHex())));
    assertThat(kinds(report))
        .as("the history keeps no hash: its keys still name the tx's parties")
        .containsExactlyInAnyOrder(
            Kind.TX_HASH_MISMATCH, Kind.TX_INDEX_WRONG, Kind.TX_INDEX_MISSING);
  }

  @Test
  void transactionThatDoesNotDecode_isReported() {
    put(
        ChainColumns.BLOCK_TXS,
        new TxLocation(3000, 0),
        List.of(TxBytes.fromStorage(Hash32.ZERO, new byte[] {(byte) 0xc0, 1})));

    ChainCheckReport report = full();

    assertThat(report.problems().getFirst().kind()).isEqualTo(Kind.TX_UNDECODABLE);
    assertThat(report.problems().getFirst().where()).isEqualTo("tx 3000:0");
    assertThat(report.problems().getFirst().detail()).startsWith("does not decode: rlp_");
  }

  @Test
  void valueThatDoesNotDecode_isReportedAndTheCheckGoesOn() {
    try (KeyValueStore.Transaction tx = kv.startTransaction()) {
      tx.put(ChainColumns.UTXOS.key(TestChains.BOBS_UNSPENT), new byte[] {1, 99});
      tx.put(new byte[] {ChainColumns.UTXOS.id(), 0, 0}, new byte[] {1, 3});
      tx.commit();
    }

    ChainCheckReport report = full();

    assertThat(report.problems())
        .startsWith(
            problem(
                Kind.UNREADABLE_ENTRY,
                "utxos key 0x0000",
                "does not decode: corrupt stored bytes: need 8 more, have 2"));
    assertThat(report.problems().get(1).where()).isEqualTo("utxos 2000:0:0");
    assertThat(report.problems().get(1).detail()).startsWith("has a value that does not decode");
  }

  // --- Commit statuses and deposits

  @Test
  void blockWithoutCommitStatus_andStatusOfNoBlock_areReported() {
    delete(ChainColumns.COMMIT_STATUS, 1000L);
    put(ChainColumns.COMMIT_STATUS, 8000L, CommitStatus.PENDING);

    assertThat(full().problems())
        .containsExactly(
            problem(
                Kind.COMMIT_STATUS_ORPHAN,
                "commit status of block 8000",
                "is stored but the block is not"),
            problem(Kind.COMMIT_STATUS_MISSING, "block 1000", "has no commit status"));
  }

  @Test
  void pendingBlockNotListed_andListedCommittedBlock_areReported() {
    delete(ChainColumns.PENDING_COMMITS, 3000L);
    put(ChainColumns.PENDING_COMMITS, 1000L, Marker.PRESENT);
    put(ChainColumns.PENDING_COMMITS, 6000L, Marker.PRESENT);

    assertThat(full().problems())
        .containsExactly(
            problem(
                Kind.PENDING_COMMIT_STALE,
                "pending commit of block 1000",
                "is listed but the block is committed"),
            problem(
                Kind.PENDING_COMMIT_STALE,
                "pending commit of block 6000",
                "is listed but the block is not stored"),
            problem(
                Kind.PENDING_COMMIT_MISSING,
                "block 3000",
                "is pending but not listed in the pending commits (it would never be committed)"));
    assertThat(new ChainStore(kv).commitStatus(1000L)).hasValue(new CommitStatus.Committed(L1_TX));
  }

  @Test
  void depositAtAChildBlockNumber_isReported() {
    put(ChainColumns.DEPOSITS, 5000L, 1L);

    assertThat(full().problems())
        .containsExactly(
            problem(
                Kind.DEPOSIT_NUMBER_INVALID,
                "deposit 5000",
                "is not a deposit block number (between child block numbers)"));
  }

  // --- The quick check

  @Test
  void quick_findsDamageToTheLastBlocksEffects() {
    TestChains.reviveSpentOutput(kv, pos(1001, 0, 0));
    delete(ChainColumns.OWNER_UTXOS, new OwnedPos(ALICE, pos(3000, 0, 0)));
    Hash32 hash = new ChainStore(kv).block(3000).orElseThrow().transactions().getFirst().txHash();
    delete(ChainColumns.TX_INDEX, hash);

    assertThat(quick().problems())
        .containsExactly(
            problem(
                Kind.UTXO_STATUS_MISMATCH, "utxo 1001:0:0", "stored unspent but spent by 3000:0"),
            problem(
                Kind.OWNER_INDEX_MISSING,
                "utxo 3000:0:0",
                "is unspent but missing from the owner index of " + ALICE.toHex()),
            problem(
                Kind.TX_INDEX_MISSING,
                "tx 3000:0",
                "(%s) is missing from the tx index".formatted(hash.toShortHex())));
  }

  @Test
  void quick_findsTheNextBlockStartedAndARecentDepositLost() {
    put(ChainColumns.UTXOS, pos(4000, 0, 0), unspent(output(BOB, ETH, 1)));
    delete(ChainColumns.UTXOS, pos(3001, 0, 0));

    assertThat(quick().problems())
        .containsExactly(
            problem(
                Kind.UTXO_UNEXPECTED,
                "utxo 4000:0:0",
                "is stored but block 4000 is above height 3000"),
            problem(Kind.UTXO_MISSING, "utxo 3001:0:0", "of deposit 3001 has no stored entry"));
  }

  @Test
  void quick_doesNotReadOlderBlocks_whereTheFullCheckFindsDamage() {
    TestChains.reviveSpentOutput(kv, pos(1000, 0, 0));

    assertThat(quick().problems()).isEmpty();
    assertThat(kinds(full())).contains(Kind.UTXO_STATUS_MISMATCH);
  }

  @Test
  void quick_findsTheLastBlocksWrongRoot() {
    BlockHeader header = ChainColumns.BLOCKS.get(kv, 3000L).orElseThrow();
    put(ChainColumns.BLOCKS, 3000L, new BlockHeader(Hash32.ZERO, header.timestamp(), 1));

    assertThat(kinds(quick())).containsExactly(Kind.BLOCK_ROOT_MISMATCH);
  }

  // --- Reporting

  @Test
  void manyProblems_areCountedButOnlyTheFirstListed() {
    for (long deposit = 5; deposit < 15; deposit++) {
      put(ChainColumns.DEPOSITS, deposit, 1L);
    }

    ChainCheckReport report = ChainCheck.run(kv, ChainCheckMode.FULL, 3);

    assertThat(report.problems()).hasSize(3);
    assertThat(report.problemCount())
        .as("each deposit: its output missing from the UTXO set and from the history")
        .isEqualTo(20);
    assertThat(report.summary()).startsWith("INCONSISTENT (full check): 20 problems; height 3000");
    assertThat(report.describeProblems())
        .contains("utxo 5:0:0 of deposit 5 has no stored entry [utxo_missing]")
        .contains("... and 17 more");
  }

  @Test
  void checkDatabase_refusesAMissingDatabaseAndOneInUse(@TempDir Path dir) {
    assertThatThrownBy(() -> ChainCheck.checkDataDir(dir, ChainCheckMode.FULL))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("no plasma database in " + dir);
    assertThat(dir.resolve("chain")).doesNotExist();

    Path database = dir.resolve(ChainCheck.OPERATOR_DATABASE);
    try (LevelDbKeyValueStore open = LevelDbKeyValueStore.open(database)) {
      TestChains.writeConsistentChain(open);
      assertThatThrownBy(() -> ChainCheck.checkDataDir(dir, ChainCheckMode.FULL))
          .isInstanceOf(StorageException.class)
          .hasMessageContaining("in use");
    }

    Map<Path, ChainCheckReport> reports = ChainCheck.checkDataDir(dir, ChainCheckMode.FULL);
    assertThat(reports).containsOnlyKeys(database);
    assertThat(reports.get(database).problems()).isEmpty();
    assertThat(reports.get(database).txs()).isEqualTo(5);
  }

  @Test
  void utxosOfTheFixture_areWhatTheStoreSays() {
    ChainStore chain = new ChainStore(kv);
    assertThat(chain.utxosOf(BOB))
        .containsExactly(
            new Utxo(pos(2000, 0, 0), output(BOB, ETH, 30)),
            new Utxo(pos(2000, 1, 0), output(BOB, ChainFixture.TOKEN, 50)),
            new Utxo(pos(3001, 0, 0), output(BOB, ETH, 9)));
    assertThat(chain.status(TestChains.EXITING)).isInstanceOf(UtxoStatus.Exiting.class);
    assertThat(chain.height()).isEqualTo(TestChains.HEIGHT);
    assertThat(UtxoPos.fromLong(TestChains.BOBS_UNSPENT.toLong()))
        .hasValue(TestChains.BOBS_UNSPENT);
  }
}
