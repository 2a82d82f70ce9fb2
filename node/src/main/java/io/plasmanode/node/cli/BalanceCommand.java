package io.plasmanode.node.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.plasmanode.core.types.Address;
import java.math.BigInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code plasma balance}: an account's child-chain balance per token. */
@Command(
    name = "balance",
    mixinStandardHelpOptions = true,
    defaultValueProvider = ConfigDefaultProvider.class,
    description = "Shows an account's balance per token on the child chain (plasma_getBalance).",
    footer = ConfigDefaultProvider.FOOTER)
final class BalanceCommand extends CliCommand {
  @Mixin OwnerOptions owner;
  @Mixin RpcOptions rpc;

  @Override
  protected void run() {
    Address account = owner.owner(environment());
    JsonNode balances;
    try (OperatorClient operator = rpc.client()) {
      balances = operator.balance(account);
    }
    if (!balances.isArray()) {
      throw new CliException("the operator answered plasma_getBalance with " + balances);
    }
    StringBuilder human = new StringBuilder("balance of " + account);
    if (balances.isEmpty()) {
      human.append(": nothing");
    }
    for (JsonNode balance : balances) {
      Address token = Address.fromHex(balance.path("token").asText());
      BigInteger amount = new BigInteger(balance.path("amount").asText());
      human.append("%n  %s".formatted(describeAmount(token, amount)));
    }
    print(human.toString(), balances);
  }
}
