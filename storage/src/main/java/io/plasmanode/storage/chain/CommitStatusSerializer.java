package io.plasmanode.storage.chain;

import io.plasmanode.storage.kv.KeyPrefix;
import io.plasmanode.storage.kv.KvSerializer;
import io.plasmanode.storage.kv.StorageException;
import io.plasmanode.storage.serialize.ByteReader;
import io.plasmanode.storage.serialize.FormatVersioned;

/** {@code 0} pending, or {@code 1 || l1TxHash (32)} committed. */
final class CommitStatusSerializer implements KvSerializer<CommitStatus> {
  static final KvSerializer<CommitStatus> INSTANCE =
      FormatVersioned.v1(new CommitStatusSerializer());

  private static final byte PENDING = 0;
  private static final byte COMMITTED = 1;

  private CommitStatusSerializer() {}

  @Override
  public byte[] serialize(CommitStatus status) {
    return switch (status) {
      case CommitStatus.Pending pending -> new byte[] {PENDING};
      case CommitStatus.Committed committed ->
          KeyPrefix.concat(new byte[] {COMMITTED}, committed.l1TxHash().toArray());
    };
  }

  @Override
  public CommitStatus deserialize(byte[] bytes) {
    ByteReader reader = ByteReader.of(bytes);
    int tag = reader.readUnsignedByte();
    CommitStatus status =
        switch (tag) {
          case PENDING -> CommitStatus.PENDING;
          case COMMITTED -> new CommitStatus.Committed(reader.readHash());
          default -> throw new StorageException("corrupt commit status tag " + tag);
        };
    reader.end();
    return status;
  }
}
