package io.plasmanode.p2p.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.EncoderException;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import io.netty.handler.codec.LengthFieldPrepender;
import io.netty.handler.codec.TooLongFrameException;
import io.plasmanode.p2p.sync.SyncMessage.Blocks;
import io.plasmanode.p2p.sync.SyncMessage.NewBlock;
import java.util.List;
import org.junit.jupiter.api.Test;

class SyncMessageCodecTest {
  private static final int MAX_FRAME = 2048;

  private final EmbeddedChannel channel =
      new EmbeddedChannel(
          new LengthFieldBasedFrameDecoder(MAX_FRAME, 0, 4, 0, 4),
          new LengthFieldPrepender(4),
          new SyncMessageCodec(MAX_FRAME));

  @Test
  void outbound_isLengthPrefixedTypeAndPayload() {
    channel.writeOutbound(new NewBlock(2000));
    ByteBuf frame = drainOutbound();
    assertThat(frame.readInt()).isEqualTo(frame.readableBytes());
    assertThat(SyncWire.decode(ByteBufUtil.getBytes(frame))).isEqualTo(new NewBlock(2000));
    frame.release();
  }

  @Test
  void inbound_assemblesPartialFrames() {
    byte[] body = SyncWire.encode(new NewBlock(3000));
    ByteBuf wire = Unpooled.buffer().writeInt(body.length).writeBytes(body);
    channel.writeInbound(wire.readRetainedSlice(3));
    Object incomplete = channel.readInbound();
    assertThat(incomplete).isNull();
    channel.writeInbound(wire.readRetainedSlice(wire.readableBytes()));
    wire.release();
    Object complete = channel.readInbound();
    assertThat(complete).isEqualTo(new NewBlock(3000));
  }

  @Test
  void inbound_rejectsOversizedFrameFromItsLength() {
    ByteBuf header = Unpooled.buffer().writeInt(MAX_FRAME + 1).writeByte(4);
    assertThatThrownBy(() -> channel.writeInbound(header))
        .isInstanceOf(TooLongFrameException.class);
  }

  @Test
  void inbound_rejectsMalformedPayload() {
    ByteBuf frame = Unpooled.buffer().writeInt(2).writeByte(4).writeByte(0x01);
    assertThatThrownBy(() -> channel.writeInbound(frame))
        .isInstanceOf(DecoderException.class)
        .hasCauseInstanceOf(SyncProtocolException.class);
  }

  @Test
  void outbound_refusesFrameAboveTheLimit() {
    SyncBlock big = SyncBlock.of(1000, List.of(new byte[MAX_FRAME]));
    assertThatThrownBy(() -> channel.writeOutbound(new Blocks(1, List.of(big))))
        .isInstanceOf(EncoderException.class)
        .hasMessageContaining("exceeds the limit of " + MAX_FRAME);
  }

  private ByteBuf drainOutbound() {
    ByteBuf all = Unpooled.buffer();
    for (ByteBuf part; (part = channel.readOutbound()) != null; ) {
      all.writeBytes(part);
      part.release();
    }
    return all;
  }
}
