package io.plasmanode.node.cli;

import io.plasmanode.core.crypto.PrivateKey;
import io.plasmanode.core.eip712.Eip712Domain;
import io.plasmanode.core.fees.FeePayment;
import io.plasmanode.core.fees.FeeSpec;
import io.plasmanode.core.fees.FeeTable;
import io.plasmanode.core.tx.PaymentTransaction;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import io.plasmanode.node.rpc.RpcResults.BlockResult;
import io.plasmanode.node.rpc.RpcResults.Committed;
import io.plasmanode.node.rpc.RpcResults.Status;
import io.plasmanode.node.rpc.RpcResults.Submitted;
import io.plasmanode.node.rpc.RpcResults.UtxoResult;
import io.plasmanode.node.wallet.SentTransactionStore;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code plasma transfer}: pays someone on the child chain. A transfer is final only once its
 * block's root is committed on L1 (a closed block is not): {@code --wait} waits for that.
 */
@Command(
    name = "transfer",
    mixinStandardHelpOptions = true,
    defaultValueProvider = ConfigDefaultProvider.class,
    description = {
      "Pays --amount of ETH or a token to --to on the child chain: adds the fee the operator"
          + " asks for (plasma_getFees) in --fee-token, spends the fewest of your outputs that"
          + " cover both (at most 4), returns the change to you, signs with EIP-712 for the chain"
          + " and contract the operator reports, and submits to the operator. An operator that"
          + " charges no fees gets none; a transfer to yourself that joins outputs is a free"
          + " merge (see plasma merge).",
      "Prints the transaction hash, the block and index it got and the fee it paid. The"
          + " transfer is final once that block's root is committed on L1; --wait waits for"
          + " that."
    },
    footer = {ConfigDefaultProvider.FOOTER, KeyOptions.FOOTER})
final class TransferCommand extends CliCommand {

  @Option(
      names = "--to",
      required = true,
      paramLabel = "ADDR",
      converter = AddressConverter.class,
      description = "Recipient on the child chain.")
  Address to;

  @Mixin AmountOptions amounts;

  @Option(
      names = "--fee-token",
      paramLabel = "ADDR",
      converter = AddressConverter.class,
      description =
          "Pay the operator's fee in this token (default: ETH), from outputs of that token;"
              + " it must be one the operator accepts (plasma_getFees).")
  Address feeToken = Address.ZERO;

  @Option(
      names = "--wait",
      description =
          "Wait until the transaction's block is committed on L1 (its root in the contract, with"
              + " the operator's confirmations): only then is the transfer final. Fails after"
              + " --wait-timeout, saying how far it got.")
  boolean await;

  @Option(
      names = "--wait-timeout",
      paramLabel = "SECONDS",
      defaultValue = "300",
      description = "How long --wait waits (default: ${DEFAULT-VALUE} s).")
  long waitTimeoutSeconds;

  @Option(
      names = "--force-respend",
      description =
          "Send even though an earlier transaction of yours that got no answer spends one of the"
              + " inputs (it is in the wallet's record). Only if you know it never reached the"
              + " operator: if it did, both spends exist. Never overrides an accepted one.")
  boolean forceRespend;

  @Mixin RpcOptions rpc;
  @Mixin KeyOptions keys;
  @Mixin WalletOptions wallet;

  @Override
  protected void run() {
    BigInteger amount = amount(amounts);
    Address token = amounts.token();
    PrivateKey key = keys.keySource(environment(), PasswordPrompt.console()).load();
    SentTransactionStore store = wallet.store(plasmaHome());
    try (OperatorClient operator = rpc.client()) {
      Status status = operator.status();
      Eip712Domain domain = new Eip712Domain(status.contract(), status.chainId());
      Optional<FeePayment> fee = requiredFee(operator.fees(), feeToken);
      List<UtxoResult> listed = operator.utxos(key.address());
      PaymentTransaction tx = plan(key.address(), token, amount, fee, listed, store, domain);
      Submitted submitted =
          WalletSubmission.signAndSubmit(
              operator, store, domain, key, tx, listed, forceRespend, this::warn);
      Optional<String> l1TxHash =
          await ? Optional.of(awaitCommitted(operator, submitted)) : Optional.empty();
      report(tx, submitted, l1TxHash, TransferPlanner.feePaid(tx, listed));
    }
  }

  /**
   * The fee a payment pays in {@code feeToken} by {@code fees}; empty when the operator charges
   * none for payments (or a fee of zero in {@code feeToken}).
   *
   * @throws CliException when it charges fees but none in {@code feeToken}, listing those it takes
   */
  static Optional<FeePayment> requiredFee(FeeTable fees, Address feeToken) {
    Map<Address, FeeSpec> accepted = fees.fees(PaymentTransaction.TX_TYPE_PAYMENT);
    if (accepted.isEmpty()) {
      return Optional.empty();
    }
    FeeSpec spec = accepted.get(feeToken);
    if (spec == null) {
      throw new CliException(
          "the operator does not accept fees in %s; it accepts: %s. Pass one with --fee-token"
              .formatted(
                  feeToken.isZero() ? "ETH" : "token " + feeToken,
                  accepted.entrySet().stream()
                      .map(
                          entry ->
                              "%s (%s, --fee-token %s)"
                                  .formatted(
                                      Amounts.format(entry.getKey(), entry.getValue().amount()),
                                      entry.getValue().symbol(),
                                      entry.getKey()))
                      .collect(Collectors.joining("; "))));
    }
    return spec.amount().signum() > 0
        ? Optional.of(new FeePayment(feeToken, spec.amount()))
        : Optional.empty();
  }

