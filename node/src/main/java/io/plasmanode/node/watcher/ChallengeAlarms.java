package io.plasmanode.node.watcher;

import io.plasmanode.contracts.l1.Fees;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The challenges at risk, for {@code watcher_status}'s {@code alarms} and the log (one line when a
 * risk appears): a challenge not mined while its exit matures within {@code urgentMargin}, fees at
 * the cap, a send the L1 node rejected, a challenger account that cannot pay the fees. Written by
 * the watcher's loop; {@link #current()} may be read from any thread.
 */
final class ChallengeAlarms {
  private static final Logger LOG = LoggerFactory.getLogger(ChallengeAlarms.class);

  private final ChallengerConfig config;
  private final Map<ChallengeKey, String> troubles = new HashMap<>();
  private final Set<ChallengeKey> logged = new HashSet<>();
  private boolean underfundedLogged;
  private volatile List<String> current = List.of();

  ChallengeAlarms(ChallengerConfig config) {
    this.config = config;
  }

  /** The alarms of the last check, empty when every challenge is on track. */
  List<String> current() {
    return current;
  }

  void clear() {
    troubles.clear();
    logged.clear();
    underfundedLogged = false;
    current = List.of();
  }

  /** The call of {@code key} is no longer followed. */
  void resolved(ChallengeKey key) {
    troubles.remove(key);
    logged.remove(key);
  }

  /** A transaction of the call of {@code key} was just sent. */
  void sent(ChallengeKey key) {
    troubles.remove(key);
  }

  void rejected(PendingChallenge pending, String message) {
    String alarm = "challenge of %s: the L1 node rejected it: %s".formatted(pending.key(), message);
    if (troubles.put(pending.key(), alarm) == null) {
      LOG.warn("{}", alarm);
    }
  }

  void atCap(PendingChallenge pending) {
    String alarm =
        "challenge of %s not mined and its fees are at the cap (%s gwei, --challenge-max-fee)"
            .formatted(pending.key(), Fees.gwei(config.maxFeePerGas()));
    if (troubles.put(pending.key(), alarm) == null) {
      LOG.warn("{}; waiting", alarm);
    }
  }

  /** Recomputes the alarms of {@code pending} at {@code now} with the account's {@code balance}. */
  void check(List<PendingChallenge> pending, BigInteger balance, long gasLimit, Instant now) {
    List<String> alarms = new ArrayList<>();
    BigInteger mayCost = BigInteger.ZERO;
    for (PendingChallenge challenge : pending) {
      if (troubles.containsKey(challenge.key())) {
        alarms.add(troubles.get(challenge.key()));
      }
      if (!now.isBefore(challenge.exitableAt().minus(config.urgentMargin()))) {
        alarms.add(atRisk(challenge, now));
      }
      mayCost = mayCost.add(challenge.fees().maxFeePerGas().multiply(BigInteger.valueOf(gasLimit)));
    }
    if (balance.compareTo(mayCost) < 0) {
      alarms.add(underfunded(pending.size(), balance, mayCost));
    } else {
      underfundedLogged = false;
    }
    current = List.copyOf(alarms);
  }

  private String atRisk(PendingChallenge challenge, Instant now) {
    long seconds = Duration.between(now, challenge.exitableAt()).toSeconds();
    String alarm =
        "challenge of %s not mined yet and the exit %s at %s (nonce %d, %s, %d transaction(s)"
            + " sent)";
    alarm =
        alarm.formatted(
            challenge.key(),
            seconds > 0 ? "matures in " + seconds + " s," : "matured",
            challenge.exitableAt(),
            challenge.nonce(),
            challenge.fees(),
            challenge.txHashes().size());
    if (logged.add(challenge.key())) {
      LOG.warn("At risk: {}", alarm);
    }
    return alarm;
  }

  private String underfunded(int challenges, BigInteger balance, BigInteger mayCost) {
    String alarm =
        ("the challenger account holds %s ETH but its %d challenge(s) in flight may cost up to %s"
                + " ETH: fund it")
            .formatted(eth(balance), challenges, eth(mayCost));
    if (!underfundedLogged) {
      underfundedLogged = true;
      LOG.warn("{}", alarm);
    }
    return alarm;
  }

  private static String eth(BigInteger wei) {
    return new BigDecimal(wei).movePointLeft(18).stripTrailingZeros().toPlainString();
  }
}
