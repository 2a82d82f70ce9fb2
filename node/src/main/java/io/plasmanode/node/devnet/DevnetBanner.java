package io.plasmanode.node.devnet;

import io.plasmanode.contracts.anvil.AnvilProcess;
import io.plasmanode.node.devnet.DevnetAccounts.DemoAccount;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the devnet prints once it runs: endpoints, the contracts, each account with its balances as
 * read from L1 at that moment, and the commands to try next.
 *
 * @param dir the devnet directory as the user gave it (so the commands are the ones they type)
 * @param devnet the running devnet
 * @param deployment its contracts
 * @param balances the L1 balances of {@link DevnetAccounts#ALL}, in that order
 */
record DevnetBanner(
    Path dir, Devnet devnet, DevnetDeployment deployment, List<DevnetBalances> balances) {
  static final String LAST_SECTION = "try, in another shell:";

  DevnetBanner {
    balances = List.copyOf(balances);
  }

  String text() {
    List<String> lines = new ArrayList<>();
    lines.add("plasma devnet is running (Ctrl-C stops it; it resumes on the next start)");
    lines.add("  L1 (anvil)        " + devnet.l1Url() + "  chain id " + AnvilProcess.CHAIN_ID);
    lines.add("  Plasma contract   " + deployment.contract().toHex());
    lines.add("  DEV token         " + deployment.token().toHex() + "  (ERC20, 18 decimals)");
    lines.add(
        "  operator JSON-RPC "
            + devnet.rpcUrl()
            + (devnet.byzantine()
                ? "  BYZANTINE (--byzantine): cheats when told to (plasma devnet cheat --help)"
                : ""));
    lines.add(
        "  watcher JSON-RPC  "
            + devnet
                .watcherRpcUrl()
                .map(url -> url + "  (challenges invalid exits with the challenger's key)")
                .orElse("none (--no-watcher)"));
    lines.add("  exit period       " + deployment.exitPeriod().toSeconds() + " s");
    lines.add("  data              " + dir);
    lines.add("accounts, balances on L1 (keystore password in " + dir.resolve("password") + "):");
    for (int i = 0; i < DevnetAccounts.ALL.size(); i++) {
      lines.add(accountLine(DevnetAccounts.ALL.get(i), balances.get(i)));
    }
    lines.addAll(commands());
    return String.join(System.lineSeparator(), lines);
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
