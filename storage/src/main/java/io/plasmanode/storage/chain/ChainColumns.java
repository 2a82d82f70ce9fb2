package io.plasmanode.storage.chain;

import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Hash32;
import io.plasmanode.storage.kv.KvColumn;
import io.plasmanode.storage.kv.KvSerializer;
import io.plasmanode.storage.serialize.FormatVersioned;
import io.plasmanode.storage.serialize.Hash32Serializer;
import io.plasmanode.storage.serialize.LongSerializer;
import io.plasmanode.storage.serialize.UtxoPosSerializer;
import java.util.List;

/** The columns of {@link ChainStore}: their one-byte ids are part of the on-disk format. */
final class ChainColumns {
  private static final KvSerializer<Long> LONG_VALUE = FormatVersioned.v1(LongSerializer.INSTANCE);

  /** Child blknum -> root, timestamp and transaction count. */
  static final KvColumn<Long, BlockHeader> BLOCKS =
      new KvColumn<>((byte) 1, "blocks", LongSerializer.INSTANCE, BlockHeaderSerializer.INSTANCE);

  /**
   * (blknum, first txindex of a chunk) -> up to 256 consecutive transactions of the block, each
   * with its hash and signed bytes ({@link TxChunkSerializer}).
   */
  static final KvColumn<TxLocation, List<TxBytes>> BLOCK_TXS =
      new KvColumn<>(
          (byte) 2, "block-txs", TxLocationSerializer.INSTANCE, TxChunkSerializer.INSTANCE);

  /** Child blknum -> pending or committed on L1; apart from the block, so updates are small. */
  static final KvColumn<Long, CommitStatus> COMMIT_STATUS =
      new KvColumn<>(
          (byte) 3, "commit-status", LongSerializer.INSTANCE, CommitStatusSerializer.INSTANCE);

  /** Child blknum -> marker, for the blocks not yet committed on L1. */
  static final KvColumn<Long, Marker> PENDING_COMMITS =
      new KvColumn<>((byte) 4, "pending-commits", LongSerializer.INSTANCE, Marker.SERIALIZER);

  /** txHash -> where the transaction is. */
  static final KvColumn<Hash32, TxLocation> TX_INDEX =
      new KvColumn<>(
          (byte) 5,
          "tx-index",
          Hash32Serializer.INSTANCE,
          FormatVersioned.v1(TxLocationSerializer.INSTANCE));

  /**
   * Position -> unspent, exiting or spent (with the spending transaction where known); absent means
   * unknown.
   */
  static final KvColumn<UtxoPos, UtxoEntry> UTXOS =
      new KvColumn<>((byte) 6, "utxos", UtxoPosSerializer.INSTANCE, UtxoEntrySerializer.INSTANCE);

  /** (owner, position) -> marker, for exactly the unspent outputs. */
  static final KvColumn<OwnedPos, Marker> OWNER_UTXOS =
      new KvColumn<>((byte) 7, "owner-utxos", OwnedPosSerializer.INSTANCE, Marker.SERIALIZER);

  /** Deposit blknum -> the L1 block of its event, once the deposit is applied. */
  static final KvColumn<Long, Long> DEPOSITS =
      new KvColumn<>((byte) 8, "deposits", LongSerializer.INSTANCE, LONG_VALUE);

  /** Single values: chain height, last L1 block scanned. */
  static final KvColumn<MetaKey, Long> META =
      new KvColumn<>((byte) 9, "meta", MetaKey.SERIALIZER, LONG_VALUE);

  private ChainColumns() {}
}
