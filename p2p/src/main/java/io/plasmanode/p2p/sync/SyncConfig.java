package io.plasmanode.p2p.sync;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import io.plasmanode.core.types.Address;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;

/**
 * Settings of a {@link PeerNode}; {@link #defaults} gives the documented defaults (docs/p2p.md).
 *
 * @param chainId the L1 chain id; peers must agree
 * @param contract the Plasma contract; peers must agree
 * @param host address to listen on (loopback by default)
 * @param port port to listen on, 0 for an ephemeral one
 * @param peers addresses to dial and keep connected, with backoff
 * @param maxPeers connected peers at most, inbound and outbound together
 * @param maxFrameBytes largest frame accepted or sent; a peer sending a larger one is dropped
 * @param maxBlocksPerRequest most blocks one GetBlocks may ask for
 * @param messagesPerSecond messages a peer may send a second (Blocks excepted), burst included
 * @param maxRequestsInFlight GetBlocks of one peer being served at once
 * @param idleTimeout a peer that sends nothing for this long is disconnected
 * @param pingInterval a Ping is sent after this long without writing; below idleTimeout
 * @param requestTimeout a request without an answer for this long fails
 * @param reconnectDelay first delay before redialing a peer; doubles on each failure
 * @param maxReconnectDelay the longest delay between dials
 * @param banThreshold a peer whose score falls to minus this is banned
 * @param banDuration how long a ban lasts
 */
