package io.plasmanode.storage.chain;

import static com.google.common.base.Preconditions.checkArgument;
import static io.plasmanode.storage.chain.ChainColumns.BLOCKS;
import static io.plasmanode.storage.chain.ChainColumns.BLOCK_TXS;
import static io.plasmanode.storage.chain.ChainColumns.COMMIT_STATUS;
import static io.plasmanode.storage.chain.ChainColumns.DEPOSITS;
import static io.plasmanode.storage.chain.ChainColumns.EXITING_ON_INCLUSION;
import static io.plasmanode.storage.chain.ChainColumns.META;
import static io.plasmanode.storage.chain.ChainColumns.OWNER_UTXOS;
import static io.plasmanode.storage.chain.ChainColumns.PENDING_COMMITS;
import static io.plasmanode.storage.chain.ChainColumns.TX_INDEX;
import static io.plasmanode.storage.chain.ChainColumns.UTXOS;

import io.plasmanode.core.inflight.InFlightExitId;
import io.plasmanode.core.ledger.Utxo;
import io.plasmanode.core.ledger.UtxoDelta;
import io.plasmanode.core.ledger.UtxoStatus;
import io.plasmanode.core.ledger.UtxoView;
import io.plasmanode.core.tx.Output;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Hash32;
import io.plasmanode.storage.kv.KeyValueStore;
import io.plasmanode.storage.kv.StorageException;
import io.plasmanode.storage.serialize.LongSerializer;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * The operator's chain state on a {@link KeyValueStore}: child blocks and their L1 commit status,
 * the transaction index, the UTXO set with an owner index, processed deposits and progress markers,
 * the outputs to create exiting when their transaction's block is stored, and the account history
 * ({@link AccountHistory}). Every write method is one atomic, durable transaction, so a crash
 * leaves the state of the last completed call. Writers are serialised; reads may run concurrently
 * with them.
 */
public final class ChainStore implements UtxoView {
  private final KeyValueStore store;

  /** Whether {@code EXITING_ON_INCLUSION} has entries: most block commits skip the lookups. */
  private volatile boolean exitingOnInclusion;

  /**
   * @param store the database: empty (this writes the current {@link StoreFormat} into it) or of
   *     the current format
   * @throws StorageException if the database has another storage format, or holds a chain written
   *     before the account history existed
   */
  public ChainStore(KeyValueStore store) {
    StoreFormat.requireCurrent(store, "the chain database");
    AccountHistory.requireKept(store, "the chain database");
    this.store = store;
    this.exitingOnInclusion = !exitingOnInclusion().isEmpty();
  }

  /**
   * Stores a closed child block with its UTXO changes, its transaction index, its transactions'
   * account history and the new height.
   *
   * @param block the next child block: {@code height() + 1000}
   * @param delta the block's change to the UTXO set (from core's {@code PendingBlock})
   */
  public synchronized void commitBlock(StoredBlock block, UtxoDelta delta) {
    long expected = height() + UtxoPos.CHILD_BLOCK_INTERVAL;
    checkArgument(
        block.blknum() == expected, "next child block is %s, got %s", expected, block.blknum());
    try (KeyValueStore.Transaction tx = store.startTransaction()) {
      writeBlock(tx, block);
      AccountHistory.writeBlock(tx, this, block, delta);
      for (UtxoPos pos : delta.spent()) {
        Optional<TxLocation> spender =
            Optional.ofNullable(delta.spentBy().get(pos))
                .map(txindex -> new TxLocation(block.blknum(), txindex));
        spend(tx, pos, Optional.ofNullable(delta.spentOutputs().get(pos)), spender);
      }
      Map<Integer, Long> exiting =
          exitingOnInclusion ? ExitingOnInclusion.take(store, tx, block) : Map.of();
      for (Utxo utxo : delta.created()) {
        long outputs = exiting.getOrDefault(utxo.pos().txindex(), 0L);
        if ((outputs & (1L << utxo.pos().oindex())) != 0) {
          UTXOS.put(tx, utxo.pos(), UtxoEntry.of(new UtxoStatus.Exiting(utxo.output())));
        } else {
          create(tx, utxo);
        }
      }
      META.put(tx, MetaKey.HEIGHT, block.blknum());
      tx.commit();
    }
  }

