package io.plasmanode.storage.chain;

import static io.plasmanode.storage.chain.ChainColumns.BLOCKS;
import static io.plasmanode.storage.chain.ChainColumns.COMMIT_STATUS;
import static io.plasmanode.storage.chain.ChainColumns.DEPOSITS;
import static io.plasmanode.storage.chain.ChainColumns.META;
import static io.plasmanode.storage.chain.ChainColumns.PENDING_COMMITS;

import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.storage.chain.ChainProblem.Kind;
import io.plasmanode.storage.kv.KeyValueStore;
import java.util.BitSet;

/**
 * The first step of every check: the height against the blocks present (none missing below it, none
 * above), each block's commit status and pending-commit marker, and the deposits. Reads one small
 * entry per block and per deposit; keeps 24 bytes per block and 8 per deposit.
 */
final class ChainStructure {
  private static final long INTERVAL = UtxoPos.CHILD_BLOCK_INTERVAL;

  private final long height;
  private final BlockIndex blocks;
  private final LongArray deposits;

  private ChainStructure(long height, BlockIndex blocks, LongArray deposits) {
    this.height = height;
    this.blocks = blocks;
    this.deposits = deposits;
  }

  /** The stored height (0 if none). */
  long height() {
    return height;
  }

  /** The stored child blocks from 1000 to the height, in order. */
  BlockIndex blocks() {
    return blocks;
  }

  /** The applied deposits' block numbers, in order. */
  LongArray deposits() {
    return deposits;
  }

  static ChainStructure read(KeyValueStore kv, ChainProblems problems) {
    long height = CheckedColumns.get(kv, META, MetaKey.HEIGHT, problems).orElse(0L);
    if (height % INTERVAL != 0 || height > UtxoPos.MAX_BLKNUM) {
      problems.add(Kind.BLOCK_NUMBER_INVALID, "height " + height, "is not a child block number");
      height = 0;
    }
    BlockIndex blocks = readBlocks(kv, height, problems);
    checkCommitStatuses(kv, blocks, problems);
    return new ChainStructure(height, blocks, readDeposits(kv, problems));
  }

  private static BlockIndex readBlocks(KeyValueStore kv, long height, ChainProblems problems) {
    BlockIndex blocks = new BlockIndex();
    long[] expected = {INTERVAL};
    CheckedColumns.forEach(
        kv,
        BLOCKS,
        problems,
        (blknum, header) -> {
          if (blknum == 0 || blknum % INTERVAL != 0) {
            problems.add(
                Kind.BLOCK_NUMBER_INVALID, "block " + blknum, "is not a child block number");
          } else if (blknum > height) {
            problems.add(Kind.BLOCK_ABOVE_HEIGHT, "block " + blknum, "is above height " + height);
          } else {
            reportMissing(expected[0], blknum - INTERVAL, height, problems);
            blocks.add(blknum, txCount(blknum, header, problems));
            expected[0] = blknum + INTERVAL;
          }
        });
    reportMissing(expected[0], height, height, problems);
    return blocks;
  }

  private static int txCount(long blknum, BlockHeader header, ChainProblems problems) {
    if (header.txCount() > UtxoPos.MAX_TXS_PER_BLOCK) {
      problems.add(
          Kind.BLOCK_TX_COUNT_MISMATCH,
          "block " + blknum,
          "lists %d transactions, more than a block holds".formatted(header.txCount()));
      return 0;
    }
    return header.txCount();
  }

  /** Blocks {@code first..last} are absent: one problem per gap, however long. */
  private static void reportMissing(long first, long last, long height, ChainProblems problems) {
    if (first > last) {
      return;
    }
    if (first == last) {
      problems.add(Kind.BLOCK_MISSING, "block " + first, "is missing below height " + height);
    } else {
      problems.add(
          Kind.BLOCK_MISSING,
          "blocks %d to %d".formatted(first, last),
          "(%d blocks) are missing below height %d"
              .formatted((last - first) / INTERVAL + 1, height));
    }
  }

  /**
   * Every stored block has a commit status; the pending commits list exactly the pending ones; no
   * status or marker names a block that is not stored.
   */
  private static void checkCommitStatuses(
      KeyValueStore kv, BlockIndex blocks, ChainProblems problems) {
    BitSet withStatus = new BitSet(blocks.size());
    BitSet pending = new BitSet(blocks.size());
    CheckedColumns.forEach(
        kv,
        COMMIT_STATUS,
        problems,
        (blknum, status) -> {
          int index = blocks.indexOf(blknum);
          if (index < 0) {
            problems.add(
                Kind.COMMIT_STATUS_ORPHAN,
                "commit status of block " + blknum,
                "is stored but the block is not");
            return;
          }
          withStatus.set(index);
          pending.set(index, status instanceof CommitStatus.Pending);
        });
    BitSet listed = checkPendingCommits(kv, blocks, withStatus, pending, problems);
    for (int index = 0; index < blocks.size(); index++) {
      if (!withStatus.get(index)) {
        problems.add(
            Kind.COMMIT_STATUS_MISSING, "block " + blocks.blknum(index), "has no commit status");
      } else if (pending.get(index) && !listed.get(index)) {
        problems.add(
            Kind.PENDING_COMMIT_MISSING,
            "block " + blocks.blknum(index),
            "is pending but not listed in the pending commits (it would never be committed)");
      }
    }
  }

  /** Checks each listed pending commit against the statuses; returns the blocks listed. */
  private static BitSet checkPendingCommits(
      KeyValueStore kv,
      BlockIndex blocks,
      BitSet withStatus,
      BitSet pending,
      ChainProblems problems) {
    BitSet listed = new BitSet(blocks.size());
    CheckedColumns.forEach(
        kv,
        PENDING_COMMITS,
        problems,
        (blknum, marker) -> {
          int index = blocks.indexOf(blknum);
          if (index < 0) {
            problems.add(
                Kind.PENDING_COMMIT_STALE,
                "pending commit of block " + blknum,
                "is listed but the block is not stored");
            return;
          }
          if (!pending.get(index)) {
            problems.add(
                Kind.PENDING_COMMIT_STALE,
                "pending commit of block " + blknum,
                withStatus.get(index)
                    ? "is listed but the block is committed"
                    : "is listed but the block has no commit status");
          }
          listed.set(index);
        });
    return listed;
  }

  private static LongArray readDeposits(KeyValueStore kv, ChainProblems problems) {
    LongArray deposits = new LongArray();
    CheckedColumns.forEach(
        kv,
        DEPOSITS,
        problems,
        (blknum, l1Block) -> {
          if (blknum == 0 || blknum % INTERVAL == 0 || blknum > UtxoPos.MAX_BLKNUM) {
            problems.add(
                Kind.DEPOSIT_NUMBER_INVALID,
                "deposit " + blknum,
                "is not a deposit block number (between child block numbers)");
          } else {
            deposits.add(blknum);
          }
        });
    return deposits;
  }

  /** The index of the last block (the height), or -1 if it is absent or the chain is empty. */
  int lastBlockIndex() {
    int last = blocks.size() - 1;
    return last >= 0 && blocks.blknum(last) == height ? last : -1;
  }
}
