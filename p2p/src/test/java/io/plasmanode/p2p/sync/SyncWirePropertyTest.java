package io.plasmanode.p2p.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.plasmanode.core.testing.Cases;
import io.plasmanode.core.testing.Gen;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import io.plasmanode.p2p.sync.SyncMessage.Blocks;
import io.plasmanode.p2p.sync.SyncMessage.GetBlocks;
import io.plasmanode.p2p.sync.SyncMessage.Hello;
import io.plasmanode.p2p.sync.SyncMessage.NewBlock;
import io.plasmanode.p2p.sync.SyncMessage.Ping;
import io.plasmanode.p2p.sync.SyncMessage.Pong;
import io.plasmanode.p2p.sync.SyncMessage.Status;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SyncWirePropertyTest {
  private static final int CASES = 1000;

  @Test
  void hello_roundTrips() {
    Cases.check(
        CASES,
        gen ->
            assertRoundTrip(
                new Hello(
                    gen.intBetween(0, Integer.MAX_VALUE),
                    gen.longBetween(0, Long.MAX_VALUE),
                    Address.of(gen.bytes(Address.SIZE)),
                    gen.longBetween(0, Long.MAX_VALUE),
                    gen.intBetween(0, 65535),
                    height(gen))));
  }

  @Test
  void status_roundTrips() {
    Cases.check(CASES, gen -> assertRoundTrip(new Status(height(gen))));
  }

  @Test
  void getBlocks_roundTrips() {
    Cases.check(
        CASES,
        gen ->
            assertRoundTrip(
                new GetBlocks(
                    gen.longBetween(0, Long.MAX_VALUE),
                    blknum(gen),
                    gen.intBetween(1, Integer.MAX_VALUE))));
  }

  @Test
  void blocks_roundTrip() {
    Cases.check(
        200,
        gen ->
            assertRoundTrip(
                new Blocks(gen.longBetween(0, Long.MAX_VALUE), gen.list(0, 5, () -> block(gen)))));
  }

  @Test
  void newBlock_roundTrips() {
    Cases.check(CASES, gen -> assertRoundTrip(new NewBlock(blknum(gen))));
  }

  @Test
  void pingAndPong_roundTrip() {
    assertRoundTrip(new Ping());
    assertRoundTrip(new Pong());
  }

  /** What {@code BlockServer} relies on: a message fits its overhead plus its blocks' bounds. */
  @Test
  void blocks_sizeBoundHolds() {
    Cases.check(
        200,
        gen -> {
          List<SyncBlock> blocks = new ArrayList<>();
          long bound = SyncWire.MESSAGE_OVERHEAD;
          for (int i = gen.intBetween(1, 8); i > 0; i--) {
            SyncBlock block = block(gen);
            blocks.add(block);
            bound += SyncWire.encodedSizeBound(block);
          }
          assertThat((long) SyncWire.encode(new Blocks(Long.MAX_VALUE, blocks)).length)
              .isLessThanOrEqualTo(bound);
        });
  }

  private static void assertRoundTrip(SyncMessage message) {
    byte[] encoded = SyncWire.encode(message);
    assertThat(encoded[0]).isEqualTo(message.type());
    assertThat(SyncWire.decode(encoded)).isEqualTo(message);
  }

  /** Any child block number: a positive multiple of the interval, up to the largest one. */
  private static long blknum(Gen gen) {
    return blknum(gen, UtxoPos.MAX_BLKNUM);
  }

  /** A positive multiple of the child block interval up to {@code max}. */
  private static long blknum(Gen gen, long max) {
    long interval = SyncBlock.CHILD_BLOCK_INTERVAL;
    return gen.longBetween(1, max / interval) * interval;
  }

  /** 0 (no block yet) one time in four, else a child block number. */
  private static long height(Gen gen) {
    return gen.oneIn(4) ? 0 : blknum(gen);
  }

  /** A block of 0..20 transactions of 1..300 bytes. */
  private static SyncBlock block(Gen gen) {
    return block(gen, UtxoPos.MAX_BLKNUM);
  }

  private static SyncBlock block(Gen gen, long maxBlknum) {
    return SyncBlock.of(blknum(gen, maxBlknum), gen.list(0, 20, () -> gen.bytes(1, 300)));
  }
}
