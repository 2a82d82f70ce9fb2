package io.plasmanode.p2p.sync;

import io.plasmanode.p2p.sync.SyncMessage.GetBlocks;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers a GetBlocks from the {@link ServedBlocks}: the blocks from the start of the range up to
 * the first one this node lacks, as many as fit in one frame. Runs off the event loop.
 */
final class BlockServer {
  private static final Logger LOG = LoggerFactory.getLogger(BlockServer.class);

  private final ServedBlocks source;
  private final long maxBlocksBytes;

  BlockServer(ServedBlocks source, int maxFrameBytes) {
    this.source = source;
    this.maxBlocksBytes = maxFrameBytes - SyncWire.MESSAGE_OVERHEAD;
  }

  List<SyncBlock> blocks(GetBlocks request) {
    List<SyncBlock> blocks = new ArrayList<>();
    long size = 0;
    try {
      for (int i = 0; i < request.count(); i++) {
        long blknum = request.fromBlknum() + i * SyncBlock.CHILD_BLOCK_INTERVAL;
        Optional<SyncBlock> block = source.block(blknum);
        if (block.isEmpty() || !fromSource(block.get(), blknum)) {
          break;
        }
        size += SyncWire.encodedSizeBound(block.get());
        if (size > maxBlocksBytes) {
          logTooLarge(blocks, blknum);
          break;
        }
        blocks.add(block.get());
      }
    } catch (RuntimeException e) {
      LOG.error("The block source failed serving {}", request, e);
    }
    return blocks;
  }

  private static boolean fromSource(SyncBlock block, long blknum) {
    if (block.blknum() != blknum) {
      LOG.error("The block source returned block {} for {}", block.blknum(), blknum);
      return false;
    }
    return true;
  }

  private void logTooLarge(List<SyncBlock> blocks, long blknum) {
    if (blocks.isEmpty()) {
      LOG.warn("Block {} does not fit in a {}-byte frame; not served", blknum, maxBlocksBytes);
    }
  }
}
