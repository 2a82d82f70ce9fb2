package io.plasmanode.storage.chain;

import io.plasmanode.core.types.Address;
import io.plasmanode.storage.kv.KvSerializer;
import io.plasmanode.storage.kv.StorageException;
import io.plasmanode.storage.serialize.ByteReader;
import io.plasmanode.storage.serialize.FormatVersioned;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The value of a {@link TxJournal} entry: {@code count (4) || (txHash (32) || length (4) || signed
 * bytes || signer count (1) || signers (20 each))*}; blknum and first txindex are the key.
 */
final class JournaledTxsSerializer implements KvSerializer<List<JournaledTxs.Tx>> {
  static final KvSerializer<List<JournaledTxs.Tx>> INSTANCE =
      FormatVersioned.v1(new JournaledTxsSerializer());

  private JournaledTxsSerializer() {}

  @Override
  public byte[] serialize(List<JournaledTxs.Tx> txs) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(txs.size() * 320);
    out.writeBytes(ByteBuffer.allocate(Integer.BYTES).putInt(txs.size()).array());
    for (JournaledTxs.Tx entry : txs) {
      byte[] signed = entry.tx().signedBytes();
      out.writeBytes(entry.tx().txHash().toArray());
      out.writeBytes(ByteBuffer.allocate(Integer.BYTES).putInt(signed.length).array());
      out.writeBytes(signed);
      out.write(entry.signers().size());
      entry.signers().forEach(signer -> out.writeBytes(signer.toArray()));
    }
    return out.toByteArray();
  }

  @Override
  public List<JournaledTxs.Tx> deserialize(byte[] bytes) {
    ByteReader reader = ByteReader.of(bytes);
    int count = reader.readInt();
    if (count <= 0) {
      throw new StorageException("corrupt journal entry: %d transactions".formatted(count));
    }
    List<JournaledTxs.Tx> txs = new ArrayList<>(Math.min(count, bytes.length / 64));
    for (int i = 0; i < count; i++) {
      TxBytes tx = TxBytes.fromStorage(reader.readHash(), reader.bytes(reader.readInt()));
      int signerCount = reader.readUnsignedByte();
      List<Address> signers = new ArrayList<>(signerCount);
      for (int s = 0; s < signerCount; s++) {
        signers.add(reader.readAddress());
      }
      txs.add(new JournaledTxs.Tx(tx, signers));
    }
    reader.end();
    return txs;
  }
}
