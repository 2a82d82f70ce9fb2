package io.plasmanode.p2p.sync;

import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledDirectByteBuf;
import io.netty.buffer.UnpooledHeapByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.DefaultChannelId;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import io.netty.util.ReferenceCountUtil;
import io.plasmanode.core.testing.fuzz.ByteMutator;
import io.plasmanode.core.testing.fuzz.FuzzCampaign;
import io.plasmanode.core.testing.fuzz.FuzzOutcome;
import io.plasmanode.core.testing.fuzz.RandomTransactions;
import io.plasmanode.core.testing.fuzz.RlpTreeMutator;
import io.plasmanode.core.tx.TxCodec;
import io.plasmanode.core.types.Address;
import io.plasmanode.p2p.sync.SyncMessage.Blocks;
import io.plasmanode.p2p.sync.SyncMessage.GetBlocks;
import io.plasmanode.p2p.sync.SyncMessage.Hello;
import io.plasmanode.p2p.sync.SyncMessage.NewBlock;
import io.plasmanode.p2p.sync.SyncMessage.Ping;
import io.plasmanode.p2p.sync.SyncMessage.Pong;
import io.plasmanode.p2p.sync.SyncMessage.Status;
import io.plasmanode.p2p.testing.ErrorLogCapture;
import java.io.ByteArrayOutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes the peer pipeline exactly as {@link SyncChannelInitializer} builds it (length framing with
 * the maximum frame size, message codec, rate limit, handshake, peer handler, error triage) in an
 * {@link EmbeddedChannel}: valid streams (a matching Hello, then any messages), their frame-level
 * damage (length prefixes tampered with, frames dropped, duplicated or reordered), RLP structure
 * and byte mutations of message bodies, and random bytes, written in random pieces. Properties:
 * every rejection is a named {@link Misbehaviour} (or an oversized frame) that closes the peer,
 * nothing reaches the last-resort error handling; each complete frame decodes to a message that
 * re-encodes to the same bytes or is a malformed message; the pipeline never allocates a buffer
 * beyond the frame limit plus what one read delivers, nor keeps more than a few frames' worth of
 * heap per input; and a connection left mid-frame is closed by the idle timeout.
 */
class SyncFrameFuzzTest {
  private static final int SHORT_TRIES = 20_000;
  private static final int MAX_FRAME = SyncConfig.MIN_FRAME_BYTES * 4;
  private static final int MAX_PIECE = 1024;
  private static final int LENGTH_BYTES = SyncChannelInitializer.LENGTH_BYTES;
  private static final long CHAIN_ID = 31337;
  private static final Address CONTRACT =
      Address.fromHex("0x5fbdb2315678afecb367f032d93f642f64180aa3");
  private static final long OWN_NODE_ID = 0x0a11ce;

  /**
   * No buffer may exceed a frame and its length plus one read (the frame decoder's cumulation),
   * rounded up to a power of two as Netty grows buffers.
   */
  private static final long MAX_BUFFER =
      Long.highestOneBit(MAX_FRAME + LENGTH_BYTES + MAX_PIECE) * 2;

  /** Heap an input may cost: the fixture, a few frames' copies, exceptions; never a length. */
  private static final long MAX_HEAP_PER_INPUT = 8L << 20;

  private static final int[] INTERESTING_LENGTHS = {
    0, 1, MAX_FRAME - 1, MAX_FRAME, MAX_FRAME + 1, 0x7fff_ffff, 0x8000_0000, 0xffff_ffff
  };

  private final SyncConfig config =
      SyncConfig.defaults(CHAIN_ID, CONTRACT).toBuilder()
          .maxFrameBytes(MAX_FRAME)
          .maxBlocksPerRequest(16)
          .build();
  private final TrackingAllocator allocator = new TrackingAllocator();
  private final com.sun.management.ThreadMXBean threads =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
  private long largestHeapPerInput;

  /** The frames of a stream as sent, in pieces; {@code complete} when it ends on a frame end. */
  record Input(List<byte[]> pieces, List<byte[]> frameBodies, boolean complete, boolean inbound) {}

  @Test
  void framesAreDecodedOrRejectedByNameWithinTheFrameLimit() {
    FuzzCampaign campaign = FuzzCampaign.of("p2p-frames", SHORT_TRIES);
    try (ErrorLogCapture errors = ErrorLogCapture.attach()) {
      warmUp(errors);
      largestHeapPerInput = 0;
      allocator.largest = 0;
      campaign.note("max frame bytes", MAX_FRAME);
      campaign.run(
          random -> input(random),
          input -> {
            FuzzOutcome outcome = execute(input, errors);
            campaign.note("largest buffer allocated (bytes)", allocator.largest);
            campaign.note("most heap allocated by one input (bytes)", largestHeapPerInput);
            return outcome;
          },
          SyncFrameFuzzTest::describe);
    }
  }

