package io.plasmanode.node.storage;

import io.plasmanode.core.ledger.UtxoStatus;
import java.io.ByteArrayOutputStream;

/**
 * {@code tag (1) [|| output]}: tag 1 unspent and 2 exiting carry the output, tag 3 spent does not.
 * Unknown is never stored: an absent key is unknown.
 */
final class UtxoStatusSerializer implements KvSerializer<UtxoStatus> {
  static final KvSerializer<UtxoStatus> INSTANCE = FormatVersioned.v1(new UtxoStatusSerializer());

  private static final int UNSPENT = 1;
  private static final int EXITING = 2;
  private static final int SPENT = 3;

  private UtxoStatusSerializer() {}

  @Override
  public byte[] serialize(UtxoStatus status) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    switch (status) {
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
  public UtxoStatus deserialize(byte[] bytes) {
    ByteReader reader = ByteReader.of(bytes);
    int tag = reader.readUnsignedByte();
    UtxoStatus status =
        switch (tag) {
          case UNSPENT -> new UtxoStatus.Unspent(OutputSerializer.read(reader));
          case EXITING -> new UtxoStatus.Exiting(OutputSerializer.read(reader));
          case SPENT -> UtxoStatus.SPENT;
          default -> throw new StorageException("corrupt UTXO status tag " + tag);
        };
    reader.end();
    return status;
  }
}
