package io.plasmanode.node.devnet;

import io.plasmanode.contracts.anvil.AnvilProcess;
import io.plasmanode.core.fees.FeeSpec;
import io.plasmanode.core.fees.FeeTable;
import io.plasmanode.core.tx.PaymentTransaction;
import io.plasmanode.core.types.Address;
import io.plasmanode.node.devnet.DevnetAccounts.DemoAccount;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What the devnet prints once it runs: endpoints and explorers, the contracts, the fee, each
 * account with its balances as read from L1 at that moment, and the commands to try next.
 *
 * @param dir the devnet directory as the user gave it (so the commands are the ones they type)
 * @param endpoints where the running devnet answers
 * @param deployment its contracts
 * @param fees the fees the operator charges now; empty when the devnet runs with {@code --no-fees}
 * @param balances the L1 balances of {@link DevnetAccounts#ALL}, in that order
 */
record DevnetBanner(
    Path dir,
    Endpoints endpoints,
    DevnetDeployment deployment,
    Optional<FeeTable> fees,
    List<DevnetBalances> balances) {
  static final String LAST_SECTION = "try, in another shell:";
  private static final String EXPLORER = "/explorer/";

  /**
   * Where the devnet answers.
   *
   * @param l1 anvil's JSON-RPC
   * @param rpc the operator's endpoint (the byzantine operator's, in front of the node, with {@code
   *     --byzantine})
   * @param byzantine whether {@code rpc} is the byzantine operator's
   * @param operatorNode the operator's node itself, whose server also serves its explorer
   * @param watcherRpc the watcher's JSON-RPC (and explorer) server; empty with {@code --no-watcher}
   */
  record Endpoints(
      String l1, String rpc, boolean byzantine, String operatorNode, Optional<String> watcherRpc) {}

  DevnetBanner {
    balances = List.copyOf(balances);
  }

  String text() {
    List<String> lines = new ArrayList<>();
    lines.add("plasma devnet is running (Ctrl-C stops it; it resumes on the next start)");
    lines.add("  L1 (anvil)        " + endpoints.l1() + "  chain id " + AnvilProcess.CHAIN_ID);
    lines.add("  Plasma contract   " + deployment.contract().toHex());
    lines.add("  DEV token         " + deployment.token().toHex() + "  (ERC20, 18 decimals)");
    lines.add(
        "  operator JSON-RPC "
            + endpoints.rpc()
            + (endpoints.byzantine()
                ? "  BYZANTINE (--byzantine): cheats when told to (plasma devnet cheat --help)"
                : ""));
    lines.add(
        "  watcher JSON-RPC  "
            + endpoints
                .watcherRpc()
                .map(url -> url + "  (challenges invalid exits with the challenger's key)")
                .orElse("none (--no-watcher)"));
    lines.add(
        "  explorer          "
            + endpoints.operatorNode()
            + EXPLORER
            + endpoints.watcherRpc().map(url -> "  watcher's: " + url + EXPLORER).orElse(""));
    lines.add("  fees              " + feeLine());
    lines.add("  exit period       " + deployment.exitPeriod().toSeconds() + " s");
    lines.add("  data              " + dir);
    lines.add("accounts, balances on L1 (keystore password in " + dir.resolve("password") + "):");
    for (int i = 0; i < DevnetAccounts.ALL.size(); i++) {
      lines.add(accountLine(DevnetAccounts.ALL.get(i), balances.get(i)));
    }
    lines.addAll(commands());
    return String.join(System.lineSeparator(), lines);
  }

  /**
   * {@code 0.000001 ETH per payment (...)}: what a payment pays now, in each token the operator
   * takes; {@code none (--no-fees)} without fees.
   */
  private String feeLine() {
    if (fees.isEmpty()) {
      return "none (--no-fees)";
    }
    Map<Address, FeeSpec> payment = fees.get().fees(PaymentTransaction.TX_TYPE_PAYMENT);
    String file = dir.resolve(DevnetFees.FILE).toString();
    if (payment.isEmpty()) {
      return "none (" + file + " charges payments nothing)";
    }
    return payment.entrySet().stream()
            .map(fee -> describe(fee.getKey(), fee.getValue()))
            .collect(Collectors.joining(" or "))
        + " per payment (from "
        + file
        + ", reloaded when edited; --no-fees for none)";
  }

  /** {@code 0.000001 ETH}, or {@code 5 DEV (token 0x...)}: the spec's amount in its units. */
  private static String describe(Address token, FeeSpec spec) {
    String amount =
        new BigDecimal(spec.amount())
            .divide(new BigDecimal(spec.subunitToUnit()), 78, RoundingMode.DOWN)
            .stripTrailingZeros()
            .toPlainString();
    return amount + " " + spec.symbol() + (token.isZero() ? "" : " (token " + token.toHex() + ")");
  }

  private String accountLine(DemoAccount account, DevnetBalances balance) {
    String where =
        account.equals(DevnetAccounts.OPERATOR)
            ? "(commits the blocks)"
            : "--config " + DevnetAccounts.configFile(dir, account);
    return "  %-10s %s  %-32s %s"
        .formatted(account.name(), account.address().toHex(), balance.describe(), where);
  }

  private List<String> commands() {
    Path alice = DevnetAccounts.configFile(dir, DevnetAccounts.USERS.get(0));
    String bob = DevnetAccounts.USERS.get(1).address().toHex();
    return List.of(
        LAST_SECTION,
        "  scripts/plasma deposit --config " + alice + " --amount 1eth --wait",
        "  scripts/plasma balance --config " + alice,
        "  scripts/plasma transfer --config " + alice + " --to " + bob + " --amount 0.25eth --wait",
        "  scripts/plasma balance --config "
            + DevnetAccounts.configFile(dir, DevnetAccounts.USERS.get(1)),
        "  scripts/plasma deposit --config "
            + alice
            + " --token "
            + deployment.token().toHex()
            + " --decimals 18 --amount 100 --wait",
        "  scripts/plasma status --config " + alice);
  }
}
