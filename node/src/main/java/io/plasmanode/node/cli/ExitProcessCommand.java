package io.plasmanode.node.cli;

import io.plasmanode.contracts.l1.L1Exception;
import io.plasmanode.core.crypto.PrivateKey;
import io.plasmanode.core.l1.ExitId;
import io.plasmanode.core.l1.L1Event;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Hash32;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code plasma exit process}: pays out the matured exits at the front of a token's queue. */
@Command(
    name = "process",
    mixinStandardHelpOptions = true,
    defaultValueProvider = ConfigDefaultProvider.class,
    description = {
      "Processes up to --max matured exits of --token's queue on L1 (the contract's"
          + " processExits(token, top, max)), with the current queue top as the front-running guard (if someone processed it"
          + " meanwhile, retries once with the new top). Anyone may call it; you pay the gas.",
      "Reports the exits paid (amount + bond to each owner) and those not paid: a payout that"
          + " failed is credited to the owner's withdrawable (they pull it with plasma exit"
          + " withdraw); an amount no unreserved balance backs (a byzantine operator's output) is"
          + " dropped, its bond paid alone."
    },
    footer = {ConfigDefaultProvider.FOOTER, KeyOptions.FOOTER})
final class ExitProcessCommand extends ExitCommandBase {
  static final int MAX_EXITS = 500;

  @Option(
      names = "--token",
      required = true,
      paramLabel = "ETH|ADDR",
      converter = ExitTokenConverter.class,
      description = "The queue to process: ETH, or an ERC20 token address.")
  Address token;

  @Option(
      names = "--max",
      paramLabel = "N",
      defaultValue = "10",
      description = "At most this many queue entries (default: ${DEFAULT-VALUE}, at most 500).")
  int max;

  @Mixin KeyOptions keys;

  /** The exit queue of one token, as processing sees it. */
  interface ExitQueue {
    Optional<ExitL1.QueueTop> top();

    Instant now();

    Hash32 process(ExitId topExitId);
  }

  @Override
  protected void runExit() {
    if (max < 1 || max > MAX_EXITS) {
      throw new ParameterException(
          spec.commandLine(), "Invalid --max " + max + ": expected 1.." + MAX_EXITS);
    }
    PrivateKey credentials = keys.keySource(environment(), PasswordPrompt.console()).load();
    try (ExitL1 session = connect(credentials)) {
      ExitQueue queue = queueOf(session);
      long sizeBefore = session.exitQueueSize(token);
      Optional<Hash32> l1Tx = processWithRetry(queue, this::warn);
      if (l1Tx.isEmpty()) {
        reportNothing(queue.top(), queue.now());
        return;
      }
      long popped = sizeBefore - session.exitQueueSize(token);
      report(session.receipt(l1Tx.get()), session.chain().exitBond(), popped);
    }
  }

  private ExitQueue queueOf(ExitL1 session) {
    return new ExitQueue() {
      @Override
      public Optional<ExitL1.QueueTop> top() {
        return session.topExit(token);
      }

      @Override
      public Instant now() {
        return session.now();
      }

      @Override
      public Hash32 process(ExitId topExitId) {
        return session.chain().processExits(token, topExitId, max);
      }
    };
  }

  /**
   * Processes from the current top; when the contract refuses with {@code TopExitMismatch} (someone
   * processed the queue meanwhile), says so and tries once more with the new top.
   *
   * @return the L1 transaction, or empty when no exit at the top has matured
   */
  static Optional<Hash32> processWithRetry(ExitQueue queue, Consumer<String> notes) {
    for (int attempt = 1; ; attempt++) {
      Optional<ExitL1.QueueTop> top = queue.top();
      if (top.isEmpty() || top.get().exitableAt().isAfter(queue.now())) {
        return Optional.empty();
      }
      try {
        return Optional.of(queue.process(top.get().exitId()));
      } catch (L1Exception e) {
        if (attempt > 1 || !ExitReverts.is(e, "TopExitMismatch")) {
          throw e;
        }
        notes.accept(
            "the contract refused: TopExitMismatch (someone processed exit %s meanwhile);"
                    .formatted(top.get().exitId())
                + " retrying once with the new top of the queue");
      }
    }
  }

