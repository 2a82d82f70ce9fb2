package io.plasmanode.node.operator;

import static io.plasmanode.node.operator.OperatorFixture.accepted;
import static io.plasmanode.node.operator.OperatorFixture.await;
import static io.plasmanode.node.operator.OperatorFixture.config;
import static io.plasmanode.node.operator.OperatorFixture.deposit;
import static io.plasmanode.node.operator.OperatorFixture.eth;
import static io.plasmanode.node.operator.OperatorFixture.rejected;
import static io.plasmanode.node.operator.OperatorFixture.signed;
import static io.plasmanode.node.operator.OperatorFixture.transfer;
import static org.assertj.core.api.Assertions.assertThat;

import io.plasmanode.core.crypto.PrivateKey;
import io.plasmanode.core.fees.FeeSpec;
import io.plasmanode.core.fees.FeeTable;
import io.plasmanode.core.ledger.Utxo;
import io.plasmanode.core.ledger.UtxoStatus;
import io.plasmanode.core.testing.MutableClock;
import io.plasmanode.core.testing.TestKeys;
import io.plasmanode.core.tx.Output;
import io.plasmanode.core.tx.PaymentTransaction;
import io.plasmanode.core.tx.SignedTransaction;
import io.plasmanode.core.tx.TxCodec;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.validation.Rejection;
import io.plasmanode.node.fees.FeeSchedule;
import io.plasmanode.node.testing.Payments;
import io.plasmanode.storage.chain.ChainStore;
import io.plasmanode.storage.chain.StoredBlock;
import io.plasmanode.storage.kv.InMemoryKeyValueStore;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The operator's fees: what a submitted payment must pay, and the claims each block ends with. */
class BlockProducerFeesTest {
  private static final PrivateKey ALICE = TestKeys.ALICE;
  private static final PrivateKey BOB = TestKeys.BOB;
  private static final PrivateKey CLAIMER = TestKeys.DAVE;
  private static final Address ETH = Address.ZERO;
  private static final Address TOKEN =
      Address.fromHex("0x00000000000000000000000000000000000070c0");
  private static final Duration WAIT = Duration.ofSeconds(5);
  private static final long FEE = 10;
  private static final long TOKEN_FEE = 3;

  private final ChainStore store = new ChainStore(new InMemoryKeyValueStore());
  private final List<StoredBlock> stored = new CopyOnWriteArrayList<>();
  private final List<BlockProducer> producers = new ArrayList<>();
  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final FeeSchedule schedule = new FeeSchedule(table(FEE), Duration.ofSeconds(30), clock);

  @AfterEach
  void stop() {
    producers.forEach(BlockProducer::close);
  }

  static FeeTable table(long ethFee) {
    return new FeeTable(
        Map.of(
            PaymentTransaction.TX_TYPE_PAYMENT,
            Map.of(
                ETH, new FeeSpec(BigInteger.valueOf(ethFee), BigInteger.TEN.pow(18), "ETH"),
                TOKEN, new FeeSpec(BigInteger.valueOf(TOKEN_FEE), BigInteger.ONE, "TOK"))));
  }

  private BlockProducer producer(ChainStore chain, int maxTxs) {
    BlockProducer producer =
        new BlockProducer(
            chain,
            config(maxTxs).withFees(BlockFees.of(CLAIMER.address(), schedule::accepted)),
            clock);
    producer.addBlockListener(stored::add);
    producers.add(producer);
    return producer;
  }

  private UtxoPos tokenDeposit(long blknum, PrivateKey owner, long amount) {
    UtxoPos pos = new UtxoPos(blknum, 0, 0);
    Output output = Payments.token(owner, TOKEN, BigInteger.valueOf(amount));
    assertThat(store.applyDeposit(new Utxo(pos, output), 1)).isTrue();
    return pos;
  }

  private static byte[] pay(UtxoPos input, PrivateKey from, Output... outputs) {
    return signed(transfer(input, outputs), from);
  }

  private static Rejection reason(BlockProducer producer, byte[] tx) {
    return rejected(producer.submit(tx)).reason();
  }

