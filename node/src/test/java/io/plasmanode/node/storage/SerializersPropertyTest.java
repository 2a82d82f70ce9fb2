package io.plasmanode.node.storage;

import static org.assertj.core.api.Assertions.assertThat;

import io.plasmanode.core.ledger.UtxoStatus;
import io.plasmanode.core.testing.TxArbitraries;
import io.plasmanode.core.tx.SignedTransaction;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Hash32;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

/** Every serializer reads back what it wrote; key serializers keep the keys' order. */
class SerializersPropertyTest {

  private static <T> T roundTrip(KvSerializer<T> serializer, T value) {
    return serializer.deserialize(serializer.serialize(value));
  }

  private static <T> int byteOrder(KvSerializer<T> serializer, T a, T b) {
    return Integer.signum(Arrays.compareUnsigned(serializer.serialize(a), serializer.serialize(b)));
  }

  @Property
  void long_roundTripsAndKeepsOrder(
      @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long a,
      @ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long b) {
    assertThat(roundTrip(LongSerializer.INSTANCE, a)).isEqualTo(a);
    assertThat(byteOrder(LongSerializer.INSTANCE, a, b)).isEqualTo(Long.compare(a, b));
  }

  @Property
  void versionedLong_roundTrips(@ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long value) {
    assertThat(roundTrip(FormatVersioned.v1(LongSerializer.INSTANCE), value)).isEqualTo(value);
  }

  @Property
  void utxoPos_roundTripsAndKeepsOrder(@ForAll("utxoPos") UtxoPos a, @ForAll("utxoPos") UtxoPos b) {
    assertThat(roundTrip(UtxoPosSerializer.INSTANCE, a)).isEqualTo(a);
    assertThat(byteOrder(UtxoPosSerializer.INSTANCE, a, b))
        .isEqualTo(Integer.signum(a.compareTo(b)));
  }

  @Property
  void hash32_roundTrips(@ForAll("hash32") Hash32 hash) {
    assertThat(roundTrip(Hash32Serializer.INSTANCE, hash)).isEqualTo(hash);
  }

  @Property
  void txLocation_roundTripsAndKeepsOrder(
      @ForAll("txLocation") TxLocation a, @ForAll("txLocation") TxLocation b) {
    assertThat(roundTrip(TxLocationSerializer.INSTANCE, a)).isEqualTo(a);
    int expected =
        a.blknum() != b.blknum()
            ? Long.compare(a.blknum(), b.blknum())
            : Integer.compare(a.txindex(), b.txindex());
    assertThat(byteOrder(TxLocationSerializer.INSTANCE, a, b)).isEqualTo(Integer.signum(expected));
  }

  @Property
  void ownedPos_roundTripsAndGroupsByOwner(
      @ForAll("ownedPos") OwnedPos key, @ForAll("utxoPos") UtxoPos other) {
    assertThat(roundTrip(OwnedPosSerializer.INSTANCE, key)).isEqualTo(key);
    byte[] sameOwner = OwnedPosSerializer.INSTANCE.serialize(new OwnedPos(key.owner(), other));
    assertThat(KeyPrefix.startsWith(sameOwner, OwnedPosSerializer.ownerPrefix(key.owner())))
        .isTrue();
  }

  @Property
  void utxoEntry_roundTrips(@ForAll("utxoEntry") UtxoEntry entry) {
    assertThat(roundTrip(UtxoEntrySerializer.INSTANCE, entry)).isEqualTo(entry);
  }

  @Property
  void blockHeader_roundTrips(@ForAll("blockHeader") BlockHeader header) {
    assertThat(roundTrip(BlockHeaderSerializer.INSTANCE, header)).isEqualTo(header);
  }

  @Property
  void txChunk_roundTrips(
      @ForAll("signedTransaction") SignedTransaction signed,
      @ForAll @IntRange(min = 1, max = 256) int size) {
    List<TxBytes> chunk = Collections.nCopies(size, TxBytes.of(signed));

    List<TxBytes> read = roundTrip(TxChunkSerializer.INSTANCE, chunk);

    assertThat(read).isEqualTo(chunk);
    assertThat(read.get(size - 1).decode().get()).isEqualTo(signed);
  }

  @Property
  void commitStatus_roundTrips(@ForAll("commitStatus") CommitStatus status) {
    assertThat(roundTrip(CommitStatusSerializer.INSTANCE, status)).isEqualTo(status);
  }

  @Property
  void metaKey_roundTrips(@ForAll MetaKey key) {
    assertThat(roundTrip(MetaKey.SERIALIZER, key)).isEqualTo(key);
  }

  @Property(tries = 1)
  void marker_roundTrips() {
    assertThat(roundTrip(Marker.SERIALIZER, Marker.PRESENT)).isEqualTo(Marker.PRESENT);
  }

  @Provide
  Arbitrary<UtxoPos> utxoPos() {
    return TxArbitraries.utxoPos();
  }

  @Provide
  Arbitrary<Hash32> hash32() {
    return TxArbitraries.hash32();
  }

  @Provide
  Arbitrary<TxLocation> txLocation() {
    return Combinators.combine(
            Arbitraries.longs().between(1, UtxoPos.MAX_BLKNUM),
            Arbitraries.integers().between(0, UtxoPos.MAX_TXS_PER_BLOCK - 1))
        .as(TxLocation::new);
  }

  @Provide
  Arbitrary<OwnedPos> ownedPos() {
    return Combinators.combine(TxArbitraries.nonZeroAddress(), TxArbitraries.utxoPos())
        .as(OwnedPos::new);
  }

  @Provide
  Arbitrary<UtxoEntry> utxoEntry() {
    Arbitrary<TxLocation> locations =
        Combinators.combine(
                Arbitraries.longs().between(1, UtxoPos.MAX_BLKNUM),
                Arbitraries.integers().between(0, UtxoPos.MAX_TXS_PER_BLOCK - 1))
            .as(TxLocation::new);
    return Arbitraries.oneOf(
        TxArbitraries.output().map(output -> UtxoEntry.of(new UtxoStatus.Unspent(output))),
        TxArbitraries.output().map(output -> UtxoEntry.of(new UtxoStatus.Exiting(output))),
        Arbitraries.just(UtxoEntry.of(UtxoStatus.SPENT)),
        locations.map(UtxoEntry::spentBy));
  }

  @Provide
  Arbitrary<BlockHeader> blockHeader() {
    Arbitrary<Instant> timestamps =
        Combinators.combine(
                Arbitraries.longs().between(0, 1L << 40),
                Arbitraries.integers().between(0, 999_999_999))
            .as(Instant::ofEpochSecond);
    return Combinators.combine(
            TxArbitraries.hash32(),
            timestamps,
            Arbitraries.integers().between(0, UtxoPos.MAX_TXS_PER_BLOCK))
        .as(BlockHeader::new);
  }

  @Provide
  Arbitrary<SignedTransaction> signedTransaction() {
    return TxArbitraries.signedTransaction();
  }

  @Provide
  Arbitrary<CommitStatus> commitStatus() {
    return Arbitraries.oneOf(
        Arbitraries.just(CommitStatus.PENDING),
        TxArbitraries.hash32().map(CommitStatus.Committed::new));
  }
}
