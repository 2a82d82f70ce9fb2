package io.plasmanode.node.cli;

import io.plasmanode.core.crypto.Keccak;
import io.plasmanode.core.crypto.PrivateKey;
import io.plasmanode.core.eip712.Eip712Domain;
import io.plasmanode.core.eip712.TransactionSigner;
import io.plasmanode.core.tx.PaymentTransaction;
import io.plasmanode.core.tx.SignedTransaction;
import io.plasmanode.core.tx.TxCodec;
import io.plasmanode.core.types.Hash32;
import io.plasmanode.node.rpc.RpcResults.Submitted;
import io.plasmanode.node.rpc.RpcResults.UtxoResult;
import io.plasmanode.node.wallet.OperatorAnswer;
import io.plasmanode.node.wallet.SentTransactionStore;
import io.plasmanode.p2p.rpc.JsonRpcException;
import io.plasmanode.p2p.rpc.JsonRpcTransportException;
import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Submits a transaction that the wallet already recorded, and records the operator's answer:
 * accepted, rejected (code and reason), or none at all, which is the dangerous case: the
 * transaction may have reached the operator, so its inputs stay spent as far as the wallet is
 * concerned.
 */
final class WalletSubmission {
  /**
   * The error answers that say the operator did not take the transaction (docs/json-rpc.md): the
   * rejections, a halted operator, a request refused before it was read (limits, malformed request
   * or params). Any other error (an internal error) leaves it unknown whether it was.
   */
  private static final Set<Integer> NOT_TAKEN =
      Set.of(-32010, -32011, -32012, -32013, -32016, -32005, -32600, -32601, -32602, -32700);

  private WalletSubmission() {}

  /**
   * Checks {@code tx}'s inputs against {@code listed} (the chain's listing of {@code key}'s
   * outputs), signs it with {@code key} for {@code domain}, records it in the wallet unless it
   * re-spends an input of an earlier transaction there (W9; {@code forceRespend} overrides
   * unanswered ones, each override {@code warn}ed), and submits it.
   *
   * @throws CliException when an input is not listed or the record refuses it (nothing sent)
   * @throws JsonRpcException the operator's rejection, recorded
   */
  static Submitted signAndSubmit(
      OperatorClient operator,
      SentTransactionStore store,
      Eip712Domain domain,
      PrivateKey key,
      PaymentTransaction tx,
      List<UtxoResult> listed,
      boolean forceRespend,
      Consumer<String> warn) {
    TransferPlanner.requireListedInputs(tx, key.address(), listed);
    SignedTransaction signed =
        new TransactionSigner(domain).sign(tx, Collections.nCopies(tx.inputs().size(), key));
    switch (store.recordSigned(signed, key.address(), domain, Instant.now(), forceRespend)) {
      case SentTransactionStore.Recording.Refused refused ->
          throw new CliException(RespendMessages.refusal(refused.conflicts(), forceRespend));
      case SentTransactionStore.Recording.Recorded recorded ->
          recorded
              .overridden()
              .forEach(conflict -> warn.accept(RespendMessages.overridden(conflict)));
    }
    Hash32 txHash = Keccak.keccak256(TxCodec.encode(tx));
    return submit(operator, store, txHash, TxCodec.encodeSigned(signed), Clock.systemUTC());
  }

  /**
   * The operator's acceptance of {@code signedTx} ({@code txHash}).
   *
   * @throws JsonRpcException the operator's rejection, recorded
   * @throws CliException when no usable answer came, recorded as such, saying what to do
   */
  static Submitted submit(
      OperatorClient operator,
      SentTransactionStore store,
      Hash32 txHash,
      byte[] signedTx,
      Clock clock) {
    Submitted submitted;
    try {
      submitted = operator.submit(signedTx);
    } catch (JsonRpcTransportException | CliException e) {
      store.recordAnswer(txHash, new OperatorAnswer.NoAnswer(message(e), clock.instant()));
      throw new CliException(noAnswer(txHash, message(e)), e);
    } catch (JsonRpcException e) {
      if (!NOT_TAKEN.contains(e.code())) {
        String why = "error %d: %s".formatted(e.code(), e.getMessage());
        store.recordAnswer(txHash, new OperatorAnswer.NoAnswer(why, clock.instant()));
        throw new CliException(noAnswer(txHash, "the operator answered with " + why), e);
      }
      String reason = e.data().map(data -> data.path("reason").asText("")).orElse("");
      store.recordAnswer(
          txHash, new OperatorAnswer.Rejected(e.code(), reason, e.getMessage(), clock.instant()));
      throw e;
    }
    if (!submitted.txHash().equals(txHash)) {
      String why = "the operator answered for another transaction, " + submitted.txHash();
      store.recordAnswer(txHash, new OperatorAnswer.NoAnswer(why, clock.instant()));
      throw new CliException(noAnswer(txHash, why + ": it is misbehaving"));
    }
    store.recordAnswer(
        txHash,
        new OperatorAnswer.Accepted(submitted.blknum(), submitted.txIndex(), clock.instant()));
    return submitted;
  }

  private static String message(RuntimeException e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return e instanceof JsonRpcTransportException transport
        ? message + " (" + WatcherClient.reason(transport) + ")"
        : message;
  }

  private static String noAnswer(Hash32 txHash, String why) {
    return ("no answer from the operator for transaction %s (%s): it may or may not have reached"
            + " the operator, which may include it at any time. It is kept in the wallet: plasma"
            + " tx show %s tells what the operator and the watcher know of it now; plasma tx"
            + " resend %s sends the same transaction again (safe). Do not sign another spend of"
            + " its inputs: if it stays unanswered, exit it in flight.")
        .formatted(txHash, why, txHash, txHash);
  }
}
