package io.plasmanode.node.cli;

import io.plasmanode.contracts.l1.L1Exception;
import io.plasmanode.core.crypto.BouncyCastleSignerRecovery;
import io.plasmanode.core.crypto.Keccak;
import io.plasmanode.core.crypto.PrivateKey;
import io.plasmanode.core.eip712.Eip712Domain;
import io.plasmanode.core.l1.L1Event;
import io.plasmanode.core.tx.Output;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Hash32;
import io.plasmanode.node.rpc.PlasmaRpcMethods;
import io.plasmanode.node.rpc.RpcResults.ExitData;
import io.plasmanode.node.rpc.WatcherRpcResults.ChallengeResult;
import io.plasmanode.node.wallet.RespendConflict;
import io.plasmanode.node.wallet.SentTransactions;
import io.plasmanode.p2p.rpc.JsonRpcClient;
import io.plasmanode.p2p.rpc.JsonRpcException;
import io.plasmanode.p2p.rpc.JsonRpcResultException;
import java.math.BigInteger;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code plasma exit start}: starts the standard exit of one of your outputs on L1. */
@Command(
    name = "start",
    mixinStandardHelpOptions = true,
    defaultValueProvider = ConfigDefaultProvider.class,
    description = {
      "Starts the standard exit of your output --utxo on L1: gets its exit data (the tx that"
          + " created it and its inclusion proof) from a watcher or the operator, checks the output"
          + " is yours, asks the watcher whether it was spent (then it stops: the exit would be"
          + " challenged and the bond lost; see --force; a spend its owner did not sign for this"
          + " contract and chain is ignored with a warning), posts startStandardExit with the exit"
          + " bond and waits for the receipt.",
      "Prints the exit id (= the utxoPos) and when the exit can be processed."
    },
    footer = {ConfigDefaultProvider.FOOTER, KeyOptions.FOOTER})
final class ExitStartCommand extends ExitCommandBase {
  static final String FROM_WATCHER = "watcher";
  static final String FROM_OPERATOR = "operator";

  @Option(
      names = "--utxo",
      required = true,
      paramLabel = "POS",
      converter = ExitIdConverter.class,
      description =
          "The output to exit (utxoPos = blknum * 1000000 + txIndex * 10 + oindex, e.g. 1000000001 or 1000000010).")
  UtxoPos utxoPos;

  @Option(
      names = "--from",
      paramLabel = "SOURCE",
      defaultValue = FROM_WATCHER,
      description =
          "Where the exit data comes from: watcher (--watcher) or operator (--rpc)"
              + " (default: ${DEFAULT-VALUE}).")
  String from;

  @Mixin WatcherOptions watcher;

  @Option(
      names = "--force",
      description =
          "Start the exit even though the watcher saw the output spent, or a transaction in"
              + " the wallet's record spends it. Such an exit is challenged and its bond lost,"
              + " unless the watcher is wrong or that transaction never left this machine.")
  boolean force;

  @Mixin KeyOptions keys;
  @Mixin WalletOptions wallet;

  @Override
  protected void runExit() {
    checkSource();
    PrivateKey credentials = keys.keySource(environment(), PasswordPrompt.console()).load();
    Address account = credentials.address();
    ExitData data = exitData();
    Output output = ownedOutput(data, account);
    Optional<ChallengeResult> spend = servedSpend();
    try (ExitL1 session = connectChecking(credentials, spend)) {
      checkNotSpentBySentTx(session);
      spend.ifPresent(served -> checkUnspent(served, output, session));
      BigInteger bond = session.chain().exitBond();
      Hash32 l1Tx = session.chain().startStandardExit(utxoPos, data.txBytes(), data.proof());
      ExitL1.Receipt receipt = session.receipt(l1Tx);
      Instant exitableAt =
          receipt.events(L1Event.ExitStarted.class).stream()
              .filter(started -> started.utxoPos().equals(utxoPos))
              .map(L1Event.ExitStarted::exitableAt)
              .findFirst()
              .orElseGet(() -> session.chain().exit(utxoPos).exitableAt());
      report(output, bond, exitableAt, receipt);
    }
  }

