package io.plasmanode.node.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.plasmanode.core.types.Address;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code plasma status}: the operator's view of the chain. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    defaultValueProvider = ConfigDefaultProvider.class,
    description =
        "Shows the operator's status: height (closed blocks), lastCommittedBlock (final: root on"
            + " L1), L1 sync, mempool, contract, fees (who claims them, claimed since the operator"
            + " started, the claimer's balance), alarms.",
    footer = ConfigDefaultProvider.FOOTER)
final class StatusCommand extends CliCommand {
  @Mixin RpcOptions rpc;

  @Override
  protected void run() {
    JsonNode status;
    try (OperatorClient operator = rpc.client()) {
      status = JSON.valueToTree(operator.status());
    }
    StringBuilder human = new StringBuilder("operator at " + rpc.rpc());
    for (var field : status.properties()) {
      if (!field.getKey().equals("alarms") && !field.getKey().equals("fees")) {
        human.append(
            "%n  %-19s %s%s"
                .formatted(
                    field.getKey() + ":",
                    field.getValue().asText(),
                    finality(field.getKey(), status)));
      }
    }
    fees(human, status.path("fees"));
    JsonNode alarms = status.path("alarms");
    human.append(
        alarms.isEmpty() ? "%n  alarms:             none".formatted() : "%n  alarms:".formatted());
    alarms.forEach(alarm -> human.append("%n    - %s".formatted(alarm.asText())));
    print(human.toString(), status);
  }

  /**
   * The fees: who claims them, what was claimed since the operator started and the claimer's
   * balance, per token (nothing from an operator that does not report fees).
   */
  private static void fees(StringBuilder human, JsonNode fees) {
    if (!fees.isObject()) {
      return;
    }
    human.append(
        "%n  %-19s %s"
            .formatted(
                "fees:",
                fees.path("claimer").isTextual()
                    ? "claimed by " + fees.path("claimer").asText()
                    : "none claimed"));
    human.append("%n    %-17s %s".formatted("collected:", amounts(fees.path("collected"))));
    human.append(
        "%n    %-17s %s".formatted("claimer balance:", amounts(fees.path("claimerBalance"))));
  }

  /** {@code [{token, amount}]} for people: {@code 0.000002 ETH, 6 (base units) of token 0x..}. */
  private static String amounts(JsonNode balances) {
    List<String> shown = new ArrayList<>();
    balances.forEach(
        balance ->
            shown.add(
                Amounts.format(
                    Address.fromHex(balance.path("token").asText()),
                    new BigInteger(balance.path("amount").asText()))));
    return shown.isEmpty() ? "none" : String.join(", ", shown);
  }

  /**
   * What is final: a block whose root is committed on L1, not one that is only closed. Annotates
   * {@code height} and {@code lastCommittedBlock} so.
   */
  private static String finality(String field, JsonNode status) {
    long height = status.path("height").asLong();
    long committed = status.path("lastCommittedBlock").asLong();
    return switch (field) {
      case "lastCommittedBlock" ->
          committed == 0
              ? " (no block committed on L1 yet)"
              : " (final: its root and every earlier one are committed on L1)";
      case "height" ->
          height > committed
              ? " (closed; blocks after %d are not final until committed on L1)"
                  .formatted(committed)
              : "";
      default -> "";
    };
  }
}
