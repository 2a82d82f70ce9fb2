package io.plasmanode.node.watcher;

import io.plasmanode.core.crypto.Keccak;
import io.plasmanode.core.inflight.InFlightExitId;
import io.plasmanode.core.inflight.InputSpentChallenge;
import io.plasmanode.core.inflight.NonCanonicalChallenge;
import io.plasmanode.core.inflight.OutputSpentChallenge;
import io.plasmanode.core.inflight.TxInclusion;
import io.plasmanode.core.tx.Output;
import io.plasmanode.core.tx.PaymentTransaction;
import io.plasmanode.core.tx.TxCodec;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.validation.ValidationResult;
import io.plasmanode.exitgame.SpendIndex;
import io.plasmanode.exitgame.SpendRecord;
import io.plasmanode.exitgame.inflight.ChainPosition;
import io.plasmanode.exitgame.inflight.InFlightAction;
import io.plasmanode.exitgame.inflight.InFlightExitGame;
import io.plasmanode.exitgame.inflight.InFlightSpend;
import io.plasmanode.exitgame.inflight.TrackedInFlightExit;
import io.plasmanode.exitgame.inflight.TxLocator;
import io.plasmanode.node.api.InFlightQueries;
import io.plasmanode.storage.chain.ChainStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The watcher's {@link InFlightQueries}: the game's contract calls built on demand from a snapshot
 * of the tracked exits (as of the watcher's last save) and the validated chain, with the same
 * spends the watcher's own challenges use (only spends signed by the spent output's owner; the
 * chain's first, then the tracked in-flight txs').
 */
final class InFlightReader implements InFlightQueries {
  private final ChainStore chain;
  private final SpendIndex spends;
  private final Supplier<InFlightExitGame> snapshot;
  private final InFlightCallBuilder calls;
  private final TxLocator locator;

  InFlightReader(
      ChainStore chain,
      SpendIndex spends,
      Supplier<InFlightExitGame> snapshot,
      InFlightCallBuilder calls) {
    this.chain = chain;
    this.spends = spends;
    this.snapshot = snapshot;
    this.calls = calls;
    this.locator = InFlightWatch.locator(chain);
  }

  @Override
  public Answer<NonCanonicalChallenge> competitor(byte[] txBytes) {
    return tracked(
        txBytes,
        (game, exit) -> {
          Optional<Competitor> oldest = Optional.empty();
          for (int i = 0; i < exit.tx().inputs().size(); i++) {
            Optional<Competitor> found =
                spentElsewhere(game, exit, i).map(spend -> new Competitor(spend));
            if (found.isPresent() && (oldest.isEmpty() || found.get().isOlderThan(oldest.get()))) {
              oldest = found;
            }
          }
          return oldest
              .<Answer<NonCanonicalChallenge>>map(
                  competitor -> {
                    SpendRecord spend = competitor.spend();
                    int index = exit.tx().inputs().indexOf(spend.spentPos());
                    var action =
                        new InFlightAction.ChallengeNotCanonical(
                            exit.id(), exit.tx(), index, spend);
                    return found(((ChallengeCall.NotCanonical) calls.build(action)).args());
                  })
              .orElseGet(
                  () ->
                      refused(
                          Reason.NO_COMPETITOR,
                          "no other tx signed by an input's owner spends an input of "
                              + exit.id()));
        });
  }

  private record Competitor(SpendRecord spend) {
    boolean isOlderThan(Competitor other) {
      return ChainPosition.of(spend).isOlderThan(ChainPosition.of(other.spend));
    }
  }

  @Override
  public Answer<TxInclusion> proveCanonical(byte[] txBytes) {
    return decoded(
        txBytes,
        tx ->
            included(tx)
                .<Answer<TxInclusion>>map(pos -> found(calls.inclusion(pos)))
                .orElseGet(
                    () ->
                        refused(
                            Reason.TX_NOT_INCLUDED,
                            "the validated chain does not include the tx")));
  }

  @Override
  public Answer<InputSpentChallenge> inputChallenge(byte[] txBytes, int inputIndex) {
    return tracked(
        txBytes,
        (game, exit) -> {
          if (inputIndex < 0 || inputIndex >= exit.tx().inputs().size()) {
            return refused(Reason.NO_SUCH_SLOT, "the tx has no input " + inputIndex);
          }
          return spentElsewhere(game, exit, inputIndex)
              .<Answer<InputSpentChallenge>>map(
                  spend ->
                      found(
                          ((ChallengeCall.InputSpent)
                                  calls.build(
                                      new InFlightAction.ChallengeInputSpent(
                                          exit.id(), exit.tx(), inputIndex, spend)))
                              .args()))
              .orElseGet(
                  () ->
                      refused(
                          Reason.INPUT_UNSPENT,
                          "no other tx signed by its owner spends input " + inputIndex));
        });
  }