  /**
   * Runs a few inputs first, uncounted, so class loading and JIT warm-up do not count as the heap
   * of one input; their failures, if any, recur in the campaign.
   */
  private void warmUp(ErrorLogCapture errors) {
    Random random = new Random(1);
    for (int i = 0; i < 200; i++) {
      try {
        execute(input(random), errors);
      } catch (RuntimeException | AssertionError e) {
        errors.clear();
      }
    }
  }

  Input input(Random random) {
    List<byte[]> bodies = new ArrayList<>();
    bodies.add(SyncWire.encode(hello(random)));
    int count = random.nextInt(7);
    for (int i = 0; i < count; i++) {
      bodies.add(SyncWire.encode(message(random)));
    }
    byte[] stream;
    int roll = random.nextInt(100);
    if (roll < 12) {
      stream = frames(bodies);
    } else if (roll < 27) {
      stream = tamperFrames(bodies, random);
    } else if (roll < 57) {
      stream = frames(mutateOneBody(bodies, random, true));
    } else if (roll < 82) {
      stream = frames(mutateOneBody(bodies, random, false));
    } else if (roll < 95) {
      stream = ByteMutator.mutate(frames(bodies), frames(List.of(bodies.get(0))), random);
    } else {
      stream = ByteMutator.randomBytes(random, 600);
    }
    Scan scan = scan(stream);
    return new Input(pieces(stream, random), scan.bodies(), scan.complete(), random.nextBoolean());
  }

  private FuzzOutcome execute(Input input, ErrorLogCapture errors) {
    long heapBefore = threads.getCurrentThreadAllocatedBytes();
    PeerChannel channel = new PeerChannel();
    Probe probe = new Probe();
    FuzzOutcome outcome;
    try {
      channel.start(services(), input.inbound(), allocator, probe);
      for (byte[] piece : input.pieces()) {
        if (channel.isOpen()) {
          channel.writeInbound(Unpooled.wrappedBuffer(piece));
          channel.runPendingTasks();
        }
      }
      errors.rethrowErrors();
      channel.checkException();
      checkEachFrameAlone(input);
      outcome = outcome(channel, probe, input);
    } finally {
      channel.finishAndReleaseAll();
    }
    long heap = threads.getCurrentThreadAllocatedBytes() - heapBefore;
    largestHeapPerInput = Math.max(largestHeapPerInput, heap);
    if (heap > MAX_HEAP_PER_INPUT) {
      throw new AssertionError(heap + " bytes of heap for one input");
    }
    if (allocator.largest > MAX_BUFFER) {
      throw new AssertionError("a " + allocator.largest + "-byte buffer for " + MAX_FRAME);
    }
    return outcome;
  }

  private FuzzOutcome outcome(PeerChannel channel, Probe probe, Input input) {
    if (probe.cause != null) {
      Throwable cause =
          probe.cause instanceof DecoderException && probe.cause.getCause() != null
              ? probe.cause.getCause()
              : probe.cause;
      if (channel.isOpen()) {
        throw new AssertionError("the peer stays connected after " + cause);
      }
      return switch (cause) {
        case SyncProtocolException e when !e.getMessage().isBlank() ->
            FuzzOutcome.rejected(e.misbehaviour().name());
        case TooLongFrameException e -> FuzzOutcome.rejected(Misbehaviour.OVERSIZED_FRAME.name());
        default -> throw new UnexpectedPipelineError(cause);
      };
    }
    if (!channel.isOpen()) {
      return FuzzOutcome.rejected("REFUSED_AT_HANDSHAKE");
    }
    if (!input.complete()) {
      channel.advanceTimeBy(config.idleTimeout().toMillis() + 1, TimeUnit.MILLISECONDS);
      channel.runScheduledPendingTasks();
      channel.runPendingTasks();
      if (channel.isOpen()) {
        throw new AssertionError("a peer left mid-frame is still connected after the idle timeout");
      }
      return FuzzOutcome.rejected("INCOMPLETE_FRAME_TIMED_OUT");
    }
    return FuzzOutcome.accepted(input.frameBodies().size() + " frames");
  }

