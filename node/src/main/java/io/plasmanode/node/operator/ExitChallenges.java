package io.plasmanode.node.operator;

import static java.util.Objects.requireNonNull;

import io.plasmanode.core.l1.ExitState;
import io.plasmanode.core.l1.L1Event;
import io.plasmanode.core.l1.RootChain;
import io.plasmanode.core.ledger.UtxoStatus;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.storage.chain.ChainStore;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the confirmed {@code ExitChallenged} events for the {@link L1EventIngester}: the lock of
 * a challenged exit's output is released when the challenging spend is in no block ({@link
 * BlockProducer#releaseChallengedOutput}).
 *
 * <p>Only a challenged exit releases: the event is acted on once it has the ingester's
 * confirmations (a challenge reorganised out before that is never seen, as an exit start is not),
 * and L1 must still hold the exit as challenged, a state the contract never leaves (a challenged
 * exit cannot restart: {@code ExitWasChallenged}). So a release never lets an output exit on L1 and
 * be spent here as well; nor does it when another exit may still pay the output, or paid it, such
 * as an active in-flight exit of a tx spending it ({@link OutputClaims}). L1 is asked only for
 * outputs locked here.
 *
 * <p>Unlike the release after an in-flight exit ended ({@link OutputClaims#endedExitClaim}), a
 * piggyback of the output in an active in-flight exit of the tx that made it keeps nothing locked:
 * the contract never pays it once the output's standard exit is challenged (that exit marked the
 * output key at its start, and processing pays the key only while the exit it names is active),
 * whether the piggyback came before the challenge or after it; one made after the release locks the
 * output again until that in-flight exit ends. Nor is the output key read for a payout: an
 * in-flight exit paying the output as an input marks its position too.
 */
final class ExitChallenges {
  private static final Logger LOG = LoggerFactory.getLogger(ExitChallenges.class);

  private final RootChain rootChain;
  private final ChainStore store;
  private final BlockProducer producer;
  private final OutputClaims claims;

  ExitChallenges(RootChain rootChain, ChainStore store, BlockProducer producer) {
    this.rootChain = requireNonNull(rootChain, "rootChain");
    this.store = requireNonNull(store, "store");
    this.producer = requireNonNull(producer, "producer");
    this.claims = new OutputClaims(rootChain, store);
  }

  /** Releases the challenged exit's output if it is locked here and L1 holds the challenge. */
  ExitRelease apply(L1Event.ExitChallenged challenged) {
    UtxoPos pos = challenged.utxoPos();
    if (!(store.status(pos) instanceof UtxoStatus.Exiting)) {
      LOG.debug("Exit of {} was challenged on L1; the output is not locked here", pos);
      return ExitRelease.NOT_LOCKED;
    }
    ExitState.Status status = rootChain.exit(pos).status();
    if (status != ExitState.Status.CHALLENGED) {
      LOG.error(
          "Exit of {} was challenged in L1 block {}, but L1 now holds it {}: a reorganisation"
              + " deeper than the confirmations dropped the challenge; the output stays locked",
          pos,
          challenged.origin().l1Block(),
          status);
      return ExitRelease.NOT_CHALLENGED_ON_L1;
    }
    Optional<String> claim = claims.paidOrSpentInFlight(pos, Optional.empty());
    if (claim.isPresent()) {
      LOG.warn(
          "Exit of {} was challenged on L1 with a spend no block holds, but the output stays"
              + " locked: {}",
          pos,
          claim.get());
      return ExitRelease.CLAIMED_ON_L1;
    }
    return producer.releaseChallengedOutput(pos, Optional.of(challenged.spendingTxHash()));
  }
}