  @Override
  public Answer<OutputSpentChallenge> outputChallenge(byte[] txBytes, int outputIndex) {
    return decoded(
        txBytes,
        tx -> {
          if (outputIndex < 0 || outputIndex >= tx.outputs().size()) {
            return refused(Reason.NO_SUCH_SLOT, "the tx has no output " + outputIndex);
          }
          Optional<UtxoPos> txPos = included(tx);
          if (txPos.isEmpty()) {
            return refused(
                Reason.TX_NOT_INCLUDED,
                "the validated chain does not include the tx: its outputs exist nowhere");
          }
          UtxoPos pos = new UtxoPos(txPos.get().blknum(), txPos.get().txindex(), outputIndex);
          Output output = tx.outputs().get(outputIndex);
          InFlightExitId id = InFlightExitId.of(TxCodec.encode(tx));
          return spends
              .spendBy(pos, output.owner())
              .filter(spend -> !spend.spendingTx().equals(tx))
              .<Answer<OutputSpentChallenge>>map(
                  spend ->
                      found(
                          ((ChallengeCall.OutputSpent)
                                  calls.build(
                                      new InFlightAction.ChallengeOutputSpent(
                                          id, tx, txPos.get(), outputIndex, spend)))
                              .args()))
              .orElseGet(
                  () ->
                      refused(
                          Reason.OUTPUT_UNSPENT, "no tx signed by its owner spends output " + pos));
        });
  }

  @Override
  public List<InFlightExitView> inFlightExits() {
    InFlightExitGame game = snapshot.get();
    return game.exits().stream()
        .map(
            exit ->
                new InFlightExitView(
                    exit,
                    locator.positionOf(exit.txHash()),
                    game.config().phaseOneEnd(exit.startedAt())))
        .toList();
  }

  /** The oldest spend of input {@code index} by another tx signed by its owner. */
  private Optional<SpendRecord> spentElsewhere(
      InFlightExitGame game, TrackedInFlightExit exit, int index) {
    UtxoPos input = exit.tx().inputs().get(index);
    Output owner = exit.inputs().get(index);
    List<SpendRecord> found = new ArrayList<>();
    spends
        .spendBy(input, owner.owner())
        .filter(s -> !s.spendingTx().equals(exit.tx()))
        .ifPresent(found::add);
    for (InFlightSpend inFlight : game.inFlightSpendsOf(input)) {
      if (inFlight.owner().equals(owner.owner())
          && !inFlight.spend().spendingTx().equals(exit.tx())) {
        found.add(located(inFlight.spend()));
      }
    }
    return found.stream().min(Comparator.comparing(ChainPosition::of));
  }

  private SpendRecord located(SpendRecord spend) {
    return locator
        .positionOf(spend.spendingTxHash())
        .map(
            pos ->
                new SpendRecord(
                    spend.spentPos(),
                    spend.spendingTx(),
                    spend.inputIndex(),
                    spend.signature(),
                    pos.blknum(),
                    pos.txindex()))
        .orElse(spend);
  }

  private Optional<UtxoPos> included(PaymentTransaction tx) {
    return locator.positionOf(Keccak.keccak256(TxCodec.encode(tx)));
  }

  private interface ExitQuery<T> {
    Answer<T> answer(InFlightExitGame game, TrackedInFlightExit exit);
  }

  private <T> Answer<T> tracked(byte[] txBytes, ExitQuery<T> query) {
    return decoded(
        txBytes,
        tx -> {
          InFlightExitGame game = snapshot.get();
          InFlightExitId id = InFlightExitId.of(TxCodec.encode(tx));
          return game.exit(id)
              .map(exit -> query.answer(game, exit))
              .orElseGet(
                  () ->
                      refused(
                          Reason.UNKNOWN_IN_FLIGHT_EXIT,
                          "no in-flight exit " + id + " of the tx is tracked"));
        });
  }

  private static <T> Answer<T> decoded(
      byte[] txBytes, Function<PaymentTransaction, Answer<T>> query) {
    ValidationResult<PaymentTransaction> tx = TxCodec.decode(txBytes);
    if (!tx.isValid() || tx.get().isDeposit() || tx.get().isFeeClaim()) {
      return refused(
          Reason.MALFORMED_TX,
          "the tx bytes are not an unsigned transfer: " + (tx.isValid() ? kind(tx.get()) : tx));
    }
    return query.apply(tx.get());
  }

  private static String kind(PaymentTransaction tx) {
    return tx.isFeeClaim() ? "a fee claim" : "a deposit";
  }

  private static <T> Answer<T> found(T value) {
    return new Answer.Found<>(value);
  }

  private static <T> Answer<T> refused(Reason reason, String message) {
    return new Answer.Refused<>(reason, message);
  }
}
