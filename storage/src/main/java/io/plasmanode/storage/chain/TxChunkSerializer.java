package io.plasmanode.storage.chain;

import io.plasmanode.storage.kv.KvSerializer;
import io.plasmanode.storage.kv.StorageException;
import io.plasmanode.storage.serialize.ByteReader;
import io.plasmanode.storage.serialize.FormatVersioned;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Up to {@link #CHUNK_SIZE} consecutive transactions of a block in one value: {@code count (2) ||
 * (txHash (32) || length (4) || signed bytes)*}. Storing a block as chunks rather than one entry
 * per transaction makes its write 256 times fewer LevelDB entries, while one transaction is still
 * read by loading a chunk of at most ~64 KB.
 */
final class TxChunkSerializer implements KvSerializer<List<TxBytes>> {
  /** Transactions per chunk; chunk {@code k} of a block holds txindex {@code 256k .. 256k+255}. */
  static final int CHUNK_SIZE = 256;

  static final KvSerializer<List<TxBytes>> INSTANCE = FormatVersioned.v2(new TxChunkSerializer());

  private TxChunkSerializer() {}

  /** The txindex of the first transaction in the chunk holding {@code txindex}. */
  static int chunkStart(int txindex) {
    return txindex - txindex % CHUNK_SIZE;
  }

  @Override
  public byte[] serialize(List<TxBytes> chunk) {
    if (chunk.isEmpty() || chunk.size() > CHUNK_SIZE) {
      throw new IllegalArgumentException("a chunk holds 1.." + CHUNK_SIZE + " transactions");
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(chunk.size() * 300);
    out.writeBytes(ByteBuffer.allocate(Short.BYTES).putShort((short) chunk.size()).array());
    for (TxBytes tx : chunk) {
      byte[] signed = tx.signedBytes();
      out.writeBytes(tx.txHash().toArray());
      out.writeBytes(ByteBuffer.allocate(Integer.BYTES).putInt(signed.length).array());
      out.writeBytes(signed);
    }
    return out.toByteArray();
  }

  @Override
  public List<TxBytes> deserialize(byte[] bytes) {
    ByteReader reader = ByteReader.of(bytes);
    int count = reader.readUnsignedShort();
    if (count == 0 || count > CHUNK_SIZE) {
      throw new StorageException("corrupt transaction chunk: %d transactions".formatted(count));
    }
    List<TxBytes> chunk = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      chunk.add(TxBytes.fromStorage(reader.readHash(), reader.bytes(reader.readInt())));
    }
    reader.end();
    return chunk;
  }
}
