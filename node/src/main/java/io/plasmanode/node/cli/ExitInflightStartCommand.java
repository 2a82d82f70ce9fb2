package io.plasmanode.node.cli;

import io.plasmanode.core.crypto.PrivateKey;
import io.plasmanode.core.eip712.Eip712Domain;
import io.plasmanode.core.inflight.InFlightExitStart;
import io.plasmanode.core.inflight.InFlightExitState;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Hash32;
import io.plasmanode.node.wallet.SentTransactionStore;
import io.plasmanode.node.wallet.SentTransactions;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code plasma exit inflight start}: starts the in-flight exit of a transaction you sent. */
@Command(
    name = "start",
    mixinStandardHelpOptions = true,
    defaultValueProvider = ConfigDefaultProvider.class,
    description = {
      "Starts the in-flight exit of --tx on L1, posting the in-flight exit bond: for each input"
          + " the transaction that created it and its inclusion proof, from the watcher"
          + " (watcher_getExitData) or, for a deposit, rebuilt from L1's DepositCreated event;"
          + " the transaction's own signatures as witnesses. Checks first what the contract would"
          + " refuse (unknown or withheld inputs, signatures for another contract or chain,"
          + " outputs over inputs, an exit started already).",
      "Start the exits of the transactions you sent (MoreVP: the sender's job, not the"
          + " receiver's). Then piggyback in the first half of the exit period: the command says"
          + " until when, and which inputs and outputs are yours."
    },
    footer = {ConfigDefaultProvider.FOOTER, KeyOptions.FOOTER})
final class ExitInflightStartCommand extends ExitCommandBase {
  @Option(
      names = "--tx",
      required = true,
      paramLabel = "TX",
      description =
          "The transaction: its hash (or first 8+ hex digits) in the wallet's record (plasma tx"
              + " list), or the signed transaction's hex.")
  String tx;

  @Mixin WatcherOptions watcher;
  @Mixin L1ScanOptions scan;
  @Mixin WalletOptions wallet;
  @Mixin KeyOptions keys;

  @Override
  protected void runExit() {
    SentTransactionStore store = wallet.store(plasmaHome());
    SentTransactions known = store.read();
    known.warnings().forEach(this::warn);
    ExitingTx exiting = ExitingTx.resolve(tx, known, store.file().toString(), Optional.empty());
    PrivateKey key = keys.keySource(environment(), PasswordPrompt.console()).load();
    try (ExitL1 session = connect(key)) {
      checkDomain(exiting, session);
      Optional<InFlightExitState> existing = session.chain().inFlightExit(exiting.exitId());
      if (existing.isPresent()) {
        throw new CliException(
            ("the in-flight exit of %s was started already (%s; it never starts twice): plasma"
                    + " exit list shows it and what you may still do")
                .formatted(exiting.txHash(), existing.get().status().name().toLowerCase()));
      }
      InFlightExitStart start =
          new InFlightExitBuilder(session, watcher, scan.fromBlock()).build(exiting.signed());
      BigInteger bond = session.chain().inFlightExitBond();
      Hash32 l1Tx = session.chain().startInFlightExit(start);
      ExitL1.Receipt receipt = session.receipt(l1Tx);
      InFlightExitState state = session.chain().inFlightExit(exiting.exitId()).orElseThrow();
      InFlightExitView view =
          new InFlightExitView(state, exiting.tx(), session.chain().minExitPeriod(), session.now());
      report(exiting, view, bond, receipt, key.address());
    }
  }

  /** A transaction from the wallet was signed for one contract and chain: exit it only there. */
  private static void checkDomain(ExitingTx exiting, ExitL1 session) {
    Eip712Domain here = new Eip712Domain(session.chain().contractAddress(), session.chainId());
    exiting
        .recorded()
        .filter(sent -> !sent.domain().equals(here))
        .ifPresent(
            sent -> {
              throw new CliException(
                  ("transaction %s was signed for contract %s on chain %d, not for %s on chain %d:"
                          + " check --contract and --l1")
                      .formatted(
                          exiting.txHash(),
                          sent.domain().verifyingContract(),
                          sent.domain().chainId(),
                          here.verifyingContract(),
                          here.chainId()));
            });
  }

  private void report(
      ExitingTx exiting,
      InFlightExitView view,
      BigInteger bond,
      ExitL1.Receipt receipt,
      Address account) {
    List<String> actions = view.actions(account);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("exitId", exiting.exitId().toString());
    json.put("txHash", exiting.txHash().toHex());
    json.put("bond", bond.toString());
    json.put("phaseOneEnd", view.phaseOneEnd().getEpochSecond());
    json.put("youngestInputPos", view.state().youngestInputPos().toString());
    json.put("actions", actions);
    json.put("l1TxHash", receipt.txHash().toHex());
    json.put("l1Block", receipt.block());
    StringBuilder human =
        new StringBuilder(
            ("in-flight exit %s of transaction %s started%n  bond:    %s (returned when it is"
                    + " processed, unless a challenge shows the transaction non-canonical)%n"
                    + "  phase 1: piggybacks until %s%n  L1 tx:   %s (block %d)")
                .formatted(
                    exiting.exitId(),
                    exiting.txHash(),
                    describeAmount(Address.ZERO, bond),
                    ExitTimes.describe(view.phaseOneEnd(), receipt.time()),
                    receipt.txHash(),
                    receipt.block()));
    human.append(
        "%n  Nothing is paid without a piggyback: each owner piggybacks what they claim (outputs"
                .formatted()
            + " if the transaction is canonical, inputs if not; unsure: both).");
    actions.forEach(action -> human.append("%n  you: %s".formatted(action)));
    otherOwners(exiting, account)
        .forEach(owner -> human.append("%n  tell %s to piggyback their output".formatted(owner)));
    print(human.toString(), json);
  }

  private static List<Address> otherOwners(ExitingTx exiting, Address account) {
    return exiting.tx().outputs().stream()
        .map(io.plasmanode.core.tx.Output::owner)
        .filter(owner -> !owner.equals(account))
        .distinct()
        .toList();
  }
}
