package io.plasmanode.node.cli;

import io.plasmanode.contracts.l1.Web3jRootChain;
import io.plasmanode.core.crypto.PrivateKey;
import io.plasmanode.core.l1.L1Event;
import io.plasmanode.core.tx.Output;
import io.plasmanode.core.tx.PaymentTransaction;
import io.plasmanode.core.tx.TxCodec;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Hash32;
import io.plasmanode.node.rpc.RpcResults;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code plasma deposit}: moves ETH or an ERC20 token from L1 onto the child chain. */
@Command(
    name = "deposit",
    mixinStandardHelpOptions = true,
    defaultValueProvider = ConfigDefaultProvider.class,
    description = {
      "Deposits ETH (deposit) or an ERC20 token (approve, then depositFrom) into the Plasma"
          + " contract on L1, creating one child-chain output owned by you.",
      "Prints the deposit block number, the new output's utxoPos and the L1 transaction hash."
    },
    footer = {ConfigDefaultProvider.FOOTER, KeyOptions.FOOTER})
final class DepositCommand extends CliCommand {
  @Mixin AmountOptions amounts;

  @Option(
      names = "--wait",
      description =
          "Wait until the operator at --rpc has credited the deposit (after its deposit"
              + " confirmations on L1; see --wait-timeout).")
  boolean await;

  @Option(
      names = "--wait-timeout",
      paramLabel = "SECONDS",
      defaultValue = "300",
      description = "How long --wait waits (default: ${DEFAULT-VALUE} s).")
  long waitTimeoutSeconds;

  @Mixin L1Options l1;
  @Mixin RpcOptions rpc;
  @Mixin KeyOptions keys;

  @Override
  protected void run() {
    BigInteger amount = amount(amounts);
    Address token = amounts.token();
    PrivateKey credentials = keys.keySource(environment(), PasswordPrompt.console()).load();
    try (L1Session session = L1Session.signing(l1.l1(), credentials)) {
      Address contract = contract(session);
      Web3jRootChain plasma = session.rootChain(contract);
      byte[] depositTx =
          TxCodec.encode(PaymentTransaction.deposit(new Output(session.sender(), token, amount)));
      Map<String, Object> json = new LinkedHashMap<>();
      Hash32 l1Tx;
      if (token.isZero()) {
        l1Tx = plasma.deposit(depositTx, amount);
      } else {
        if (session.allowance(token, contract).compareTo(amount) < 0) {
          json.put("approveTxHash", session.approve(token, contract, amount).toHex());
        }
        l1Tx = plasma.depositFrom(depositTx);
      }
      L1Event.Deposit deposit = session.depositOf(plasma, l1Tx);
      if (await) {
        awaitCredited(deposit);
        json.put("credited", true);
      }
      report(deposit, json);
    }
  }

  /** Waits until the operator lists the deposit's output among its owner's outputs. */
  private void awaitCredited(L1Event.Deposit deposit) {
    UtxoPos utxoPos = new UtxoPos(deposit.blknum(), 0, 0);
    try (OperatorClient operator = rpc.client()) {
      awaitPresent(
          () ->
              operator.utxos(deposit.owner()).stream()
                  .filter(utxo -> utxo.utxoPos().equals(utxoPos))
                  .findFirst(),
          waitTimeoutSeconds,
          () ->
              ("deposit %s is on L1 (tx %s) but the operator at %s did not credit it within %d s;"
                      + " it waits for its deposit confirmations: check plasma status")
                  .formatted(utxoPos, deposit.origin().l1TxHash(), rpc.rpc(), waitTimeoutSeconds));
    }
  }

  private Address contract(L1Session session) {
    if (l1.contract().isPresent()) {
      return l1.contract().get();
    }
    RpcResults.Status status;
    try (OperatorClient operator = rpc.client()) {
      status = operator.status();
    }
    if (status.chainId() != session.chainId()) {
      throw new CliException(
          "the operator at %s runs on chain %d, but the L1 at %s is chain %d: check --l1/--rpc"
              .formatted(rpc.rpc(), status.chainId(), l1.l1(), session.chainId()));
    }
    return status.contract();
  }

  private void report(L1Event.Deposit deposit, Map<String, Object> json) {
    UtxoPos utxoPos = new UtxoPos(deposit.blknum(), 0, 0);
    json.put("owner", deposit.owner().toHex());
    json.put("token", deposit.token().toHex());
    json.put("amount", deposit.amount().toString());
    json.put("blknum", deposit.blknum());
    json.put("utxoPos", utxoPos.toString());
    json.put("l1TxHash", deposit.origin().l1TxHash().toHex());
    print(
        ("deposited %s for %s%n  deposit block: %d%n  utxoPos:       %s%n  L1 tx:         %s"
                + (json.containsKey("credited") ? "%n  credited on the child chain" : ""))
            .formatted(
                describeAmount(deposit.token(), deposit.amount()),
                deposit.owner(),
                deposit.blknum(),
                utxoPos,
                deposit.origin().l1TxHash()),
        json);
  }
}
