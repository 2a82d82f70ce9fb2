package io.plasmanode.node.watcher;

import io.plasmanode.core.inflight.InFlightExitId;
import io.plasmanode.core.tx.Output;
import io.plasmanode.core.tx.SignedTransaction;
import io.plasmanode.core.tx.TxCodec;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Hash32;
import io.plasmanode.core.validation.ValidationResult;
import io.plasmanode.exitgame.InFlightByzantineEvent;
import io.plasmanode.exitgame.inflight.ActionKey;
import io.plasmanode.exitgame.inflight.ChainPosition;
import io.plasmanode.exitgame.inflight.Slot;
import io.plasmanode.exitgame.inflight.TrackedInFlightExit;
import io.plasmanode.exitgame.inflight.TrackedInFlightExit.L1State;
import io.plasmanode.exitgame.inflight.TrackedInFlightExit.Submission;
import io.plasmanode.storage.kv.KvSerializer;
import io.plasmanode.storage.kv.StorageException;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The on-disk encoding of the in-flight exit game's state: exit ids and action keys as keys (fixed
 * size, in id order), a {@link TrackedInFlightExit} and the in-flight byzantine events (type bytes
 * 16..21 of {@link WatcherCodec#EVENT}) as values, written with {@link DataOutputStream} after
 * {@link WatcherCodec}'s format byte.
 */
final class InFlightCodec {
  private static final int ID_SIZE = 16;

  private InFlightCodec() {}

  /** An in-flight exit id: its 16 bytes, big-endian (sorts as the ids). */
  static final KvSerializer<InFlightExitId> EXIT_ID =
      new KvSerializer<>() {
        @Override
        public byte[] serialize(InFlightExitId id) {
          return idBytes(id);
        }

        @Override
        public InFlightExitId deserialize(byte[] bytes) {
          if (bytes.length != ID_SIZE) {
            throw new StorageException("corrupt in-flight exit id: " + bytes.length + " bytes");
          }
          return readId(bytes);
        }
      };

  /** An action key: the exit id, the kind's ordinal, the index. */
  static final KvSerializer<ActionKey> ACTION_KEY =
      new KvSerializer<>() {
        @Override
        public byte[] serialize(ActionKey key) {
          byte[] bytes = Arrays.copyOf(idBytes(key.exitId()), ID_SIZE + 2);
          bytes[ID_SIZE] = (byte) key.kind().ordinal();
          bytes[ID_SIZE + 1] = (byte) key.index();
          return bytes;
        }

        @Override
        public ActionKey deserialize(byte[] bytes) {
          if (bytes.length != ID_SIZE + 2) {
            throw new StorageException("corrupt in-flight action key: " + bytes.length + " bytes");
          }
          return actionKey(
              readId(Arrays.copyOf(bytes, ID_SIZE)), bytes[ID_SIZE], bytes[ID_SIZE + 1]);
        }
      };

  private static byte[] idBytes(InFlightExitId id) {
    byte[] raw = id.value().toByteArray();
    byte[] bytes = new byte[ID_SIZE];
    int length = Math.min(raw.length, ID_SIZE);
    System.arraycopy(raw, raw.length - length, bytes, ID_SIZE - length, length);
    return bytes;
  }

  private static InFlightExitId readId(byte[] bytes) {
    try {
      return new InFlightExitId(new BigInteger(1, bytes));
    } catch (IllegalArgumentException e) {
      throw new StorageException("corrupt in-flight exit id: " + e.getMessage(), e);
    }
  }

  private static ActionKey actionKey(InFlightExitId id, int kind, int index) {
    ActionKey.Kind[] kinds = ActionKey.Kind.values();
    if (kind < 0 || kind >= kinds.length) {
      throw new StorageException("unknown in-flight action kind " + kind);
    }
    return new ActionKey(id, kinds[kind], index);
  }

  static void writeId(DataOutputStream out, InFlightExitId id) throws IOException {
    out.write(idBytes(id));
  }

  static InFlightExitId readId(DataInputStream in) throws IOException {
    return readId(in.readNBytes(ID_SIZE));
  }

  static void writeActionKey(DataOutputStream out, ActionKey key) throws IOException {
    out.write(ACTION_KEY.serialize(key));
  }

  static ActionKey readActionKey(DataInputStream in) throws IOException {
    return ACTION_KEY.deserialize(in.readNBytes(ID_SIZE + 2));
  }

  // ------------------------------------------------------------------ tracked exit

  static void writeExit(DataOutputStream out, TrackedInFlightExit exit) throws IOException {
    writeId(out, exit.id());
    bytes(out, TxCodec.encodeSigned(exit.signedTx()));
    out.writeByte(exit.inputs().size());
    for (Output input : exit.inputs()) {
      output(out, input);
    }
    instant(out, exit.startedAt());
    writeL1(out, exit.l1());
    out.writeByte(exit.submissions().size());
    for (Submission sent : exit.submissions()) {
      writeActionKey(out, sent.key());
      out.write(sent.l1TxHash().toArray());
      instant(out, sent.submittedAt());
    }
    out.writeShort(exit.standing().size());
    for (InFlightByzantineEvent event : exit.standing()) {
      writeEvent(out, event);
      instant(out, event.detectedAt());
    }
  }

  static TrackedInFlightExit readExit(DataInputStream in) throws IOException {
    InFlightExitId id = readId(in);
    ValidationResult<SignedTransaction> signed = TxCodec.decodeSigned(bytes(in));
    if (!signed.isValid()) {
      throw new StorageException("corrupt tx of in-flight exit " + id + ": " + signed);
    }
    List<Output> inputs = new ArrayList<>();
    for (int i = in.readUnsignedByte(); i > 0; i--) {
      inputs.add(output(in));
    }
    Instant startedAt = instant(in);
    L1State l1 = readL1(in);
    List<Submission> submissions = new ArrayList<>();
    for (int i = in.readUnsignedByte(); i > 0; i--) {
      submissions.add(new Submission(readActionKey(in), hash(in), instant(in)));
    }
    List<InFlightByzantineEvent> standing = new ArrayList<>();
    for (int i = in.readUnsignedShort(); i > 0; i--) {
      standing.add(readEvent(in.readUnsignedByte(), in));
    }
    try {
      return new TrackedInFlightExit(
          id, signed.get(), inputs, startedAt, l1, submissions, standing);
    } catch (IllegalArgumentException e) {
      throw new StorageException("corrupt in-flight exit " + id + ": " + e.getMessage(), e);
    }
  }

  private static void writeL1(DataOutputStream out, L1State l1) throws IOException {
    out.writeByte(l1.status().ordinal());
    out.writeBoolean(l1.processing());
    optionalInstant(out, l1.exitableAt());
    out.writeBoolean(l1.canonical());
    out.writeBoolean(l1.oldestCompetitor().isPresent());
    if (l1.oldestCompetitor().isPresent()) {
      position(out, l1.oldestCompetitor().get());
    }
    out.writeByte(slotBits(l1.piggybacked()));
    out.writeByte(l1.piggybackedAt().size());
    for (Map.Entry<Slot, Instant> entry : l1.piggybackedAt().entrySet()) {
      out.writeByte(entry.getKey().bit());
      instant(out, entry.getValue());
    }
  }

  private static L1State readL1(DataInputStream in) throws IOException {
    int status = in.readUnsignedByte();
    if (status >= TrackedInFlightExit.Status.values().length) {
      throw new StorageException("unknown in-flight exit status " + status);
    }
    boolean processing = in.readBoolean();
    Optional<Instant> exitableAt = optionalInstant(in);
    boolean canonical = in.readBoolean();
    Optional<ChainPosition> oldest =
        in.readBoolean() ? Optional.of(position(in)) : Optional.empty();
    Set<Slot> piggybacked = slots(in.readUnsignedByte());
    Map<Slot, Instant> piggybackedAt = new TreeMap<>();
    for (int i = in.readUnsignedByte(); i > 0; i--) {
      piggybackedAt.put(slot(in.readUnsignedByte()), instant(in));
    }
    return new L1State(
        TrackedInFlightExit.Status.values()[status],
        processing,
        exitableAt,
        canonical,
        oldest,
        piggybacked,
        piggybackedAt);
  }

  // ------------------------------------------------------------------ events

  /** Writes the type byte and the fields of {@code event}, without its detection time. */
  static void writeEvent(DataOutputStream out, InFlightByzantineEvent event) throws IOException {
    switch (event) {
      case InFlightByzantineEvent.NonCanonicalIfe e -> {
        out.writeByte(16);
        writeId(out, e.exitId());
        out.writeByte(e.inputIndex());
        out.write(e.competitorHash().toArray());
        position(out, e.competitorPos());
        instant(out, e.phaseOneEnd());
      }
      case InFlightByzantineEvent.InvalidIfeChallenge e -> {
        out.writeByte(17);
        writeId(out, e.exitId());
        out.writeLong(e.txPos().toLong());
      }
      case InFlightByzantineEvent.PiggybackAvailable e -> {
        out.writeByte(18);
        writeId(out, e.exitId());
        out.write(e.owner().toArray());
        out.writeByte(e.slots().size());
        for (Slot slot : e.slots()) {
          out.writeByte(slot.bit());
        }
        instant(out, e.deadline());
      }
      case InFlightByzantineEvent.InvalidPiggyback e -> {
        out.writeByte(19);
        writeId(out, e.exitId());
        out.writeByte(e.slot().bit());
        out.write(e.spendingTxHash().toArray());
      }
      case InFlightByzantineEvent.UnchallengedNonCanonicalIfe e -> {
        out.writeByte(20);
        writeId(out, e.exitId());
        instant(out, e.phaseOneEnd());
      }
      case InFlightByzantineEvent.UnchallengedPiggyback e -> {
        out.writeByte(21);
        writeId(out, e.exitId());
        out.writeByte(e.slot().bit());
        instant(out, e.exitableAt());
      }
    }
  }

  /** Whether {@code type} is an in-flight event's type byte. */
  static boolean isEventType(int type) {
    return type >= 16 && type <= 21;
  }

  /** Reads the fields after type byte {@code type}, then the detection time. */
  static InFlightByzantineEvent readEvent(int type, DataInputStream in) throws IOException {
    InFlightExitId id = readId(in);
    return switch (type) {
      case 16 ->
          new InFlightByzantineEvent.NonCanonicalIfe(
              id, in.readUnsignedByte(), hash(in), position(in), instant(in), instant(in));
      case 17 -> new InFlightByzantineEvent.InvalidIfeChallenge(id, utxoPos(in), instant(in));
      case 18 -> {
        Address owner = Address.of(in.readNBytes(Address.SIZE));
        List<Slot> slots = new ArrayList<>();
        for (int i = in.readUnsignedByte(); i > 0; i--) {
          slots.add(slot(in.readUnsignedByte()));
        }
        yield new InFlightByzantineEvent.PiggybackAvailable(
            id, owner, slots, instant(in), instant(in));
      }
      case 19 ->
          new InFlightByzantineEvent.InvalidPiggyback(
              id, slot(in.readUnsignedByte()), hash(in), instant(in));
      case 20 ->
          new InFlightByzantineEvent.UnchallengedNonCanonicalIfe(id, instant(in), instant(in));
      case 21 ->
          new InFlightByzantineEvent.UnchallengedPiggyback(
              id, slot(in.readUnsignedByte()), instant(in), instant(in));
      default -> throw new StorageException("unknown in-flight event type " + type);
    };
  }

  // ------------------------------------------------------------------ fields

  private static int slotBits(Set<Slot> slots) {
    int bits = 0;
    for (Slot slot : slots) {
      bits |= 1 << slot.bit();
    }
    return bits;
  }

  private static Set<Slot> slots(int bits) {
    Set<Slot> slots = new TreeSet<>();
    for (int bit = 0; bit < 8; bit++) {
      if ((bits & (1 << bit)) != 0) {
        slots.add(slot(bit));
      }
    }
    return slots;
  }

  private static Slot slot(int bit) {
    if (bit > 7) {
      throw new StorageException("corrupt slot bit " + bit);
    }
    return bit < 4 ? Slot.input(bit) : Slot.output(bit - 4);
  }

  /** A chain position: its tx position's long, 0 in flight (never a tx position). */
  private static void position(DataOutputStream out, ChainPosition position) throws IOException {
    out.writeLong(position.txPos().map(UtxoPos::toLong).orElse(0L));
  }

  private static ChainPosition position(DataInputStream in) throws IOException {
    long pos = in.readLong();
    return pos == 0 ? ChainPosition.IN_FLIGHT : ChainPosition.included(pos(pos));
  }

  private static void output(DataOutputStream out, Output output) throws IOException {
    out.write(output.owner().toArray());
    out.write(output.token().toArray());
    bytes(out, output.amount().toByteArray());
  }

  private static Output output(DataInputStream in) throws IOException {
    return new Output(
        Address.of(in.readNBytes(Address.SIZE)),
        Address.of(in.readNBytes(Address.SIZE)),
        new BigInteger(bytes(in)));
  }

  private static void bytes(DataOutputStream out, byte[] bytes) throws IOException {
    out.writeInt(bytes.length);
    out.write(bytes);
  }

  private static byte[] bytes(DataInputStream in) throws IOException {
    int length = in.readInt();
    if (length < 0 || length > in.available()) {
      throw new StorageException("corrupt length " + length);
    }
    return in.readNBytes(length);
  }

  private static void optionalInstant(DataOutputStream out, Optional<Instant> instant)
      throws IOException {
    out.writeLong(instant.map(Instant::getEpochSecond).orElse(Long.MIN_VALUE));
  }

  private static Optional<Instant> optionalInstant(DataInputStream in) throws IOException {
    long seconds = in.readLong();
    return seconds == Long.MIN_VALUE
        ? Optional.empty()
        : Optional.of(Instant.ofEpochSecond(seconds));
  }

  private static void instant(DataOutputStream out, Instant instant) throws IOException {
    out.writeLong(instant.getEpochSecond());
  }

  private static Instant instant(DataInputStream in) throws IOException {
    return Instant.ofEpochSecond(in.readLong());
  }

  private static Hash32 hash(DataInputStream in) throws IOException {
    return Hash32.of(in.readNBytes(Hash32.SIZE));
  }

  private static UtxoPos utxoPos(DataInputStream in) throws IOException {
    return pos(in.readLong());
  }

  private static UtxoPos pos(long value) {
    return UtxoPos.fromLong(value)
        .orElseThrow(() -> new StorageException("corrupt position " + value));
  }
}
