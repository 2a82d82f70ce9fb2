package io.plasmanode.node.watcher;

import java.util.List;
import java.util.Optional;

/**
 * Somewhere a watcher can get a child block's transactions from: the operator's JSON-RPC API, or
 * other watchers over p2p. Sources are untrusted: whatever they answer is checked against the root
 * committed on L1 before it is used. Implementations are thread-safe. (What this node serves to its
 * peers is the other direction: {@link io.plasmanode.p2p.sync.ServedBlocks}.)
 */
public interface RemoteBlockSource extends AutoCloseable {

  /** For logs and status: e.g. {@code operator http://127.0.0.1:9656}. */
  String name();

  /**
   * The signed transaction bytes of child block {@code blknum}, in block order, or empty when the
   * source does not have the block (yet).
   *
   * @throws RuntimeException when the source cannot be reached or answers nonsense; the watcher
   *     tries the next source
   */
  Optional<List<byte[]>> fetch(long blknum);

  /**
   * Whether this source is the operator itself. The operator answers for the signatures it serves:
   * a committed transaction that it can only serve with a signature not by the output's owner is a
   * theft it attempted (invalid_block), whereas a peer serving bad signatures is just a bad peer.
   */
  default boolean isOperator() {
    return false;
  }

  /**
   * Feedback: the block this source last served as {@code blknum} does not match the root on L1 or
   * has bad signatures, so it was not used. A source made of several peers blames the one that
   * served it and asks another next time.
   */
  default void rejected(long blknum, String reason) {}

  @Override
  default void close() {}
}
