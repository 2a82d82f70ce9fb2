package io.plasmanode.node.operator;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import io.plasmanode.core.crypto.SignerRecovery;
import io.plasmanode.core.eip712.Eip712Domain;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.node.crypto.SignerRecoveries;
import java.time.Duration;

/**
 * How the {@link BlockProducer} builds blocks.
 *
 * @param blockInterval how often the open block is closed when it holds transactions
 * @param maxTxsPerBlock the open block closes at once when it reaches this size (1..65,536)
 * @param verificationThreads threads that recover signers for {@code submitAll} batches
 * @param domain the EIP-712 domain signatures are checked in (chain id and Plasma contract)
 * @param recovery the secp256k1 signer recovery
 */
public record BlockProducerConfig(
    Duration blockInterval,
    int maxTxsPerBlock,
    int verificationThreads,
    Eip712Domain domain,
    SignerRecovery recovery) {
  public static final Duration DEFAULT_BLOCK_INTERVAL = Duration.ofSeconds(2);

  public BlockProducerConfig {
    requireNonNull(blockInterval, "blockInterval");
    requireNonNull(domain, "domain");
    requireNonNull(recovery, "recovery");
    checkArgument(
        blockInterval.isPositive(), "block interval must be positive, got %s", blockInterval);
    checkArgument(
        maxTxsPerBlock >= 1 && maxTxsPerBlock <= UtxoPos.MAX_TXS_PER_BLOCK,
        "max txs per block must be 1..%s, got %s",
        UtxoPos.MAX_TXS_PER_BLOCK,
        maxTxsPerBlock);
    checkArgument(
        verificationThreads >= 1, "verification threads must be >= 1, got %s", verificationThreads);
  }

  /**
   * A block every 2 s, blocks of up to 65,536 transactions, one verification thread per core, and
   * the fastest signer recovery that loads here (native libsecp256k1, else BouncyCastle).
   */
  public static BlockProducerConfig defaults(Eip712Domain domain) {
    return new BlockProducerConfig(
        DEFAULT_BLOCK_INTERVAL,
        UtxoPos.MAX_TXS_PER_BLOCK,
        Runtime.getRuntime().availableProcessors(),
        domain,
        SignerRecoveries.best());
  }

  public BlockProducerConfig withBlockInterval(Duration interval) {
    return new BlockProducerConfig(interval, maxTxsPerBlock, verificationThreads, domain, recovery);
  }

  public BlockProducerConfig withMaxTxsPerBlock(int max) {
    return new BlockProducerConfig(blockInterval, max, verificationThreads, domain, recovery);
  }

  public BlockProducerConfig withVerificationThreads(int threads) {
    return new BlockProducerConfig(blockInterval, maxTxsPerBlock, threads, domain, recovery);
  }
}
