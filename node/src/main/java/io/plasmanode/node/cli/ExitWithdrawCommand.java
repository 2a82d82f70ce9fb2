package io.plasmanode.node.cli;

import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Hash32;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;
import org.web3j.crypto.Credentials;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code plasma exit withdraw}: pulls exit payouts (or won bonds) credited to you. */
@Command(
    name = "withdraw",
    mixinStandardHelpOptions = true,
    defaultValueProvider = ConfigDefaultProvider.class,
    description =
        "Withdraws what the contract credited to your account in --token (an exit payout whose"
            + " transfer failed, or a challenge bond): withdraw(token), waiting for the receipt.",
    footer = {ConfigDefaultProvider.FOOTER, KeyOptions.FOOTER})
final class ExitWithdrawCommand extends ExitCommandBase {
  @Option(
      names = "--token",
      paramLabel = "ETH|ADDR",
      defaultValue = "ETH",
      converter = ExitTokenConverter.class,
      description = "ETH (default) or an ERC20 token address.")
  Address token;

  @Mixin KeyOptions keys;

  @Override
  protected void runExit() {
    Credentials credentials = keys.keySource(environment(), PasswordPrompt.console()).load();
    try (ExitL1 session = connect(credentials)) {
      Address account = session.sender();
      BigInteger credited = session.chain().withdrawable(account, token);
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("account", account.toHex());
      json.put("token", token.toHex());
      json.put("amount", credited.toString());
      if (credited.signum() == 0) {
        print(
            "nothing to withdraw: no %s is credited to %s"
                .formatted(ExitTokenConverter.name(token), account),
            json);
        return;
      }
      Hash32 l1Tx = session.chain().withdraw(token);
      ExitL1.Receipt receipt = session.receipt(l1Tx);
      json.put("l1TxHash", receipt.txHash().toHex());
      json.put("l1Block", receipt.block());
      print(
          "withdrew %s to %s%n  L1 tx: %s (block %d)"
              .formatted(
                  describeAmount(token, credited), account, receipt.txHash(), receipt.block()),
          json);
    }
  }
}
