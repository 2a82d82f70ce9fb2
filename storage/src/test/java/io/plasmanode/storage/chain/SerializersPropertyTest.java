package io.plasmanode.storage.chain;

import static org.assertj.core.api.Assertions.assertThat;

import io.plasmanode.core.ledger.UtxoStatus;
import io.plasmanode.core.testing.Cases;
import io.plasmanode.core.testing.Gen;
import io.plasmanode.core.testing.TxGen;
import io.plasmanode.core.tx.Output;
import io.plasmanode.core.tx.SignedTransaction;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Hash32;
import io.plasmanode.storage.kv.KeyPrefix;
import io.plasmanode.storage.kv.KvSerializer;
import io.plasmanode.storage.serialize.FormatVersioned;
import io.plasmanode.storage.serialize.Hash32Serializer;
import io.plasmanode.storage.serialize.LongSerializer;
import io.plasmanode.storage.serialize.UtxoPosSerializer;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every serializer reads back what it wrote; key serializers keep the keys' order. */
class SerializersPropertyTest {
  private static final int CASES = 1000;

  private static <T> T roundTrip(KvSerializer<T> serializer, T value) {
    return serializer.deserialize(serializer.serialize(value));
  }

  private static <T> int byteOrder(KvSerializer<T> serializer, T a, T b) {
    return Integer.signum(Arrays.compareUnsigned(serializer.serialize(a), serializer.serialize(b)));
  }

  @Test
  void long_roundTripsAndKeepsOrder() {
    Cases.check(
        CASES,
        gen -> {
          long a = gen.longBetween(0, Long.MAX_VALUE);
          long b = gen.longBetween(0, Long.MAX_VALUE);
          assertThat(roundTrip(LongSerializer.INSTANCE, a)).isEqualTo(a);
          assertThat(byteOrder(LongSerializer.INSTANCE, a, b)).isEqualTo(Long.compare(a, b));
        });
  }

  @Test
  void versionedLong_roundTrips() {
    Cases.check(
        CASES,
        gen -> {
          long value = gen.longBetween(0, Long.MAX_VALUE);
          assertThat(roundTrip(FormatVersioned.v1(LongSerializer.INSTANCE), value))
              .isEqualTo(value);
        });
  }

  @Test
  void utxoPos_roundTripsAndKeepsOrder() {
    Cases.check(
        CASES,
        gen -> {
          UtxoPos a = TxGen.utxoPos(gen);
          UtxoPos b = TxGen.utxoPos(gen);
          assertThat(roundTrip(UtxoPosSerializer.INSTANCE, a)).isEqualTo(a);
          assertThat(byteOrder(UtxoPosSerializer.INSTANCE, a, b))
              .isEqualTo(Integer.signum(a.compareTo(b)));
        });
  }

  @Test
  void historyKey_roundTripsAndOrdersEachAddressNewestFirst() {
    KvSerializer<HistoryKey> serializer = HistoryKeySerializer.INSTANCE;
    Cases.check(
        CASES,
        gen -> {
          Address address = TxGen.address(gen);
          TxLocation a = location(TxGen.utxoPos(gen));
          TxLocation b = location(TxGen.utxoPos(gen));
          HistoryKey keyA = new HistoryKey(address, a);
          assertThat(roundTrip(serializer, keyA)).isEqualTo(keyA);
          int newestFirst =
              a.blknum() != b.blknum()
                  ? Long.compare(b.blknum(), a.blknum())
                  : Integer.compare(b.txindex(), a.txindex());
          assertThat(byteOrder(serializer, keyA, new HistoryKey(address, b)))
              .isEqualTo(Integer.signum(newestFirst));
        });
  }

  private static TxLocation location(UtxoPos pos) {
    return new TxLocation(pos.blknum(), pos.txindex());
  }

  @Test
  void depositOutput_roundTrips() {
    KvSerializer<Output> serializer = FormatVersioned.v1(OutputSerializer.VALUE);
    Cases.check(
        CASES,
        gen -> {
          Output output = TxGen.output(gen);
          assertThat(roundTrip(serializer, output)).isEqualTo(output);
        });
  }

  @Test
  void hash32_roundTrips() {
    Cases.check(
        CASES,
        gen -> {
          Hash32 hash = TxGen.hash32(gen);
          assertThat(roundTrip(Hash32Serializer.INSTANCE, hash)).isEqualTo(hash);
        });
  }

