package io.plasmanode.node.watcher;

import com.google.common.primitives.Bytes;
import io.plasmanode.core.l1.BlockCommitment;
import io.plasmanode.core.tx.PaymentTransaction;
import io.plasmanode.core.tx.Signature;
import io.plasmanode.core.tx.TxCodec;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Hash32;
import io.plasmanode.core.validation.Rejection;
import io.plasmanode.core.validation.ValidationResult;
import io.plasmanode.exitgame.ByzantineEvent;
import io.plasmanode.exitgame.InFlightByzantineEvent;
import io.plasmanode.exitgame.SpendRecord;
import io.plasmanode.exitgame.TrackedExit;
import io.plasmanode.exitgame.WithholdingDetector.PendingRoot;
import io.plasmanode.exitgame.inflight.TrackedInFlightExit;
import io.plasmanode.storage.kv.KvSerializer;
import io.plasmanode.storage.kv.StorageException;
import io.plasmanode.storage.serialize.Hash32Serializer;
import io.plasmanode.storage.serialize.LongSerializer;
import io.plasmanode.storage.serialize.UtxoPosSerializer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

/**
 * The on-disk encodings of the watcher's values and spend keys: a format byte then fixed fields
 * written with {@link DataOutputStream}. Numbers, positions and hashes use the storage module's
 * serializers ({@link LongSerializer}, {@link UtxoPosSerializer}, {@link Hash32Serializer}).
 */
final class WatcherCodec {
  private static final byte FORMAT = 1;

  private WatcherCodec() {}

  static final KvSerializer<BlockCommitment> COMMITMENT =
      codec(
          (out, commitment) -> {
            out.writeLong(commitment.blknum());
            out.write(commitment.rootHigh224().toArray());
            out.writeLong(commitment.timestamp().getEpochSecond());
          },
          in -> new BlockCommitment(in.readLong(), hash(in), Instant.ofEpochSecond(in.readLong())));

  static final KvSerializer<PendingRoot> PENDING_ROOT =
      codec(
          (out, root) -> {
            out.writeLong(root.blknum());
            instant(out, root.committedAt());
            instant(out, root.waitingSince());
            out.writeBoolean(root.reported());
          },
          in -> new PendingRoot(in.readLong(), instant(in), instant(in), in.readBoolean()));

  static final KvSerializer<TrackedExit> TRACKED_EXIT =
      codec(WatcherCodec::writeExit, WatcherCodec::readExit);

  static final KvSerializer<ByzantineEvent> EVENT =
      codec(WatcherCodec::writeEvent, WatcherCodec::readEvent);

  static final KvSerializer<TrackedInFlightExit> TRACKED_IN_FLIGHT_EXIT =
      codec(InFlightCodec::writeExit, InFlightCodec::readExit);

  /** A key of the read spends: the spent position then the signer, so a position is a prefix. */
  record SpendKey(UtxoPos pos, Address signer) {}

  /** The 8 bytes of {@code pos}: the key prefix of its read spends. */
  static byte[] spendKeyPrefix(UtxoPos pos) {
    return UtxoPosSerializer.INSTANCE.serialize(pos);
  }

  /** {@link UtxoPosSerializer}'s bytes then the signer's 20: position order, then signer order. */
  static final KvSerializer<SpendKey> SPEND_KEY =
      new KvSerializer<>() {
        @Override
        public byte[] serialize(SpendKey key) {
          return Bytes.concat(spendKeyPrefix(key.pos()), key.signer().toArray());
        }

        @Override
        public SpendKey deserialize(byte[] bytes) {
          if (bytes.length <= Address.SIZE) {
            throw new StorageException("corrupt spend key of " + bytes.length + " bytes");
          }
          int split = bytes.length - Address.SIZE;
          return new SpendKey(
              UtxoPosSerializer.INSTANCE.deserialize(Arrays.copyOfRange(bytes, 0, split)),
              Address.of(Arrays.copyOfRange(bytes, split, bytes.length)));
        }
      };

  /** An output's owner: its 20 bytes. */
  static final KvSerializer<Address> OWNER =
      codec((out, owner) -> out.write(owner.toArray()), WatcherCodec::address);

  /** A spend: the unsigned spending transaction, its input index, signature and location. */
  static final KvSerializer<SpendRecord> SPEND_RECORD =
      codec(WatcherCodec::writeSpend, WatcherCodec::readSpend);

