package io.plasmanode.node.testing;

import io.plasmanode.core.crypto.PrivateKey;
import io.plasmanode.core.types.Address;
import io.plasmanode.node.watcher.ChallengerConfig;
import io.plasmanode.node.watcher.WatcherConfig;
import io.plasmanode.node.watcher.WatcherNode;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How a test wants an in-process watcher, tweaked with {@code setup -> setup.withX(...)}. {@link
 * #config} is the one place the ITs build a {@link WatcherConfig}: loopback, ephemeral RPC and p2p
 * ports, L1 read every 100 ms from block 0.
 *
 * @param dataDir the watcher's database directory
 * @param operatorRpc the operator it syncs from
 * @param finalityMargin L1 blocks behind the head it reads events
 * @param withholdingTimeout how long a committed block may stay unavailable
 * @param safetyMargin how long before an invalid exit matures it is reported as unchallenged
 * @param challengeRetryAfter how long a challenge may stay unmined before it is sent again
 * @param peers the watchers it syncs blocks from over p2p
 * @param challenger the key it challenges with; without one it only reports
 * @param challengerConfig how challenges are sent and re-sent
 * @param l1Rpc where it reads L1 instead of the network's anvil (e.g. a relay in front of it)
 */
public record WatcherSetup(
    Path dataDir,
    URI operatorRpc,
    int finalityMargin,
    Duration withholdingTimeout,
    Duration safetyMargin,
    Duration challengeRetryAfter,
    List<InetSocketAddress> peers,
    Optional<PrivateKey> challenger,
    ChallengerConfig challengerConfig,
    Optional<URI> l1Rpc) {
  public WatcherSetup {
    peers = List.copyOf(peers);
  }

  /**
   * A reporting-only watcher on {@code dataDir} of the operator at {@code operatorRpc}: events read
   * at the head, 10 minutes' withholding timeout, a 10 s safety margin, re-sends after 30 s.
   */
  public static WatcherSetup defaults(Path dataDir, URI operatorRpc) {
    return new WatcherSetup(
        dataDir,
        operatorRpc,
        0,
        Duration.ofMinutes(10),
        Duration.ofSeconds(10),
        Duration.ofSeconds(30),
        List.of(),
        Optional.empty(),
        ChallengerConfig.defaults(),
        Optional.empty());
  }

  public WatcherSetup withDataDir(Path value) {
    return new WatcherSetup(
        value,
        operatorRpc,
        finalityMargin,
        withholdingTimeout,
        safetyMargin,
        challengeRetryAfter,
        peers,
        challenger,
        challengerConfig,
        l1Rpc);
  }

  public WatcherSetup withFinalityMargin(int value) {
    return new WatcherSetup(
        dataDir,
        operatorRpc,
        value,
        withholdingTimeout,
        safetyMargin,
        challengeRetryAfter,
        peers,
        challenger,
        challengerConfig,
        l1Rpc);
  }

  public WatcherSetup withWithholdingTimeout(Duration value) {
    return new WatcherSetup(
        dataDir,
        operatorRpc,
        finalityMargin,
        value,
        safetyMargin,
        challengeRetryAfter,
        peers,
        challenger,
        challengerConfig,
        l1Rpc);
  }

  public WatcherSetup withSafetyMargin(Duration value) {
    return new WatcherSetup(
        dataDir,
        operatorRpc,
        finalityMargin,
        withholdingTimeout,
        value,
        challengeRetryAfter,
        peers,
        challenger,
        challengerConfig,
        l1Rpc);
  }

  public WatcherSetup withChallengeRetryAfter(Duration value) {
    return new WatcherSetup(
        dataDir,
        operatorRpc,
        finalityMargin,
        withholdingTimeout,
        safetyMargin,
        value,
        peers,
        challenger,
        challengerConfig,
        l1Rpc);
  }

  /** Syncs from the p2p ports of {@code watchers} too. */
  public WatcherSetup withPeers(List<WatcherNode> watchers) {
    return withPeerAddresses(
        watchers.stream().map(w -> new InetSocketAddress("127.0.0.1", w.p2pPort())).toList());
  }

  public WatcherSetup withPeerAddresses(List<InetSocketAddress> value) {
    return new WatcherSetup(
        dataDir,
        operatorRpc,
        finalityMargin,
        withholdingTimeout,
        safetyMargin,
        challengeRetryAfter,
        value,
        challenger,
        challengerConfig,
        l1Rpc);
  }

  /** Challenges invalid exits with {@code key}. */
  public WatcherSetup withChallenger(PrivateKey key) {
    return withChallenger(key, challengerConfig);
  }

  /** Challenges invalid exits with {@code key}, sending challenges as {@code config} says. */
  public WatcherSetup withChallenger(PrivateKey key, ChallengerConfig config) {
    return new WatcherSetup(
        dataDir,
        operatorRpc,
        finalityMargin,
        withholdingTimeout,
        safetyMargin,
        challengeRetryAfter,
        peers,
        Optional.of(key),
        config,
        l1Rpc);
  }

  /** Reads L1 at {@code value} instead of the network's anvil (e.g. through a relay). */
  public WatcherSetup withL1Rpc(URI value) {
    return new WatcherSetup(
        dataDir,
        operatorRpc,
        finalityMargin,
        withholdingTimeout,
        safetyMargin,
        challengeRetryAfter,
        peers,
        challenger,
        challengerConfig,
        Optional.of(value));
  }

  /** The watcher of {@code contract} on the L1 at {@code l1} (unless {@link #l1Rpc} says where). */
  public WatcherConfig config(URI l1, Address contract) {
    return WatcherConfig.builder(l1Rpc.orElse(l1), contract, dataDir)
        .operatorRpc(operatorRpc)
        .rpcHost("127.0.0.1")
        .rpcPort(0)
        .finalityMargin(finalityMargin)
        .withholdingTimeout(withholdingTimeout)
        .safetyMargin(safetyMargin)
        .challengeRetryAfter(challengeRetryAfter)
        .pollInterval(Duration.ofMillis(100))
        .l1StartBlock(0)
        .p2pHost("127.0.0.1")
        .p2pPort(0)
        .peers(peers)
        .build();
  }
}
