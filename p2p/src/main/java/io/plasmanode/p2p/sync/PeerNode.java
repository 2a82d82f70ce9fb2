package io.plasmanode.p2p.sync;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import com.google.common.util.concurrent.MoreExecutors;
import com.google.common.util.concurrent.ThreadFactoryBuilder;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.plasmanode.p2p.sync.SyncMessage.GetBlocks;
import io.plasmanode.p2p.sync.SyncMessage.NewBlock;
import io.plasmanode.p2p.sync.SyncMessage.Status;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node of the block sync network (docs/p2p.md): listens for peers, keeps the configured peers
 * dialed, serves blocks from a {@link ServedBlocks}, requests blocks, announces new ones, and
 * scores and bans misbehaving peers. What peers send goes to the {@link SyncListener}.
 */
public final class PeerNode implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PeerNode.class);
  private static final int IO_THREADS = 2;
  private static final int SOURCE_THREADS = 2;
  private static final long SHUTDOWN_TIMEOUT_MILLIS = 5_000;

  private final SyncConfig config;
  private final ServedBlocks source;
  private final PeerRegistry registry;
  private final ExecutorService sourceExecutor;
  private final ExecutorService listenerExecutor;
  private final EventLoopGroup loops;
  private final List<Dialer> dialers = new ArrayList<>();
  private volatile long localHeight;
  private volatile int listenPort;
  private Channel serverChannel;

  /** A node that is not started yet; {@link #start} binds and dials. */
  public PeerNode(SyncConfig config, ServedBlocks source, SyncListener listener, Clock clock) {
    this.config = requireNonNull(config, "config");
    this.source = requireNonNull(source, "source");
    requireNonNull(listener, "listener");
    this.sourceExecutor = Executors.newFixedThreadPool(SOURCE_THREADS, threads("sync-source-%d"));
    this.listenerExecutor = Executors.newSingleThreadExecutor(threads("sync-listener"));
    this.loops =
        new MultiThreadIoEventLoopGroup(
            IO_THREADS, new DefaultThreadFactory("sync-io"), NioIoHandler.newFactory());
    PeerScores scores = new PeerScores(config.banThreshold(), config.banDuration(), clock);
    long nodeId = new SecureRandom().nextLong() & Long.MAX_VALUE;
    this.registry = new PeerRegistry(nodeId, config.maxPeers(), scores, listener, listenerExecutor);
  }

  /**
   * Binds, then starts dialing the configured peers; returns the bound port (useful with port 0).
   *
   * @throws UncheckedIOException when the address cannot be bound
   * @throws IllegalStateException when already started
   */
  public synchronized int start() {
    if (serverChannel != null) {
      throw new IllegalStateException("peer node already started");
    }
    localHeight = source.height();
    SyncServices services =
        new SyncServices(
            config, source, sourceExecutor, registry, () -> localHeight, () -> listenPort);
    ChannelFuture bind = serverBootstrap(services).bind(config.host(), config.port());
    if (!bind.awaitUninterruptibly().isSuccess()) {
      close();
      throw new UncheckedIOException(
          new BindException(
              "Cannot bind the peer port "
                  + config.host()
                  + ":"
                  + config.port()
                  + ": "
                  + bind.cause().getMessage()));
    }
    serverChannel = bind.channel();
    listenPort = ((InetSocketAddress) serverChannel.localAddress()).getPort();
    Bootstrap client = clientBootstrap(services);
    for (InetSocketAddress peer : config.peers()) {
      Dialer dialer = new Dialer(client, peer, registry, loops, config);
      dialers.add(dialer);
      dialer.start();
    }
    LOG.info(
        "Peer node listening on {}:{}, dialing {} peers",
        config.host(),
        listenPort,
        dialers.size());
    return listenPort;
  }

  /** The port peers connect to; 0 before {@link #start}. */
  public int port() {
    return listenPort;
  }

  /** The connected peers, with their heights and scores. */
  public List<PeerInfo> peers() {
    return registry.peers().stream()
        .map(p -> new PeerInfo(p, p.height(), registry.scores().score(p.address())))
        .toList();
  }

  /** The score of a peer address ("ip:port"), connected or not; 0 when unknown. */
  public int score(String address) {
    return registry.scores().score(address);
  }

  /** The running bans: peer address -> end of the ban. */
  public Map<String, Instant> bans() {
    return registry.scores().bans();
  }

  /**
   * Asks {@code peer} for blocks {@code fromBlknum, fromBlknum + 1000, ...} ({@code count} at
   * most). The future completes with the blocks the peer has from the start of the range, maybe
   * fewer than asked, or fails: the peer broke the protocol, closed, or did not answer within the
   * request timeout ({@link TimeoutException}; the peer is then disconnected). Fails at once when
   * the peer already has {@code maxRequestsInFlight} requests of this node pending, as it would
   * count more as a flood.
   */
  public CompletableFuture<List<SyncBlock>> requestBlocks(Peer peer, long fromBlknum, int count) {
    checkArgument(SyncBlock.isChildBlknum(fromBlknum), "not a child block: %s", fromBlknum);
    checkArgument(
        count > 0 && count <= config.maxBlocksPerRequest(),
        "count must be 1..%s, got %s",
        config.maxBlocksPerRequest(),
        count);
    CompletableFuture<List<SyncBlock>> future = new CompletableFuture<>();
    Optional<GetBlocks> request =
        peer.requests().start(fromBlknum, count, config.maxRequestsInFlight());
    if (request.isEmpty() || !peer.isConnected()) {
      return CompletableFuture.failedFuture(
          new IllegalStateException(
              peer
                  + " is not connected or has "
                  + config.maxRequestsInFlight()
                  + " requests in flight"));
    }
    long requestId = request.get().requestId();
    Future<?> timeout =
        peer.channel()
            .eventLoop()
            .schedule(
                () -> timedOut(peer, requestId),
                config.requestTimeout().toMillis(),
                TimeUnit.MILLISECONDS);
    peer.requests().await(request.get(), future, timeout);
    peer.channel()
        .writeAndFlush(request.get())
        .addListener(f -> failIfUnsent(f.cause(), future, peer));
    return future;
  }

  /**
   * Asks the best peer, the highest with a height of at least {@code fromBlknum}, for blocks; see
   * {@link #requestBlocks(Peer, long, int)}. Fails at once when no connected peer is high enough.
   */
  public CompletableFuture<List<SyncBlock>> requestBlocks(long fromBlknum, int count) {
    Optional<Peer> best =
        registry.peers().stream()
            .filter(p -> p.height() >= fromBlknum)
            .max(
                Comparator.<Peer>comparingLong(Peer::height)
                    .thenComparingInt(p -> registry.scores().score(p.address())));
    if (best.isEmpty()) {
      return CompletableFuture.failedFuture(
          new IllegalStateException("no connected peer has block " + fromBlknum));
    }
    return requestBlocks(best.get(), fromBlknum, count);
  }

  /** Tells every connected peer that this node has block {@code blknum}. */
  public void announce(long blknum) {
    NewBlock announcement = new NewBlock(blknum);
    registry.peers().forEach(p -> p.channel().writeAndFlush(announcement));
  }

  /**
   * Reads the source's height and, if it changed since the last call, sends it to every peer. Call
   * after the source's height changes; Hello messages carry the height last published.
   */
  public void publishHeight() {
    long height = source.height();
    if (height == localHeight) {
      return;
    }
    localHeight = height;
    Status status = new Status(height);
    registry.peers().forEach(p -> p.channel().writeAndFlush(status));
  }

  /**
   * Scores {@code peer} down for {@code misbehaviour} (e.g. {@link Misbehaviour#BAD_BLOCK} for a
   * block whose root differs from L1) and disconnects it; enough penalties ban its address.
   */
  public void penalize(Peer peer, Misbehaviour misbehaviour, String detail) {
    registry.penalize(peer, misbehaviour, detail);
  }

  /** Stops dialing, closes every connection and the listener, then stops the threads. */
  @Override
  public synchronized void close() {
    dialers.forEach(Dialer::stop);
    if (serverChannel != null) {
      serverChannel.close().awaitUninterruptibly();
    }
    registry.peers().forEach(Peer::close);
    loops
        .shutdownGracefully(0, SHUTDOWN_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)
        .awaitUninterruptibly();
    sourceExecutor.shutdownNow();
    listenerExecutor.shutdown();
    awaitTermination(sourceExecutor);
    awaitTermination(listenerExecutor);
    if (serverChannel != null) {
      LOG.info("Peer node on port {} stopped", listenPort);
    }
  }

  private void timedOut(Peer peer, long requestId) {
    if (!peer.requests().isPending(requestId)) {
      return;
    }
    String detail = "no answer to request " + requestId + " within " + config.requestTimeout();
    peer.requests().close(new TimeoutException(detail));
    registry.penalize(peer, Misbehaviour.UNRESPONSIVE, detail);
  }

  private static void failIfUnsent(
      Throwable cause, CompletableFuture<List<SyncBlock>> future, Peer peer) {
    if (cause != null) {
      future.completeExceptionally(new IllegalStateException("cannot send to " + peer, cause));
    }
  }

  private ServerBootstrap serverBootstrap(SyncServices services) {
    return new ServerBootstrap()
        .group(loops)
        .channel(NioServerSocketChannel.class)
        .option(ChannelOption.SO_REUSEADDR, true)
        .childOption(ChannelOption.TCP_NODELAY, true)
        .childHandler(new SyncChannelInitializer(services, Peer.Direction.INBOUND));
  }

  private Bootstrap clientBootstrap(SyncServices services) {
    return new Bootstrap()
        .group(loops)
        .channel(NioSocketChannel.class)
        .option(ChannelOption.TCP_NODELAY, true)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) config.idleTimeout().toMillis())
        .handler(new SyncChannelInitializer(services, Peer.Direction.OUTBOUND));
  }

  /** Non-daemon threads named {@code nameFormat}, as Netty's event loop threads here. */
  private static ThreadFactory threads(String nameFormat) {
    return new ThreadFactoryBuilder().setNameFormat(nameFormat).setDaemon(false).build();
  }

  /** {@code SHUTDOWN_TIMEOUT_MILLIS} for tasks to finish, then interrupted and as long again. */
  private static void awaitTermination(ExecutorService executor) {
    Duration timeout = Duration.ofMillis(2 * SHUTDOWN_TIMEOUT_MILLIS);
    if (!MoreExecutors.shutdownAndAwaitTermination(executor, timeout)) {
      LOG.warn("Sync threads still running after {}", timeout);
    }
  }
}
