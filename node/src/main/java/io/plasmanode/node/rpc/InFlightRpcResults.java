package io.plasmanode.node.rpc;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.plasmanode.core.inflight.InputSpentChallenge;
import io.plasmanode.core.inflight.NonCanonicalChallenge;
import io.plasmanode.core.inflight.OutputSpentChallenge;
import io.plasmanode.core.inflight.TxInclusion;
import io.plasmanode.core.tx.Output;
import io.plasmanode.core.tx.Signature;
import io.plasmanode.core.tx.TxCodec;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Hash32;
import io.plasmanode.core.types.Hex;
import io.plasmanode.exitgame.InFlightByzantineEvent;
import io.plasmanode.exitgame.inflight.Slot;
import io.plasmanode.exitgame.inflight.TrackedInFlightExit;
import io.plasmanode.node.api.InFlightQueries.InFlightExitView;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The JSON shapes of the watcher's in-flight exit methods (docs/watcher-rpc.md): each challenge
 * result is the contract function's arguments by their Solidity names, bytes as {@code 0x} hex,
 * positions as decimal strings.
 */
public final class InFlightRpcResults {
  private InFlightRpcResults() {}

  /**
   * {@code challengeInFlightExitNotCanonical}'s arguments; {@code competingTxPos} is "0" and the
   * proof empty for a competitor in no block.
   */
  public record CompetitorResult(
      String inFlightTx,
      int inputIndex,
      String competingTx,
      int competingTxInputIndex,
      String competingTxPos,
      String competingTxInclusionProof,
      Signature competingTxWitness) {
    static CompetitorResult of(NonCanonicalChallenge c) {
      return new CompetitorResult(
          c.inFlightTx().toHex(),
          c.inputIndex(),
          c.competingTx().toHex(),
          c.competingTxInputIndex(),
          c.competitorInclusion().map(in -> in.txPos().toString()).orElse("0"),
          c.competitorInclusion().map(in -> in.proof().toHex()).orElse("0x"),
          c.competingTxWitness());
    }
  }

  /** {@code respondToNonCanonicalChallenge}'s arguments. */
  public record CanonicalityProof(
      String inFlightTx, UtxoPos inFlightTxPos, String inFlightTxInclusionProof) {
    static CanonicalityProof of(String inFlightTx, TxInclusion inclusion) {
      return new CanonicalityProof(inFlightTx, inclusion.txPos(), inclusion.proof().toHex());
    }
  }

  /** {@code challengeInFlightExitInputSpent}'s arguments. */
  public record InputChallengeResult(
      String inFlightTx,
      int inputIndex,
      String challengingTx,
      int challengingTxInputIndex,
      Signature challengingTxWitness) {
    static InputChallengeResult of(InputSpentChallenge c) {
      return new InputChallengeResult(
          c.inFlightTx().toHex(),
          c.inputIndex(),
          c.challengingTx().toHex(),
          c.challengingTxInputIndex(),
          c.challengingTxWitness());
    }
  }

  /** {@code challengeInFlightExitOutputSpent}'s arguments. */
  public record OutputChallengeResult(
      String inFlightTx,
      UtxoPos inFlightTxPos,
      String inFlightTxInclusionProof,
      int outputIndex,
      String challengingTx,
      int challengingTxInputIndex,
      Signature challengingTxWitness) {
    static OutputChallengeResult of(OutputSpentChallenge c) {
      return new OutputChallengeResult(
          c.inFlightTx().toHex(),
          c.inFlightTxInclusion().txPos(),
          c.inFlightTxInclusion().proof().toHex(),
          c.outputIndex(),
          c.challengingTx().toHex(),
          c.challengingTxInputIndex(),
          c.challengingTxWitness());
    }
  }

  /**
   * One slot of a tracked exit: its owner, token and amount; whether it is piggybacked now, and
   * whether its owner can still piggyback it with a chance of being paid (the watcher's {@code
   * piggyback_available} advice).
   */
  public record SlotResult(
      int index,
      @JsonInclude(JsonInclude.Include.NON_NULL) UtxoPos utxoPos,
      Address owner,
      Address token,
      @JsonFormat(shape = JsonFormat.Shape.STRING) BigInteger amount,
      boolean piggybacked,
      boolean canPiggyback) {}

  /** A tracked in-flight exit. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record InFlightExitResult(
      String exitId,
      Hash32 txHash,
      String txBytes,
      String status,
      boolean canonical,
      UtxoPos txPos,
      long startedAt,
      long phaseOneEnd,
      Long exitableAt,
      List<SlotResult> inputs,
      List<SlotResult> outputs) {
    static InFlightExitResult of(InFlightExitView view) {
      TrackedInFlightExit exit = view.exit();
      Set<Slot> available =
          exit.standing().stream()
              .filter(event -> event instanceof InFlightByzantineEvent.PiggybackAvailable)
              .flatMap(
                  event -> ((InFlightByzantineEvent.PiggybackAvailable) event).slots().stream())
              .collect(Collectors.toSet());
      List<SlotResult> inputs = new ArrayList<>();
      for (int i = 0; i < exit.inputs().size(); i++) {
        inputs.add(slot(exit, Slot.input(i), exit.tx().inputs().get(i), available));
      }
      List<SlotResult> outputs = new ArrayList<>();
      for (int o = 0; o < exit.tx().outputs().size(); o++) {
        UtxoPos pos =
            view.txPos().map(tx -> new UtxoPos(tx.blknum(), tx.txindex(), 0)).orElse(null);
        int index = o;
        outputs.add(
            slot(
                exit,
                Slot.output(o),
                pos == null ? null : new UtxoPos(pos.blknum(), pos.txindex(), index),
                available));
      }
      return new InFlightExitResult(
          exit.id().toHex(),
          exit.txHash(),
          Hex.encode(TxCodec.encode(exit.tx())),
          exit.isActive() ? "active" : "finalized",
          exit.l1().canonical(),
          view.txPos().orElse(null),
          exit.startedAt().getEpochSecond(),
          view.phaseOneEnd().getEpochSecond(),
          exit.l1().exitableAt().map(Instant::getEpochSecond).orElse(null),
          inputs,
          outputs);
    }

    private static SlotResult slot(
        TrackedInFlightExit exit, Slot slot, UtxoPos pos, Set<Slot> available) {
      Output output = exit.slotOutput(slot);
      return new SlotResult(
          slot.index(),
          pos,
          output.owner(),
          output.token(),
          output.amount(),
          exit.l1().piggybacked().contains(slot),
          available.contains(slot));
    }
  }
}
