package io.plasmanode.node.watcher;

import io.plasmanode.contracts.l1.L1Client;
import java.time.Duration;

/** How fast L1 makes blocks, for converting the finality margin (in blocks) into time. */
final class L1Timings {
  /** The blocks averaged over. */
  static final long SAMPLE = 100;

  private L1Timings() {}

  /** The mean time between the last (up to) {@value #SAMPLE} L1 blocks up to {@code head}. */
  static Duration recentBlockTime(L1Client l1, long head) {
    long from = Math.max(0, head - SAMPLE);
    if (head == from) {
      return Duration.ZERO;
    }
    long seconds = l1.blockTime(head).getEpochSecond() - l1.blockTime(from).getEpochSecond();
    return Duration.ofMillis(Math.max(0, seconds) * 1000 / (head - from));
  }
}