  @Test
  void submit_refusesAPaymentThatDoesNotPayTheFeeExactlyInOneToken() {
    UtxoPos alices = deposit(store, 1, ALICE, 100);
    UtxoPos tokens = tokenDeposit(2, ALICE, 50);
    BlockProducer producer = producer(store, 10);

    var noFee = rejected(producer.submit(pay(alices, ALICE, eth(BOB, 100))));
    var shortFee = rejected(producer.submit(pay(alices, ALICE, eth(BOB, 91))));
    var overpaid = rejected(producer.submit(pay(alices, ALICE, eth(BOB, 89))));
    var twoTokens =
        rejected(
            producer.submit(
                signed(
                    Payments.transfer(
                        List.of(alices, tokens),
                        List.of(
                            eth(BOB, 100 - FEE),
                            Payments.token(BOB, TOKEN, BigInteger.valueOf(50 - TOKEN_FEE)))),
                    ALICE,
                    ALICE)));

    assertThat(noFee.reason()).isEqualTo(Rejection.FEES_NOT_COVERED);
    assertThat(shortFee.reason()).isEqualTo(Rejection.FEES_NOT_COVERED);
    assertThat(overpaid.reason()).isEqualTo(Rejection.OVERPAYING_FEES);
    assertThat(twoTokens.reason()).isEqualTo(Rejection.MULTIPLE_POTENTIAL_CURRENCY_FEES);
    assertThat(producer.mempoolSize()).isZero();
    accepted(producer.submit(pay(alices, ALICE, eth(BOB, 100 - FEE))));
    accepted(
        producer.submit(pay(tokens, ALICE, Payments.token(BOB, TOKEN, BigInteger.valueOf(47)))));
  }

  @Test
  void submit_stillNamesTheLedgerRuleATransactionBreaks() {
    UtxoPos alices = deposit(store, 1, ALICE, 100);
    BlockProducer producer = producer(store, 10);

    assertThat(reason(producer, pay(alices, ALICE, eth(BOB, 101))))
        .isEqualTo(Rejection.AMOUNTS_DO_NOT_ADD_UP);
    assertThat(reason(producer, pay(alices, BOB, eth(BOB, 90))))
        .isEqualTo(Rejection.UNAUTHORIZED_SPEND);
    assertThat(reason(producer, pay(new UtxoPos(9, 0, 0), ALICE, eth(BOB, 90))))
        .isEqualTo(Rejection.UTXO_NOT_FOUND);
  }

  @Test
  void submit_refusesAFeeClaim_evenOfFeesTheBlockCollected() {
    BlockProducer producer = producer(store, 10);

    assertThat(claimAfterAPayment(producer, FEE)).isEqualTo(Rejection.FEE_CLAIM_NOT_ALLOWED);
    producer.close();
    assertEndsWithTheClaimOf(1000, FEE); // the block's one claim is the operator's
  }

  @Test
  void submit_refusesAFeeClaim_withoutFeesToo() {
    BlockProducer producer = new BlockProducer(store, config(10), clock);
    producers.add(producer);

    assertThat(claimAfterAPayment(producer, FEE)).isEqualTo(Rejection.FEE_CLAIM_NOT_ALLOWED);
  }

  /** Alice pays Bob with a fee, then submits a claim of that fee to herself: why it is refused. */
  private Rejection claimAfterAPayment(BlockProducer producer, long fee) {
    UtxoPos alices = deposit(store, 1, ALICE, 100);
    accepted(producer.submit(pay(alices, ALICE, eth(BOB, 100 - fee))));
    PaymentTransaction claim =
        PaymentTransaction.feeClaim(1000, ETH, ALICE.address(), BigInteger.valueOf(fee));
    return reason(producer, TxCodec.encodeSigned(new SignedTransaction(claim, List.of())));
  }

  @Test
  void submit_takesAMergeForFree() {
    UtxoPos first = deposit(store, 1, ALICE, 100);
    UtxoPos second = deposit(store, 2, ALICE, 50);
    BlockProducer producer = producer(store, 10);

    accepted(
        producer.submit(
            signed(
                Payments.transfer(List.of(first, second), List.of(eth(ALICE, 150))),
                ALICE,
                ALICE)));
    producer.close();

    StoredBlock block = store.block(1000).orElseThrow();
    assertThat(block.transactions()).as("a free block has no claim").hasSize(1);
  }

  @Test
  void submit_acceptsTheReplacedFeeForTheGracePeriodOnly() {
    UtxoPos first = deposit(store, 1, ALICE, 100);
    UtxoPos second = deposit(store, 2, BOB, 100);
    BlockProducer producer = producer(store, 10);

    schedule.update(table(20));
    clock.advance(Duration.ofSeconds(29));
    accepted(producer.submit(pay(first, ALICE, eth(BOB, 100 - FEE))));
    clock.advance(Duration.ofSeconds(1));

    assertThat(reason(producer, pay(second, BOB, eth(ALICE, 100 - FEE))))
        .isEqualTo(Rejection.FEES_NOT_COVERED);
    accepted(producer.submit(pay(second, BOB, eth(ALICE, 80))));
  }

