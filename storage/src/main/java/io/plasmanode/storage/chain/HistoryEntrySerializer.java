package io.plasmanode.storage.chain;

import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Hash32;
import io.plasmanode.storage.kv.KvSerializer;
import io.plasmanode.storage.kv.StorageException;
import io.plasmanode.storage.serialize.ByteReader;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * {@code hasTxHash (1) || [txHash (32)] || sent || received || count (1) || counterparty (20)...},
 * each amount list {@code count (1) || (token (20) || length (1) || amount (big-endian, no leading
 * zeros))...}. A transaction has at most four inputs and four outputs, so every count fits a byte.
 */
final class HistoryEntrySerializer implements KvSerializer<HistoryEntry> {
  static final HistoryEntrySerializer INSTANCE = new HistoryEntrySerializer();

  /** A sum of four 256-bit amounts needs 258 bits. */
  private static final int MAX_AMOUNT_BYTES = 33;

  private HistoryEntrySerializer() {}

  @Override
  public byte[] serialize(HistoryEntry entry) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(entry.txHash().isPresent() ? 1 : 0);
    entry.txHash().ifPresent(hash -> out.writeBytes(hash.toArray()));
    writeAmounts(entry.sent(), out);
    writeAmounts(entry.received(), out);
    out.write(entry.counterparties().size());
    entry.counterparties().forEach(address -> out.writeBytes(address.toArray()));
    return out.toByteArray();
  }

  private static void writeAmounts(Map<Address, BigInteger> amounts, ByteArrayOutputStream out) {
    out.write(amounts.size());
    amounts.forEach(
        (token, amount) -> {
          byte[] bytes = amount.toByteArray();
          byte[] magnitude = bytes[0] == 0 ? Arrays.copyOfRange(bytes, 1, bytes.length) : bytes;
          out.writeBytes(token.toArray());
          out.write(magnitude.length);
          out.writeBytes(magnitude);
        });
  }

  @Override
  public HistoryEntry deserialize(byte[] bytes) {
    ByteReader reader = ByteReader.of(bytes);
    int hasTxHash = reader.readUnsignedByte();
    if (hasTxHash > 1) {
      throw new StorageException("corrupt history entry flag " + hasTxHash);
    }
    Optional<Hash32> txHash = hasTxHash == 1 ? Optional.of(reader.readHash()) : Optional.empty();
    SortedMap<Address, BigInteger> sent = readAmounts(reader);
    SortedMap<Address, BigInteger> received = readAmounts(reader);
    int count = reader.readUnsignedByte();
    List<Address> counterparties = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      counterparties.add(reader.readAddress());
    }
    reader.end();
    return new HistoryEntry(txHash, sent, received, counterparties);
  }

  private static SortedMap<Address, BigInteger> readAmounts(ByteReader reader) {
    int count = reader.readUnsignedByte();
    SortedMap<Address, BigInteger> amounts = new TreeMap<>();
    for (int i = 0; i < count; i++) {
      Address token = reader.readAddress();
      int length = reader.readUnsignedByte();
      if (length == 0 || length > MAX_AMOUNT_BYTES) {
        throw new StorageException("corrupt history amount length " + length);
      }
      amounts.put(token, new BigInteger(1, reader.bytes(length)));
    }
    return amounts;
  }
}