  /** Each complete frame by itself: a message that re-encodes identically, or malformed. */
  private static void checkEachFrameAlone(Input input) {
    for (byte[] body : input.frameBodies()) {
      SyncMessage message;
      try {
        message = SyncWire.decode(body);
      } catch (SyncProtocolException e) {
        if (e.misbehaviour() != Misbehaviour.MALFORMED_MESSAGE || e.getMessage().isBlank()) {
          throw new AssertionError("decode rejected with " + e.misbehaviour(), e);
        }
        continue;
      }
      if (!Arrays.equals(SyncWire.encode(message), body)) {
        throw new AssertionError("decoded " + message + " from a non-canonical frame");
      }
    }
  }

  private SyncServices services() {
    PeerScores scores =
        new PeerScores(config.banThreshold(), config.banDuration(), Clock.systemUTC());
    PeerRegistry registry =
        new PeerRegistry(
            OWN_NODE_ID, config.maxPeers(), scores, new SyncListener() {}, Runnable::run);
    return new SyncServices(
        config, InMemoryServedBlocks.withBlocks(3), Runnable::run, registry, () -> 3000, () -> 0);
  }

  private static Hello hello(Random random) {
    long nodeId = random.nextInt(50) == 0 ? OWN_NODE_ID : random.nextLong(Long.MAX_VALUE);
    long height = random.nextInt(3) * SyncBlock.CHILD_BLOCK_INTERVAL;
    return new Hello(
        HandshakeHandler.PROTOCOL_VERSION,
        CHAIN_ID,
        CONTRACT,
        nodeId,
        random.nextInt(65_536),
        height);
  }

  private static SyncMessage message(Random random) {
    long blknum = (1 + random.nextInt(5)) * SyncBlock.CHILD_BLOCK_INTERVAL;
    return switch (random.nextInt(6)) {
      case 0 -> new Status(blknum);
      case 1 -> new GetBlocks(random.nextInt(10), blknum, 1 + random.nextInt(20));
      case 2 -> new Blocks(random.nextInt(10), blocks(random));
      case 3 -> new NewBlock(blknum);
      case 4 -> new Ping();
      default -> new Pong();
    };
  }

  private static List<SyncBlock> blocks(Random random) {
    List<SyncBlock> blocks = new ArrayList<>();
    int count = random.nextInt(3);
    for (int i = 0; i < count; i++) {
      List<byte[]> txs = new ArrayList<>();
      int txCount = random.nextInt(4);
      for (int t = 0; t < txCount; t++) {
        txs.add(TxCodec.encodeSigned(RandomTransactions.signed(random)));
      }
      if (random.nextInt(10) == 0) {
        byte[] large = new byte[1 + random.nextInt(MAX_FRAME + 64)];
        random.nextBytes(large);
        txs.add(large);
      }
      blocks.add(SyncBlock.of((i + 1) * SyncBlock.CHILD_BLOCK_INTERVAL, txs));
    }
    return blocks;
  }

  /** One body changed: its RLP structure ({@code structural}) or its bytes, type byte included. */
  private static List<byte[]> mutateOneBody(
      List<byte[]> bodies, Random random, boolean structural) {
    List<byte[]> out = new ArrayList<>(bodies);
    int index = random.nextInt(out.size());
    byte[] body = out.get(index);
    byte[] mutated;
    if (structural) {
      byte[] payload = RlpTreeMutator.mutate(Arrays.copyOfRange(body, 1, body.length), random);
      mutated = new byte[payload.length + 1];
      mutated[0] = random.nextInt(10) == 0 ? (byte) random.nextInt(256) : body[0];
      System.arraycopy(payload, 0, mutated, 1, payload.length);
    } else {
      mutated = ByteMutator.mutate(body, bodies.get(random.nextInt(bodies.size())), random);
    }
    out.set(index, mutated);
    return out;
  }