  @Test
  void close_appendsOneClaimPerTokenPayingExactlyTheBlocksFeesToTheClaimer() {
    UtxoPos alices = deposit(store, 1, ALICE, 100);
    UtxoPos bobs = deposit(store, 2, BOB, 100);
    UtxoPos tokens = tokenDeposit(3, ALICE, 50);
    BlockProducer producer = producer(store, 3);

    accepted(producer.submit(pay(alices, ALICE, eth(BOB, 100 - FEE))));
    accepted(
        producer.submit(pay(tokens, ALICE, Payments.token(BOB, TOKEN, BigInteger.valueOf(47)))));
    accepted(producer.submit(pay(bobs, BOB, eth(ALICE, 100 - FEE))));
    await(WAIT, "block 1000 stored", () -> stored.size() == 1);

    List<PaymentTransaction> txs = decoded(stored.getFirst());
    assertThat(txs).hasSize(5);
    assertThat(txs.subList(0, 3)).noneMatch(PaymentTransaction::isFeeClaim);
    assertThat(txs.subList(3, 5))
        .containsExactly(
            PaymentTransaction.feeClaim(1000, ETH, CLAIMER.address(), BigInteger.valueOf(2 * FEE)),
            PaymentTransaction.feeClaim(
                1000, TOKEN, CLAIMER.address(), BigInteger.valueOf(TOKEN_FEE)));
    assertThat(store.status(new UtxoPos(1000, 3, 0)))
        .isEqualTo(new UtxoStatus.Unspent(eth(CLAIMER, 2 * FEE)));
    assertThat(store.balanceOf(CLAIMER.address()))
        .containsEntry(ETH, BigInteger.valueOf(2 * FEE))
        .containsEntry(TOKEN, BigInteger.valueOf(TOKEN_FEE));
  }

  @Test
  void claimOutput_isSpentByTheClaimerInALaterBlock() {
    UtxoPos alices = deposit(store, 1, ALICE, 100);
    UtxoPos bobs = deposit(store, 2, BOB, 100);
    BlockProducer producer = producer(store, 2);
    accepted(producer.submit(pay(alices, ALICE, eth(BOB, 100 - FEE))));
    accepted(producer.submit(pay(bobs, BOB, eth(ALICE, 100 - FEE))));
    await(WAIT, "block 1000 stored", () -> stored.size() == 1);
    UtxoPos claim = new UtxoPos(1000, 2, 0);

    assertThat(reason(producer, pay(claim, ALICE, eth(ALICE, FEE))))
        .as("only the claimer spends it")
        .isEqualTo(Rejection.UNAUTHORIZED_SPEND);
    var spent = accepted(producer.submit(pay(claim, CLAIMER, eth(BOB, 2 * FEE - FEE))));
    producer.close();

    assertThat(spent.blknum()).isEqualTo(2000);
    assertThat(store.status(claim)).isEqualTo(UtxoStatus.SPENT);
    assertThat(store.status(new UtxoPos(2000, 0, 0)))
        .isEqualTo(new UtxoStatus.Unspent(eth(BOB, FEE)));
    assertEndsWithTheClaimOf(2000, FEE); // the claimer's own fee is claimed again
  }

  @Test
  void collectedFees_addsUpTheClaimsOfTheStoredBlocks() {
    UtxoPos alices = deposit(store, 1, ALICE, 100);
    UtxoPos bobs = deposit(store, 2, BOB, 100);
    UtxoPos tokens = tokenDeposit(3, ALICE, 50);
    BlockProducer producer = producer(store, 2);
    CollectedFees collected = new CollectedFees();
    producer.addBlockListener(collected::stored);

    accepted(producer.submit(pay(alices, ALICE, eth(BOB, 100 - FEE))));
    accepted(
        producer.submit(pay(tokens, ALICE, Payments.token(BOB, TOKEN, BigInteger.valueOf(47)))));
    accepted(producer.submit(pay(bobs, BOB, eth(ALICE, 100 - FEE))));
    producer.close();

    assertThat(stored).hasSize(2);
    assertThat(collected.snapshot())
        .containsExactly(
            Map.entry(ETH, BigInteger.valueOf(2 * FEE)),
            Map.entry(TOKEN, BigInteger.valueOf(TOKEN_FEE)));
  }

  /** Stored block {@code blknum} ends with the operator's claim of {@code fee} wei. */
  private void assertEndsWithTheClaimOf(long blknum, long fee) {
    assertThat(decoded(store.block(blknum).orElseThrow()).getLast())
        .isEqualTo(
            PaymentTransaction.feeClaim(blknum, ETH, CLAIMER.address(), BigInteger.valueOf(fee)));
  }

  private static List<PaymentTransaction> decoded(StoredBlock block) {
    return block.transactions().stream().map(tx -> tx.decode().get().tx()).toList();
  }
}
