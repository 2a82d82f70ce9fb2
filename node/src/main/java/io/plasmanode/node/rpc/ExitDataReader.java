package io.plasmanode.node.rpc;

import io.plasmanode.core.ledger.UtxoStatus;
import io.plasmanode.core.merkle.MerkleTree;
import io.plasmanode.core.tx.Output;
import io.plasmanode.core.tx.PaymentTransaction;
import io.plasmanode.core.tx.TxCodec;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Hash32;
import io.plasmanode.node.rpc.RpcResults.ExitData;
import io.plasmanode.p2p.rpc.JsonRpcException;
import io.plasmanode.storage.chain.ChainStore;
import io.plasmanode.storage.chain.StoredTransaction;
import io.plasmanode.storage.chain.TxLocation;
import java.util.List;

/**
 * The data to exit an output on L1 ({@code startStandardExit(utxoPos, txBytes, proof)}): the
 * unsigned transaction that created it and the Merkle proof of that transaction in its block. A
 * deposit's transaction is rebuilt from its output (deposits carry zero metadata, docs/spec.md).
 */
final class ExitDataReader {
  private final ChainStore store;
  private final BlockProofCache cache;

  ExitDataReader(ChainStore store, int cachedBlocks) {
    this.store = store;
    this.cache =
        new BlockProofCache(cachedBlocks, blknum -> store.block(blknum).map(BlockProofs::of));
  }

  /**
   * The exit data of the output at {@code pos}.
   *
   * @throws JsonRpcException {@link PlasmaRpcErrors#OUTPUT_NOT_FOUND} when there is no such output
   *     or a deposit output is spent
   */
  ExitData exitData(UtxoPos pos) {
    return pos.isDeposit() ? depositExitData(pos) : childExitData(pos);
  }

  private ExitData childExitData(UtxoPos pos) {
    BlockProofs proofs =
        cache
            .get(pos.blknum())
            .orElseThrow(
                () ->
                    unknown(
                        "no output at %s: child block %d is not closed (the last closed block is"
                            + " %d)",
                        pos, pos.blknum(), store.height()));
    if (pos.txindex() >= proofs.txCount()) {
      throw unknown(
          "no output at %s: block %d has %d transaction(s), none at txIndex %d",
          pos, pos.blknum(), proofs.txCount(), pos.txindex());
    }
    PaymentTransaction tx = transactionAt(pos, proofs.txHashes().get(pos.txindex()));
    if (pos.oindex() >= tx.outputs().size()) {
      throw unknown(
          "no output at %s: transaction %d of block %d has %d output(s), none at oindex %d",
          pos, pos.txindex(), pos.blknum(), tx.outputs().size(), pos.oindex());
    }
    return ExitData.of(pos, TxCodec.encode(tx), proofs.tree().proof(pos.txindex()).toBytes());
  }

  /** The transaction at {@code pos}'s block and index, found through the tx index. */
  private PaymentTransaction transactionAt(UtxoPos pos, Hash32 txHash) {
    TxLocation location = new TxLocation(pos.blknum(), pos.txindex());
    StoredTransaction stored =
        store
            .transaction(txHash)
            .filter(found -> found.location().equals(location))
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "the tx index does not point %s to %s"
                            .formatted(txHash.toShortHex(), location)));
    return ChainQueries.decodeStored(stored.tx(), pos.blknum(), pos.txindex()).tx();
  }

  private ExitData depositExitData(UtxoPos pos) {
    if (pos.txindex() != 0 || pos.oindex() != 0) {
      throw unknown(
          "no output at %s: deposit block %d holds one output, at txIndex 0 and oindex 0",
          pos, pos.blknum());
    }
    Output output =
        switch (store.status(pos)) {
          case UtxoStatus.Unspent unspent -> unspent.output();
          case UtxoStatus.Exiting exiting -> exiting.output();
          case UtxoStatus.Spent spent ->
              throw PlasmaRpcErrors.outputNotFound(
                  PlasmaRpcErrors.DEPOSIT_SPENT,
                  ("deposit output %s is spent on the child chain, so it cannot be exited (its"
                          + " output is no longer kept)")
                      .formatted(pos));
          case UtxoStatus.Unknown none ->
              throw unknown(
                  "no output at %s: deposit %d is unknown (not made on L1, or not yet seen by the"
                      + " operator)",
                  pos, pos.blknum());
        };
    byte[] txBytes = TxCodec.encode(PaymentTransaction.deposit(output));
    MerkleTree tree = MerkleTree.of(List.of(txBytes));
    return ExitData.of(pos, txBytes, tree.proof(0).toBytes());
  }

  private static JsonRpcException unknown(String format, Object... args) {
    return PlasmaRpcErrors.outputNotFound(PlasmaRpcErrors.UNKNOWN_OUTPUT, format.formatted(args));
  }
}
