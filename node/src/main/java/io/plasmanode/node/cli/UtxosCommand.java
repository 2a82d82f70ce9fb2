package io.plasmanode.node.cli;

import io.plasmanode.core.types.Address;
import io.plasmanode.node.rpc.RpcResults.UtxoResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code plasma utxos}: an account's unspent outputs. */
@Command(
    name = "utxos",
    mixinStandardHelpOptions = true,
    defaultValueProvider = ConfigDefaultProvider.class,
    description = {
      "Lists an account's unspent outputs on the child chain (plasma_getUtxos), marking those"
          + " of blocks whose root is not yet committed on L1 (plasma_status lastCommittedBlock):"
          + " they cannot be exited until it is.",
      "When the operator cannot be reached, asks the watcher (--watcher) instead and says so:"
          + " it lists the unspent outputs in the blocks it validated (committed on L1) whose exit"
          + " has not started, as the operator would (watcher_getUtxos)."
    },
    footer = ConfigDefaultProvider.FOOTER)
final class UtxosCommand extends CliCommand {
  @Mixin OwnerOptions owner;
  @Mixin RpcOptions rpc;
  @Mixin WatcherOptions watcher;

  /**
   * Outputs, and the last child block committed on L1 (empty: all are, as a watcher validates only
   * blocks whose root is on L1).
   */
  private record Listing(List<UtxoResult> utxos, OptionalLong lastCommittedBlock) {
    boolean committed(UtxoResult utxo) {
      return utxo.utxoPos().isDeposit()
          || lastCommittedBlock.isEmpty()
          || utxo.utxoPos().blknum() <= lastCommittedBlock.getAsLong();
    }
  }

  @Override
  protected void run() {
    Address account = owner.owner(environment());
    OperatorOrWatcher.Answer<Listing> answer =
        new OperatorOrWatcher(rpc, watcher)
            .ask(
                operator ->
                    new Listing(
                        operator.utxos(account),
                        OptionalLong.of(operator.status().lastCommittedBlock())),
                client -> new Listing(client.utxos(account), OptionalLong.empty()));
    answer.fallback().ifPresent(this::warn);
    Listing listing = answer.value();
    StringBuilder human = new StringBuilder();
    human.append(
        listing.utxos().isEmpty() ? "no unspent outputs for " + account : "outputs of " + account);
    for (UtxoResult utxo : listing.utxos()) {
      human.append(
          "%n  %-20s %s%s%s"
              .formatted(
                  utxo.utxoPos(),
                  describeAmount(utxo.token(), utxo.amount()),
                  utxo.exiting() ? "  (exiting)" : "",
                  listing.committed(utxo) ? "" : "  (block not yet committed on L1)"));
    }
    print(human.toString(), listing.utxos().stream().map(u -> json(u, listing)).toList());
  }

  private static Map<String, Object> json(UtxoResult utxo, Listing listing) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("utxoPos", utxo.utxoPos().toString());
    json.put("blknum", utxo.utxoPos().blknum());
    json.put("txIndex", utxo.utxoPos().txindex());
    json.put("oindex", utxo.utxoPos().oindex());
    json.put("owner", utxo.owner().toHex());
    json.put("token", utxo.token().toHex());
    json.put("amount", utxo.amount().toString());
    json.put("status", utxo.exiting() ? "exiting" : "unspent");
    json.put("committed", listing.committed(utxo));
    return json;
  }
}
