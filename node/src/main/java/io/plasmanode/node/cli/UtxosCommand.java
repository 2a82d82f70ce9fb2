package io.plasmanode.node.cli;

import io.plasmanode.core.types.Address;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code plasma utxos}: an account's unspent outputs. */
@Command(
    name = "utxos",
    mixinStandardHelpOptions = true,
    defaultValueProvider = ConfigDefaultProvider.class,
    description = "Lists an account's unspent outputs on the child chain (plasma_getUtxos).",
    footer = ConfigDefaultProvider.FOOTER)
final class UtxosCommand extends CliCommand {
  @Mixin OwnerOptions owner;
  @Mixin RpcOptions rpc;

  @Override
  protected void run() {
    Address account = owner.owner(environment());
    List<WalletUtxo> utxos;
    try (OperatorClient operator = rpc.client()) {
      utxos = operator.utxos(account);
    }
    StringBuilder human = new StringBuilder();
    human.append(utxos.isEmpty() ? "no unspent outputs for " + account : "outputs of " + account);
    for (WalletUtxo utxo : utxos) {
      human.append(
          "%n  %-20s %s%s"
              .formatted(
                  utxo.position(),
                  describeAmount(utxo.token(), utxo.amount()),
                  utxo.exiting() ? "  (exiting)" : ""));
    }
    print(human.toString(), utxos.stream().map(UtxosCommand::json).toList());
  }

  private static Map<String, Object> json(WalletUtxo utxo) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("utxoPos", utxo.position().toString());
    json.put("blknum", utxo.position().blknum());
    json.put("txIndex", utxo.position().txindex());
    json.put("oindex", utxo.position().oindex());
    json.put("owner", utxo.owner().toHex());
    json.put("token", utxo.token().toHex());
    json.put("amount", utxo.amount().toString());
    json.put("status", utxo.exiting() ? "exiting" : "unspent");
    return json;
  }
}
