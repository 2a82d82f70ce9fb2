package io.plasmanode.node.watcher;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import io.plasmanode.core.types.Address;
import io.plasmanode.p2p.rpc.HttpServerLimits;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Everything the watcher daemon needs except its challenger key (kept apart so no configuration
 * dump can carry it).
 *
 * @param l1 the L1 JSON-RPC endpoint
 * @param contract the Plasma contract the watched chain commits to
 * @param operatorRpc the operator's JSON-RPC API, the first block source (peers come next)
 * @param dataDir where the watcher's LevelDB lives ({@code dataDir/watcher})
 * @param rpcHost the interface the watcher's JSON-RPC API binds to
 * @param rpcPort the watcher's JSON-RPC port (0 picks a free one)
 * @param finalityMargin L1 events are read once this many L1 blocks are on top of theirs, so they
 *     are safe across reorgs up to that depth (0 on a devnet)
 * @param withholdingTimeout how long after a root appears on L1 its block may stay unavailable
 *     before {@code block_withholding} is raised
 * @param safetyMargin how long before an invalid exit matures it is reported as {@code
 *     unchallenged_exit} if still unchallenged
 * @param challengeRetryAfter how long after a challenge that did not land (it would revert, or
 *     reverted) an exit still active on L1 is challenged again; a challenge in flight is followed
 *     and re-sent by the {@code ChallengeTracker} instead
 * @param pollInterval how often the watcher reads L1, syncs blocks and plays the exit game
 * @param l1StartBlock the first L1 block to read (the contract's deployment block)
 * @param p2pHost the interface the peer protocol listens on
 * @param p2pPort the peer protocol's port (0 picks a free one)
 * @param peers other watchers to dial and sync from (docs/p2p.md)
 * @param rpcLimits the JSON-RPC server's connection limits, request deadline and header limits
 */
public record WatcherConfig(
    URI l1,
    Address contract,
    URI operatorRpc,
    Path dataDir,
    String rpcHost,
    int rpcPort,
    int finalityMargin,
    Duration withholdingTimeout,
    Duration safetyMargin,
    Duration challengeRetryAfter,
    Duration pollInterval,
    long l1StartBlock,
    String p2pHost,
    int p2pPort,
    List<InetSocketAddress> peers,
    HttpServerLimits rpcLimits) {
  public static final int DEFAULT_RPC_PORT = 9657;
  public static final int DEFAULT_P2P_PORT = 9658;
  public static final int DEFAULT_FINALITY_MARGIN = 10;

  public WatcherConfig {
    requireNonNull(l1, "l1");
    requireNonNull(contract, "contract");
    requireNonNull(operatorRpc, "operatorRpc");
    requireNonNull(dataDir, "dataDir");
    requireNonNull(rpcHost, "rpcHost");
    checkArgument(!contract.isZero(), "the contract address is zero");
    checkArgument(rpcPort >= 0 && rpcPort <= 65535, "rpc port %s out of range", rpcPort);
    checkArgument(finalityMargin >= 0, "finality margin must be >= 0, got %s", finalityMargin);
    checkArgument(withholdingTimeout.isPositive(), "withholding timeout must be positive");
    checkArgument(!safetyMargin.isNegative(), "safety margin must not be negative");
    checkArgument(challengeRetryAfter.isPositive(), "challenge retry must be positive");
    checkArgument(pollInterval.isPositive(), "poll interval must be positive");
    checkArgument(l1StartBlock >= 0, "L1 start block must be >= 0");
    requireNonNull(p2pHost, "p2pHost");
    checkArgument(p2pPort >= 0 && p2pPort <= 65535, "p2p port %s out of range", p2pPort);
    peers = List.copyOf(peers);
    requireNonNull(rpcLimits, "rpcLimits");
  }
}