public record SyncConfig(
    long chainId,
    Address contract,
    String host,
    int port,
    List<InetSocketAddress> peers,
    int maxPeers,
    int maxFrameBytes,
    int maxBlocksPerRequest,
    int messagesPerSecond,
    int maxRequestsInFlight,
    Duration idleTimeout,
    Duration pingInterval,
    Duration requestTimeout,
    Duration reconnectDelay,
    Duration maxReconnectDelay,
    int banThreshold,
    Duration banDuration) {
  public static final String DEFAULT_HOST = "127.0.0.1";
  public static final int DEFAULT_MAX_PEERS = 25;
  public static final int DEFAULT_MAX_FRAME_BYTES = 32 << 20;
  public static final int DEFAULT_MAX_BLOCKS_PER_REQUEST = 64;
  public static final int DEFAULT_MESSAGES_PER_SECOND = 50;
  public static final int DEFAULT_MAX_REQUESTS_IN_FLIGHT = 4;
  public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);
  public static final Duration DEFAULT_PING_INTERVAL = Duration.ofSeconds(20);
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);
  public static final Duration DEFAULT_RECONNECT_DELAY = Duration.ofSeconds(1);
  public static final Duration DEFAULT_MAX_RECONNECT_DELAY = Duration.ofSeconds(60);
  public static final int DEFAULT_BAN_THRESHOLD = 100;
  public static final Duration DEFAULT_BAN_DURATION = Duration.ofMinutes(30);

  /** Smallest frame limit: a Hello and a useful Blocks must fit. */
  public static final int MIN_FRAME_BYTES = 1024;

  public SyncConfig {
    requireNonNull(contract, "contract");
    requireNonNull(host, "host");
    peers = List.copyOf(peers);
    checkArgument(chainId >= 0, "negative chain id");
    checkArgument(port >= 0 && port <= 0xFFFF, "port out of range: %s", port);
    checkArgument(maxPeers > 0, "maxPeers must be positive");
    checkArgument(maxFrameBytes >= MIN_FRAME_BYTES, "maxFrameBytes below %s", MIN_FRAME_BYTES);
    checkArgument(maxBlocksPerRequest > 0, "maxBlocksPerRequest must be positive");
    checkArgument(messagesPerSecond > 0, "messagesPerSecond must be positive");
    checkArgument(maxRequestsInFlight > 0, "maxRequestsInFlight must be positive");
    checkPositive(idleTimeout, "idleTimeout");
    checkPositive(pingInterval, "pingInterval");
    checkArgument(
        pingInterval.compareTo(idleTimeout) < 0, "pingInterval must be below idleTimeout");
    checkPositive(requestTimeout, "requestTimeout");
    checkPositive(reconnectDelay, "reconnectDelay");
    checkArgument(
        maxReconnectDelay.compareTo(reconnectDelay) >= 0, "maxReconnectDelay below reconnectDelay");
    checkArgument(banThreshold > 0, "banThreshold must be positive");
    checkPositive(banDuration, "banDuration");
  }

  /** Loopback, an ephemeral port, no peers to dial and the default limits. */
  public static SyncConfig defaults(long chainId, Address contract) {
    return new SyncConfig(
        chainId,
        contract,
        DEFAULT_HOST,
        0,
        List.of(),
        DEFAULT_MAX_PEERS,
        DEFAULT_MAX_FRAME_BYTES,
        DEFAULT_MAX_BLOCKS_PER_REQUEST,
        DEFAULT_MESSAGES_PER_SECOND,
        DEFAULT_MAX_REQUESTS_IN_FLIGHT,
        DEFAULT_IDLE_TIMEOUT,
        DEFAULT_PING_INTERVAL,
        DEFAULT_REQUEST_TIMEOUT,
        DEFAULT_RECONNECT_DELAY,
        DEFAULT_MAX_RECONNECT_DELAY,
        DEFAULT_BAN_THRESHOLD,
        DEFAULT_BAN_DURATION);
  }

  public SyncConfig withPort(int newPort) {
    return toBuilder().port(newPort).build();
  }

  public SyncConfig withPeers(List<InetSocketAddress> newPeers) {
    return toBuilder().peers(newPeers).build();
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  private static void checkPositive(Duration duration, String name) {
    requireNonNull(duration, name);
    checkArgument(duration.toMillis() > 0, "%s must be at least 1 ms", name);
  }

  /** Changes some settings of a config; {@link #build} checks them all. */
  public static final class Builder {
    private long chainId;
    private Address contract;
    private String host;
    private int port;
    private List<InetSocketAddress> peers;
    private int maxPeers;
    private int maxFrameBytes;
    private int maxBlocksPerRequest;
    private int messagesPerSecond;
    private int maxRequestsInFlight;
    private Duration idleTimeout;
    private Duration pingInterval;
    private Duration requestTimeout;
    private Duration reconnectDelay;
    private Duration maxReconnectDelay;
    private int banThreshold;
    private Duration banDuration;

    private Builder(SyncConfig c) {
      chainId = c.chainId;
      contract = c.contract;
      host = c.host;
      port = c.port;
      peers = c.peers;
      maxPeers = c.maxPeers;
      maxFrameBytes = c.maxFrameBytes;
      maxBlocksPerRequest = c.maxBlocksPerRequest;
      messagesPerSecond = c.messagesPerSecond;
      maxRequestsInFlight = c.maxRequestsInFlight;
      idleTimeout = c.idleTimeout;
      pingInterval = c.pingInterval;
      requestTimeout = c.requestTimeout;
      reconnectDelay = c.reconnectDelay;
      maxReconnectDelay = c.maxReconnectDelay;
      banThreshold = c.banThreshold;
      banDuration = c.banDuration;
    }

    public Builder host(String value) {
      host = value;
      return this;
    }

    public Builder port(int value) {
      port = value;
      return this;
    }

    public Builder peers(List<InetSocketAddress> value) {
      peers = value;
      return this;
    }

    public Builder maxPeers(int value) {
      maxPeers = value;
      return this;
    }

    public Builder maxFrameBytes(int value) {
      maxFrameBytes = value;
      return this;
    }

    public Builder maxBlocksPerRequest(int value) {
      maxBlocksPerRequest = value;
      return this;
    }

    public Builder messagesPerSecond(int value) {
      messagesPerSecond = value;
      return this;
    }

    public Builder maxRequestsInFlight(int value) {
      maxRequestsInFlight = value;
      return this;
    }

    public Builder idleTimeout(Duration value) {
      idleTimeout = value;
      return this;
    }

    public Builder pingInterval(Duration value) {
      pingInterval = value;
      return this;
    }

    public Builder requestTimeout(Duration value) {
      requestTimeout = value;
      return this;
    }

    public Builder reconnectDelay(Duration initial, Duration max) {
      reconnectDelay = initial;
      maxReconnectDelay = max;
      return this;
    }

    public Builder ban(int threshold, Duration duration) {
      banThreshold = threshold;
      banDuration = duration;
      return this;
    }

    public SyncConfig build() {
      return new SyncConfig(
          chainId,
          contract,
          host,
          port,
          peers,
          maxPeers,
          maxFrameBytes,
          maxBlocksPerRequest,
          messagesPerSecond,
          maxRequestsInFlight,
          idleTimeout,
          pingInterval,
          requestTimeout,
          reconnectDelay,
          maxReconnectDelay,
          banThreshold,
          banDuration);
    }
  }
}
