package io.plasmanode.p2p.sync;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scores and bans by peer address. A score starts at 0 and drops by each misbehaviour's penalty; at
 * {@code -banThreshold} the address is banned for {@code banDuration}, after which it starts over
 * at 0. Thread-safe. Remembers the scores of at most {@link #MAX_ADDRESSES} addresses.
 */
final class PeerScores {
  static final int MAX_ADDRESSES = 10_000;

  private final int banThreshold;
  private final Duration banDuration;
  private final Clock clock;
  private final Map<String, Integer> scores =
      new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
          return size() > MAX_ADDRESSES;
        }
      };
  private final Map<String, Instant> bans = new HashMap<>();

  PeerScores(int banThreshold, Duration banDuration, Clock clock) {
    this.banThreshold = banThreshold;
    this.banDuration = banDuration;
    this.clock = clock;
  }

  /** Takes {@code penalty} points off; true when this bans the address. */
  synchronized boolean penalize(String address, int penalty) {
    int score = scores.getOrDefault(address, 0) - penalty;
    scores.put(address, score);
    if (score > -banThreshold || isBanned(address)) {
      return false;
    }
    bans.put(address, clock.instant().plus(banDuration));
    return true;
  }

  synchronized int score(String address) {
    isBanned(address);
    return scores.getOrDefault(address, 0);
  }

  /** True while a ban runs; an expired ban is lifted and the score reset. */
  synchronized boolean isBanned(String address) {
    Instant until = bans.get(address);
    if (until == null) {
      return false;
    }
    if (clock.instant().isBefore(until)) {
      return true;
    }
    bans.remove(address);
    scores.remove(address);
    return false;
  }

  /** The running bans: address -> end. */
  synchronized Map<String, Instant> bans() {
    List.copyOf(bans.keySet()).forEach(this::isBanned);
    return Map.copyOf(bans);
  }
}
