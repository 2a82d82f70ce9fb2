package io.plasmanode.node.watcher;

import io.plasmanode.contracts.l1.L1Exception;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Duration;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameter;

/** How fast L1 makes blocks, for converting the finality margin (in blocks) into time. */
final class L1Timings {
  /** The blocks averaged over. */
  static final long SAMPLE = 100;

  private L1Timings() {}

  /** The mean time between the last (up to) {@value #SAMPLE} L1 blocks up to {@code head}. */
  static Duration recentBlockTime(Web3j web3j, long head) {
    long from = Math.max(0, head - SAMPLE);
    if (head == from) {
      return Duration.ZERO;
    }
    long seconds = blockTimestamp(web3j, head) - blockTimestamp(web3j, from);
    return Duration.ofMillis(Math.max(0, seconds) * 1000 / (head - from));
  }

  private static long blockTimestamp(Web3j web3j, long number) {
    try {
      return web3j
          .ethGetBlockByNumber(DefaultBlockParameter.valueOf(BigInteger.valueOf(number)), false)
          .send()
          .getBlock()
          .getTimestamp()
          .longValueExact();
    } catch (IOException e) {
      throw L1Exception.io("eth_getBlockByNumber", e);
    }
  }
}
