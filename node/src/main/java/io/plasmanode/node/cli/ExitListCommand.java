package io.plasmanode.node.cli;

import io.plasmanode.core.l1.ExitState;
import io.plasmanode.core.l1.L1Event;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code plasma exit list}: the standard exits on L1 and where each one stands. */
@Command(
    name = "list",
    mixinStandardHelpOptions = true,
    defaultValueProvider = ConfigDefaultProvider.class,
    description = {
      "Lists the exits started on L1 (ExitStarted events since --from-block) with their current"
          + " status from the contract: active, challenged or finalized; amount, token, when they"
          + " can be processed and whether they can be processed now (by L1's clock).",
      "Then the in-flight exits (InFlightExitStarted events): status (active, challenged:"
          + " non-canonical now, finalized), piggybacks, the end of phase 1 and, with --owner or"
          + " --mine, what that account may still do (piggyback its inputs or outputs until phase"
          + " 1 ends, respond to a challenge, process).",
      "All exits by default; --owner ADDR or --mine (the key's address, no password needed) for"
          + " one account's (for an in-flight exit: its starter, or an owner of an input or"
          + " output)."
    },
    footer = ConfigDefaultProvider.FOOTER)
final class ExitListCommand extends ExitCommandBase {
  @Option(
      names = "--owner",
      paramLabel = "ADDR",
      converter = AddressConverter.class,
      description = "Only the exits of this account.")
  Address owner;

  @Option(
      names = "--mine",
      description = "Only the exits of the key's account (--keystore or PLASMA_PRIVATE_KEY).")
  boolean mine;

  @Option(
      names = "--from-block",
      paramLabel = "N",
      defaultValue = "0",
      description =
          "First L1 block to search for exits (default: ${DEFAULT-VALUE}; the contract's"
              + " deployment block saves time on a long chain).")
  long fromBlock;

  @Mixin KeyAddressOptions keys;

  @Override
  protected void runExit() {
    Optional<Address> account = account();
    List<Map<String, Object>> json = new ArrayList<>();
    StringBuilder human = new StringBuilder();
    try (ExitL1 session = connectReadOnly()) {
      Instant now = session.now();
      Map<UtxoPos, Boolean> paid = new HashMap<>();
      session
          .events(fromBlock, L1Event.ExitFinalized.class)
          .forEach(finalized -> paid.put(finalized.utxoPos(), finalized.paid()));
      for (L1Event.ExitStarted started : session.exitsStarted(fromBlock)) {
        if (account.isPresent() && !account.get().equals(started.owner())) {
          continue;
        }
        ExitState state = session.chain().exit(started.utxoPos());
        Optional<Boolean> wasPaid = Optional.ofNullable(paid.get(started.utxoPos()));
        json.add(json(started, state, now, wasPaid));
        human.append(line(started, state, now, wasPaid));
      }
      InFlightExitRows inFlight = InFlightExitRows.read(session, fromBlock, account);
      json.addAll(inFlight.json());
      human.append(inFlight.human());
      String whose = account.map(a -> " of " + a).orElse("");
      String title =
          json.isEmpty()
              ? "no exits" + whose + " on L1 since block " + fromBlock
              : "exits" + whose + " on L1 (L1 time " + ExitTimes.utc(now) + ")";
      print(title + human, json);
    }
  }

  private Optional<Address> account() {
    if (mine && owner != null) {
      throw new ParameterException(spec.commandLine(), "--owner and --mine are mutually exclusive");
    }
    if (mine) {
      return Optional.of(keys.address(environment()));
    }
    return Optional.ofNullable(owner);
  }

  /**
   * @param paid whether the processed exit's payout was paid (its ExitFinalized event): not when it
   *     was credited (a failed payout) or dropped (no balance backed it)
   */
  private static String line(
      L1Event.ExitStarted started, ExitState state, Instant now, Optional<Boolean> paid) {
    String when =
        switch (state.status()) {
          case ACTIVE ->
              processable(state, now)
                  ? "can be processed now"
                  : "can be processed after " + ExitTimes.describe(state.exitableAt(), now);
          case CHALLENGED -> "challenged: it will not be paid";
          case FINALIZED ->
              paid.orElse(true)
                  ? "processed: paid out"
                  : "processed, not paid: credited to the owner if the payout failed (plasma exit"
                      + " withdraw), dropped if no balance backed it";
          case NONE -> "unknown to the contract";
        };
    return "%n  %-16s %-10s %s  owner %s%n  %16s %s"
        .formatted(
            started.utxoPos(),
            status(state),
            describeAmount(started.token(), started.amount()),
            started.owner(),
            "",
            when);
  }

  private static Map<String, Object> json(
      L1Event.ExitStarted started, ExitState state, Instant now, Optional<Boolean> paid) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("kind", "standard");
    json.put("exitId", started.utxoPos().toString());
    json.put("status", status(state));
    json.put("owner", started.owner().toHex());
    json.put("token", started.token().toHex());
    json.put("amount", started.amount().toString());
    json.put("exitableAt", started.exitableAt().getEpochSecond());
    json.put("processable", processable(state, now));
    if (state.status() == ExitState.Status.FINALIZED) {
      json.put("paid", paid.orElse(true));
    }
    json.put("l1Block", started.origin().l1Block());
    json.put("l1TxHash", started.origin().l1TxHash().toHex());
    return json;
  }

  private static String status(ExitState state) {
    return state.status().name().toLowerCase(Locale.ROOT);
  }

  private static boolean processable(ExitState state, Instant now) {
    return state.status() == ExitState.Status.ACTIVE && !state.exitableAt().isAfter(now);
  }
}
