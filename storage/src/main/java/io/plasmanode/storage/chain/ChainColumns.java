package io.plasmanode.storage.chain;

import io.plasmanode.core.tx.Output;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Hash32;
import io.plasmanode.storage.kv.ColumnId;
import io.plasmanode.storage.kv.KvColumn;
import io.plasmanode.storage.kv.KvSerializer;
import io.plasmanode.storage.serialize.FormatVersioned;
import io.plasmanode.storage.serialize.Hash32Serializer;
import io.plasmanode.storage.serialize.LongSerializer;
import io.plasmanode.storage.serialize.UtxoPosSerializer;
import java.util.List;

/**
 * The columns of {@link ChainStore}: their one-byte ids, part of the on-disk format, come from the
 * registry of every column id ({@link ColumnId}).
 */
final class ChainColumns {
  private static final KvSerializer<Long> LONG_VALUE = FormatVersioned.v1(LongSerializer.INSTANCE);

  /** Child blknum -> root, timestamp and transaction count. */
  static final KvColumn<Long, BlockHeader> BLOCKS =
      new KvColumn<>(
          ColumnId.BLOCKS.id(), "blocks", LongSerializer.INSTANCE, BlockHeaderSerializer.INSTANCE);

  /**
   * (blknum, first txindex of a chunk) -> up to 256 consecutive transactions of the block, each
   * with its hash and signed bytes ({@link TxChunkSerializer}).
   */
  static final KvColumn<TxLocation, List<TxBytes>> BLOCK_TXS =
      new KvColumn<>(
          ColumnId.BLOCK_TXS.id(),
          "block-txs",
          TxLocationSerializer.INSTANCE,
          TxChunkSerializer.INSTANCE);

  /** Child blknum -> pending or committed on L1; apart from the block, so updates are small. */
  static final KvColumn<Long, CommitStatus> COMMIT_STATUS =
      new KvColumn<>(
          ColumnId.COMMIT_STATUS.id(),
          "commit-status",
          LongSerializer.INSTANCE,
          CommitStatusSerializer.INSTANCE);

  /** Child blknum -> marker, for the blocks not yet committed on L1. */
  static final KvColumn<Long, Marker> PENDING_COMMITS =
      new KvColumn<>(
          ColumnId.PENDING_COMMITS.id(),
          "pending-commits",
          LongSerializer.INSTANCE,
          Marker.SERIALIZER);

  /** txHash -> where the transaction is. */
  static final KvColumn<Hash32, TxLocation> TX_INDEX =
      new KvColumn<>(
          ColumnId.TX_INDEX.id(),
          "tx-index",
          Hash32Serializer.INSTANCE,
          FormatVersioned.v1(TxLocationSerializer.INSTANCE));

  /**
   * Position -> unspent, exiting or spent (with the spending transaction where known); absent means
   * unknown.
   */
  static final KvColumn<UtxoPos, UtxoEntry> UTXOS =
      new KvColumn<>(
          ColumnId.UTXOS.id(), "utxos", UtxoPosSerializer.INSTANCE, UtxoEntrySerializer.INSTANCE);

  /** (owner, position) -> marker, for exactly the unspent outputs. */
  static final KvColumn<OwnedPos, Marker> OWNER_UTXOS =
      new KvColumn<>(
          ColumnId.OWNER_UTXOS.id(), "owner-utxos", OwnedPosSerializer.INSTANCE, Marker.SERIALIZER);

  /** Deposit blknum -> the L1 block of its event, once the deposit is applied. */
  static final KvColumn<Long, Long> DEPOSITS =
      new KvColumn<>(ColumnId.DEPOSITS.id(), "deposits", LongSerializer.INSTANCE, LONG_VALUE);

  /**
   * txHash -> the outputs (bit {@code 1 << oindex}) piggybacked on L1 in an in-flight exit before a
   * stored block held the transaction: {@link ChainStore#commitBlock} creates them exiting.
   */
  static final KvColumn<Hash32, Long> EXITING_ON_INCLUSION =
      new KvColumn<>(
          ColumnId.EXITING_ON_INCLUSION.id(),
          "exiting-on-inclusion",
          Hash32Serializer.INSTANCE,
          LONG_VALUE);

  /**
   * (position, in-flight exit id) -> marker: the in-flight exits started on L1 whose tx spends the
   * output ({@link InFlightSpends}).
   */
  static final KvColumn<InFlightSpends.Spend, Marker> IN_FLIGHT_SPENDS =
      new KvColumn<>(
          ColumnId.IN_FLIGHT_SPENDS.id(),
          "in-flight-spends",
          InFlightSpends.SERIALIZER,
          Marker.SERIALIZER);

  /**
   * (address, position newest first) -> marker: the address owns an output that the transaction (or
   * deposit) there spent or created ({@link AccountHistory}, which reads the rest from the chain).
   */
  static final KvColumn<HistoryKey, Marker> HISTORY =
      new KvColumn<>(
          ColumnId.HISTORY.id(), "history", HistoryKeySerializer.INSTANCE, Marker.SERIALIZER);

  /**
   * Deposit blknum -> its output, kept after it is spent (the UTXO set forgets a spent output's
   * owner and amount; the account history needs them).
   */
  static final KvColumn<Long, Output> DEPOSIT_OUTPUTS =
      new KvColumn<>(
          ColumnId.DEPOSIT_OUTPUTS.id(),
          "deposit-outputs",
          LongSerializer.INSTANCE,
          FormatVersioned.v1(OutputSerializer.VALUE));

  /** Single values: chain height, last L1 block scanned, whether the history is kept. */
  static final KvColumn<MetaKey, Long> META =
      new KvColumn<>(ColumnId.META.id(), "meta", MetaKey.SERIALIZER, LONG_VALUE);

  private ChainColumns() {}
}
