package io.plasmanode.node.watcher;

import io.plasmanode.core.inflight.InFlightExitId;
import io.plasmanode.core.inflight.InFlightExitState;
import io.plasmanode.core.l1.L1Event;
import io.plasmanode.core.tx.Output;
import io.plasmanode.core.tx.PaymentTransaction;
import io.plasmanode.core.tx.SignedTransaction;
import io.plasmanode.core.tx.TxCodec;
import io.plasmanode.core.validation.ValidationResult;
import io.plasmanode.exitgame.inflight.ChainPosition;
import io.plasmanode.exitgame.inflight.InFlightExitGame;
import io.plasmanode.exitgame.inflight.Slot;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.LongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps the contract's in-flight exit events to the {@link InFlightExitGame}'s observations. What
 * the events do not carry is read from L1 (times are L1 block times, never this machine's clock):
 * the outputs the exit's inputs spend and its start time ({@code inFlightExits} and {@code
 * inFlightExitInput}, fixed at the start), its {@code exitableAt} (fixed by the first piggyback),
 * and the time of a piggyback (its L1 block's timestamp). A start whose tx does not decode, or that
 * L1 no longer shows, fails the chunk, which the follower delivers again.
 */
final class InFlightEventMapper {
  private static final Logger LOG = LoggerFactory.getLogger(InFlightEventMapper.class);

  private final Function<InFlightExitId, Optional<InFlightExitState>> l1;
  private final LongFunction<Instant> l1BlockTime;

  /**
   * @param l1 the in-flight exits as L1 shows them now ({@code RootChain#inFlightExit})
   * @param l1BlockTime the timestamp of an L1 block, by number
   */
  InFlightEventMapper(
      Function<InFlightExitId, Optional<InFlightExitState>> l1, LongFunction<Instant> l1BlockTime) {
    this.l1 = l1;
    this.l1BlockTime = l1BlockTime;
  }

  void apply(L1Event.InFlightExitEvent event, InFlightExitGame game) {
    InFlightExitId id = event.exitId();
    switch (event) {
      case L1Event.InFlightExitStarted started -> started(started, game);
      case L1Event.InFlightExitInputPiggybacked p ->
          piggybacked(game, id, Slot.input(p.inputIndex()), p.origin().l1Block());
      case L1Event.InFlightExitOutputPiggybacked p ->
          piggybacked(game, id, Slot.output(p.outputIndex()), p.origin().l1Block());
      case L1Event.InFlightExitChallenged c -> {
        ChainPosition competitor =
            c.competitorPos().map(ChainPosition::included).orElse(ChainPosition.IN_FLIGHT);
        game.challenged(id, c.inputIndex(), competitor);
        LOG.info(
            "In-flight exit {} challenged as non-canonical by {} (competitor {} at {})",
            id,
            c.challenger(),
            c.competitorHash().toShortHex(),
            competitor);
      }
      case L1Event.InFlightExitChallengeResponded r -> {
        game.responded(id, r.txPos());
        LOG.info(
            "In-flight exit {}: challenge answered by {} (tx at {})", id, r.responder(), r.txPos());
      }
      case L1Event.InFlightExitInputBlocked b -> blocked(game, id, Slot.input(b.inputIndex()));
      case L1Event.InFlightExitOutputBlocked b -> blocked(game, id, Slot.output(b.outputIndex()));
      case L1Event.InFlightExitDeleted deleted -> {
        game.deleted(id);
        LOG.info("In-flight exit {} deleted (nobody piggybacked it)", id);
      }
      case L1Event.InFlightExitProcessed p -> {
        game.processed(id, p.token(), p.canonical(), p.finalized());
        LOG.info(
            "In-flight exit {} processed for token {} ({}){}",
            id,
            p.token(),
            p.canonical() ? "canonical" : "non-canonical",
            p.finalized() ? ", finalized" : "");
      }
    }
  }

  private void started(L1Event.InFlightExitStarted started, InFlightExitGame game) {
    InFlightExitId id = started.exitId();
    ValidationResult<PaymentTransaction> tx = TxCodec.decode(started.inFlightTx().toArray());
    if (!tx.isValid()) {
      throw new IllegalStateException("in-flight exit " + id + ": its tx does not decode: " + tx);
    }
    InFlightExitState onL1 = read(id);
    List<Output> inputs =
        onL1.inputs().stream()
            .map(input -> new Output(input.owner(), input.token(), input.amount()))
            .toList();
    game.started(
        id, new SignedTransaction(tx.get(), started.witnesses()), inputs, onL1.startedAt());
    LOG.info(
        "In-flight exit {} of tx {} started by {} at {}: its {} input(s) are exiting",
        id,
        started.txHash().toShortHex(),
        started.initiator(),
        onL1.startedAt(),
        inputs.size());
  }

  private void piggybacked(InFlightExitGame game, InFlightExitId id, Slot slot, long l1Block) {
    if (game.exit(id).isEmpty()) {
      return;
    }
    InFlightExitState onL1 = read(id);
    Instant at = l1BlockTime.apply(l1Block);
    Instant exitableAt =
        onL1.exitableAt()
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "in-flight exit " + id + " piggybacked, no exitableAt"));
    game.piggybacked(id, slot, exitableAt, at);
    LOG.info("In-flight exit {}: {} piggybacked at {}, exitable at {}", id, slot, at, exitableAt);
  }

  private static void blocked(InFlightExitGame game, InFlightExitId id, Slot slot) {
    game.blocked(id, slot);
    LOG.info("In-flight exit {}: the piggyback of {} was challenged", id, slot);
  }

  private InFlightExitState read(InFlightExitId id) {
    return l1.apply(id)
        .orElseThrow(
            () -> new IllegalStateException("in-flight exit " + id + " not on L1 (reorg?)"));
  }
}
