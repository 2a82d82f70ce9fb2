package io.plasmanode.node.watcher;

import io.plasmanode.core.inflight.InputSpentChallenge;
import io.plasmanode.core.inflight.NonCanonicalChallenge;
import io.plasmanode.core.inflight.OutputSpentChallenge;
import io.plasmanode.core.inflight.TxInclusion;
import io.plasmanode.core.merkle.MerkleTree;
import io.plasmanode.core.tx.TxCodec;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Bytes;
import io.plasmanode.core.types.Hash32;
import io.plasmanode.core.validation.ValidationResult;
import io.plasmanode.exitgame.SpendRecord;
import io.plasmanode.exitgame.inflight.ChainPosition;
import io.plasmanode.exitgame.inflight.InFlightAction;
import io.plasmanode.storage.chain.ChainStore;
import io.plasmanode.storage.chain.StoredBlock;
import io.plasmanode.storage.chain.TxBytes;
import io.plasmanode.storage.kv.StorageException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns the in-flight exit game's {@link InFlightAction}s into the contract calls the challenger
 * sends: the game names the txs, indices and positions; the inclusion proofs (the exit's tx for a
 * response or an output-spent challenge, an included competitor) come from the blocks the watcher
 * validated and stored.
 */
final class InFlightCallBuilder {
  private final ChainStore chain;

  InFlightCallBuilder(ChainStore chain) {
    this.chain = chain;
  }

  ChallengeCall.InFlight build(InFlightAction action) {
    Bytes inFlightTx = Bytes.of(action.inFlightTxBytes());
    return switch (action) {
      case InFlightAction.ChallengeNotCanonical c -> {
        SpendRecord competitor = c.competitor();
        Optional<TxInclusion> inclusion = c.competitorPos().txPos().map(this::inclusion);
        yield new ChallengeCall.NotCanonical(
            new NonCanonicalChallenge(
                inFlightTx,
                c.inputIndex(),
                Bytes.of(TxCodec.encode(competitor.spendingTx())),
                competitor.inputIndex(),
                inclusion,
                competitor.signature()));
      }
      case InFlightAction.RespondToChallenge r ->
          new ChallengeCall.Respond(inFlightTx, inclusion(r.txPos()));
      case InFlightAction.ChallengeInputSpent c ->
          new ChallengeCall.InputSpent(
              new InputSpentChallenge(
                  inFlightTx,
                  c.inputIndex(),
                  Bytes.of(TxCodec.encode(c.challenging().spendingTx())),
                  c.challenging().inputIndex(),
                  c.challenging().signature()));
      case InFlightAction.ChallengeOutputSpent c ->
          new ChallengeCall.OutputSpent(
              new OutputSpentChallenge(
                  inFlightTx,
                  inclusion(c.txPos()),
                  c.outputIndex(),
                  Bytes.of(TxCodec.encode(c.challenging().spendingTx())),
                  c.challenging().inputIndex(),
                  c.challenging().signature()));
    };
  }

  /** Where the chain included the tx at {@code position}, with its proof; empty in flight. */
  Optional<TxInclusion> inclusion(ChainPosition position) {
    return position.txPos().map(this::inclusion);
  }

  /**
   * The inclusion of the tx at {@code txPos} (oindex 0) in the watcher's stored block.
   *
   * @throws StorageException if the block is not stored or has no such tx
   */
  TxInclusion inclusion(UtxoPos txPos) {
    StoredBlock block =
        chain
            .block(txPos.blknum())
            .orElseThrow(() -> new StorageException("block " + txPos.blknum() + " not stored"));
    List<Hash32> leaves = new ArrayList<>(block.transactions().size());
    for (TxBytes stored : block.transactions()) {
      ValidationResult<io.plasmanode.core.tx.SignedTransaction> decoded = stored.decode();
      if (!decoded.isValid()) {
        throw new StorageException("stored tx of block " + txPos.blknum() + " does not decode");
      }
      leaves.add(MerkleTree.leafHash(TxCodec.encode(decoded.get().tx())));
    }
    if (txPos.txindex() >= leaves.size()) {
      throw new StorageException(
          "block %d has no tx %d".formatted(txPos.blknum(), txPos.txindex()));
    }
    MerkleTree tree = MerkleTree.fromLeaves(leaves);
    return TxInclusion.of(
        new UtxoPos(txPos.blknum(), txPos.txindex(), 0), tree.proof(txPos.txindex()).toBytes());
  }
}
