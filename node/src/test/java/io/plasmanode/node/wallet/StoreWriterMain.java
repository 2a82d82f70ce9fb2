package io.plasmanode.node.wallet;

import io.plasmanode.core.crypto.Keccak;
import io.plasmanode.core.tx.SignedTransaction;
import io.plasmanode.core.tx.TxCodec;
import java.nio.file.Path;

/**
 * A second process writing to a wallet store, for {@link SentTransactionStoreIT}: {@code append
 * FILE ID COUNT} records COUNT transactions of its own with an answer each; {@code conflict FILE ID
 * COUNT} tries COUNT transactions that all spend one shared input, printing "recorded" for each one
 * the store took.
 */
public final class StoreWriterMain {
  private StoreWriterMain() {}

  public static void main(String[] args) {
    String mode = args[0];
    SentTransactionStore store = new SentTransactionStore(Path.of(args[1]));
    int id = Integer.parseInt(args[2]);
    int count = Integer.parseInt(args[3]);
    for (int i = 0; i < count; i++) {
      SignedTransaction tx =
          mode.equals("append")
              ? WalletTxs.transfer(1, WalletTxs.pos(1000L * (id * count + i + 1), 0, 0))
              : WalletTxs.transfer(id * count + i + 1, WalletTxs.pos(1000, 0, 1));
      SentTransactionStore.Recording recording =
          store.recordSigned(tx, WalletTxs.ALICE.address(), WalletTxs.DOMAIN, WalletTxs.T0, false);
      if (recording instanceof SentTransactionStore.Recording.Recorded) {
        System.out.println("recorded");
        store.recordAnswer(
            Keccak.keccak256(TxCodec.encode(tx.tx())),
            new OperatorAnswer.Accepted(9000, i, WalletTxs.T0));
      }
    }
  }
}
