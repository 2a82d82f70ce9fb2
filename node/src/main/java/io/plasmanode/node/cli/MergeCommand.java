package io.plasmanode.node.cli;

import io.plasmanode.core.crypto.PrivateKey;
import io.plasmanode.core.eip712.Eip712Domain;
import io.plasmanode.core.tx.Output;
import io.plasmanode.core.tx.PaymentTransaction;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import io.plasmanode.node.rpc.RpcResults.Status;
import io.plasmanode.node.rpc.RpcResults.Submitted;
import io.plasmanode.node.rpc.RpcResults.UtxoResult;
import io.plasmanode.node.wallet.SentTransactionStore;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code plasma merge}: joins the key's outputs of one token, up to 4 into one per transaction. A
 * merge (one owner, one token, fewer outputs than inputs) pays no fee.
 */
@Command(
    name = "merge",
    mixinStandardHelpOptions = true,
    defaultValueProvider = ConfigDefaultProvider.class,
    description = {
      "Joins your spendable outputs of ETH or --token on the child chain: up to 4 into one per"
          + " transaction, which you sign and the operator takes for free (a merge pays no fee)."
          + " Fewer, larger outputs let a transfer spend its amount and fee from at most 4"
          + " inputs, and make fewer exits.",
      "Outputs that a transaction in your wallet's record already spends are left alone. With"
          + " one output or none there is nothing to merge: it says so and exits 0. With more"
          + " than 4, run it again once its transactions are in a block to join the results."
    },
    footer = {ConfigDefaultProvider.FOOTER, KeyOptions.FOOTER})
final class MergeCommand extends CliCommand {

  @Option(
      names = "--token",
      paramLabel = "ADDR",
      converter = AddressConverter.class,
      description = "The ERC20 token whose outputs to merge (default: ETH).")
  Address token = Address.ZERO;

  @Mixin RpcOptions rpc;
  @Mixin KeyOptions keys;
  @Mixin WalletOptions wallet;

  /** One merge the operator took. */
  private record Merged(PaymentTransaction tx, Submitted submitted) {}

  @Override
  protected void run() {
    PrivateKey key = keys.keySource(environment(), PasswordPrompt.console()).load();
    SentTransactionStore store = wallet.store(plasmaHome());
    try (OperatorClient operator = rpc.client()) {
      Status status = operator.status();
      Eip712Domain domain = new Eip712Domain(status.contract(), status.chainId());
      List<UtxoResult> listed = operator.utxos(key.address());
      Set<UtxoPos> pending = store.read().spentInputs(domain);
      List<UtxoResult> free =
          TransferPlanner.spendable(key.address(), token, listed).stream()
              .filter(utxo -> !pending.contains(utxo.utxoPos()))
              .toList();
      List<PaymentTransaction> merges = merges(key.address(), token, free);
      if (merges.isEmpty()) {
        nothingToMerge(key.address(), free.size());
        return;
      }
      List<Merged> merged = new ArrayList<>();
      for (PaymentTransaction tx : merges) {
        Submitted submitted =
            WalletSubmission.signAndSubmit(
                operator, store, domain, key, tx, listed, false, this::warn);
        merged.add(new Merged(tx, submitted));
      }
      report(free.size(), merged);
    }
  }

  /**
   * The merges of {@code spendable} (the owner's outputs of {@code token}, oldest first): each
   * joins up to 4 into one output of their sum; a last output left alone stays as it is.
   */
  static List<PaymentTransaction> merges(Address owner, Address token, List<UtxoResult> spendable) {
    List<UtxoResult> ordered =
        spendable.stream().sorted(Comparator.comparing(UtxoResult::utxoPos)).toList();
    List<PaymentTransaction> merges = new ArrayList<>();
    for (int from = 0; from + 1 < ordered.size(); from += PaymentTransaction.MAX_INPUTS) {
      List<UtxoResult> group =
          ordered.subList(from, Math.min(ordered.size(), from + PaymentTransaction.MAX_INPUTS));
      BigInteger sum =
          group.stream().map(UtxoResult::amount).reduce(BigInteger.ZERO, BigInteger::add);
      merges.add(
          PaymentTransaction.transfer(
              group.stream().map(UtxoResult::utxoPos).toList(),
              List.of(new Output(owner, token, sum))));
    }
    return List.copyOf(merges);
  }

  private void nothingToMerge(Address owner, int outputs) {
    String what = token.isZero() ? "ETH" : "token " + token;
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("merged", List.of());
    json.put("outputs", outputs);
    print(
        ("nothing to merge: %s has %d spendable output%s of %s (not counting those a transaction"
                + " in the wallet's record spends); a merge joins 2 to %d of them")
            .formatted(
                owner, outputs, outputs == 1 ? "" : "s", what, PaymentTransaction.MAX_INPUTS),
        json);
  }

  private void report(int before, List<Merged> merged) {
    int joined = merged.stream().mapToInt(m -> m.tx().inputs().size()).sum();
    int after = before - joined + merged.size();
    StringBuilder human =
        new StringBuilder(
            "merged %d outputs into %d in %d transaction%s (no fee: a merge is free)"
                .formatted(joined, merged.size(), merged.size(), merged.size() == 1 ? "" : "s"));
    List<Map<String, Object>> json = new ArrayList<>();
    for (Merged m : merged) {
      Output output = m.tx().outputs().getFirst();
      human.append(
          "%n  txHash %s (block %d, index %d): %s -> %s"
              .formatted(
                  m.submitted().txHash(),
                  m.submitted().blknum(),
                  m.submitted().txIndex(),
                  m.tx().inputs(),
                  describeAmount(output.token(), output.amount())));
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("txHash", m.submitted().txHash().toHex());
      entry.put("blknum", m.submitted().blknum());
      entry.put("txIndex", m.submitted().txIndex());
      entry.put("inputs", m.tx().inputs().stream().map(Object::toString).toList());
      entry.put("amount", output.amount().toString());
      json.add(entry);
    }
    if (after > 1) {
      human.append(
          "%n  %d spendable outputs after these merges: run plasma merge again once they are in a"
              + " block to join them".formatted(after));
    }
    human.append("%n  not final until their blocks are committed on L1");
    print(human.toString(), Map.of("merged", json, "outputs", after));
  }
}