  private void checkSource() {
    if (!from.equals(FROM_WATCHER) && !from.equals(FROM_OPERATOR)) {
      throw new ParameterException(
          spec.commandLine(), "Invalid --from '" + from + "': expected watcher or operator");
    }
  }

  private ExitData exitData() {
    if (from.equals(FROM_WATCHER)) {
      try (WatcherClient client = watcher.client()) {
        return client.exitData(utxoPos);
      }
    }
    String source = "the operator at " + rpc.rpc();
    try (JsonRpcClient operator = new JsonRpcClient(rpc.rpc())) {
      return RpcAnswers.requireFor(
          operator.call(ExitData.class, PlasmaRpcMethods.GET_EXIT_DATA, utxoPos.toString()),
          utxoPos,
          source);
    } catch (JsonRpcResultException e) {
      throw new CliException(
          "%s sent unusable exit data for %s: %s".formatted(source, utxoPos, e.getMessage()), e);
    } catch (JsonRpcException e) {
      throw new CliException(
          "the operator at %s has no exit data for %s: %s"
              .formatted(rpc.rpc(), utxoPos, e.getMessage()),
          e);
    }
  }

  /**
   * The spend of the output the watcher knows, if it spends this output (else it is ignored, with a
   * warning). Says so when it cannot check.
   */
  private Optional<ChallengeResult> servedSpend() {
    ChallengeResult spend;
    try (WatcherClient client = watcher.client()) {
      spend = client.challengeData(utxoPos);
    } catch (CliException e) {
      if (!(e.getCause() instanceof JsonRpcException answer
          && answer.code() == WatcherClient.NOTHING_TO_CHALLENGE)) {
        warn("could not check whether output %s is spent: %s".formatted(utxoPos, e.getMessage()));
      }
      return Optional.empty();
    }
    if (!ServedSpendCheck.spendsOutput(spend, utxoPos)) {
      warn(
          ("the watcher at %s answered a spend of output %s whose transaction does not spend it at"
                  + " input %d; ignoring it")
              .formatted(watcher.watcher(), utxoPos, spend.inputIndex()));
      return Optional.empty();
    }
    return Optional.of(spend);
  }

  /**
   * The L1 session the exit is sent in. Checking a served spend's signature needs L1 (the chain id
   * of its EIP-712 domain): if L1 cannot be reached, the unchecked spend stops the exit (unless
   * {@code --force}) before any L1 error.
   */
  private ExitL1 connectChecking(PrivateKey credentials, Optional<ChallengeResult> spend) {
    try {
      return connect(credentials);
    } catch (CliException | L1Exception e) {
      spend.ifPresent(this::stopUnlessForced);
      throw e;
    }
  }

  /**
   * Stops (unless {@code --force}) when the served spend carries the owner's signature for this
   * contract and chain: the exit would be challenged with it and the bond lost. A spend anyone else
   * signed (the contract would reject it as a challenge) is ignored, with a warning.
   */
  private void checkUnspent(ChallengeResult spend, Output output, ExitL1 session) {
    Eip712Domain domain = new Eip712Domain(session.chain().contractAddress(), session.chainId());
    switch (ServedSpendCheck.check(
        spend, utxoPos, output, domain, new BouncyCastleSignerRecovery())) {
      case OWNER_SIGNED -> stopUnlessForced(spend);
      case NOT_OWNER_SIGNED ->
          warn(
              ("the watcher at %s answered a spend of output %s (transaction %s) that its owner"
                      + " did not sign for this contract and chain: a forged spend, which the"
                      + " contract would reject as a challenge; ignoring it")
                  .formatted(watcher.watcher(), utxoPos, spendingTxHash(spend)));
      case NOT_THIS_OUTPUT -> {}
    }
  }

