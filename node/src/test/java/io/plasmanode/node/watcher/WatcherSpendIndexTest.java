package io.plasmanode.node.watcher;

import static io.plasmanode.core.testing.TestKeys.ALICE;
import static io.plasmanode.core.testing.TestKeys.BOB;
import static io.plasmanode.core.testing.TestKeys.CAROL;
import static org.assertj.core.api.Assertions.assertThat;

import io.plasmanode.core.eip712.Eip712Domain;
import io.plasmanode.core.eip712.TransactionSigner;
import io.plasmanode.core.ledger.Utxo;
import io.plasmanode.core.tx.Output;
import io.plasmanode.core.tx.PaymentTransaction;
import io.plasmanode.core.tx.SignedTransaction;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import io.plasmanode.exitgame.SpendCollector.CollectedBlock;
import io.plasmanode.exitgame.SpendCollector.SignedSpend;
import io.plasmanode.exitgame.SpendRecord;
import io.plasmanode.storage.chain.ChainStore;
import io.plasmanode.storage.kv.InMemoryKeyValueStore;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Spends read while halted count for an output only when signed by its owner, as the validated
 * chain, an exit or the committed block that created it names the owner; never when it is unknown.
 */
class WatcherSpendIndexTest {
  private static final TransactionSigner SIGNER =
      new TransactionSigner(new Eip712Domain(Address.fromHex("0x" + "5f".repeat(20)), 31337));
  private static final UtxoPos ALICES = new UtxoPos(1, 0, 0);
  private static final UtxoPos PAST_THE_HALT = new UtxoPos(3000, 0, 0);

  private final InMemoryKeyValueStore kv = new InMemoryKeyValueStore();
  private final ChainStore chain = new ChainStore(kv);
  private final WatcherStore store = new WatcherStore(kv);
  private final WatcherSpendIndex index = new WatcherSpendIndex(chain, store);

  private static SpendRecord spend(UtxoPos pos, io.plasmanode.core.crypto.PrivateKey by) {
    PaymentTransaction tx =
        PaymentTransaction.transfer(
            List.of(pos), List.of(new Output(by.address(), Address.ZERO, BigInteger.ONE)));
    SignedTransaction signed = SIGNER.sign(tx, List.of(by));
    return new SpendRecord(pos, tx, 0, signed.signatures().getFirst(), 4000, 0);
  }

  @Test
  void anOutputOfTheValidatedChain_isSpentOnlyBySpendsItsOwnerSigned() {
    chain.applyDeposit(
        new Utxo(ALICES, new Output(ALICE.address(), Address.ZERO, BigInteger.TEN)), 1);
    SpendRecord byCarol = spend(ALICES, CAROL);
    read(4000, List.of(new SignedSpend(byCarol, CAROL.address())), List.of());
    assertThat(index.spendOf(ALICES)).isEmpty();

    SpendRecord byAlice = spend(ALICES, ALICE);
    read(5000, List.of(new SignedSpend(byAlice, ALICE.address())), List.of());

    assertThat(index.spendOf(ALICES)).contains(byAlice);
    assertThat(index.spendBy(ALICES, ALICE.address())).contains(byAlice);
    assertThat(index.spendBy(ALICES, BOB.address())).isEmpty();
  }

  @Test
  void anOutputCreatedPastTheHalt_isSpentByTheSpendItsExitsOwnerSigned() {
    SpendRecord byBob = spend(PAST_THE_HALT, BOB);
    read(4000, List.of(new SignedSpend(byBob, BOB.address())), List.of());

    assertThat(index.spendBy(PAST_THE_HALT, BOB.address())).contains(byBob);
    assertThat(index.spendBy(PAST_THE_HALT, ALICE.address())).isEmpty();
    assertThat(index.spendOf(new UtxoPos(3000, 0, 1))).isEmpty();
  }

  @Test
  void anOutputCreatedPastTheHalt_isSpentOnlyBySpendsTheOwnerItsBlockNamesSigned() {
    read(3000, List.of(), List.of(new Utxo(PAST_THE_HALT, alices(BigInteger.TEN))));
    SpendRecord forged = spend(PAST_THE_HALT, CAROL);
    read(4000, List.of(new SignedSpend(forged, CAROL.address())), List.of());
    assertThat(index.spendOf(PAST_THE_HALT)).isEmpty();

    SpendRecord byAlice = spend(PAST_THE_HALT, ALICE);
    read(5000, List.of(new SignedSpend(byAlice, ALICE.address())), List.of());
    assertThat(index.spendOf(PAST_THE_HALT)).contains(byAlice);
  }

  @Test
  void anOutputWhoseOwnerIsUnknown_isNotSpentByAnySpendRead() {
    SpendRecord byBob = spend(PAST_THE_HALT, BOB);
    read(4000, List.of(new SignedSpend(byBob, BOB.address())), List.of());

    assertThat(index.spendOf(PAST_THE_HALT)).isEmpty();
  }

  private void read(long blknum, List<SignedSpend> spends, List<Utxo> created) {
    store.saveReadBlock(blknum, new CollectedBlock(spends, created));
  }

  private static Output alices(BigInteger amount) {
    return new Output(ALICE.address(), Address.ZERO, amount);
  }
}
