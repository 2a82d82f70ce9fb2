package io.plasmanode.node.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code plasma status}: the operator's view of the chain. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    defaultValueProvider = ConfigDefaultProvider.class,
    description = "Shows the operator's status: height, L1 sync, mempool, contract, alarms.",
    footer = ConfigDefaultProvider.FOOTER)
final class StatusCommand extends CliCommand {
  @Mixin RpcOptions rpc;

  @Override
  protected void run() {
    JsonNode status;
    try (OperatorClient operator = rpc.client()) {
      status = operator.status().json();
    }
    StringBuilder human = new StringBuilder("operator at " + rpc.rpc());
    for (var field : status.properties()) {
      if (!field.getKey().equals("alarms")) {
        human.append("%n  %-19s %s".formatted(field.getKey() + ":", field.getValue().asText()));
      }
    }
    JsonNode alarms = status.path("alarms");
    human.append(
        alarms.isEmpty() ? "%n  alarms:             none".formatted() : "%n  alarms:".formatted());
    alarms.forEach(alarm -> human.append("%n    - %s".formatted(alarm.asText())));
    print(human.toString(), status);
  }
}
