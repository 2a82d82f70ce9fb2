package io.plasmanode.exitgame.inflight;

import static java.util.Objects.requireNonNull;

import io.plasmanode.core.crypto.SignerRecovery;
import io.plasmanode.core.eip712.Eip712Domain;
import io.plasmanode.core.eip712.PaymentEip712;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import io.plasmanode.exitgame.SpendIndex;
import io.plasmanode.exitgame.SpendRecord;
import java.util.Optional;

/**
 * W7: the chain's spends, then the spends by known in-flight exits' txs. An output that is an input
 * of an in-flight tx was spent by that signed tx, so a standard exit of it is invalid and the
 * in-flight tx with its witness challenges it ({@code challengeStandardExit} checks the signature,
 * not inclusion). Pass it to {@code ExitGame.check} and {@code ChallengeData}. An in-flight spend
 * counts only when its witness recovers to the output's owner: the owner asked for ({@link
 * #spendBy}), and the owner the exit's input record names ({@link #spendOf}). Reads the game live.
 */
public final class InFlightSpendIndex implements SpendIndex {
  private final SpendIndex chain;
  private final InFlightExitGame game;
  private final Eip712Domain domain;
  private final SignerRecovery recovery;

  public InFlightSpendIndex(
      SpendIndex chain, InFlightExitGame game, Eip712Domain domain, SignerRecovery recovery) {
    this.chain = requireNonNull(chain, "chain");
    this.game = requireNonNull(game, "game");
    this.domain = requireNonNull(domain, "domain");
    this.recovery = requireNonNull(recovery, "recovery");
  }

  @Override
  public Optional<SpendRecord> spendOf(UtxoPos pos) {
    return chain.spendOf(pos).or(() -> inFlightSpend(pos, Optional.empty()));
  }

  @Override
  public Optional<SpendRecord> spendBy(UtxoPos pos, Address owner) {
    return chain.spendBy(pos, owner).or(() -> inFlightSpend(pos, Optional.of(owner)));
  }

  private Optional<SpendRecord> inFlightSpend(UtxoPos pos, Optional<Address> owner) {
    return game.inFlightSpendsOf(pos).stream()
        .filter(spend -> owner.map(spend.owner()::equals).orElse(true))
        .filter(spend -> signedBy(spend.spend(), spend.owner()))
        .map(InFlightSpend::spend)
        .findFirst();
  }

  private boolean signedBy(SpendRecord spend, Address owner) {
    return recovery
        .recover(PaymentEip712.signingHash(domain, spend.spendingTx()), spend.signature())
        .map(owner::equals)
        .orElse(false);
  }
}