  @Test
  void txLocation_roundTripsAndKeepsOrder() {
    Cases.check(
        CASES,
        gen -> {
          TxLocation a = txLocation(gen);
          TxLocation b = txLocation(gen);
          assertThat(roundTrip(TxLocationSerializer.INSTANCE, a)).isEqualTo(a);
          int expected =
              a.blknum() != b.blknum()
                  ? Long.compare(a.blknum(), b.blknum())
                  : Integer.compare(a.txindex(), b.txindex());
          assertThat(byteOrder(TxLocationSerializer.INSTANCE, a, b))
              .isEqualTo(Integer.signum(expected));
        });
  }

  @Test
  void ownedPos_roundTripsAndGroupsByOwner() {
    Cases.check(
        CASES,
        gen -> {
          OwnedPos key = new OwnedPos(TxGen.nonZeroAddress(gen), TxGen.utxoPos(gen));
          UtxoPos other = TxGen.utxoPos(gen);
          assertThat(roundTrip(OwnedPosSerializer.INSTANCE, key)).isEqualTo(key);
          byte[] sameOwner =
              OwnedPosSerializer.INSTANCE.serialize(new OwnedPos(key.owner(), other));
          assertThat(KeyPrefix.startsWith(sameOwner, OwnedPosSerializer.ownerPrefix(key.owner())))
              .isTrue();
        });
  }

  @Test
  void utxoEntry_roundTrips() {
    Cases.check(
        CASES,
        gen -> {
          UtxoEntry entry = utxoEntry(gen);
          assertThat(roundTrip(UtxoEntrySerializer.INSTANCE, entry)).isEqualTo(entry);
        });
  }

  @Test
  void blockHeader_roundTrips() {
    Cases.check(
        CASES,
        gen -> {
          BlockHeader header =
              new BlockHeader(
                  TxGen.hash32(gen),
                  Instant.ofEpochSecond(
                      gen.longBetween(0, 1L << 40), gen.intBetween(0, 999_999_999)),
                  gen.intBetween(0, UtxoPos.MAX_TXS_PER_BLOCK));
          assertThat(roundTrip(BlockHeaderSerializer.INSTANCE, header)).isEqualTo(header);
        });
  }

  @Test
  void txChunk_roundTrips() {
    Cases.check(
        CASES,
        gen -> {
          SignedTransaction signed = TxGen.signedTransaction(gen);
          int size = gen.intBetween(1, 256);
          List<TxBytes> chunk = Collections.nCopies(size, TxBytes.of(signed));

          List<TxBytes> read = roundTrip(TxChunkSerializer.INSTANCE, chunk);

          assertThat(read).isEqualTo(chunk);
          assertThat(read.get(size - 1).decode().get()).isEqualTo(signed);
        });
  }

  @Test
  void commitStatus_roundTrips() {
    Cases.check(
        CASES,
        gen -> {
          CommitStatus status =
              gen.bool() ? CommitStatus.PENDING : new CommitStatus.Committed(TxGen.hash32(gen));
          assertThat(roundTrip(CommitStatusSerializer.INSTANCE, status)).isEqualTo(status);
        });
  }

  /** Every key (there are fewer than the cases a property gets, so all of them). */
  @Test
  void metaKey_roundTrips() {
    for (MetaKey key : MetaKey.values()) {
      assertThat(roundTrip(MetaKey.SERIALIZER, key)).isEqualTo(key);
    }
  }

  @Test
  void marker_roundTrips() {
    assertThat(roundTrip(Marker.SERIALIZER, Marker.PRESENT)).isEqualTo(Marker.PRESENT);
  }

  private static TxLocation txLocation(Gen gen) {
    return new TxLocation(
        gen.longBetween(1, UtxoPos.MAX_BLKNUM), gen.intBetween(0, UtxoPos.MAX_TXS_PER_BLOCK - 1));
  }

  /** Unspent, exiting, spent (without and with its spender), one in four each. */
  private static UtxoEntry utxoEntry(Gen gen) {
    return switch (gen.intBetween(0, 3)) {
      case 0 -> UtxoEntry.of(new UtxoStatus.Unspent(TxGen.output(gen)));
      case 1 -> UtxoEntry.of(new UtxoStatus.Exiting(TxGen.output(gen)));
      case 2 -> UtxoEntry.of(UtxoStatus.SPENT);
      default -> UtxoEntry.spentBy(txLocation(gen));
    };
  }
}
