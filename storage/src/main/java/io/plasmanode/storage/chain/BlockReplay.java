package io.plasmanode.storage.chain;

import static io.plasmanode.storage.chain.ChainColumns.BLOCKS;
import static io.plasmanode.storage.chain.ChainColumns.BLOCK_TXS;

import io.plasmanode.core.crypto.Keccak;
import io.plasmanode.core.merkle.MerkleTree;
import io.plasmanode.core.tx.SignedTransaction;
import io.plasmanode.core.tx.TxCodec;
import io.plasmanode.core.types.Hash32;
import io.plasmanode.core.validation.ValidationResult;
import io.plasmanode.storage.chain.ChainProblem.Kind;
import io.plasmanode.storage.kv.KeyValueStore;
import io.plasmanode.storage.serialize.LongSerializer;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the stored transactions of blocks in one pass over their chunks, checking that the chunks
 * are where the block's transaction count says, that every transaction decodes and hashes to its
 * stored hash, and that the block's root is the Merkle root of its transactions; hands every
 * decoded transaction to a {@link ReplayListener} in chain order and records its hash. Holds one
 * block's Merkle leaves at a time. No signature is recovered: the blocks were validated when made.
 */
final class BlockReplay {
  private final KeyValueStore kv;
  private final BlockIndex blocks;
  private final ChainProblems problems;
  private final ReplayListener listener;
  private final TxHashes hashes;
  private int next;
  private int end;
  private OpenBlock open;
  private long blocksRead;
  private long txsRead;

  BlockReplay(
      KeyValueStore kv,
      BlockIndex blocks,
      ChainProblems problems,
      ReplayListener listener,
      TxHashes hashes) {
    this.kv = kv;
    this.blocks = blocks;
    this.problems = problems;
    this.listener = listener;
    this.hashes = hashes;
  }

  /** Every block of the index, and every chunk stored: chunks of no indexed block are problems. */
  void replayAll() {
    replay(0, blocks.size(), new byte[0]);
  }

  /** The block at {@code index} alone. */
  void replayBlock(int index) {
    replay(index, index + 1, LongSerializer.INSTANCE.serialize(blocks.blknum(index)));
  }

  long blocksRead() {
    return blocksRead;
  }

  long txsRead() {
    return txsRead;
  }

  private void replay(int from, int to, byte[] keyPrefix) {
    next = from;
    end = to;
    CheckedColumns.forEach(kv, BLOCK_TXS, keyPrefix, problems, this::chunk, this::unreadableChunk);
    closeOpenBlock();
    while (next < end) {
      finish(start(next++));
    }
  }

  private void chunk(TxLocation key, List<TxBytes> chunk) {
    OpenBlock block = blockOf(key);
    if (block != null && isExpectedChunk(block, key)) {
      read(block, key.txindex(), chunk);
    }
  }

  private void unreadableChunk(TxLocation key) {
    OpenBlock block = blockOf(key);
    if (block != null && isExpectedChunk(block, key)) {
      int size = block.chunkSize(key.txindex());
      block.rootKnown = false;
      block.stored += size; // stored, though unreadable (a problem already)
      block.nextStart = key.txindex() + size;
    }
  }

  /** The block that chunk {@code key} belongs to, opened; null (a problem) if none. */
  private OpenBlock blockOf(TxLocation key) {
    long blknum = key.blknum();
    if (open != null && open.blknum == blknum) {
      return open;
    }
    closeOpenBlock();
    while (next < end && blocks.blknum(next) < blknum) {
      finish(start(next++));
    }
    if (next < end && blocks.blknum(next) == blknum) {
      open = start(next++);
      return open;
    }
    problems.add(
        Kind.BLOCK_CHUNK_ORPHAN,
        "transactions " + ChainProblem.location(key),
        "are stored for block %d, which is not in the chain".formatted(blknum));
    return null;
  }

