package io.plasmanode.exitgame.inflight;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import io.plasmanode.core.inflight.InFlightExitId;
import io.plasmanode.core.tx.PaymentTransaction;
import io.plasmanode.core.tx.TxCodec;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.exitgame.SpendRecord;

/**
 * An L1 call the watcher should make in the in-flight exit game (contracts/src/
 * IPlasmaInFlightExits.sol), with what the watcher cannot read from L1: the txs, indices and
 * positions. The watcher adds the inclusion proofs it builds from its blocks (the exit's tx at a
 * {@code txPos}, an included competitor at its position) and sends it; then it records the
 * submission ({@link InFlightExitGame#submitted}) or its failure ({@link InFlightExitGame#failed}).
 */
public sealed interface InFlightAction {

  InFlightExitId exitId();

  /** The exit's tx: the {@code inFlightTx} argument ({@link #inFlightTxBytes()}). */
  PaymentTransaction inFlightTx();

  /** Which action this is, to record its submission. */
  ActionKey key();

  /** The unsigned RLP of the exit's tx. */
  default byte[] inFlightTxBytes() {
    return TxCodec.encode(inFlightTx());
  }

  /**
   * {@code challengeInFlightExitNotCanonical(inFlightTx, inputIndex, competitor.spendingTx,
   * competitor.inputIndex, competitorPos, proof, competitor.signature)}: {@code competitor} spends
   * the exit's input {@code inputIndex}, signed by its owner; {@link #competitorPos()} is its
   * position (with an inclusion proof) or in flight (0, no proof).
   */
  record ChallengeNotCanonical(
      InFlightExitId exitId, PaymentTransaction inFlightTx, int inputIndex, SpendRecord competitor)
      implements InFlightAction {
    public ChallengeNotCanonical {
      checkExit(exitId, inFlightTx);
      checkSpendOf(inFlightTx, requireNonNull(competitor, "competitor"));
      checkArgument(
          inputIndex >= 0
              && inputIndex < inFlightTx.inputs().size()
              && inFlightTx.inputs().get(inputIndex).equals(competitor.spentPos()),
          "the competitor does not spend input %s of the exit's tx",
          inputIndex);
    }

    /** Where the competitor is: the contract's {@code competingTxPos} is its long or 0. */
    public ChainPosition competitorPos() {
      return ChainPosition.of(competitor);
    }

    @Override
    public ActionKey key() {
      return new ActionKey(exitId, ActionKey.Kind.NOT_CANONICAL, 0);
    }
  }

  /**
   * {@code respondToNonCanonicalChallenge(inFlightTx, txPos, proof)}: the exit's tx is included at
   * {@code txPos} (oindex 0), older than L1's oldest competitor.
   */
  record RespondToChallenge(InFlightExitId exitId, PaymentTransaction inFlightTx, UtxoPos txPos)
      implements InFlightAction {
    public RespondToChallenge {
      checkExit(exitId, inFlightTx);
      checkArgument(txPos.oindex() == 0, "a tx position has oindex 0: %s", txPos);
    }

    @Override
    public ActionKey key() {
      return new ActionKey(exitId, ActionKey.Kind.RESPOND, 0);
    }
  }

  /**
   * {@code challengeInFlightExitInputSpent(inFlightTx, inputIndex, challenging.spendingTx,
   * challenging.inputIndex, challenging.signature)}: the piggybacked input {@code inputIndex} was
   * spent by another tx, signed by its owner.
   */
  record ChallengeInputSpent(
      InFlightExitId exitId, PaymentTransaction inFlightTx, int inputIndex, SpendRecord challenging)
      implements InFlightAction {
    public ChallengeInputSpent {
      checkExit(exitId, inFlightTx);
      checkSpendOf(inFlightTx, requireNonNull(challenging, "challenging"));
      checkArgument(
          inputIndex >= 0
              && inputIndex < inFlightTx.inputs().size()
              && inFlightTx.inputs().get(inputIndex).equals(challenging.spentPos()),
          "the challenging tx does not spend input %s of the exit's tx",
          inputIndex);
    }

    @Override
    public ActionKey key() {
      return ActionKey.spent(exitId, Slot.input(inputIndex));
    }
  }

  /**
   * {@code challengeInFlightExitOutputSpent(inFlightTx, txPos, proof, outputIndex,
   * challenging.spendingTx, challenging.inputIndex, challenging.signature)}: the exit's tx is
   * included at {@code txPos} and its piggybacked output {@code outputIndex} was spent, signed by
   * its owner.
   */
  record ChallengeOutputSpent(
      InFlightExitId exitId,
      PaymentTransaction inFlightTx,
      UtxoPos txPos,
      int outputIndex,
      SpendRecord challenging)
      implements InFlightAction {
    public ChallengeOutputSpent {
      checkExit(exitId, inFlightTx);
      checkArgument(txPos.oindex() == 0, "a tx position has oindex 0: %s", txPos);
      checkArgument(
          outputIndex >= 0 && outputIndex < inFlightTx.outputs().size(),
          "no output %s",
          outputIndex);
      checkSpendOf(inFlightTx, requireNonNull(challenging, "challenging"));
      checkArgument(
          challenging.spentPos().equals(new UtxoPos(txPos.blknum(), txPos.txindex(), outputIndex)),
          "the challenging tx does not spend output %s at %s",
          outputIndex,
          txPos);
    }

    @Override
    public ActionKey key() {
      return ActionKey.spent(exitId, Slot.output(outputIndex));
    }
  }

  private static void checkExit(InFlightExitId exitId, PaymentTransaction inFlightTx) {
    requireNonNull(exitId, "exitId");
    requireNonNull(inFlightTx, "inFlightTx");
    checkArgument(
        InFlightExitId.of(TxCodec.encode(inFlightTx)).equals(exitId),
        "%s is not the exit id of the tx",
        exitId);
  }

  private static void checkSpendOf(PaymentTransaction inFlightTx, SpendRecord spend) {
    checkArgument(
        !spend.spendingTx().equals(inFlightTx), "the other tx is the exit's own tx (SameTx)");
  }
}
