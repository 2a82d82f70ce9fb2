package io.plasmanode.node.watcher;

import static io.plasmanode.core.testing.TestKeys.ALICE;
import static io.plasmanode.core.testing.TestKeys.BOB;
import static io.plasmanode.core.testing.TestKeys.CAROL;
import static io.plasmanode.core.testing.TestKeys.DAVE;

import io.plasmanode.core.crypto.Keccak;
import io.plasmanode.core.crypto.PrivateKey;
import io.plasmanode.core.eip712.Eip712Domain;
import io.plasmanode.core.eip712.TransactionSigner;
import io.plasmanode.core.inflight.InFlightExitId;
import io.plasmanode.core.inflight.InFlightExitState;
import io.plasmanode.core.l1.L1Event;
import io.plasmanode.core.tx.Output;
import io.plasmanode.core.tx.PaymentTransaction;
import io.plasmanode.core.tx.SignedTransaction;
import io.plasmanode.core.tx.TxCodec;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Bytes;
import io.plasmanode.core.types.Hash32;
import io.plasmanode.exitgame.ExitGameConfig;
import io.plasmanode.exitgame.inflight.InFlightExitConfig;
import io.plasmanode.storage.kv.InMemoryKeyValueStore;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * An in-flight exit for the watcher's unit tests: Alice's deposit A (100 wei) and Bob's deposit B
 * (50 wei) spent by {@link #EXIT_TX} (Carol 120, Dave 30), which starts exiting at {@link #T0} (L1
 * block {@link #START_BLOCK}); {@link #BOBS_DOUBLE_SPEND} spends B again. L1 shows the exit as
 * {@link #onL1} says.
 */
final class InFlightWatcherFixture {
  static final Eip712Domain DOMAIN =
      new Eip712Domain(Address.fromHex("0x5fbdb2315678afecb367f032d93f642f64180aa3"), 31337);
  static final TransactionSigner SIGNER = new TransactionSigner(DOMAIN);
  static final Instant T0 = Instant.ofEpochSecond(1_700_000_000);
  static final Duration MEP = Duration.ofHours(2);
  static final InFlightExitConfig CONFIG =
      WatcherNode.inFlightConfig(MEP, Duration.ofMinutes(10), Duration.ofMinutes(5));
  static final long START_BLOCK = 40;
  static final UtxoPos A = new UtxoPos(1, 0, 0);
  static final UtxoPos B = new UtxoPos(2, 0, 0);
  static final Output A_OUT = eth(ALICE, 100);
  static final Output B_OUT = eth(BOB, 50);
  static final SignedTransaction EXIT_TX =
      sign(
          PaymentTransaction.transfer(List.of(A, B), List.of(eth(CAROL, 120), eth(DAVE, 30))),
          ALICE,
          BOB);
  static final Bytes EXIT_TX_BYTES = Bytes.of(TxCodec.encode(EXIT_TX.tx()));
  static final InFlightExitId ID = InFlightExitId.of(EXIT_TX_BYTES.toArray());
  static final SignedTransaction BOBS_DOUBLE_SPEND =
      sign(PaymentTransaction.transfer(List.of(B), List.of(eth(BOB, 50))), BOB);

  private InFlightWatcherFixture() {}

  static Output eth(PrivateKey owner, long amount) {
    return new Output(owner.address(), Address.ZERO, BigInteger.valueOf(amount));
  }

  static SignedTransaction sign(PaymentTransaction tx, PrivateKey... keys) {
    return SIGNER.sign(tx, List.of(keys));
  }

  static Hash32 hashOf(PaymentTransaction tx) {
    return Keccak.keccak256(TxCodec.encode(tx));
  }

  static L1Event.L1Origin origin(long l1Block) {
    return new L1Event.L1Origin(l1Block, Hash32.ZERO, 0);
  }

  /** The start event of {@link #EXIT_TX} in {@link #START_BLOCK}. */
  static L1Event.InFlightExitStarted started() {
    return new L1Event.InFlightExitStarted(
        origin(START_BLOCK),
        ID,
        ALICE.address(),
        hashOf(EXIT_TX.tx()),
        B,
        EXIT_TX_BYTES,
        EXIT_TX.signatures());
  }

  /**
   * The exit as L1 shows it: started at T0, {@code exitableAt}, {@code canonical}, {@code
   * piggybacked} bits.
   */
  static InFlightExitState onL1(Optional<Instant> exitableAt, boolean canonical, int piggybacked) {
    return new InFlightExitState(
        InFlightExitState.Status.ACTIVE,
        hashOf(EXIT_TX.tx()),
        ALICE.address(),
        T0,
        exitableAt,
        B,
        Optional.empty(),
        canonical,
        List.of(
            new InFlightExitState.Input(
                0, A, ALICE.address(), Address.ZERO, BigInteger.valueOf(100)),
            new InFlightExitState.Input(1, B, BOB.address(), Address.ZERO, BigInteger.valueOf(50))),
        List.of(),
        piggybacked);
  }

  /** A watcher state on {@code kv} (a new one on the same store is a restart). */
  static WatcherState state(InMemoryKeyValueStore kv) {
    return new WatcherState(
        new WatcherStore(kv),
        new ExitGameConfig(Duration.ofMinutes(10), Duration.ofMinutes(5)),
        CONFIG,
        Duration.ofMinutes(1),
        0,
        Clock.fixed(T0, ZoneOffset.UTC));
  }
}
