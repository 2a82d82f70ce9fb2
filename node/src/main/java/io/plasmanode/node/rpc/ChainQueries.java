package io.plasmanode.node.rpc;

import io.plasmanode.core.tx.PaymentTransaction;
import io.plasmanode.core.tx.SignedTransaction;
import io.plasmanode.core.tx.TxCodec;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Hash32;
import io.plasmanode.core.types.Hex;
import io.plasmanode.core.validation.ValidationResult;
import io.plasmanode.node.rpc.RpcResults.Balance;
import io.plasmanode.node.rpc.RpcResults.BlockResult;
import io.plasmanode.node.rpc.RpcResults.CommitResult;
import io.plasmanode.node.rpc.RpcResults.OutputResult;
import io.plasmanode.node.rpc.RpcResults.TransactionResult;
import io.plasmanode.node.rpc.RpcResults.UtxoResult;
import io.plasmanode.storage.chain.ChainStore;
import io.plasmanode.storage.chain.CommitStatus;
import io.plasmanode.storage.chain.StoredBlock;
import io.plasmanode.storage.chain.StoredTransaction;
import io.plasmanode.storage.chain.TxBytes;
import java.util.List;
import java.util.Optional;

/** The read-only views of the chain served by the API: transactions, blocks, outputs, balances. */
final class ChainQueries {
  private final ChainStore store;

  ChainQueries(ChainStore store) {
    this.store = store;
  }

  Optional<TransactionResult> transaction(Hash32 txHash) {
    return store.transaction(txHash).map(ChainQueries::transactionResult);
  }

  Optional<BlockResult> block(long blknum, boolean full) {
    return store.block(blknum).map(block -> blockResult(block, full));
  }

  List<UtxoResult> utxos(Address owner) {
    return store.utxosOf(owner).stream().map(UtxoResult::unspent).toList();
  }

  List<Balance> balances(Address owner) {
    return store.balanceOf(owner).entrySet().stream()
        .filter(entry -> entry.getValue().signum() > 0)
        .map(entry -> new Balance(entry.getKey(), entry.getValue()))
        .toList();
  }

  /**
   * The signed transaction of stored bytes.
   *
   * @throws IllegalStateException if the stored bytes do not decode (damaged storage)
   */
  static SignedTransaction decodeStored(TxBytes stored, long blknum, int txindex) {
    ValidationResult<SignedTransaction> decoded = stored.decode();
    if (decoded instanceof ValidationResult.Invalid<SignedTransaction> invalid) {
      throw new IllegalStateException(
          "stored transaction %d of block %d does not decode: %s"
              .formatted(txindex, blknum, invalid));
    }
    return decoded.get();
  }

  private static TransactionResult transactionResult(StoredTransaction stored) {
    long blknum = stored.location().blknum();
    int txindex = stored.location().txindex();
    PaymentTransaction tx = decodeStored(stored.tx(), blknum, txindex).tx();
    return new TransactionResult(
        stored.tx().txHash(),
        blknum,
        txindex,
        Hex.encode(TxCodec.encode(tx)),
        Hex.encode(stored.tx().signedBytes()),
        tx.inputs(),
        tx.outputs().stream().map(OutputResult::of).toList());
  }

  private BlockResult blockResult(StoredBlock block, boolean full) {
    List<String> transactions =
        block.transactions().stream()
            .map(tx -> full ? Hex.encode(tx.signedBytes()) : tx.txHash().toHex())
            .toList();
    CommitStatus commit =
        store
            .commitStatus(block.blknum())
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "block " + block.blknum() + " is stored without a commit status"));
    return new BlockResult(
        block.blknum(),
        block.root(),
        block.timestamp().getEpochSecond(),
        block.transactions().size(),
        transactions,
        CommitResult.of(commit));
  }
}