  /**
   * Stops (unless {@code --force}) when a transaction this wallet sent spends the output and is not
   * known rejected: it may be included, and its signature would challenge the exit. Such an output
   * leaves by the transaction's in-flight exit, piggybacking the input.
   */
  private void checkNotSpentBySentTx(ExitL1 session) {
    Eip712Domain domain = new Eip712Domain(session.chain().contractAddress(), session.chainId());
    SentTransactions known = wallet.store(plasmaHome()).read();
    known.warnings().forEach(this::warn);
    for (RespendConflict conflict : known.conflicts(domain, Hash32.ZERO, List.of(utxoPos))) {
      Hash32 hash = conflict.earlier().txHash();
      int input = conflict.earlier().inputs().indexOf(utxoPos);
      String danger =
          ("your wallet sent transaction %s, which spends output %s (%s): if it is ever included,"
                  + " its signature challenges this exit and the bond is lost. Exit that"
                  + " transaction in flight instead (plasma exit inflight start --tx %s) and"
                  + " piggyback its input %d (plasma exit piggyback --tx %s --input %d)")
              .formatted(
                  hash,
                  utxoPos,
                  conflict.earlier().status().name().toLowerCase(java.util.Locale.ROOT),
                  hash,
                  input,
                  hash,
                  input);
      if (!force) {
        throw new CliException(danger + "; the exit was not started (--force starts it anyway)");
      }
      warn("!!! STARTING THE EXIT ANYWAY (--force) !!! " + danger);
    }
  }

  private static String spendingTxHash(ChallengeResult spend) {
    return Keccak.keccak256(spend.spendingTxBytes()).toHex();
  }

  private void stopUnlessForced(ChallengeResult spend) {
    String danger =
        ("the watcher at %s saw output %s spent by transaction %s: an exit of it would be"
                + " challenged and the exit bond lost")
            .formatted(watcher.watcher(), utxoPos, spendingTxHash(spend));
    if (!force) {
      throw new CliException(
          danger
              + "; the exit was not started (--force starts it anyway, if the watcher is wrong)");
    }
    warn("!!! STARTING THE EXIT ANYWAY (--force) !!! " + danger);
  }

  /** The exiting output, which must belong to {@code account} (the contract checks it too). */
  static Output ownedOutput(ExitData data, Address account) {
    Output output =
        data.output()
            .orElseThrow(
                () ->
                    new CliException(
                        "the exit data for %s has no output at oindex %d (its txBytes do not"
                            + " decode or are too short)"
                                .formatted(data.utxoPos(), data.utxoPos().oindex())));
    if (!output.owner().equals(account)) {
      throw new CliException(
          ("NotOutputOwner: the output belongs to %s, not to your key's address %s; only its owner"
                  + " can start its exit")
              .formatted(output.owner(), account));
    }
    return output;
  }

  private void report(Output output, BigInteger bond, Instant exitableAt, ExitL1.Receipt receipt) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("exitId", utxoPos.toString());
    json.put("owner", output.owner().toHex());
    json.put("token", output.token().toHex());
    json.put("amount", output.amount().toString());
    json.put("bond", bond.toString());
    json.put("exitableAt", exitableAt.getEpochSecond());
    json.put("l1TxHash", receipt.txHash().toHex());
    json.put("l1Block", receipt.block());
    print(
        ("exit %s started; it can be processed after %s%n  amount: %s%n  bond:   %s (returned when"
                + " the exit is processed, lost if it is challenged)%n  L1 tx:  %s (block %d)")
            .formatted(
                utxoPos,
                ExitTimes.describe(exitableAt, receipt.time()),
                describeAmount(output.token(), output.amount()),
                describeAmount(Address.ZERO, bond),
                receipt.txHash(),
                receipt.block()),
        json);
  }
}