  /** Frame-level damage: a length prefix changed, or frames dropped, duplicated or swapped. */
  private static byte[] tamperFrames(List<byte[]> bodies, Random random) {
    List<byte[]> frames = new ArrayList<>();
    bodies.forEach(body -> frames.add(frames(List.of(body))));
    int index = random.nextInt(frames.size());
    switch (random.nextInt(4)) {
      case 0 -> frames.remove(index);
      case 1 -> frames.add(index, frames.get(index));
      case 2 -> Collections.swap(frames, index, random.nextInt(frames.size()));
      default -> {
        byte[] frame = frames.get(index).clone();
        int length =
            random.nextBoolean()
                ? INTERESTING_LENGTHS[random.nextInt(INTERESTING_LENGTHS.length)]
                : frame.length - LENGTH_BYTES + random.nextInt(7) - 3;
        frame[0] = (byte) (length >>> 24);
        frame[1] = (byte) (length >>> 16);
        frame[2] = (byte) (length >>> 8);
        frame[3] = (byte) length;
        frames.set(index, frame);
      }
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    frames.forEach(out::writeBytes);
    return out.toByteArray();
  }

  private static byte[] frames(List<byte[]> bodies) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] body : bodies) {
      out.write(body.length >>> 24);
      out.write(body.length >>> 16);
      out.write(body.length >>> 8);
      out.write(body.length);
      out.writeBytes(body);
    }
    return out.toByteArray();
  }

  /** The complete frames of a stream, as the frame decoder will cut them, up to an oversize. */
  record Scan(List<byte[]> bodies, boolean complete) {}

  private static Scan scan(byte[] stream) {
    List<byte[]> bodies = new ArrayList<>();
    int position = 0;
    while (position + LENGTH_BYTES <= stream.length) {
      long length =
          ((stream[position] & 0xffL) << 24)
              | ((stream[position + 1] & 0xff) << 16)
              | ((stream[position + 2] & 0xff) << 8)
              | (stream[position + 3] & 0xff);
      if (length > MAX_FRAME) {
        return new Scan(bodies, true);
      }
      if (position + LENGTH_BYTES + length > stream.length) {
        return new Scan(bodies, false);
      }
      int start = position + LENGTH_BYTES;
      bodies.add(Arrays.copyOfRange(stream, start, start + (int) length));
      position = start + (int) length;
    }
    return new Scan(bodies, position == stream.length);
  }

  private static List<byte[]> pieces(byte[] stream, Random random) {
    List<byte[]> pieces = new ArrayList<>();
    int position = 0;
    do {
      int size = Math.min(stream.length - position, 1 + random.nextInt(MAX_PIECE));
      pieces.add(Arrays.copyOfRange(stream, position, position + size));
      position += size;
    } while (position < stream.length);
    return pieces;
  }

  private static String describe(Input input) {
    StringBuilder text = new StringBuilder(input.inbound() ? "inbound: " : "outbound: ");
    for (byte[] piece : input.pieces()) {
      text.append(HexFormat.of().formatHex(piece));
    }
    return text.toString();
  }

  /** An exception the pipeline should never see: a bug, whatever the input. */
  static final class UnexpectedPipelineError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UnexpectedPipelineError(Throwable cause) {
      super("the peer pipeline failed with " + cause, cause);
    }
  }

  /** Records the first exception on its way to the error handler. */
  static final class Probe extends ChannelInboundHandlerAdapter {
    private Throwable cause;

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable error) {
      if (cause == null) {
        cause = error;
      }
      ctx.fireExceptionCaught(error);
    }
  }

  /** An embedded channel with a socket address, registered once the peer pipeline is set up. */
  static final class PeerChannel extends EmbeddedChannel {
    private static final InetSocketAddress REMOTE = new InetSocketAddress("127.0.0.1", 40_000);

    PeerChannel() {
      super(DefaultChannelId.newInstance(), false, false);
    }

    void start(SyncServices services, boolean inbound, TrackingAllocator allocator, Probe probe) {
      config().setAllocator(allocator);
      Peer.Direction direction = inbound ? Peer.Direction.INBOUND : Peer.Direction.OUTBOUND;
      if (!inbound) {
        attr(SyncChannelInitializer.DIALED).set(REMOTE);
      }
      pipeline().addLast(new SyncChannelInitializer(services, direction));
      try {
        register();
      } catch (Exception e) {
        throw new IllegalStateException("cannot register the embedded channel", e);
      }
      pipeline().addBefore("errors", "probe", probe);
      for (Object out; (out = readOutbound()) != null; ) {
        ReferenceCountUtil.release(out);
      }
    }

    @Override
    protected SocketAddress remoteAddress0() {
      return isActive() ? REMOTE : null;
    }
  }

  /** Unpooled buffers that report every array they allocate, growth included. */
  static final class TrackingAllocator extends AbstractByteBufAllocator {
    private long largest;

    TrackingAllocator() {
      super(false);
    }

    void record(int capacity) {
      largest = Math.max(largest, capacity);
    }

    @Override
    protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
      return new UnpooledHeapByteBuf(this, initialCapacity, maxCapacity) {
        @Override
        protected byte[] allocateArray(int capacity) {
          ((TrackingAllocator) alloc()).record(capacity);
          return super.allocateArray(capacity);
        }
      };
    }

    @Override
    protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
      return new UnpooledDirectByteBuf(this, initialCapacity, maxCapacity) {
        @Override
        protected ByteBuffer allocateDirect(int capacity) {
          ((TrackingAllocator) alloc()).record(capacity);
          return super.allocateDirect(capacity);
        }
      };
    }

    @Override
    public boolean isDirectBufferPooled() {
      return false;
    }
  }
}