  /**
   * Locks output {@code oindex} of transaction {@code txHash}, piggybacked in an in-flight exit on
   * L1, once its block is stored: if no stored block holds the transaction, records the output so
   * that {@link #commitBlock} creates it exiting (durably, in one batch); if one does, records
   * nothing and answers where it is, for the caller to lock the output now ({@link #markExiting}).
   * Atomic with {@link #commitBlock}: the output is locked either way.
   *
   * @return the transaction's location if a stored block holds it
   */
  public synchronized Optional<TxLocation> markExitingOnInclusion(Hash32 txHash, int oindex) {
    checkArgument(oindex >= 0 && oindex < UtxoPos.MAX_OUTPUTS, "oindex %s", oindex);
    Optional<TxLocation> stored = TX_INDEX.get(store, txHash);
    if (stored.isPresent()) {
      return stored;
    }
    long outputs = EXITING_ON_INCLUSION.get(store, txHash).orElse(0L) | (1L << oindex);
    try (KeyValueStore.Transaction tx = store.startTransaction()) {
      EXITING_ON_INCLUSION.put(tx, txHash, outputs);
      tx.commit();
    }
    exitingOnInclusion = true;
    return Optional.empty();
  }

  /** The outputs to create exiting when their transaction's block is stored: txHash -> bits. */
  public Map<Hash32, Long> exitingOnInclusion() {
    return ExitingOnInclusion.all(store);
  }

  private static void writeBlock(KeyValueStore.Transaction tx, StoredBlock block) {
    BLOCKS.put(tx, block.blknum(), BlockHeader.of(block));
    List<TxBytes> transactions = block.transactions();
    for (int start = 0; start < transactions.size(); start += TxChunkSerializer.CHUNK_SIZE) {
      int end = Math.min(start + TxChunkSerializer.CHUNK_SIZE, transactions.size());
      BLOCK_TXS.put(tx, new TxLocation(block.blknum(), start), transactions.subList(start, end));
    }
    for (int txindex = 0; txindex < transactions.size(); txindex++) {
      TX_INDEX.put(tx, transactions.get(txindex).txHash(), new TxLocation(block.blknum(), txindex));
    }
    COMMIT_STATUS.put(tx, block.blknum(), CommitStatus.PENDING);
    PENDING_COMMITS.put(tx, block.blknum(), Marker.PRESENT);
  }

  /** Marks {@code pos} spent, off its owner's outputs; {@code held}: what it held, if known. */
  private void spend(
      KeyValueStore.Transaction tx, UtxoPos pos, Optional<Output> held, Optional<TxLocation> by) {
    Optional<Output> owned = held.or(() -> AccountHistory.outputOf(status(pos)));
    owned.ifPresent(output -> OWNER_UTXOS.delete(tx, new OwnedPos(output.owner(), pos)));
    UTXOS.put(tx, pos, new UtxoEntry(UtxoStatus.SPENT, by));
  }

  private static void create(KeyValueStore.Transaction tx, Utxo utxo) {
    UTXOS.put(tx, utxo.pos(), UtxoEntry.of(new UtxoStatus.Unspent(utxo.output())));
    OWNER_UTXOS.put(tx, new OwnedPos(utxo.output().owner(), utxo.pos()), Marker.PRESENT);
  }

  /**
   * Adds a deposit's output unless that deposit was applied before.
   *
   * @param deposit the output at {@code depositBlknum * 1e6}
   * @param l1Block the L1 block of the deposit event, kept as the marker's value
   * @return false if the deposit was already applied (nothing changes)
   */
  public synchronized boolean applyDeposit(Utxo deposit, long l1Block) {
    UtxoPos pos = deposit.pos();
    checkArgument(
        pos.isDeposit() && pos.txindex() == 0 && pos.oindex() == 0, "not a deposit: %s", pos);
    if (DEPOSITS.get(store, pos.blknum()).isPresent()) {
      return false;
    }
    try (KeyValueStore.Transaction tx = store.startTransaction()) {
      DEPOSITS.put(tx, pos.blknum(), l1Block);
      create(tx, deposit);
      AccountHistory.writeDeposit(tx, deposit);
      tx.commit();
    }
    return true;
  }

  /**
   * Locks an unspent output whose exit started on L1 and drops it from its owner's outputs.
   *
   * @return false unless the output was unspent (the exit game handles the other cases)
   */
  public synchronized boolean markExiting(UtxoPos pos) {
    if (!(status(pos) instanceof UtxoStatus.Unspent unspent)) {
      return false;
    }
    try (KeyValueStore.Transaction tx = store.startTransaction()) {
      UTXOS.put(tx, pos, UtxoEntry.of(new UtxoStatus.Exiting(unspent.output())));
      OWNER_UTXOS.delete(tx, new OwnedPos(unspent.output().owner(), pos));
      tx.commit();
    }
    return true;
  }