  private void reportNothing(Optional<ExitL1.QueueTop> top, Instant now) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("token", token.toHex());
    json.put("processed", 0);
    top.ifPresent(
        next -> {
          json.put("nextExitId", next.exitId().toString());
          json.put("nextExitableAt", next.exitableAt().getEpochSecond());
        });
    String queueName = "the " + ExitTokenConverter.name(token) + " exit queue";
    print(
        top.map(
                next ->
                    "nothing to process yet: the next exit in %s, %s, can be processed after %s"
                        .formatted(
                            queueName, next.exitId(), ExitTimes.describe(next.exitableAt(), now)))
            .orElse("nothing to process: " + queueName + " is empty"),
        json);
  }

  private void report(ExitL1.Receipt receipt, BigInteger bond, long popped) {
    List<L1Event.ExitFinalized> finalized = receipt.events(L1Event.ExitFinalized.class);
    List<L1Event.InFlightExitProcessed> inFlight =
        receipt.events(L1Event.InFlightExitProcessed.class);
    int processed = finalized.size() + inFlight.size();
    // An in-flight exit paid when it paid a piggyback (its lines below name which).
    long paid =
        finalized.stream().filter(L1Event.ExitFinalized::paid).count()
            + inFlight.stream().filter(exit -> exit.paidSlots() != 0).count();
    StringBuilder human = new StringBuilder(headline(processed, inFlight.size(), paid));
    List<Map<String, Object>> exits = new ArrayList<>();
    for (L1Event.ExitFinalized exit : finalized) {
      human.append(
          "%n  %-16s %s %s + bond %s to %s"
              .formatted(
                  exit.utxoPos(),
                  exit.paid()
                      ? "paid"
                      : "not paid (credited if the payout failed: the owner runs plasma exit"
                          + " withdraw; dropped if no balance backs it)",
                  describeAmount(exit.token(), exit.amount()),
                  describeAmount(Address.ZERO, bond),
                  exit.owner()));
      exits.add(json(exit, bond));
    }
    // Entries that left the queue with no event of their own: challenged standard exits.
    long challengedSkipped = Math.max(0, popped - finalized.size() - inFlight.size());
    if (challengedSkipped > 0) {
      human.append("%n  %d challenged exit(s) left the queue unpaid".formatted(challengedSkipped));
    }
    inFlight.forEach(exit -> human.append(InFlightExitRows.processed(exit)));
    human.append("%n  L1 tx: %s (block %d)".formatted(receipt.txHash(), receipt.block()));
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("token", token.toHex());
    json.put("processed", processed);
    json.put("inFlight", inFlight.stream().map(InFlightExitRows::processedJson).toList());
    json.put("paid", paid);
    json.put("notPaid", processed - paid);
    json.put("challengedSkipped", challengedSkipped);
    json.put("exits", exits);
    json.put("l1TxHash", receipt.txHash().toHex());
    json.put("l1Block", receipt.block());
    print(human.toString(), json);
  }

  /** {@code processed 2 exits of the ETH queue (1 in flight): 1 paid, 1 not paid}. */
  private String headline(int processed, int inFlight, long paid) {
    return "processed %d exit%s of the %s queue%s: %d paid, %d not paid"
        .formatted(
            processed,
            processed == 1 ? "" : "s",
            ExitTokenConverter.name(token),
            inFlight == 0 ? "" : " (" + inFlight + " in flight)",
            paid,
            processed - paid);
  }

  private static Map<String, Object> json(L1Event.ExitFinalized exit, BigInteger bond) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("exitId", exit.utxoPos().toString());
    json.put("owner", exit.owner().toHex());
    json.put("token", exit.token().toHex());
    json.put("amount", exit.amount().toString());
    json.put("bond", bond.toString());
    json.put("paid", exit.paid());
    return json;
  }
}
