package io.plasmanode.p2p.sync;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.plasmanode.p2p.sync.SyncMessage.Blocks;
import io.plasmanode.p2p.sync.SyncMessage.GetBlocks;
import io.plasmanode.p2p.sync.SyncMessage.Hello;
import io.plasmanode.p2p.sync.SyncMessage.NewBlock;
import io.plasmanode.p2p.sync.SyncMessage.Ping;
import io.plasmanode.p2p.sync.SyncMessage.Pong;
import io.plasmanode.p2p.sync.SyncMessage.Status;
import java.io.IOException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The messages of a connected peer: serves its GetBlocks through a {@link BlockServer} on the
 * executor, checks its Blocks against this node's requests, passes its news to the listener,
 * answers Ping, and closes the connection when the peer goes quiet. Per channel.
 */
final class PeerHandler extends ChannelInboundHandlerAdapter {
  private static final Logger LOG = LoggerFactory.getLogger(PeerHandler.class);

  private final SyncServices services;
  private final BlockServer server;
  private final AtomicInteger serving = new AtomicInteger();
  private Peer peer;

  PeerHandler(SyncServices services) {
    this.services = services;
    this.server = new BlockServer(services.source(), services.config().maxFrameBytes());
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    peer = ctx.channel().attr(Peer.KEY).get();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    PeerRegistry registry = services.registry();
    switch ((SyncMessage) msg) {
      case Status status -> {
        peer.height(status.height());
        registry.notifyListener(l -> l.onStatus(peer, status.height()));
      }
      case GetBlocks request -> serve(ctx, request);
      case Blocks blocks -> {
        peer.requests().answer(blocks);
        registry.notifyListener(l -> l.onBlocks(peer, blocks.blocks()));
      }
      case NewBlock announcement ->
          registry.notifyListener(l -> l.onNewBlock(peer, announcement.blknum()));
      case Ping ping -> ctx.writeAndFlush(new Pong());
      case Pong pong -> LOG.trace("Pong from {}", peer);
      case Hello hello ->
          throw new SyncProtocolException(Misbehaviour.UNEXPECTED_MESSAGE, "a second Hello");
    }
  }

  private void serve(ChannelHandlerContext ctx, GetBlocks request) {
    SyncConfig config = services.config();
    if (request.count() > config.maxBlocksPerRequest()) {
      throw new SyncProtocolException(
          Misbehaviour.INVALID_REQUEST,
          request.count() + " blocks requested, at most " + config.maxBlocksPerRequest());
    }
    if (serving.incrementAndGet() > config.maxRequestsInFlight()) {
      throw new SyncProtocolException(
          Misbehaviour.REQUEST_FLOOD,
          "more than " + config.maxRequestsInFlight() + " requests in flight");
    }
    try {
      services.executor().execute(() -> serveOffLoop(ctx, request));
    } catch (RejectedExecutionException e) {
      serving.decrementAndGet();
      LOG.debug("Not serving {}: shutting down", peer);
    }
  }

  private void serveOffLoop(ChannelHandlerContext ctx, GetBlocks request) {
    try {
      ctx.writeAndFlush(new Blocks(request.requestId(), server.blocks(request)));
    } finally {
      serving.decrementAndGet();
    }
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
    if (event instanceof IdleStateEvent idle && idle.state() == IdleState.READER_IDLE) {
      LOG.debug("Closing {}: silent for {}", peer, services.config().idleTimeout());
      peer.close();
    } else if (event instanceof IdleStateEvent idle && idle.state() == IdleState.WRITER_IDLE) {
      ctx.writeAndFlush(new Ping());
    } else {
      ctx.fireUserEventTriggered(event);
    }
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    peer.requests().close(new IOException("the connection to " + peer + " closed"));
    services.registry().remove(peer);
    ctx.fireChannelInactive();
  }
}
