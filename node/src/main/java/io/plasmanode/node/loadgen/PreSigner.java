package io.plasmanode.node.loadgen;

import io.plasmanode.core.eip712.TransactionSigner;
import io.plasmanode.core.tx.Output;
import io.plasmanode.core.tx.PaymentTransaction;
import io.plasmanode.core.tx.TxCodec;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Signs every measured transfer of a {@link LoadPlan} (on all cores, not timed) and packs them into
 * ready-to-send request bodies of {@code batch} transactions each. A transfer pays the recipient
 * all its leaves hold but the fee, which it leaves to the operator.
 */
final class PreSigner {
  /** One request body and how many transactions it carries. */
  record Batch(byte[] body, int count) {}

  private PreSigner() {}

  static List<Batch> sign(
      LoadPlan load,
      FanOutPlan fanOut,
      UtxoPos[] positions,
      BenchAccounts accounts,
      TransactionSigner signer,
      BigInteger leafValue,
      BigInteger fee,
      int batch) {
    List<LoadPlan.Transfer> transfers = load.transfers();
    int batches = (transfers.size() + batch - 1) / batch;
    return IntStream.range(0, batches)
        .parallel()
        .mapToObj(
            b -> {
              List<LoadPlan.Transfer> chunk =
                  transfers.subList(b * batch, Math.min(transfers.size(), (b + 1) * batch));
              List<byte[]> signed =
                  chunk.stream()
                      .map(
                          t -> signTransfer(t, fanOut, positions, accounts, signer, leafValue, fee))
                      .toList();
              return new Batch(SubmitConnection.body(signed), signed.size());
            })
        .toList();
  }

  private static byte[] signTransfer(
      LoadPlan.Transfer transfer,
      FanOutPlan fanOut,
      UtxoPos[] positions,
      BenchAccounts accounts,
      TransactionSigner signer,
      BigInteger leafValue,
      BigInteger fee) {
    List<UtxoPos> inputs = new ArrayList<>(transfer.inputs());
    for (int i = 0; i < transfer.inputs(); i++) {
      inputs.add(positions[fanOut.leafSlots()[transfer.firstLeaf() + i]]);
    }
    Address recipient = accounts.key(transfer.recipient()).address();
    PaymentTransaction tx =
        PaymentTransaction.transfer(
            inputs,
            List.of(
                new Output(
                    recipient,
                    Address.ZERO,
                    leafValue.multiply(BigInteger.valueOf(transfer.inputs())).subtract(fee))));
    return TxCodec.encodeSigned(
        signer.sign(tx, Collections.nCopies(transfer.inputs(), accounts.key(transfer.payer()))));
  }
}
