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
 * @param maxPendingVerifications transactions of {@code submitAll} batches that may wait for a
 *     verification thread; beyond it the rest of a batch is answered {@code operator_busy} at once
 * @param domain the EIP-712 domain signatures are checked in (chain id and Plasma contract)
 * @param recovery the secp256k1 signer recovery
 * @param fees the fees submitted payments must pay and who each block's fee claims pay ({@link
 *     BlockFees#NONE} by default)
 */
public record BlockProducerConfig(
    Duration blockInterval,
    int maxTxsPerBlock,
    int verificationThreads,
    int maxPendingVerifications,
    Eip712Domain domain,
    SignerRecovery recovery,
    BlockFees fees) {
  public static final Duration DEFAULT_BLOCK_INTERVAL = Duration.ofSeconds(2);

  /**
   * Transactions waiting for verification before submissions are answered busy: a fraction of a
   * second of work for the verification threads (a core checks ~19,000 transactions a second with
   * native recovery, ~6,000 with BouncyCastle), yet more than two full requests of the JSON-RPC
   * server (1 MiB, ~1,500 transactions).
   */
  public static final int DEFAULT_MAX_PENDING_VERIFICATIONS = 4_096;

  public BlockProducerConfig {
    requireNonNull(blockInterval, "blockInterval");
    requireNonNull(domain, "domain");
    requireNonNull(recovery, "recovery");
    requireNonNull(fees, "fees");
    checkArgument(
        blockInterval.isPositive(), "block interval must be positive, got %s", blockInterval);
    checkArgument(
        maxTxsPerBlock >= 1 && maxTxsPerBlock <= UtxoPos.MAX_TXS_PER_BLOCK,
        "max txs per block must be 1..%s, got %s",
        UtxoPos.MAX_TXS_PER_BLOCK,
        maxTxsPerBlock);
    checkArgument(
        verificationThreads >= 1, "verification threads must be >= 1, got %s", verificationThreads);
    checkArgument(
        maxPendingVerifications >= 1,
        "max pending verifications must be >= 1, got %s",
        maxPendingVerifications);
  }

  /**
   * A block every 2 s, blocks of up to 65,536 transactions, one verification thread per core, at
   * most {@value #DEFAULT_MAX_PENDING_VERIFICATIONS} transactions waiting for one, and the fastest
   * signer recovery that loads here (native libsecp256k1, else BouncyCastle).
   */
  public static BlockProducerConfig defaults(Eip712Domain domain) {
    return new BlockProducerConfig(
        DEFAULT_BLOCK_INTERVAL,
        UtxoPos.MAX_TXS_PER_BLOCK,
        Runtime.getRuntime().availableProcessors(),
        DEFAULT_MAX_PENDING_VERIFICATIONS,
        domain,
        SignerRecoveries.best(),
        BlockFees.NONE);
  }

  public BlockProducerConfig withBlockInterval(Duration interval) {
    return new BlockProducerConfig(
        interval,
        maxTxsPerBlock,
        verificationThreads,
        maxPendingVerifications,
        domain,
        recovery,
        fees);
  }

  public BlockProducerConfig withMaxTxsPerBlock(int max) {
    return new BlockProducerConfig(
        blockInterval, max, verificationThreads, maxPendingVerifications, domain, recovery, fees);
  }

  public BlockProducerConfig withVerificationThreads(int threads) {
    return new BlockProducerConfig(
        blockInterval, maxTxsPerBlock, threads, maxPendingVerifications, domain, recovery, fees);
  }

  public BlockProducerConfig withMaxPendingVerifications(int max) {
    return new BlockProducerConfig(
        blockInterval, maxTxsPerBlock, verificationThreads, max, domain, recovery, fees);
  }

  public BlockProducerConfig withFees(BlockFees value) {
    return new BlockProducerConfig(
        blockInterval,
        maxTxsPerBlock,
        verificationThreads,
        maxPendingVerifications,
        domain,
        recovery,
        value);
  }
}