  private static void writeSpend(DataOutputStream out, SpendRecord spend) throws IOException {
    out.writeLong(spend.spentPos().toLong());
    byte[] tx = spend.spendingTxBytes();
    out.writeInt(tx.length);
    out.write(tx);
    out.writeByte(spend.inputIndex());
    out.write(spend.signature().toArray());
    out.writeLong(spend.blknum());
    out.writeInt(spend.txIndex());
  }

  private static SpendRecord readSpend(DataInputStream in) throws IOException {
    UtxoPos pos = utxoPos(in);
    int length = in.readInt();
    if (length < 0 || length > in.available()) {
      throw new StorageException("corrupt spend record: tx length " + length);
    }
    ValidationResult<PaymentTransaction> tx = TxCodec.decode(in.readNBytes(length));
    if (!tx.isValid()) {
      throw new StorageException("corrupt spend record: " + tx);
    }
    int input = in.readUnsignedByte();
    byte[] signature = in.readNBytes(Signature.SIZE);
    try {
      return new SpendRecord(
          pos, tx.get(), input, Signature.of(signature), in.readLong(), in.readInt());
    } catch (IllegalArgumentException e) {
      throw new StorageException("corrupt spend record: " + e.getMessage(), e);
    }
  }

  private static void writeExit(DataOutputStream out, TrackedExit exit) throws IOException {
    out.writeLong(exit.utxoPos().toLong());
    out.write(exit.owner().toArray());
    out.write(exit.token().toArray());
    bigInteger(out, exit.amount());
    instant(out, exit.exitableAt());
    out.writeByte(exit.status().ordinal());
    out.writeBoolean(exit.challenge().isPresent());
    if (exit.challenge().isPresent()) {
      out.write(exit.challenge().get().l1TxHash().toArray());
      instant(out, exit.challenge().get().submittedAt());
    }
    out.writeBoolean(exit.invalidReported());
    out.writeBoolean(exit.unchallengedReported());
  }

  private static TrackedExit readExit(DataInputStream in) throws IOException {
    UtxoPos pos = utxoPos(in);
    Address owner = address(in);
    Address token = address(in);
    BigInteger amount = bigInteger(in);
    Instant exitableAt = instant(in);
    TrackedExit.Status status = TrackedExit.Status.values()[in.readUnsignedByte()];
    Optional<TrackedExit.ChallengeAttempt> challenge =
        in.readBoolean()
            ? Optional.of(new TrackedExit.ChallengeAttempt(hash(in), instant(in)))
            : Optional.empty();
    return new TrackedExit(
        pos,
        owner,
        token,
        amount,
        exitableAt,
        status,
        challenge,
        in.readBoolean(),
        in.readBoolean());
  }

  private static void writeEvent(DataOutputStream out, ByzantineEvent event) throws IOException {
    switch (event) {
      case ByzantineEvent.InvalidBlock invalid -> {
        out.writeByte(1);
        out.writeLong(invalid.blknum());
        out.writeInt(invalid.txIndex());
        out.write(invalid.txHash().toArray());
        out.writeUTF(invalid.rejection().name());
        out.writeUTF(invalid.detail());
      }
      case ByzantineEvent.BlockWithholding withheld -> {
        out.writeByte(2);
        out.writeLong(withheld.blknum());
        instant(out, withheld.committedAt());
        out.writeLong(withheld.waitedFor().toSeconds());
      }
      case ByzantineEvent.InvalidExit exit -> {
        out.writeByte(3);
        out.writeLong(exit.utxoPos().toLong());
        out.write(exit.spendingTxHash().toArray());
      }
      case ByzantineEvent.UnchallengedExit exit -> {
        out.writeByte(4);
        out.writeLong(exit.utxoPos().toLong());
        instant(out, exit.exitableAt());
      }
      case ByzantineEvent.InvalidExitPaid paid -> writePaid(out, paid);
      case InFlightByzantineEvent inFlight -> InFlightCodec.writeEvent(out, inFlight);
    }
    instant(out, event.detectedAt());
  }

