package io.plasmanode.node.cli;

import io.plasmanode.core.types.Address;
import io.plasmanode.node.rpc.RpcResults.Balance;
import io.plasmanode.node.rpc.RpcResults.UtxoResult;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code plasma balance}: an account's child-chain balance per token. */
@Command(
    name = "balance",
    mixinStandardHelpOptions = true,
    defaultValueProvider = ConfigDefaultProvider.class,
    description = {
      "Shows an account's balance per token on the child chain (plasma_getBalance).",
      "When the operator cannot be reached, asks the watcher (--watcher) instead and says so:"
          + " it counts the unspent outputs in the blocks it validated whose exit has not started,"
          + " as the operator would (watcher_getUtxos)."
    },
    footer = ConfigDefaultProvider.FOOTER)
final class BalanceCommand extends CliCommand {
  @Mixin OwnerOptions owner;
  @Mixin RpcOptions rpc;
  @Mixin WatcherOptions watcher;

  @Override
  protected void run() {
    Address account = owner.owner(environment());
    OperatorOrWatcher.Answer<SortedMap<Address, BigInteger>> answer =
        new OperatorOrWatcher(rpc, watcher)
            .ask(
                operator -> fromOperator(operator, account),
                client -> fromWatcher(client, account));
    answer.fallback().ifPresent(this::warn);
    StringBuilder human = new StringBuilder("balance of " + account);
    if (answer.value().isEmpty()) {
      human.append(": nothing");
    }
    answer
        .value()
        .forEach(
            (token, amount) -> human.append("%n  %s".formatted(describeAmount(token, amount))));
    List<Map<String, String>> json =
        answer.value().entrySet().stream()
            .map(e -> Map.of("token", e.getKey().toHex(), "amount", e.getValue().toString()))
            .toList();
    print(human.toString(), json);
  }

  private static SortedMap<Address, BigInteger> fromOperator(
      OperatorClient operator, Address account) {
    SortedMap<Address, BigInteger> byToken = new TreeMap<>();
    for (Balance balance : operator.balance(account)) {
      byToken.merge(balance.token(), balance.amount(), BigInteger::add);
    }
    return byToken;
  }

  /** The sum per token of the unspent outputs a watcher lists as the operator would. */
  private static SortedMap<Address, BigInteger> fromWatcher(WatcherClient client, Address account) {
    SortedMap<Address, BigInteger> byToken = new TreeMap<>();
    for (UtxoResult utxo : client.utxos(account)) {
      byToken.merge(utxo.token(), utxo.amount(), BigInteger::add);
    }
    return byToken;
  }
}
