package io.plasmanode.p2p.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plasmanode.core.rlp.RlpWriter;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Hex;
import io.plasmanode.p2p.sync.SyncMessage.Blocks;
import io.plasmanode.p2p.sync.SyncMessage.Hello;
import io.plasmanode.p2p.sync.SyncMessage.NewBlock;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SyncWireTest {
  private static final Address CONTRACT = Address.fromHex("0x" + "ab".repeat(20));

  @Test
  void decode_rejectsEmptyFrame() {
    assertMalformed(new byte[0], "empty frame");
  }

  @Test
  void decode_rejectsUnknownType() {
    assertMalformed(frame(7, RlpWriter.list()), "unknown message type 7");
  }

  @Test
  void decode_rejectsTrailingBytes() {
    byte[] ping = SyncWire.encode(new SyncMessage.Ping());
    byte[] longer = Arrays.copyOf(ping, ping.length + 1);
    assertMalformed(longer, "bad RLP");
  }

  @Test
  void decode_rejectsTruncatedPayload() {
    byte[] hello = SyncWire.encode(new Hello(1, 1, CONTRACT, 5, 0, 1000));
    assertMalformed(Arrays.copyOf(hello, hello.length - 1), "bad RLP");
  }

  @Test
  void decode_rejectsAStringPayload() {
    assertMalformed(frame(1, RlpWriter.integer(1000)), "must be an RLP list");
  }

  @Test
  void decode_rejectsWrongFieldCount() {
    assertMalformed(
        frame(1, RlpWriter.list(RlpWriter.integer(1000), RlpWriter.integer(0))), "2 fields");
    assertMalformed(frame(5, RlpWriter.list(RlpWriter.integer(1))), "1 fields");
  }

  @Test
  void decode_rejectsIntegerWithLeadingZeros() {
    assertMalformed(
        frame(4, RlpWriter.list(RlpWriter.bytes(Hex.decode("0003e8")))), "leading zeros");
  }

  @Test
  void decode_rejectsIntegerAboveLongRange() {
    assertMalformed(
        frame(4, RlpWriter.list(RlpWriter.bytes(Hex.decode("8000000000000000")))), "2^63");
  }

  @Test
  void decode_rejectsBlknumThatIsNotAChildBlock() {
    assertMalformed(frame(4, RlpWriter.list(RlpWriter.integer(1500))), "not a child block");
    assertMalformed(frame(1, RlpWriter.list(RlpWriter.integer(999))), "not a height");
  }

  @Test
  void decode_rejectsBlknumPastTheLastBlock() {
    assertThat(SyncWire.decode(SyncWire.encode(new NewBlock(UtxoPos.MAX_BLKNUM))))
        .isEqualTo(new NewBlock(UtxoPos.MAX_BLKNUM));
    assertMalformed(
        frame(4, RlpWriter.list(RlpWriter.integer(UtxoPos.MAX_BLKNUM + 1000))),
        "not a child block");
  }

  @Test
  void decode_rejectsShortContract() {
    RlpWriter.Item hello =
        RlpWriter.list(
            RlpWriter.integer(1),
            RlpWriter.integer(1),
            RlpWriter.bytes(new byte[19]),
            RlpWriter.integer(5),
            RlpWriter.integer(0),
            RlpWriter.integer(0));
    assertMalformed(frame(0, hello), "20-byte string");
  }

  @Test
  void decode_rejectsZeroCount() {
    RlpWriter.Item get =
        RlpWriter.list(RlpWriter.integer(0), RlpWriter.integer(1000), RlpWriter.integer(0));
    assertMalformed(frame(2, get), "count must be positive");
  }

  @Test
  void decode_rejectsTransactionThatIsAList() {
    RlpWriter.Item block =
        RlpWriter.list(RlpWriter.integer(1000), RlpWriter.list(RlpWriter.list()));
    assertMalformed(
        frame(3, RlpWriter.list(RlpWriter.integer(0), RlpWriter.list(block))), "byte string");
  }

  @Test
  void decode_rejectsEmptyTransaction() {
    RlpWriter.Item block =
        RlpWriter.list(RlpWriter.integer(1000), RlpWriter.list(RlpWriter.bytes(new byte[0])));
    assertMalformed(
        frame(3, RlpWriter.list(RlpWriter.integer(0), RlpWriter.list(block))), "empty transaction");
  }

  @Test
  void decode_acceptsAnEmptyBlockList() {
    byte[] frame = frame(3, RlpWriter.list(RlpWriter.integer(9), RlpWriter.list()));
    assertThat(SyncWire.decode(frame)).isEqualTo(new Blocks(9, List.of()));
  }

  @Test
  void encode_writesTheDocumentedHelloLayout() {
    byte[] frame = SyncWire.encode(new Hello(1, 31337, CONTRACT, 0x0102, 9000, 2000));
    assertThat(Hex.encode(frame))
        .isEqualTo(
            "0x00"
                + "e2"
                + "01"
                + "827a69"
                + "94"
                + "ab".repeat(20)
                + "820102"
                + "822328"
                + "8207d0");
  }

  private static byte[] frame(int type, RlpWriter.Item payload) {
    byte[] rlp = payload.encode();
    byte[] frame = new byte[rlp.length + 1];
    frame[0] = (byte) type;
    System.arraycopy(rlp, 0, frame, 1, rlp.length);
    return frame;
  }

  private static void assertMalformed(byte[] frame, String detail) {
    assertThatThrownBy(() -> SyncWire.decode(frame))
        .isInstanceOfSatisfying(
            SyncProtocolException.class,
            e -> assertThat(e.misbehaviour()).isEqualTo(Misbehaviour.MALFORMED_MESSAGE))
        .hasMessageContaining(detail);
  }
}