  private boolean isExpectedChunk(OpenBlock block, TxLocation key) {
    int start = key.txindex();
    if (start % TxChunkSerializer.CHUNK_SIZE != 0
        || start >= block.txCount
        || start < block.nextStart) {
      problems.add(
          Kind.BLOCK_CHUNK_INVALID,
          "transactions " + ChainProblem.location(key),
          "are not a chunk of block %d's %d transactions".formatted(block.blknum, block.txCount));
      return false;
    }
    if (start > block.nextStart) {
      block.rootKnown = false; // the chunks in between are missing: the count says so at the end
    }
    return true;
  }

  private void read(OpenBlock block, int start, List<TxBytes> chunk) {
    int expected = block.chunkSize(start);
    if (chunk.size() != expected) {
      problems.add(
          Kind.BLOCK_CHUNK_INVALID,
          "transactions %d:%d".formatted(block.blknum, start),
          "hold %d transactions where block %d's header says %d"
              .formatted(chunk.size(), block.blknum, expected));
      block.rootKnown = false;
    }
    for (int k = 0; k < Math.min(expected, chunk.size()); k++) {
      transaction(block, start + k, chunk.get(k));
    }
    block.nextStart = start + expected;
  }

  private void transaction(OpenBlock block, int txindex, TxBytes stored) {
    TxLocation location = new TxLocation(block.blknum, txindex);
    block.stored++;
    hashes.put(block.firstTx + txindex, stored.txHash());
    ValidationResult<SignedTransaction> decoded = stored.decode();
    if (!decoded.isValid()) {
      problems.add(
          Kind.TX_UNDECODABLE,
          "tx " + ChainProblem.location(location),
          "does not decode: " + decoded);
      block.rootKnown = false;
      return;
    }
    byte[] unsigned = TxCodec.encode(decoded.get().tx());
    Hash32 computed = Keccak.keccak256(unsigned);
    if (!computed.equals(stored.txHash())) {
      problems.add(
          Kind.TX_HASH_MISMATCH,
          "tx " + ChainProblem.location(location),
          "is stored under hash %s but hashes to %s"
              .formatted(ChainProblem.hash(stored.txHash()), ChainProblem.hash(computed)));
    }
    block.leaves.add(MerkleTree.leafHash(unsigned));
    txsRead++;
    listener.transaction(location, decoded.get().tx());
  }

  private OpenBlock start(int index) {
    listener.beforeBlock(blocks.blknum(index));
    return new OpenBlock(blocks.blknum(index), blocks.txCount(index), blocks.firstTx(index));
  }

  private void closeOpenBlock() {
    if (open != null) {
      finish(open);
      open = null;
    }
  }

  private void finish(OpenBlock block) {
    blocksRead++;
    if (block.stored != block.txCount) {
      problems.add(
          Kind.BLOCK_TX_COUNT_MISMATCH,
          "block " + block.blknum,
          "lists %d transactions but %d are stored".formatted(block.txCount, block.stored));
      return;
    }
    if (!block.rootKnown) {
      return;
    }
    Hash32 root = MerkleTree.fromLeaves(block.leaves).root();
    CheckedColumns.get(kv, BLOCKS, block.blknum, problems)
        .filter(header -> !header.root().equals(root))
        .ifPresent(
            header ->
                problems.add(
                    Kind.BLOCK_ROOT_MISMATCH,
                    "block " + block.blknum,
                    "has root %s but its transactions' Merkle root is %s"
                        .formatted(ChainProblem.hash(header.root()), ChainProblem.hash(root))));
  }

  /** The block being read: where its next chunk must start and its leaves so far. */
  private static final class OpenBlock {
    private final long blknum;
    private final int txCount;
    private final long firstTx;
    private final List<Hash32> leaves;
    private int nextStart;
    private int stored;
    private boolean rootKnown = true;

    private OpenBlock(long blknum, int txCount, long firstTx) {
      this.blknum = blknum;
      this.txCount = txCount;
      this.firstTx = firstTx;
      this.leaves = new ArrayList<>(txCount);
    }

    /** The number of transactions of the chunk starting at {@code start}. */
    private int chunkSize(int start) {
      return Math.min(TxChunkSerializer.CHUNK_SIZE, txCount - start);
    }
  }
}
