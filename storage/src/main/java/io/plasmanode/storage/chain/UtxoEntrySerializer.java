package io.plasmanode.storage.chain;

import io.plasmanode.core.ledger.UtxoStatus;
import io.plasmanode.storage.kv.KvSerializer;
import io.plasmanode.storage.kv.StorageException;
import io.plasmanode.storage.serialize.ByteReader;
import io.plasmanode.storage.serialize.FormatVersioned;
import java.io.ByteArrayOutputStream;

/**
 * {@code tag (1) [|| output | spender]}: tag 1 unspent and 2 exiting carry the output, tag 3 spent
 * carries nothing, tag 4 spent carries the spending transaction's location ({@link
 * TxLocationSerializer}). Unknown is never stored: an absent key is unknown.
 */
final class UtxoEntrySerializer implements KvSerializer<UtxoEntry> {
  static final KvSerializer<UtxoEntry> INSTANCE = FormatVersioned.v1(new UtxoEntrySerializer());

  private static final int UNSPENT = 1;
  private static final int EXITING = 2;
  private static final int SPENT = 3;
  private static final int SPENT_BY = 4;

  private UtxoEntrySerializer() {}

  @Override
  public byte[] serialize(UtxoEntry entry) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    if (entry.spender().isPresent()) {
      out.write(SPENT_BY);
      out.writeBytes(TxLocationSerializer.INSTANCE.serialize(entry.spender().get()));
      return out.toByteArray();
    }
    switch (entry.status()) {
      case UtxoStatus.Unspent unspent -> {
        out.write(UNSPENT);
        OutputSerializer.write(unspent.output(), out);
      }
      case UtxoStatus.Exiting exiting -> {
        out.write(EXITING);
        OutputSerializer.write(exiting.output(), out);
      }
      case UtxoStatus.Spent spent -> out.write(SPENT);
      case UtxoStatus.Unknown unknown ->
          throw new IllegalArgumentException("unknown is stored as no entry");
    }
    return out.toByteArray();
  }

  @Override
  public UtxoEntry deserialize(byte[] bytes) {
    ByteReader reader = ByteReader.of(bytes);
    int tag = reader.readUnsignedByte();
    UtxoEntry entry =
        switch (tag) {
          case UNSPENT -> UtxoEntry.of(new UtxoStatus.Unspent(OutputSerializer.read(reader)));
          case EXITING -> UtxoEntry.of(new UtxoStatus.Exiting(OutputSerializer.read(reader)));
          case SPENT -> UtxoEntry.of(UtxoStatus.SPENT);
          case SPENT_BY ->
              UtxoEntry.spentBy(
                  TxLocationSerializer.INSTANCE.deserialize(
                      reader.bytes(TxLocationSerializer.SIZE)));
          default -> throw new StorageException("corrupt UTXO status tag " + tag);
        };
    reader.end();
    return entry;
  }
}
