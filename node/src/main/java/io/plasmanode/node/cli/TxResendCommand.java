package io.plasmanode.node.cli;

import io.plasmanode.node.rpc.RpcResults.Submitted;
import io.plasmanode.node.wallet.OperatorAnswer;
import io.plasmanode.node.wallet.SentTransactionStore;
import io.plasmanode.node.wallet.SentTransactions;
import io.plasmanode.node.wallet.SentTx;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code plasma tx resend}: submits a recorded transaction again, byte for byte. */
@Command(
    name = "resend",
    mixinStandardHelpOptions = true,
    defaultValueProvider = ConfigDefaultProvider.class,
    description = {
      "Submits a transaction this wallet sent, the same signed bytes, again: the safe retry when"
          + " a submission got no answer (a new spend of the same inputs is not safe). Needs no"
          + " key. The submission and its answer are recorded as the first one was."
    },
    footer = ConfigDefaultProvider.FOOTER)
final class TxResendCommand extends CliCommand {
  @Parameters(
      index = "0",
      paramLabel = "HASH",
      description = "The transaction's hash, or its first 8 or more hex digits.")
  String hash;

  @Mixin WalletOptions wallet;
  @Mixin RpcOptions rpc;

  @Override
  protected void run() {
    SentTransactionStore store = wallet.store(plasmaHome());
    SentTransactions known = store.read();
    known.warnings().forEach(this::warn);
    SentTx tx = SentTxJson.find(known, hash, "in " + store.file());
    tx.answers().stream()
        .filter(OperatorAnswer.Rejected.class::isInstance)
        .map(OperatorAnswer.Rejected.class::cast)
        .filter(OperatorAnswer.Rejected::invalidForever)
        .findFirst()
        .ifPresent(
            rejected -> {
              throw new CliException(
                  "transaction %s can never be valid (the operator rejected it: %s); not sent"
                      .formatted(tx.txHash(), rejected.message()));
            });
    store.recordResubmission(tx.txHash(), Instant.now());
    Submitted submitted;
    try (OperatorClient operator = rpc.client()) {
      submitted =
          WalletSubmission.submit(
              operator, store, tx.txHash(), tx.signedBytes(), Clock.systemUTC());
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("txHash", submitted.txHash().toHex());
    json.put("blknum", submitted.blknum());
    json.put("txIndex", submitted.txIndex());
    print(
        "resent %s%n  accepted into block %d at index %d"
            .formatted(submitted.txHash(), submitted.blknum(), submitted.txIndex()),
        json);
  }
}
