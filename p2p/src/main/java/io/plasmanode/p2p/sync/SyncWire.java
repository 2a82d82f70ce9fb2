package io.plasmanode.p2p.sync;

import io.plasmanode.core.rlp.RlpItem;
import io.plasmanode.core.rlp.RlpReader;
import io.plasmanode.core.rlp.RlpWriter;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.validation.ValidationResult;
import io.plasmanode.p2p.sync.SyncMessage.Blocks;
import io.plasmanode.p2p.sync.SyncMessage.GetBlocks;
import io.plasmanode.p2p.sync.SyncMessage.Hello;
import io.plasmanode.p2p.sync.SyncMessage.NewBlock;
import io.plasmanode.p2p.sync.SyncMessage.Ping;
import io.plasmanode.p2p.sync.SyncMessage.Pong;
import io.plasmanode.p2p.sync.SyncMessage.Status;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The bytes of a message inside a frame: one type byte, then a strict RLP list of the fields
 * (docs/p2p.md). Decoding accepts exactly what encoding produces; anything else is a {@link
 * SyncProtocolException} with {@link Misbehaviour#MALFORMED_MESSAGE}. No Netty here.
 */
public final class SyncWire {
  /**
   * Bytes a block adds to a Blocks message besides its transactions, at most: its list header (5),
   * its blknum (9, any long) and its transactions' list header (5). The Blocks list's own header
   * growing as blocks are added is in {@link #MESSAGE_OVERHEAD}.
   */
  static final int BLOCK_OVERHEAD = 19;

  /** Bytes a transaction adds to a Blocks message besides its own, at most. */
  static final int TX_OVERHEAD = 5;

  /**
   * Bytes of a Blocks message besides its blocks, at most: the type byte and, at their largest, the
   * payload's list header (5), the head (9) and the blocks' list header (5).
   */
  static final int MESSAGE_OVERHEAD = 32;

  private SyncWire() {}

  public static byte[] encode(SyncMessage message) {
    byte[] payload = payload(message).encode();
    byte[] frame = new byte[1 + payload.length];
    frame[0] = message.type();
    System.arraycopy(payload, 0, frame, 1, payload.length);
    return frame;
  }

  /** An upper bound of the bytes {@code block} adds to a Blocks message. */
  static long encodedSizeBound(SyncBlock block) {
    return BLOCK_OVERHEAD + block.txBytes() + (long) TX_OVERHEAD * block.txCount();
  }

  /**
   * The message in {@code frame}.
   *
   * @throws SyncProtocolException when the bytes are not exactly one valid message
   */
  public static SyncMessage decode(byte[] frame) {
    if (frame.length == 0) {
      throw malformed("an empty frame");
    }
    ValidationResult<RlpItem> rlp = RlpReader.decode(Arrays.copyOfRange(frame, 1, frame.length));
    if (!(rlp instanceof ValidationResult.Valid<RlpItem>(RlpItem payload))) {
      throw malformed("bad RLP: " + ((ValidationResult.Invalid<RlpItem>) rlp).detail());
    }
    try {
      return decode(frame[0], payload);
    } catch (IllegalArgumentException e) {
      throw malformed(e.getMessage());
    }
  }

  private static SyncMessage decode(byte type, RlpItem payload) {
    return switch (type) {
      case 0 -> hello(fields(payload, 6, "Hello"));
      case 1 -> new Status(longValue(fields(payload, 1, "Status").get(0)));
      case 2 -> getBlocks(fields(payload, 3, "GetBlocks"));
      case 3 -> blocks(fields(payload, 2, "Blocks"));
      case 4 -> new NewBlock(longValue(fields(payload, 1, "NewBlock").get(0)));
      case 5 -> empty(payload, new Ping());
      case 6 -> empty(payload, new Pong());
      default -> throw malformed("unknown message type " + (type & 0xff));
    };
  }

  private static RlpWriter.Item payload(SyncMessage message) {
    return switch (message) {
      case Hello h ->
          RlpWriter.list(
              RlpWriter.integer(h.version()),
              RlpWriter.integer(h.chainId()),
              RlpWriter.bytes(h.contract().toArray()),
              RlpWriter.integer(h.nodeId()),
              RlpWriter.integer(h.listenPort()),
              RlpWriter.integer(h.height()));
      case Status s -> RlpWriter.list(RlpWriter.integer(s.height()));
      case GetBlocks g ->
          RlpWriter.list(
              RlpWriter.integer(g.requestId()),
              RlpWriter.integer(g.fromBlknum()),
              RlpWriter.integer(g.count()));
      case Blocks b ->
          RlpWriter.list(
              RlpWriter.integer(b.requestId()),
              RlpWriter.list(b.blocks().stream().map(SyncWire::block).toList()));
      case NewBlock n -> RlpWriter.list(RlpWriter.integer(n.blknum()));
      case Ping p -> RlpWriter.list();
      case Pong p -> RlpWriter.list();
    };
  }

  private static RlpWriter.Item block(SyncBlock block) {
    List<RlpWriter.Item> txs = block.signedTxsView().stream().map(RlpWriter::bytes).toList();
    return RlpWriter.list(RlpWriter.integer(block.blknum()), RlpWriter.list(txs));
  }

  private static Hello hello(List<RlpItem> fields) {
    RlpItem contract = fields.get(2);
    if (contract.isList() || contract.length() != Address.SIZE) {
      throw malformed("the contract must be a 20-byte string");
    }
    return new Hello(
        intValue(fields.get(0)),
        longValue(fields.get(1)),
        contract.read(Address::of),
        longValue(fields.get(3)),
        intValue(fields.get(4)),
        longValue(fields.get(5)));
  }

  private static GetBlocks getBlocks(List<RlpItem> fields) {
    return new GetBlocks(
        longValue(fields.get(0)), longValue(fields.get(1)), intValue(fields.get(2)));
  }

  private static Blocks blocks(List<RlpItem> fields) {
    RlpItem list = fields.get(1);
    if (!list.isList()) {
      throw malformed("Blocks: the blocks must be a list");
    }
    List<SyncBlock> blocks = new ArrayList<>();
    for (RlpItem item : list.items()) {
      List<RlpItem> block = fields(item, 2, "a block");
      blocks.add(SyncBlock.of(longValue(block.get(0)), txs(block.get(1))));
    }
    return new Blocks(longValue(fields.get(0)), blocks);
  }

  private static List<byte[]> txs(RlpItem list) {
    if (!list.isList()) {
      throw malformed("a block's transactions must be a list");
    }
    List<RlpItem> items = list.items();
    List<byte[]> txs = new ArrayList<>(items.size());
    for (RlpItem tx : items) {
      if (tx.isList()) {
        throw malformed("a transaction must be a byte string");
      }
      txs.add(tx.bytes());
    }
    return txs;
  }

  private static <T extends SyncMessage> T empty(RlpItem payload, T message) {
    fields(payload, 0, message.getClass().getSimpleName());
    return message;
  }

  private static List<RlpItem> fields(RlpItem payload, int count, String what) {
    if (!payload.isList()) {
      throw malformed(what + " must be an RLP list");
    }
    List<RlpItem> fields = payload.items();
    if (fields.size() != count) {
      throw malformed(what + " has " + fields.size() + " fields, expected " + count);
    }
    return fields;
  }

  private static long longValue(RlpItem item) {
    ValidationResult<BigInteger> value = item.asInteger();
    if (!(value instanceof ValidationResult.Valid<BigInteger>(BigInteger integer))) {
      throw malformed(((ValidationResult.Invalid<BigInteger>) value).detail());
    }
    if (integer.bitLength() > Long.SIZE - 1) {
      throw malformed("an integer above 2^63 - 1");
    }
    return integer.longValueExact();
  }

  private static int intValue(RlpItem item) {
    long value = longValue(item);
    if (value > Integer.MAX_VALUE) {
      throw malformed("an integer above 2^31 - 1");
    }
    return (int) value;
  }

  private static SyncProtocolException malformed(String detail) {
    return new SyncProtocolException(Misbehaviour.MALFORMED_MESSAGE, detail);
  }
}
