package io.plasmanode.p2p.sync;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import io.plasmanode.core.types.Address;
import java.util.List;

/** The messages of the peer protocol (docs/p2p.md). Each record checks its own shape. */
public sealed interface SyncMessage {

  /** The type byte that precedes the payload on the wire. */
  byte type();

  /**
   * The first message both ways. Peers agree on {@code version}, {@code chainId} and {@code
   * contract}, or part.
   *
   * @param nodeId random per process: detects connections to self and duplicate connections
   * @param listenPort the port the sender accepts peers on, 0 if none
   * @param height the sender's validated height (0 or a child block number)
   */
  record Hello(
      int version, long chainId, Address contract, long nodeId, int listenPort, long height)
      implements SyncMessage {
    public Hello {
      checkArgument(version >= 0, "negative version");
      checkArgument(chainId >= 0, "negative chain id");
      requireNonNull(contract, "contract");
      checkArgument(nodeId >= 0, "negative node id");
      checkArgument(listenPort >= 0 && listenPort <= 0xFFFF, "port out of range: %s", listenPort);
      checkArgument(SyncBlock.isHeight(height), "not a height: %s", height);
    }

    @Override
    public byte type() {
      return 0;
    }
  }

  /** The sender's validated height changed. */
  record Status(long height) implements SyncMessage {
    public Status {
      checkArgument(SyncBlock.isHeight(height), "not a height: %s", height);
    }

    @Override
    public byte type() {
      return 1;
    }
  }

  /** Asks for blocks {@code fromBlknum, fromBlknum + 1000, ...}: {@code count} of them. */
  record GetBlocks(long requestId, long fromBlknum, int count) implements SyncMessage {
    public GetBlocks {
      checkArgument(requestId >= 0, "negative request id");
      checkArgument(SyncBlock.isChildBlknum(fromBlknum), "not a child block: %s", fromBlknum);
      checkArgument(count > 0, "count must be positive: %s", count);
    }

    @Override
    public byte type() {
      return 2;
    }

    /** The last block number of the range. */
    public long toBlknum() {
      return fromBlknum + (count - 1L) * SyncBlock.CHILD_BLOCK_INTERVAL;
    }

    /** True when {@code blknum} is one of the requested numbers. */
    public boolean covers(long blknum) {
      return SyncBlock.isChildBlknum(blknum) && blknum >= fromBlknum && blknum <= toBlknum();
    }
  }

  /** The answer to {@link GetBlocks}: the blocks the sender has, from the start of the range. */
  record Blocks(long requestId, List<SyncBlock> blocks) implements SyncMessage {
    public Blocks {
      checkArgument(requestId >= 0, "negative request id");
      blocks = List.copyOf(blocks);
    }

    @Override
    public byte type() {
      return 3;
    }
  }

  /** The sender has block {@code blknum}. */
  record NewBlock(long blknum) implements SyncMessage {
    public NewBlock {
      checkArgument(SyncBlock.isChildBlknum(blknum), "not a child block: %s", blknum);
    }

    @Override
    public byte type() {
      return 4;
    }
  }

  /** Keeps a quiet connection alive; answered by {@link Pong}. */
  record Ping() implements SyncMessage {
    @Override
    public byte type() {
      return 5;
    }
  }

  /** The answer to {@link Ping}. */
  record Pong() implements SyncMessage {
    @Override
    public byte type() {
      return 6;
    }
  }
}
