package io.plasmanode.node.daemon;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import io.plasmanode.core.types.Address;
import io.plasmanode.p2p.rpc.HttpServerLimits;
import io.plasmanode.storage.chain.ChainCheckMode;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Everything the operator daemon needs except its key (kept apart so that no configuration dump or
 * {@code toString()} can ever carry it).
 *
 * @param l1 the L1 JSON-RPC endpoint
 * @param contract the Plasma contract this operator runs
 * @param dataDir where the LevelDB chain database lives ({@code dataDir/chain})
 * @param rpcHost the interface the JSON-RPC server binds to (loopback by default)
 * @param rpcPort the JSON-RPC port (0 picks a free one)
 * @param blockInterval how often a non-empty block closes
 * @param depositConfirmations L1 blocks a deposit must be buried under before it is credited
 * @param commitConfirmations L1 blocks a root submission must be buried under before its block
 *     counts as committed (until then a reorganisation that drops it makes the node re-send it)
 * @param l1PollInterval how often L1 is read for new events
 * @param l1StartBlock the first L1 block to read events from (the contract's deployment block)
 * @param maxGasPrice the highest fee per gas the root committer will pay
 * @param rpcRequestsPerSecond the JSON-RPC server's request rate limit (all clients together)
 * @param rpcLimits the JSON-RPC server's connection limits, request deadline and header limits
 * @param maxPendingVerifications transactions that may wait for signature checks; beyond it
 *     submissions are answered {@code operator_busy} at once
 * @param checkDb the database integrity check run at start, before anything else uses the database
 *     ({@link ChainCheckMode#QUICK} by default)
 */
public record OperatorConfig(
    URI l1,
    Address contract,
    Path dataDir,
    String rpcHost,
    int rpcPort,
    Duration blockInterval,
    int depositConfirmations,
    int commitConfirmations,
    Duration l1PollInterval,
    long l1StartBlock,
    BigInteger maxGasPrice,
    int rpcRequestsPerSecond,
    HttpServerLimits rpcLimits,
    int maxPendingVerifications,
    ChainCheckMode checkDb) {
  public static final int DEFAULT_RPC_PORT = 9656;

  public OperatorConfig {
    requireNonNull(l1, "l1");
    requireNonNull(contract, "contract");
    requireNonNull(dataDir, "dataDir");
    requireNonNull(rpcHost, "rpcHost");
    requireNonNull(blockInterval, "blockInterval");
    requireNonNull(l1PollInterval, "l1PollInterval");
    requireNonNull(maxGasPrice, "maxGasPrice");
    requireNonNull(rpcLimits, "rpcLimits");
    checkArgument(!contract.isZero(), "the contract address is zero");
    checkArgument(rpcPort >= 0 && rpcPort <= 65535, "rpc port %s out of range", rpcPort);
    checkArgument(depositConfirmations >= 0, "deposit confirmations must be >= 0");
    checkArgument(commitConfirmations >= 0, "commit confirmations must be >= 0");
    checkArgument(l1StartBlock >= 0, "L1 start block must be >= 0");
    checkArgument(rpcRequestsPerSecond > 0, "rpc requests per second must be positive");
    checkArgument(maxPendingVerifications > 0, "max pending verifications must be positive");
    requireNonNull(checkDb, "checkDb");
  }
}
