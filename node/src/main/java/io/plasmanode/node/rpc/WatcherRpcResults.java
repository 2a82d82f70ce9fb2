package io.plasmanode.node.rpc;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.plasmanode.core.tx.Signature;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Hash32;
import io.plasmanode.core.types.Hex;
import io.plasmanode.exitgame.ByzantineEvent;
import io.plasmanode.exitgame.Challenge;
import io.plasmanode.exitgame.InFlightByzantineEvent;
import io.plasmanode.exitgame.RecordedEvent;
import io.plasmanode.exitgame.inflight.Slot;
import io.plasmanode.node.api.WatcherStatus;
import java.time.Instant;
import java.util.List;

/**
 * The JSON shapes of docs/watcher-rpc.md that are the watcher's own (exit data and utxos are those
 * of {@link RpcResults}): the watcher writes them and the CLI reads them with the same mapper.
 */
public final class WatcherRpcResults {
  private WatcherRpcResults() {}

  /**
   * {@code {exitId, spendingTxBytes, inputIndex, signature}}: the arguments of {@code
   * challengeStandardExit}, the unsigned tx that spent the exiting output, the input that spends it
   * and its signature.
   */
  public record ChallengeResult(
      UtxoPos exitId,
      @JsonProperty("spendingTxBytes") String spendingTxBytesHex,
      int inputIndex,
      Signature signature) {
    public ChallengeResult {
      requireNonNull(exitId, "exitId");
      Hex.decode(requireNonNull(spendingTxBytesHex, "spendingTxBytes"));
      checkArgument(
          inputIndex >= 0 && inputIndex < UtxoPos.MAX_OUTPUTS,
          "inputIndex %s is not 0..3",
          inputIndex);
      requireNonNull(signature, "signature");
    }

    static ChallengeResult of(Challenge challenge) {
      return new ChallengeResult(
          challenge.exitId(),
          Hex.encode(challenge.spendingTxBytes()),
          challenge.inputIndex(),
          challenge.signature());
    }

    /** The spending transaction's unsigned bytes. */
    public byte[] spendingTxBytes() {
      return Hex.decode(spendingTxBytesHex);
    }
  }

  /** {@code WatcherStatus}. */
  public record StatusResult(
      long syncedHeight,
      long l1Height,
      long l1HeightSeen,
      int peers,
      int exitsTracked,
      boolean halted,
      List<EventResult> byzantineEvents,
      List<EventResult> pastEvents,
      List<String> alarms) {
    public StatusResult {
      byzantineEvents = RpcResults.listOrEmpty(byzantineEvents);
      pastEvents = RpcResults.listOrEmpty(pastEvents);
      alarms = RpcResults.listOrEmpty(alarms);
    }

    public static StatusResult of(WatcherStatus status) {
      return new StatusResult(
          status.syncedHeight(),
          status.l1Height(),
          status.l1HeightSeen(),
          status.peers(),
          status.exitsTracked(),
          status.halted(),
          status.byzantineEvents().stream()
              .map(RecordedEvent::active)
              .map(EventResult::of)
              .toList(),
          status.pastEvents().stream().map(EventResult::of).toList(),
          status.alarms());
    }
  }

  /**
   * {@code ByzantineEvent}: {@code {type, action, blknum?, utxoPos?, txHash?, exitId?, slot?,
   * reason, detectedAt, active, endedAt?}}; the optional fields are left out, so null here.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record EventResult(
      String type,
      String action,
      Long blknum,
      UtxoPos utxoPos,
      Hash32 txHash,
      String exitId,
      SlotRef slot,
      String reason,
      long detectedAt,
      boolean active,
      Long endedAt) {
    /** A slot of an in-flight exit's tx: {@code {kind: "input"|"output", index}}. */
    public record SlotRef(String kind, int index) {
      static SlotRef of(Slot slot) {
        return new SlotRef(slot.isInput() ? "input" : "output", slot.index());
      }
    }

    public static EventResult of(RecordedEvent recorded) {
      ByzantineEvent event = recorded.event();
      Long blknum = null;
      UtxoPos utxoPos = null;
      Hash32 txHash = null;
      String exitId = null;
      SlotRef slot = null;
      switch (event) {
        case ByzantineEvent.InvalidBlock invalid -> {
          blknum = invalid.blknum();
          txHash = invalid.txHash();
        }
        case ByzantineEvent.BlockWithholding withheld -> blknum = withheld.blknum();
        case ByzantineEvent.InvalidExit exit -> {
          utxoPos = exit.utxoPos();
          txHash = exit.spendingTxHash();
        }
        case ByzantineEvent.UnchallengedExit exit -> utxoPos = exit.utxoPos();
        case ByzantineEvent.InvalidExitPaid paid -> {
          utxoPos = paid.utxoPos();
          txHash = paid.spendingTxHash();
        }
        case InFlightByzantineEvent inFlight -> {
          exitId = inFlight.exitId().toHex();
          slot = slotOf(inFlight);
        }
      }
      return new EventResult(
          event.type(),
          event.action().code(),
          blknum,
          utxoPos,
          txHash,
          exitId,
          slot,
          event.reason(),
          event.detectedAt().getEpochSecond(),
          recorded.isActive(),
          recorded.endedAt().map(Instant::getEpochSecond).orElse(null));
    }

    private static SlotRef slotOf(InFlightByzantineEvent event) {
      return switch (event) {
        case InFlightByzantineEvent.InvalidPiggyback invalid -> SlotRef.of(invalid.slot());
        case InFlightByzantineEvent.UnchallengedPiggyback unchallenged ->
            SlotRef.of(unchallenged.slot());
        default -> null;
      };
    }
  }
}