  private static ByzantineEvent readEvent(DataInputStream in) throws IOException {
    int type = in.readUnsignedByte();
    if (InFlightCodec.isEventType(type)) {
      return InFlightCodec.readEvent(type, in);
    }
    return switch (type) {
      case 1 ->
          new ByzantineEvent.InvalidBlock(
              in.readLong(),
              in.readInt(),
              hash(in),
              rejection(in.readUTF()),
              in.readUTF(),
              instant(in));
      case 2 ->
          new ByzantineEvent.BlockWithholding(
              in.readLong(), instant(in), Duration.ofSeconds(in.readLong()), instant(in));
      case 3 -> new ByzantineEvent.InvalidExit(utxoPos(in), hash(in), instant(in));
      case 4 -> new ByzantineEvent.UnchallengedExit(utxoPos(in), instant(in), instant(in));
      case 5 ->
          new ByzantineEvent.InvalidExitPaid(
              utxoPos(in),
              address(in),
              address(in),
              bigInteger(in),
              hash(in),
              hash(in),
              instant(in));
      default -> throw new StorageException("unknown byzantine event type " + type);
    };
  }

  private static void writePaid(DataOutputStream out, ByzantineEvent.InvalidExitPaid paid)
      throws IOException {
    out.writeByte(5);
    out.writeLong(paid.utxoPos().toLong());
    out.write(paid.owner().toArray());
    out.write(paid.token().toArray());
    bigInteger(out, paid.amount());
    out.write(paid.spendingTxHash().toArray());
    out.write(paid.l1TxHash().toArray());
  }

  private static Rejection rejection(String name) {
    try {
      return Rejection.valueOf(name);
    } catch (IllegalArgumentException e) {
      throw new StorageException("unknown rejection " + name, e);
    }
  }

  private static void instant(DataOutputStream out, Instant instant) throws IOException {
    out.writeLong(instant.getEpochSecond());
  }

  private static Instant instant(DataInputStream in) throws IOException {
    return Instant.ofEpochSecond(in.readLong());
  }

  private static void bigInteger(DataOutputStream out, BigInteger value) throws IOException {
    byte[] bytes = value.toByteArray();
    out.writeShort(bytes.length);
    out.write(bytes);
  }

  private static BigInteger bigInteger(DataInputStream in) throws IOException {
    return new BigInteger(in.readNBytes(in.readUnsignedShort()));
  }

  private static Hash32 hash(DataInputStream in) throws IOException {
    return Hash32Serializer.INSTANCE.deserialize(in.readNBytes(Hash32.SIZE));
  }

  private static Address address(DataInputStream in) throws IOException {
    return Address.of(in.readNBytes(Address.SIZE));
  }

  private static UtxoPos utxoPos(DataInputStream in) throws IOException {
    return UtxoPosSerializer.INSTANCE.deserialize(in.readNBytes(UtxoPosSerializer.SIZE));
  }

  @FunctionalInterface
  private interface Writer {
    void write(DataOutputStream out) throws IOException;
  }

  @FunctionalInterface
  private interface ValueWriter<T> {
    void write(DataOutputStream out, T value) throws IOException;
  }

  /** A serializer that writes the format byte, then {@code writer}'s bytes; reads them back. */
  private static <T> KvSerializer<T> codec(ValueWriter<T> writer, Reader<T> reader) {
    return new KvSerializer<>() {
      @Override
      public byte[] serialize(T value) {
        return write(out -> writer.write(out, value));
      }

      @Override
      public T deserialize(byte[] bytes) {
        return read(bytes, reader);
      }
    };
  }

  @FunctionalInterface
  private interface Reader<T> {
    T read(DataInputStream in) throws IOException;
  }

  private static byte[] write(Writer writer) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(FORMAT);
      writer.write(out);
    } catch (IOException e) {
      throw new StorageException("cannot encode a watcher value: " + e.getMessage(), e);
    }
    return bytes.toByteArray();
  }

  private static <T> T read(byte[] bytes, Reader<T> reader) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      if (in.readByte() != FORMAT) {
        throw new StorageException(
            "unknown watcher value format: was this data dir written by a newer plasma?");
      }
      T value = reader.read(in);
      if (in.available() > 0) {
        throw new StorageException("corrupt watcher value: " + in.available() + " trailing bytes");
      }
      return value;
    } catch (IOException e) {
      throw new StorageException("corrupt watcher value: " + e.getMessage(), e);
    }
  }
}
