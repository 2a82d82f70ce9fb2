package io.plasmanode.exitgame.inflight;

import static io.plasmanode.core.testing.TestKeys.ALICE;
import static io.plasmanode.core.testing.TestKeys.BOB;
import static io.plasmanode.core.testing.TestKeys.CAROL;
import static io.plasmanode.core.testing.TestKeys.DAVE;

import io.plasmanode.core.crypto.Keccak;
import io.plasmanode.core.crypto.PrivateKey;
import io.plasmanode.core.eip712.Eip712Domain;
import io.plasmanode.core.eip712.TransactionSigner;
import io.plasmanode.core.inflight.InFlightExitId;
import io.plasmanode.core.tx.Output;
import io.plasmanode.core.tx.PaymentTransaction;
import io.plasmanode.core.tx.SignedTransaction;
import io.plasmanode.core.tx.TxCodec;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Hash32;
import io.plasmanode.exitgame.InMemorySpendIndex;
import io.plasmanode.exitgame.SpendRecord;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A small chain for the in-flight exit game's tests, with real keys and signatures: Alice's deposit
 * A (100 wei) and Bob's deposit B (50 wei); the exit's tx {@link #exitTx} spends both, paying Carol
 * 120 and Dave 30; {@link #bobsDoubleSpend} spends B again, to Bob. The validated chain is an
 * in-memory spend index and tx locator that tests fill with {@link #include}.
 */
final class InFlightFixture {
  static final Eip712Domain DOMAIN =
      new Eip712Domain(Address.fromHex("0x5fbdb2315678afecb367f032d93f642f64180aa3"), 31337);
  static final TransactionSigner SIGNER = new TransactionSigner(DOMAIN);
  static final Address ETH = Address.ZERO;
  static final Address TOKEN = Address.fromHex("0x" + "70".repeat(20));
  static final Instant T0 = Instant.ofEpochSecond(1_700_000_000);
  static final Duration MEP = Duration.ofDays(8);
  static final Duration LANDING = Duration.ofHours(1);
  static final Duration SAFETY = Duration.ofDays(1);
  static final Duration RETRY = Duration.ofMinutes(30);
  static final InFlightExitConfig CONFIG = new InFlightExitConfig(MEP, LANDING, SAFETY, RETRY);

  /** Phase 1 of an exit started at T0 ends here (exclusive). */
  static final Instant PHASE_ONE_END = T0.plus(Duration.ofDays(4));

  /** The last moment (exclusive) phase-1 actions are proposed. */
  static final Instant DEADLINE = PHASE_ONE_END.minus(LANDING);

  static final Instant EXITABLE = T0.plus(Duration.ofDays(16));
  static final Hash32 L1_TX = Hash32.fromHex("0x" + "ab".repeat(32));

  static final UtxoPos A = new UtxoPos(1, 0, 0);
  static final UtxoPos B = new UtxoPos(2, 0, 0);
  static final Output A_OUT = eth(ALICE, 100);
  static final Output B_OUT = eth(BOB, 50);
  static final SignedTransaction EXIT_TX =
      sign(transfer(List.of(A, B), eth(CAROL, 120), eth(DAVE, 30)), ALICE, BOB);
  static final InFlightExitId ID = idOf(EXIT_TX.tx());
  static final SignedTransaction BOBS_DOUBLE_SPEND = sign(transfer(List.of(B), eth(BOB, 50)), BOB);

  final InMemorySpendIndex spends = new InMemorySpendIndex();
  final Map<Hash32, UtxoPos> included = new HashMap<>();
  final TxLocator locator = hash -> Optional.ofNullable(included.get(hash));

  static Output eth(PrivateKey owner, long amount) {
    return new Output(owner.address(), ETH, BigInteger.valueOf(amount));
  }

  static Output token(PrivateKey owner, long amount) {
    return new Output(owner.address(), TOKEN, BigInteger.valueOf(amount));
  }

  static PaymentTransaction transfer(List<UtxoPos> inputs, Output... outputs) {
    return PaymentTransaction.transfer(inputs, List.of(outputs));
  }

  static SignedTransaction sign(PaymentTransaction tx, PrivateKey... keys) {
    return SIGNER.sign(tx, List.of(keys));
  }

  static InFlightExitId idOf(PaymentTransaction tx) {
    return InFlightExitId.of(TxCodec.encode(tx));
  }

  static Hash32 hashOf(PaymentTransaction tx) {
    return Keccak.keccak256(TxCodec.encode(tx));
  }

  /** Starts the exit of {@link #EXIT_TX} at T0. */
  static InFlightExitGame startedGame() {
    InFlightExitGame game = new InFlightExitGame(CONFIG);
    game.started(ID, EXIT_TX, List.of(A_OUT, B_OUT), T0);
    return game;
  }

  /** The validated chain includes {@code signed} at tx {@code txIndex} of block {@code blknum}. */
  UtxoPos include(SignedTransaction signed, long blknum, int txIndex) {
    List<SpendRecord> records = new ArrayList<>();
    for (int i = 0; i < signed.tx().inputs().size(); i++) {
      records.add(
          new SpendRecord(
              signed.tx().inputs().get(i),
              signed.tx(),
              i,
              signed.signatures().get(i),
              blknum,
              txIndex));
    }
    spends.record(records);
    UtxoPos txPos = new UtxoPos(blknum, txIndex, 0);
    included.put(hashOf(signed.tx()), txPos);
    return txPos;
  }

  InFlightExitGame.Decisions check(InFlightExitGame game, Instant now) {
    return game.check(spends, locator, now);
  }
}
