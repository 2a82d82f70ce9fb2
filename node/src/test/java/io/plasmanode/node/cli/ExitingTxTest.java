package io.plasmanode.node.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plasmanode.core.crypto.Keccak;
import io.plasmanode.core.eip712.Eip712Domain;
import io.plasmanode.core.eip712.TransactionSigner;
import io.plasmanode.core.l1.L1Event;
import io.plasmanode.core.testing.TestKeys;
import io.plasmanode.core.tx.Output;
import io.plasmanode.core.tx.PaymentTransaction;
import io.plasmanode.core.tx.SignedTransaction;
import io.plasmanode.core.tx.TxCodec;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Bytes;
import io.plasmanode.core.types.Hash32;
import io.plasmanode.core.types.Hex;
import io.plasmanode.node.wallet.SentTransactionStore;
import io.plasmanode.node.wallet.SentTransactions;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExitingTxTest {
  private static final Eip712Domain DOMAIN =
      new Eip712Domain(Address.fromHex("0x" + "c0".repeat(20)), 31337);

  @TempDir Path dir;

  private static SignedTransaction tx(long amount) {
    PaymentTransaction tx =
        PaymentTransaction.transfer(
            List.of(new UtxoPos(1000, 0, 0)),
            List.of(new Output(TestKeys.BOB.address(), Address.ZERO, BigInteger.valueOf(amount))));
    return new TransactionSigner(DOMAIN).sign(tx, List.of(TestKeys.ALICE));
  }

  private static Hash32 hash(SignedTransaction tx) {
    return Keccak.keccak256(TxCodec.encode(tx.tx()));
  }

  private SentTransactions wallet(SignedTransaction... txs) {
    SentTransactionStore store = SentTransactionStore.in(dir);
    for (SignedTransaction tx : txs) {
      store.recordSigned(tx, TestKeys.ALICE.address(), DOMAIN, Instant.EPOCH, true);
    }
    return store.read();
  }

  private static ExitingTx resolve(
      String text,
      SentTransactions wallet,
      Optional<Supplier<List<L1Event.InFlightExitStarted>>> l1) {
    return ExitingTx.resolve(text, wallet, "w.jsonl", l1);
  }

  @Test
  void resolve_aHashOrPrefixFromTheWallet() {
    SignedTransaction tx = tx(5);
    SentTransactions wallet = wallet(tx);

    ExitingTx full = resolve(hash(tx).toHex(), wallet, Optional.empty());
    ExitingTx prefix = resolve(hash(tx).toHex().substring(2, 10), wallet, Optional.empty());

    assertThat(full.signed()).isEqualTo(tx);
    assertThat(full.recorded()).isPresent();
    assertThat(prefix.txHash()).isEqualTo(hash(tx));
  }

  @Test
  void resolve_signedHex() {
    SignedTransaction tx = tx(5);
    ExitingTx resolved = resolve(Hex.encode(TxCodec.encodeSigned(tx)), wallet(), Optional.empty());
    assertThat(resolved.signed()).isEqualTo(tx);
    assertThat(resolved.recorded()).isEmpty();
  }

  @Test
  void resolve_aHashFromItsInFlightExitStartedEventOnL1() {
    SignedTransaction tx = tx(5);
    L1Event.InFlightExitStarted started =
        new L1Event.InFlightExitStarted(
            new L1Event.L1Origin(42, Hash32.ZERO, 0),
            io.plasmanode.core.inflight.InFlightExitId.ofTxHash(hash(tx)),
            TestKeys.ALICE.address(),
            hash(tx),
            new UtxoPos(1000, 0, 0),
            Bytes.of(TxCodec.encode(tx.tx())),
            tx.signatures());

    ExitingTx resolved = resolve(hash(tx).toHex(), wallet(), Optional.of(() -> List.of(started)));

    assertThat(resolved.signed()).isEqualTo(tx);
    assertThat(resolved.source()).contains("InFlightExitStarted", "block 42");
  }

  @Test
  void resolve_refusesWhatNamesNoTransaction() {
    SentTransactions empty = wallet();
    assertThatThrownBy(() -> resolve("xyz", empty, Optional.empty()))
        .hasMessageContaining("is neither a transaction hash");
    assertThatThrownBy(() -> resolve("abcdef", empty, Optional.empty()))
        .hasMessageContaining("is neither a transaction hash");
    assertThatThrownBy(() -> resolve("0x" + "ab".repeat(32), empty, Optional.of(List::of)))
        .hasMessageContaining("nor an in-flight exit of it on L1");
    assertThatThrownBy(() -> resolve("0x" + "ab".repeat(40), empty, Optional.empty()))
        .hasMessageContaining("--tx is not a signed transaction");
    assertThatThrownBy(() -> resolve("0x" + "ab".repeat(40) + "a", empty, Optional.empty()))
        .hasMessageContaining("--tx is not a signed transaction");
  }
}