  /**
   * Unlocks an exiting output whose exit was challenged on L1 with a spend that no block holds: it
   * is unspent again and back among its owner's outputs. The inverse of {@link #markExiting}, in
   * one synced batch, so the release survives a restart as the lock does.
   *
   * @return false unless the output was exiting (nothing changes)
   */
  public synchronized boolean releaseExiting(UtxoPos pos) {
    if (!(status(pos) instanceof UtxoStatus.Exiting exiting)) {
      return false;
    }
    try (KeyValueStore.Transaction tx = store.startTransaction()) {
      create(tx, new Utxo(pos, exiting.output()));
      tx.commit();
    }
    return true;
  }

  /** Records, durably and idempotently, that in-flight exit {@code exitId} spends {@code pos}. */
  public synchronized void recordInFlightSpend(UtxoPos pos, InFlightExitId exitId) {
    InFlightSpends.record(store, pos, exitId);
  }

  /** The in-flight exits recorded as spending the output at {@code pos}. */
  public List<InFlightExitId> inFlightSpendsOf(UtxoPos pos) {
    return InFlightSpends.of(store, pos);
  }

  /** Records that block {@code blknum} was submitted to L1 in {@code l1TxHash}. */
  public synchronized void markCommitted(long blknum, Hash32 l1TxHash) {
    checkArgument(BLOCKS.get(store, blknum).isPresent(), "no block %s", blknum);
    try (KeyValueStore.Transaction tx = store.startTransaction()) {
      COMMIT_STATUS.put(tx, blknum, new CommitStatus.Committed(l1TxHash));
      PENDING_COMMITS.delete(tx, blknum);
      tx.commit();
    }
  }

  /**
   * Records that the committed blocks from {@code fromBlknum} on are no longer on L1 (an L1
   * reorganisation dropped their submissions): each is pending again, all in one transaction.
   *
   * @return the blocks that were committed and are pending now, in order
   */
  public synchronized List<Long> reopenCommits(long fromBlknum) {
    checkArgument(
        fromBlknum > 0 && fromBlknum % UtxoPos.CHILD_BLOCK_INTERVAL == 0,
        "not a child block: %s",
        fromBlknum);
    List<Long> reopened = new ArrayList<>();
    try (KeyValueStore.Transaction tx = store.startTransaction()) {
      for (long blknum = fromBlknum; blknum <= height(); blknum += UtxoPos.CHILD_BLOCK_INTERVAL) {
        if (commitStatus(blknum).orElse(CommitStatus.PENDING) instanceof CommitStatus.Committed) {
          COMMIT_STATUS.put(tx, blknum, CommitStatus.PENDING);
          PENDING_COMMITS.put(tx, blknum, Marker.PRESENT);
          reopened.add(blknum);
        }
      }
      tx.commit();
    }
    return reopened;
  }

  /** Records that L1 events up to and including {@code l1Block} are processed. */
  public synchronized void setLastL1Block(long l1Block) {
    checkArgument(l1Block >= 0, "L1 block %s", l1Block);
    try (KeyValueStore.Transaction tx = store.startTransaction()) {
      META.put(tx, MetaKey.LAST_L1_BLOCK, l1Block);
      tx.commit();
    }
  }

  @Override
  public UtxoStatus status(UtxoPos pos) {
    return UTXOS.get(store, pos).map(UtxoEntry::status).orElse(UtxoStatus.UNKNOWN);
  }

  /** The Merkle root of child block {@code blknum}, without reading its transactions. */
  public Optional<Hash32> blockRoot(long blknum) {
    return BLOCKS.get(store, blknum).map(BlockHeader::root);
  }

  /** Child block {@code blknum}'s root, close time and tx count, without its transactions. */
  public Optional<BlockHeader> blockHeader(long blknum) {
    return BLOCKS.get(store, blknum);
  }

  public Optional<StoredBlock> block(long blknum) {
    return BLOCKS.get(store, blknum).map(header -> assemble(blknum, header));
  }

