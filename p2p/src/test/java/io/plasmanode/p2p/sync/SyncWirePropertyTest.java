package io.plasmanode.p2p.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import io.plasmanode.p2p.sync.SyncMessage.Blocks;
import io.plasmanode.p2p.sync.SyncMessage.GetBlocks;
import io.plasmanode.p2p.sync.SyncMessage.Hello;
import io.plasmanode.p2p.sync.SyncMessage.NewBlock;
import io.plasmanode.p2p.sync.SyncMessage.Ping;
import io.plasmanode.p2p.sync.SyncMessage.Pong;
import io.plasmanode.p2p.sync.SyncMessage.Status;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

class SyncWirePropertyTest {

  @Property
  void hello_roundTrips(
      @ForAll @IntRange(min = 0) int version,
      @ForAll @LongRange(min = 0) long chainId,
      @ForAll @Size(20) byte[] contract,
      @ForAll @LongRange(min = 0) long nodeId,
      @ForAll @IntRange(min = 0, max = 65535) int listenPort,
      @ForAll("heights") long height) {
    assertRoundTrip(new Hello(version, chainId, Address.of(contract), nodeId, listenPort, height));
  }

  @Property
  void status_roundTrips(@ForAll("heights") long height) {
    assertRoundTrip(new Status(height));
  }

  @Property
  void getBlocks_roundTrips(
      @ForAll @LongRange(min = 0) long requestId,
      @ForAll("blknums") long from,
      @ForAll @IntRange(min = 1) int count) {
    assertRoundTrip(new GetBlocks(requestId, from, count));
  }

  @Property(tries = 200)
  void blocks_roundTrip(
      @ForAll @LongRange(min = 0) long requestId,
      @ForAll @Size(max = 5) List<@From("blocks") SyncBlock> blocks) {
    assertRoundTrip(new Blocks(requestId, blocks));
  }

  @Property
  void newBlock_roundTrips(@ForAll("blknums") long blknum) {
    assertRoundTrip(new NewBlock(blknum));
  }

  @Property(tries = 1)
  void pingAndPong_roundTrip() {
    assertRoundTrip(new Ping());
    assertRoundTrip(new Pong());
  }

  @Property(tries = 200)
  void blocks_sizeBoundHolds(@ForAll("blocks") SyncBlock block) {
    byte[] alone = SyncWire.encode(new Blocks(Long.MAX_VALUE, List.of()));
    byte[] withBlock = SyncWire.encode(new Blocks(Long.MAX_VALUE, List.of(block)));
    assertThat((long) withBlock.length - alone.length)
        .isLessThanOrEqualTo(SyncWire.encodedSizeBound(block));
    assertThat(alone.length).isLessThanOrEqualTo(SyncWire.MESSAGE_OVERHEAD);
  }

  private static void assertRoundTrip(SyncMessage message) {
    byte[] encoded = SyncWire.encode(message);
    assertThat(encoded[0]).isEqualTo(message.type());
    assertThat(SyncWire.decode(encoded)).isEqualTo(message);
  }

  @Provide
  Arbitrary<Long> blknums() {
    return Arbitraries.longs()
        .between(1, UtxoPos.MAX_BLKNUM / SyncBlock.CHILD_BLOCK_INTERVAL)
        .map(n -> n * SyncBlock.CHILD_BLOCK_INTERVAL);
  }

  @Provide
  Arbitrary<Long> heights() {
    return Arbitraries.oneOf(Arbitraries.just(0L), blknums());
  }

  @Provide
  Arbitrary<SyncBlock> blocks() {
    Arbitrary<byte[]> tx = Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(300);
    return Combinators.combine(blknums(), tx.list().ofMaxSize(20)).as(SyncBlock::of);
  }
}
