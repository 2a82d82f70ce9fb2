package io.plasmanode.node.cli;

import io.plasmanode.contracts.l1.L1Exception;
import io.plasmanode.core.crypto.PrivateKey;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Hash32;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code plasma exit withdraw}: pulls exit payouts (or won bonds) credited to you, all the contract
 * can pay or {@code --amount} of them. The contract reserves every credit in its balance (an
 * unbacked exit is never credited), so a credit is normally paid in full; should the balance still
 * fall short (a token that shrinks balances), the part it can pay is not held back.
 */
@Command(
    name = "withdraw",
    mixinStandardHelpOptions = true,
    defaultValueProvider = ConfigDefaultProvider.class,
    description =
        "Withdraws what the contract credited to your account in --token (an exit payout whose"
            + " transfer failed, or a challenge bond): withdraw(token, amount), waiting for the"
            + " receipt. Without --amount: everything the contract can pay, i.e. your whole"
            + " credit, or the contract's balance of the token when that is smaller (the rest"
            + " stays credited).",
    footer = {ConfigDefaultProvider.FOOTER, KeyOptions.FOOTER})
final class ExitWithdrawCommand extends ExitCommandBase {
  @Option(
      names = "--token",
      paramLabel = "ETH|ADDR",
      defaultValue = "ETH",
      converter = ExitTokenConverter.class,
      description = "ETH (default) or an ERC20 token address.")
  Address token;

  @Option(
      names = "--amount",
      paramLabel = "AMOUNT",
      description =
          "How much of the credit to withdraw. ETH: wei, or with a unit: 0.5eth, 10gwei. Tokens:"
              + " base units. Default: everything the contract can pay (your credit, or the"
              + " contract's balance of the token if smaller).")
  String amountText;

  @Mixin KeyOptions keys;

  /** The credit, what the contract holds of the token, and what to withdraw. */
  private record Plan(BigInteger credited, BigInteger held, BigInteger amount) {
    BigInteger payable() {
      return credited.min(held);
    }
  }

  @Override
  protected void runExit() {
    Optional<BigInteger> requested = requestedAmount();
    PrivateKey credentials = keys.keySource(environment(), PasswordPrompt.console()).load();
    try (ExitL1 session = connect(credentials)) {
      Address account = session.sender();
      BigInteger credited = session.chain().withdrawable(account, token);
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("account", account.toHex());
      json.put("token", token.toHex());
      json.put("credited", credited.toString());
      if (credited.signum() == 0) {
        json.put("amount", "0");
        print(
            "nothing to withdraw: no %s is credited to %s"
                .formatted(ExitTokenConverter.name(token), account),
            json);
        return;
      }
      BigInteger held = session.contractBalance(token);
      Plan plan = new Plan(credited, held, requested.orElse(credited.min(held)));
      check(plan, account);
      withdraw(session, account, plan, json);
    }
  }

  /** {@code --amount}, parsed for the token; a usage error when it is no amount. */
  private Optional<BigInteger> requestedAmount() {
    if (amountText == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          token.isZero()
              ? Amounts.parseEth(amountText)
              : Amounts.parseToken(amountText, OptionalInt.empty()));
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "Invalid --amount: " + e.getMessage());
    }
  }

  /** Refuses, in plain words, what the contract would refuse or could not pay. */
  private void check(Plan plan, Address account) {
    if (plan.amount().compareTo(plan.credited()) > 0) {
      throw new CliException(
          "you asked for %s, but only %s is credited to %s: give at most that with --amount"
              .formatted(
                  describeAmount(token, plan.amount()),
                  describeAmount(token, plan.credited()),
                  account));
    }
    if (plan.held().signum() == 0) {
      throw new CliException(unpayable(plan) + "; nothing can be withdrawn now");
    }
    if (plan.amount().compareTo(plan.held()) > 0) {
      throw new CliException(
          "%s; withdraw the payable part with --amount %s (the rest stays credited)"
              .formatted(unpayable(plan), plan.payable()));
    }
  }

  /** Why the contract cannot pay the whole credit. */
  private String unpayable(Plan plan) {
    return ("the contract cannot pay all of your credit of %s: it holds only %s (credits are"
            + " reserved, so only a token that shrinks the contract's balance makes this)")
        .formatted(describeAmount(token, plan.credited()), describeAmount(token, plan.held()));
  }

  private void withdraw(ExitL1 session, Address account, Plan plan, Map<String, Object> json) {
    Hash32 l1Tx = send(session, plan);
    ExitL1.Receipt receipt = session.receipt(l1Tx);
    BigInteger remaining = plan.credited().subtract(plan.amount());
    json.put("amount", plan.amount().toString());
    json.put("remaining", remaining.toString());
    json.put("contractBalance", plan.held().toString());
    json.put("l1TxHash", receipt.txHash().toHex());
    json.put("l1Block", receipt.block());
    StringBuilder human =
        new StringBuilder(
            "withdrew %s to %s%n  L1 tx: %s (block %d)"
                .formatted(
                    describeAmount(token, plan.amount()),
                    account,
                    receipt.txHash(),
                    receipt.block()));
    if (remaining.signum() > 0) {
      human.append("%n  still credited: %s".formatted(describeAmount(token, remaining)));
      if (amountText == null) {
        human.append(
            " (the contract held only %s: the rest can be withdrawn only if it receives more)"
                .formatted(describeAmount(token, plan.held())));
      }
    }
    print(human.toString(), json);
  }

  private Hash32 send(ExitL1 session, Plan plan) {
    try {
      return session.chain().withdraw(token, plan.amount());
    } catch (L1Exception e) {
      if (!ExitReverts.is(e, "WithdrawFailed")) {
        throw e;
      }
      throw new CliException(
          ("the contract could not pay %s: the transfer to you failed (the token refused it, or"
                  + " your account does not accept ETH); your credit of %s is kept. The contract"
                  + " holds %s: try a smaller --amount, or fix what refuses the transfer")
              .formatted(
                  describeAmount(token, plan.amount()),
                  describeAmount(token, plan.credited()),
                  describeAmount(token, plan.held())),
          e);
    }
  }
}
