package io.plasmanode.node.watcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plasmanode.contracts.l1.Fees;
import io.plasmanode.core.tx.Output;
import io.plasmanode.core.tx.PaymentTransaction;
import io.plasmanode.core.tx.Signature;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Hash32;
import io.plasmanode.exitgame.ByzantineEvent;
import io.plasmanode.exitgame.Challenge;
import io.plasmanode.storage.kv.InMemoryKeyValueStore;
import io.plasmanode.storage.kv.StorageException;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The pending challenge column and the {@code invalid_exit_paid} event survive a reopen. */
class ChallengeCodecTest {
  private static final long SEED = 0x5eed_c0decL;

  @Test
  void pendingChallenge_roundTrips_overManyRandomValues() {
    SplittableRandom random = new SplittableRandom(SEED);
    for (int i = 0; i < 500; i++) {
      PendingChallenge pending = randomPending(random);
      byte[] bytes = ChallengeCodec.PENDING_CHALLENGE.serialize(pending);
      assertThat(ChallengeCodec.PENDING_CHALLENGE.deserialize(bytes))
          .as("seed %s, case %s", SEED, i)
          .isEqualTo(pending);
    }
  }

  @Test
  void challengeStore_keepsWhatWasPut_acrossAReopen() {
    InMemoryKeyValueStore kv = new InMemoryKeyValueStore();
    SplittableRandom random = new SplittableRandom(SEED);
    PendingChallenge first = randomPending(random);
    PendingChallenge second = randomPending(random);
    ChallengeStore store = new ChallengeStore(kv);
    store.put(first);
    store.put(second);
    store.remove(first.key());

    assertThat(new ChallengeStore(kv).all()).containsExactly(second);
  }

  @Test
  void corruptPendingChallenge_isAStorageException() {
    byte[] bytes =
        ChallengeCodec.PENDING_CHALLENGE.serialize(randomPending(new SplittableRandom(SEED)));
    byte[] truncated = java.util.Arrays.copyOf(bytes, bytes.length - 3);
    assertThatThrownBy(() -> ChallengeCodec.PENDING_CHALLENGE.deserialize(truncated))
        .isInstanceOf(StorageException.class);
  }

  @Test
  void invalidExitPaidEvent_roundTrips() {
    ByzantineEvent paid =
        new ByzantineEvent.InvalidExitPaid(
            new UtxoPos(1000, 2, 1),
            Address.fromHex("0x" + "11".repeat(20)),
            Address.ZERO,
            BigInteger.TEN.pow(18),
            Hash32.fromHex("0x" + "ab".repeat(32)),
            Hash32.fromHex("0x" + "cd".repeat(32)),
            Instant.ofEpochSecond(1_700_000_000));
    assertThat(WatcherCodec.EVENT.deserialize(WatcherCodec.EVENT.serialize(paid))).isEqualTo(paid);
  }

  private static PendingChallenge randomPending(SplittableRandom random) {
    UtxoPos exitId =
        new UtxoPos(
            1 + random.nextLong(1_000_000),
            random.nextInt(UtxoPos.MAX_TXS_PER_BLOCK),
            random.nextInt(UtxoPos.MAX_OUTPUTS));
    Address owner = Address.of(bytes(random, Address.SIZE));
    PaymentTransaction spend =
        PaymentTransaction.transfer(
            List.of(exitId),
            List.of(
                new Output(owner, Address.ZERO, BigInteger.valueOf(random.nextLong(1, 1L << 62)))));
    Challenge challenge = new Challenge(exitId, spend, 0, Signature.of(bytes(random, 65)));
    BigInteger tip = BigInteger.valueOf(random.nextLong(1L << 40));
    Fees fees = new Fees(tip.add(BigInteger.valueOf(random.nextLong(1L << 40))), tip);
    List<Hash32> hashes = new ArrayList<>();
    for (int i = 0; i <= random.nextInt(5); i++) {
      hashes.add(Hash32.of(bytes(random, 32)));
    }
    return new PendingChallenge(
        new ChallengeCall.StandardExit(challenge),
        Instant.ofEpochSecond(random.nextLong(1L << 40)),
        random.nextLong(1L << 40),
        fees,
        hashes,
        random.nextLong(1L << 40));
  }

  private static byte[] bytes(SplittableRandom random, int size) {
    byte[] bytes = new byte[size];
    for (int i = 0; i < size; i++) {
      bytes[i] = (byte) random.nextInt(256);
    }
    return bytes;
  }
}