  /**
   * The transfer, from listed outputs that no earlier transaction in the wallet spends when they
   * cover it (else from all, which the record then refuses, naming the earlier transactions).
   */
  private PaymentTransaction plan(
      Address sender,
      Address token,
      BigInteger amount,
      Optional<FeePayment> fee,
      List<UtxoResult> listed,
      SentTransactionStore store,
      Eip712Domain domain) {
    Set<UtxoPos> spent = forceRespend ? Set.of() : store.read().spentInputs(domain);
    List<UtxoResult> free = listed.stream().filter(u -> !spent.contains(u.utxoPos())).toList();
    try {
      return TransferPlanner.plan(sender, to, token, amount, fee, free);
    } catch (CliException e) {
      if (free.size() == listed.size()) {
        throw e;
      }
      return TransferPlanner.plan(sender, to, token, amount, fee, listed);
    }
  }

  /**
   * Waits, within --wait-timeout, for the transaction's block to close and then for its root to be
   * committed on L1.
   *
   * @return the L1 transaction that committed the block
   */
  private String awaitCommitted(OperatorClient operator, Submitted submitted) {
    Instant deadline = Instant.now().plusSeconds(waitTimeoutSeconds);
    long blknum =
        awaitPresent(
                () -> operator.transaction(submitted.txHash()),
                waitTimeoutSeconds,
                () ->
                    ("transaction %s was accepted into block %d but that block did not close"
                            + " within %d s%s; if it does not appear (plasma_getTransaction),"
                            + " submit again")
                        .formatted(
                            submitted.txHash(),
                            submitted.blknum(),
                            waitTimeoutSeconds,
                            operatorAlarms(operator)))
            .blknum();
    long left = Math.max(0, Duration.between(Instant.now(), deadline).toSeconds());
    return awaitPresent(
        () -> committedIn(operator, blknum),
        left,
        () ->
            ("transaction %s is in block %d, which closed but is not yet committed on L1 after %d"
                    + " s: the transfer is not final until the block's root is on L1%s. Check"
                    + " again later with: plasma block %d (commit: committed)")
                .formatted(
                    submitted.txHash(),
                    blknum,
                    waitTimeoutSeconds,
                    operatorAlarms(operator),
                    blknum));
  }

  /** The L1 transaction that committed {@code blknum}, once the operator records it committed. */
  private static Optional<String> committedIn(OperatorClient operator, long blknum) {
    return operator
        .block(blknum, false)
        .map(BlockResult::commit)
        .filter(Committed.class::isInstance)
        .map(commit -> ((Committed) commit).l1TxHash().toHex());
  }

  /** {@code "; the operator reports: ..."} if it has alarms, else empty. */
  private static String operatorAlarms(OperatorClient operator) {
    List<String> alarms = operator.status().alarms();
    return alarms.isEmpty() ? "" : "; the operator reports: " + String.join("; ", alarms);
  }

  private void report(
      PaymentTransaction tx,
      Submitted submitted,
      Optional<String> l1TxHash,
      Optional<FeePayment> fee) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("txHash", submitted.txHash().toHex());
    json.put("blknum", submitted.blknum());
    json.put("txIndex", submitted.txIndex());
    json.put("inputs", tx.inputs().stream().map(Object::toString).toList());
    json.put(
        "fee",
        fee.map(paid -> Map.of("token", paid.token().toHex(), "amount", paid.amount().toString()))
            .orElse(null));
    json.put("committed", l1TxHash.isPresent());
    l1TxHash.ifPresent(hash -> json.put("l1TxHash", hash));
    StringBuilder human =
        new StringBuilder(
            "sent %s to %s%n  txHash:  %s%n  block:   %d%n  index:   %d%n  inputs:  %s"
                .formatted(
                    describeAmount(amounts.token(), tx.outputs().get(0).amount()),
                    to,
                    submitted.txHash(),
                    submitted.blknum(),
                    submitted.txIndex(),
                    tx.inputs()));
    tx.outputs().stream()
        .skip(1)
        .forEach(
            change ->
                human.append(
                    "%n  change:  %s".formatted(describeAmount(change.token(), change.amount()))));
    human.append(
        "%n  fee:     %s"
            .formatted(
                fee.map(paid -> describeAmount(paid.token(), paid.amount()))
                    .orElse("none (the operator charges no fee for it)")));
    human.append(
        l1TxHash
            .map(
                hash ->
                    "%n  block %d committed on L1 (tx %s): the transfer is final"
                        .formatted(submitted.blknum(), hash))
            .orElse(
                "%n  not final until block %d is committed on L1 (--wait waits for it)"
                    .formatted(submitted.blknum())));
    print(human.toString(), json);
  }
}