  private StoredBlock assemble(long blknum, BlockHeader header) {
    List<TxBytes> transactions = new ArrayList<>(header.txCount());
    BLOCK_TXS.forEachWithKeyPrefix(
        store,
        LongSerializer.INSTANCE.serialize(blknum),
        (start, chunk) -> transactions.addAll(chunk));
    if (transactions.size() != header.txCount()) {
      throw new StorageException(
          "block %d lists %d transactions but %d are stored"
              .formatted(blknum, header.txCount(), transactions.size()));
    }
    return new StoredBlock(blknum, header.root(), header.timestamp(), transactions);
  }

  /** {@code address}'s history, newest first: up to {@code limit} items after {@code after}. */
  public HistoryPage history(Address address, Optional<TxLocation> after, int limit) {
    return AccountHistory.page(store, this, address, after, limit);
  }

  /** The last closed child block, if any. */
  public Optional<StoredBlock> latestBlock() {
    return height() == 0 ? Optional.empty() : block(height());
  }

  /** The number of the last closed child block, 0 before the first. */
  public long height() {
    return META.get(store, MetaKey.HEIGHT).orElse(0L);
  }

  /** The last L1 block whose events are processed, if any was. */
  public OptionalLong lastL1Block() {
    return META.get(store, MetaKey.LAST_L1_BLOCK)
        .map(OptionalLong::of)
        .orElse(OptionalLong.empty());
  }

  public Optional<CommitStatus> commitStatus(long blknum) {
    return COMMIT_STATUS.get(store, blknum);
  }

  /** The child blocks not yet committed on L1, in ascending order: resubmit them on restart. */
  public List<Long> pendingCommits() {
    List<Long> pending = new ArrayList<>();
    PENDING_COMMITS.forEach(store, (blknum, marker) -> pending.add(blknum));
    return pending;
  }

  /** Whether the deposit of block {@code depositBlknum} was applied. */
  public boolean isDepositApplied(long depositBlknum) {
    return DEPOSITS.get(store, depositBlknum).isPresent();
  }

  /** The transaction with hash {@code txHash} (keccak256 of its unsigned bytes), if included. */
  public Optional<StoredTransaction> transaction(Hash32 txHash) {
    return TX_INDEX
        .get(store, txHash)
        .map(location -> new StoredTransaction(location, transactionAt(location)));
  }

  /** The transaction that spent {@code pos}, if a stored block did ({@link UtxoDelta#spentBy}). */
  public Optional<StoredTransaction> spender(UtxoPos pos) {
    return UTXOS
        .get(store, pos)
        .flatMap(UtxoEntry::spender)
        .map(location -> new StoredTransaction(location, transactionAt(location)));
  }

  /** The transaction at {@code location} of a closed child block, if there is one. */
  public Optional<StoredTransaction> transaction(TxLocation location) {
    return BLOCKS
        .get(store, location.blknum())
        .filter(header -> location.txindex() < header.txCount())
        .map(header -> new StoredTransaction(location, transactionAt(location)));
  }

  private TxBytes transactionAt(TxLocation location) {
    int start = TxChunkSerializer.chunkStart(location.txindex());
    List<TxBytes> chunk =
        BLOCK_TXS
            .get(store, new TxLocation(location.blknum(), start))
            .orElseThrow(() -> new StorageException("tx index points to missing " + location));
    if (location.txindex() - start >= chunk.size()) {
      throw new StorageException("tx index points past the stored transactions: " + location);
    }
    return chunk.get(location.txindex() - start);
  }

  /** The unspent outputs of {@code owner}, in position order. */
  public List<Utxo> utxosOf(Address owner) {
    List<UtxoPos> positions = new ArrayList<>();
    OWNER_UTXOS.forEachWithKeyPrefix(
        store, OwnedPosSerializer.ownerPrefix(owner), (key, marker) -> positions.add(key.pos()));
    List<Utxo> utxos = new ArrayList<>(positions.size());
    for (UtxoPos pos : positions) {
      if (status(pos) instanceof UtxoStatus.Unspent unspent) {
        utxos.add(new Utxo(pos, unspent.output()));
      }
    }
    return utxos;
  }

  /** The sum of {@code owner}'s unspent outputs per token (the zero address is ETH). */
  public Map<Address, BigInteger> balanceOf(Address owner) {
    Map<Address, BigInteger> balances = new TreeMap<>();
    for (Utxo utxo : utxosOf(owner)) {
      balances.merge(utxo.output().token(), utxo.output().amount(), BigInteger::add);
    }
    return Collections.unmodifiableMap(balances);
  }
}
