package io.plasmanode.node.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.plasmanode.core.crypto.PrivateKey;
import io.plasmanode.core.eip712.Eip712Domain;
import io.plasmanode.core.eip712.TransactionSigner;
import io.plasmanode.core.tx.PaymentTransaction;
import io.plasmanode.core.tx.SignedTransaction;
import io.plasmanode.core.tx.TxCodec;
import io.plasmanode.core.types.Address;
import java.math.BigInteger;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code plasma transfer}: pays someone on the child chain. */
@Command(
    name = "transfer",
    mixinStandardHelpOptions = true,
    defaultValueProvider = ConfigDefaultProvider.class,
    description = {
      "Pays --amount of ETH or a token to --to on the child chain: spends the fewest of your"
          + " outputs that cover it (at most 4), returns the change to you, signs with EIP-712"
          + " for the chain and contract the operator reports, and submits to the operator.",
      "Prints the transaction hash and the block and index it got; with --wait, waits until"
          + " that block is closed."
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
      names = "--wait",
      description = "Wait until the transaction's block is closed (see --wait-timeout).")
  boolean await;

  @Option(
      names = "--wait-timeout",
      paramLabel = "SECONDS",
      defaultValue = "120",
      description = "How long --wait waits (default: ${DEFAULT-VALUE} s).")
  long waitTimeoutSeconds;

  @Mixin RpcOptions rpc;
  @Mixin KeyOptions keys;

  @Override
  protected void run() {
    BigInteger amount = amount(amounts);
    Address token = amounts.token();
    PrivateKey key =
        KeySource.privateKey(keys.keySource(environment(), PasswordPrompt.console()).load());
    try (OperatorClient operator = rpc.client()) {
      OperatorClient.Status status = operator.status();
      List<WalletUtxo> listed = operator.utxos(key.address());
      PaymentTransaction tx = TransferPlanner.plan(key.address(), to, token, amount, listed);
      TransferPlanner.requireListedInputs(tx, key.address(), listed);
      SignedTransaction signed =
          new TransactionSigner(new Eip712Domain(status.contract(), status.chainId()))
              .sign(tx, Collections.nCopies(tx.inputs().size(), key));
      OperatorClient.Submitted submitted = operator.submit(TxCodec.encodeSigned(signed));
      Optional<JsonNode> closed =
          await ? Optional.of(awaitClosed(operator, submitted)) : Optional.empty();
      report(tx, submitted, closed);
    }
  }

  private JsonNode awaitClosed(OperatorClient operator, OperatorClient.Submitted submitted) {
    return awaitPresent(
        () -> operator.transaction(submitted.txHash()),
        waitTimeoutSeconds,
        () ->
            ("transaction %s was accepted into block %d but that block did not close within %d s;"
                    + " if it does not appear (plasma_getTransaction), submit again")
                .formatted(submitted.txHash(), submitted.blknum(), waitTimeoutSeconds));
  }

  private void report(
      PaymentTransaction tx, OperatorClient.Submitted submitted, Optional<JsonNode> closed) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("txHash", submitted.txHash().toHex());
    json.put("blknum", submitted.blknum());
    json.put("txIndex", submitted.txIndex());
    json.put("inputs", tx.inputs().stream().map(Object::toString).toList());
    json.put("closed", closed.isPresent());
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
    if (tx.outputs().size() > 1) {
      human.append(
          "%n  change:  %s"
              .formatted(describeAmount(amounts.token(), tx.outputs().get(1).amount())));
    }
    closed.ifPresent(
        found ->
            human.append(
                "%n  block %d closed: the transaction is final on the child chain"
                    .formatted(found.path("blknum").asLong())));
    print(human.toString(), json);
  }
}
