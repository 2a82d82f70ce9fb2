package io.plasmanode.node.watcher;

import io.plasmanode.contracts.l1.Fees;
import io.plasmanode.core.tx.PaymentTransaction;
import io.plasmanode.core.tx.Signature;
import io.plasmanode.core.tx.TxCodec;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Hash32;
import io.plasmanode.core.validation.ValidationResult;
import io.plasmanode.exitgame.Challenge;
import io.plasmanode.storage.kv.KvSerializer;
import io.plasmanode.storage.kv.StorageException;
import io.plasmanode.storage.serialize.Hash32Serializer;
import io.plasmanode.storage.serialize.UtxoPosSerializer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The on-disk encoding of a {@link PendingChallenge}: a format byte, then its fields. The call is a
 * standard exit's challenge ({@link #PENDING_CHALLENGE}) or an in-flight exit game's call ({@link
 * #PENDING_IN_FLIGHT_CALL}, see {@link InFlightCallCodec}), each in its own column.
 */
final class ChallengeCodec implements KvSerializer<PendingChallenge> {
  static final ChallengeCodec PENDING_CHALLENGE =
      new ChallengeCodec(
          (out, call) -> writeChallenge(out, ((ChallengeCall.StandardExit) call).challenge()),
          in -> new ChallengeCall.StandardExit(readChallenge(in)));

  static final ChallengeCodec PENDING_IN_FLIGHT_CALL =
      new ChallengeCodec(InFlightCallCodec::write, InFlightCallCodec::read);

  private static final byte FORMAT = 1;

  /** Writes a call's fields. */
  @FunctionalInterface
  interface CallWriter {
    void write(DataOutputStream out, ChallengeCall call) throws IOException;
  }

  /** Reads a call's fields. */
  @FunctionalInterface
  interface CallReader {
    ChallengeCall read(DataInputStream in) throws IOException;
  }

  private final CallWriter writer;
  private final CallReader reader;

  private ChallengeCodec(CallWriter writer, CallReader reader) {
    this.writer = writer;
    this.reader = reader;
  }

  @Override
  public byte[] serialize(PendingChallenge pending) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeByte(FORMAT);
      writer.write(out, pending.call());
      out.writeLong(pending.exitableAt().getEpochSecond());
      out.writeLong(pending.nonce());
      bigInteger(out, pending.fees().maxFeePerGas());
      bigInteger(out, pending.fees().maxPriorityFeePerGas());
      out.writeShort(pending.txHashes().size());
      for (Hash32 hash : pending.txHashes()) {
        out.write(hash.toArray());
      }
      out.writeLong(pending.sentAtL1Block());
    } catch (IOException e) {
      throw new StorageException("cannot encode a pending challenge: " + e.getMessage(), e);
    }
    return bytes.toByteArray();
  }

  @Override
  public PendingChallenge deserialize(byte[] bytes) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
      if (in.readByte() != FORMAT) {
        throw new StorageException(
            "unknown pending challenge format: was this data dir written by a newer plasma?");
      }
      PendingChallenge pending =
          new PendingChallenge(
              reader.read(in),
              Instant.ofEpochSecond(in.readLong()),
              in.readLong(),
              new Fees(bigInteger(in), bigInteger(in)),
              hashes(in),
              in.readLong());
      if (in.available() > 0) {
        throw new StorageException("corrupt pending challenge: trailing bytes");
      }
      return pending;
    } catch (IOException | IllegalArgumentException | ClassCastException e) {
      throw new StorageException("corrupt pending challenge: " + e.getMessage(), e);
    }
  }

  private static void writeChallenge(DataOutputStream out, Challenge challenge) throws IOException {
    out.writeLong(challenge.exitId().toLong());
    byte[] tx = challenge.spendingTxBytes();
    out.writeInt(tx.length);
    out.write(tx);
    out.writeShort(challenge.inputIndex());
    out.write(challenge.signature().toArray());
  }

  private static Challenge readChallenge(DataInputStream in) throws IOException {
    UtxoPos pos = UtxoPosSerializer.INSTANCE.deserialize(in.readNBytes(UtxoPosSerializer.SIZE));
    ValidationResult<PaymentTransaction> tx = TxCodec.decode(in.readNBytes(in.readInt()));
    if (!tx.isValid()) {
      throw new StorageException("corrupt spending tx of a pending challenge: " + tx);
    }
    int inputIndex = in.readUnsignedShort();
    return new Challenge(pos, tx.get(), inputIndex, Signature.of(in.readNBytes(Signature.SIZE)));
  }

  private static List<Hash32> hashes(DataInputStream in) throws IOException {
    int count = in.readUnsignedShort();
    List<Hash32> hashes = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      hashes.add(Hash32Serializer.INSTANCE.deserialize(in.readNBytes(Hash32.SIZE)));
    }
    return hashes;
  }

  private static void bigInteger(DataOutputStream out, BigInteger value) throws IOException {
    byte[] bytes = value.toByteArray();
    out.writeShort(bytes.length);
    out.write(bytes);
  }

  private static BigInteger bigInteger(DataInputStream in) throws IOException {
    return new BigInteger(in.readNBytes(in.readUnsignedShort()));
  }
}
