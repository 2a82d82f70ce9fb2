package io.plasmanode.node.daemon;

import static io.plasmanode.node.testing.Payments.eth;
import static io.plasmanode.node.testing.Waits.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.plasmanode.contracts.testing.AnvilChain;
import io.plasmanode.core.crypto.PrivateKey;
import io.plasmanode.core.fees.FeeSpec;
import io.plasmanode.core.fees.FeeTable;
import io.plasmanode.core.l1.ExitState;
import io.plasmanode.core.testing.TestKeys;
import io.plasmanode.core.tx.PaymentTransaction;
import io.plasmanode.core.tx.SignedTransaction;
import io.plasmanode.core.tx.TxCodec;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Hex;
import io.plasmanode.exitgame.ByzantineEvent;
import io.plasmanode.node.cli.UserCli;
import io.plasmanode.node.fees.FeeSpecsJson;
import io.plasmanode.node.testing.FakeOperator;
import io.plasmanode.node.testing.OperatorSetup;
import io.plasmanode.node.testing.Payments;
import io.plasmanode.node.testing.PlasmaNetwork;
import io.plasmanode.node.testing.Scenario;
import io.plasmanode.node.testing.WatcherView;
import io.plasmanode.node.watcher.WatcherNode;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Fees (issue 15) end to end on the real contract (anvil), a real operator charging an ETH fee
 * (LevelDB, Netty JSON-RPC) and a real watcher: users pay fees with {@code plasma transfer}, each
 * block's fee-claim pays the claimer, who merges and spends claim outputs on the child chain and
 * exits one on L1, paid by processExits; a byzantine operator's inflated claim is an invalid block.
 */
class FeesIT {
  private static final PrivateKey OPERATOR = TestKeys.CAROL;
  private static final PrivateKey ALICE = TestKeys.ALICE;
  private static final PrivateKey BOB = TestKeys.BOB;
  private static final PrivateKey CLAIMER = TestKeys.numbered(15);
  private static final PrivateKey PROCESSOR = TestKeys.DAVE;
  private static final Address ETH = Payments.ETH;
  private static final Duration EXIT_PERIOD = PlasmaNetwork.SHORT_EXIT_PERIOD;
  private static final BigInteger ONE_ETH = AnvilChain.ether(1);
  private static final BigInteger QUARTER_ETH = ONE_ETH.divide(BigInteger.valueOf(4));
  private static final BigInteger FEE = BigInteger.valueOf(1_000_000_000_000L);
  private static final FeeTable ETH_FEE =
      new FeeTable(
          Map.of(
              PaymentTransaction.TX_TYPE_PAYMENT,
              Map.of(ETH, new FeeSpec(FEE, BigInteger.TEN.pow(18), "ETH"))));

  @RegisterExtension
  final PlasmaNetwork net =
      PlasmaNetwork.builder()
          .operator(OPERATOR)
          .exitPeriod(EXIT_PERIOD)
          .fund(List.of(ALICE, BOB, CLAIMER, PROCESSOR))
          .build();

  @Test
  void transfersPayFees_claimsPayTheClaimer_whoSpendsThemAndExitsOneOnL1() throws IOException {
    OperatorNode operator = startChargingOperator();
    WatcherNode watcher = net.startWatcher(PlasmaNetwork.rpcUrl(operator), w -> w);
    Scenario users = net.scenario(PlasmaNetwork.rpcUrl(operator));
    UserCli alice = cli(ALICE, PlasmaNetwork.rpcUrl(operator), watcher);
    UserCli claimer = cli(CLAIMER, PlasmaNetwork.rpcUrl(operator), watcher);
    users.depositCredited(ALICE, ONE_ETH);

    List<UtxoPos> claims =
        List.of(
            payBobAQuarter(alice, users),
            payBobAQuarter(alice, users),
            payBobAQuarter(alice, users));

    assertThat(users.operator().balance(ALICE))
        .isEqualTo(
            ONE_ETH
                .subtract(QUARTER_ETH.multiply(BigInteger.valueOf(3)))
                .subtract(FEE.multiply(BigInteger.valueOf(3))));
    assertThat(users.operator().balance(CLAIMER)).isEqualTo(FEE.multiply(BigInteger.valueOf(3)));
    assertThat(users.operator().utxos(CLAIMER)).containsExactlyInAnyOrderElementsOf(claims);

    // The claimer merges two claim outputs (free), then pays Bob from the merged output, leaving
    // exactly the fee: both are spends of claim outputs on the child chain.
    JsonNode merged = claimer.json("merge");
    assertThat(merged.get("merged")).hasSize(1);
    JsonNode mergeTx = merged.get("merged").get(0);
    assertThat(mergeTx.get("inputs")).hasSize(3);
    UtxoPos joined = new UtxoPos(mergeTx.get("blknum").asLong(), mergeTx.get("txIndex").asInt(), 0);
    users.awaitClosed(mergeTx.get("txHash").asText());
    JsonNode paid =
        claimer.json(
            "transfer",
            "--to",
            BOB.address().toHex(),
            "--amount",
            FEE.multiply(BigInteger.TWO) + "wei");
    assertThat(paid.get("inputs").get(0).asText()).isEqualTo(joined.toString());
    assertThat(paid.get("fee").get("amount").asText()).isEqualTo(FEE.toString());
    users.awaitClosed(paid.get("txHash").asText());
    UtxoPos ownClaim = claimOf(users, paid.get("blknum").asLong());
    assertThat(users.operator().balance(CLAIMER)).isEqualTo(FEE);

    // The claimer exits the claim of its own transfer's block on L1 and processExits pays it.
    users.awaitCommitted(ownClaim.blknum());
    users.startExit(CLAIMER, ownClaim);
    assertThat(users.exit(ownClaim).status()).isEqualTo(ExitState.Status.ACTIVE);
    BigInteger before = users.l1Balance(CLAIMER);
    net.l1().advanceTime(EXIT_PERIOD.multipliedBy(2).plusSeconds(1));
    users.processExits(PROCESSOR, 0, 10);
    assertThat(users.l1Balance(CLAIMER)).isEqualTo(before.add(FEE).add(PlasmaNetwork.BOND));

    await(
        "the watcher validated every block",
        () -> watcher.status().syncedHeight() >= ownClaim.blknum());
    assertThat(WatcherView.eventTypes(watcher)).isEmpty();
  }

  /**
   * The load generator against the charging operator: every fan-out and measured transaction pays
   * the fee, so the claimer ends up with one fee per transaction; with --no-fees it stops at once,
   * saying the operator charges fees.
   */
  @Test
  void bench_paysTheFeeOnEveryTransaction() throws Exception {
    OperatorNode operator = startChargingOperator();
    String rpc = PlasmaNetwork.rpcUrl(operator).toString();
    Path result = net.dir().resolve("bench.json");

    UserCli.Run refused = bench(rpc, "--no-fees");
    assertThat(refused.exitCode()).isEqualTo(1);
    assertThat(refused.err()).contains("--no-fees, but the operator charges fees for payments");

    UserCli.Run run = bench(rpc, "--out", result.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("fees:            1,000,000,000,000 wei per transaction");
    JsonNode json = new ObjectMapper().readTree(Files.readString(result));
    assertThat(json.path("accepted").asLong()).isEqualTo(200);
    assertThat(json.path("feeWeiPerTx").asLong()).isEqualTo(FEE.longValue());
    long transactions = 200 + json.path("fanOut").path("transactions").asLong();
    Scenario users = net.scenario(PlasmaNetwork.rpcUrl(operator));
    await(
        "every fee claimed",
        () ->
            users
                .operator()
                .balance(CLAIMER)
                .equals(FEE.multiply(BigInteger.valueOf(transactions))));
  }

  private UserCli.Run bench(String rpc, String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "bench",
                "--rpc",
                rpc,
                "--l1",
                net.l1().rpcUrl(),
                "--accounts",
                "5",
                "--txs",
                "200",
                "--two-input-percent",
                "50",
                "--connections",
                "2",
                "--batch",
                "50",
                "--drain-timeout",
                "60"));
    args.addAll(List.of(extra));
    return cli(PROCESSOR, URI.create(rpc), Optional.empty()).run(args.toArray(String[]::new));
  }

  /**
   * A byzantine operator (it commits and serves what the test decides) charging the same fee takes
   * Alice's {@code plasma transfer}, which pays the fee, into a valid block with a claim of that
   * fee; the next block's claim takes twice the fee its transaction left. The watcher validates the
   * first and flags the second as an invalid block, naming the claim.
   */
  @Test
  void inflatedClaimAfterAWalletsFeePayingTransfer_isAnInvalidBlock() {
    FakeOperator fake = net.startFakeOperator();
    fake.charge(ETH_FEE);
    Scenario users = net.scenario();
    WatcherNode watcher = net.startWatcher(fake.endpoint(), w -> w);
    UtxoPos deposit = users.deposit(ALICE, ONE_ETH);
    fake.listUtxo(deposit, eth(ALICE, ONE_ETH));
    UserCli alice = cli(ALICE, fake.endpoint(), watcher);

    JsonNode sent = alice.json("transfer", "--to", BOB.address().toHex(), "--amount", "0.25eth");
    assertThat(sent.get("fee").get("amount").asText()).isEqualTo(FEE.toString());
    SignedTransaction paid = fake.received().getLast();
    assertThat(paid.tx().outputs())
        .containsExactly(
            eth(BOB, QUARTER_ETH), eth(ALICE, ONE_ETH.subtract(QUARTER_ETH).subtract(FEE)));
    fake.commitAndServe(1000, List.of(paid, claim(1000, FEE)));
    await("block 1000 validated", () -> watcher.status().syncedHeight() == 1000);
    assertThat(WatcherView.eventTypes(watcher)).isEmpty();

    SignedTransaction back =
        users.transfer(BOB, new UtxoPos(1000, 0, 0), eth(ALICE, QUARTER_ETH.subtract(FEE)));
    fake.commitAndServe(2000, List.of(back, claim(2000, FEE.multiply(BigInteger.TWO))));

    await("invalid_block", () -> WatcherView.eventTypes(watcher).contains("invalid_block"));
    var event = (ByzantineEvent.InvalidBlock) watcher.status().byzantineEvents().getFirst();
    assertThat(event.blknum()).isEqualTo(2000);
    assertThat(event.txIndex()).isEqualTo(1);
    assertThat(event.reason()).contains("fee_claim_exceeds_fees");
    assertThat(watcher.status().syncedHeight()).isEqualTo(1000);
  }

  private static SignedTransaction claim(long blknum, BigInteger amount) {
    return new SignedTransaction(
        PaymentTransaction.feeClaim(blknum, ETH, OPERATOR.address(), amount), List.of());
  }

  /** Alice pays Bob 0.25 ETH with {@code plasma transfer}; the claim output of its block. */
  private static UtxoPos payBobAQuarter(UserCli alice, Scenario users) {
    JsonNode sent = alice.json("transfer", "--to", BOB.address().toHex(), "--amount", "0.25eth");
    assertThat(sent.get("fee").get("token").asText()).isEqualTo(ETH.toHex());
    assertThat(sent.get("fee").get("amount").asText()).isEqualTo(FEE.toString());
    users.awaitClosed(sent.get("txHash").asText());
    return claimOf(users, sent.get("blknum").asLong());
  }

  /** The claimer's claim output in block {@code blknum}: its last transaction, a fee claim. */
  private static UtxoPos claimOf(Scenario users, long blknum) {
    JsonNode transactions = users.operator().block(blknum).get("transactions");
    int last = transactions.size() - 1;
    PaymentTransaction claim =
        TxCodec.decodeSigned(Hex.decode(transactions.get(last).asText())).get().tx();
    assertThat(claim.isFeeClaim()).isTrue();
    assertThat(claim.outputs()).hasSize(1);
    assertThat(claim.outputs().getFirst().owner()).isEqualTo(CLAIMER.address());
    assertThat(claim.outputs().getFirst().amount()).isEqualTo(FEE);
    return new UtxoPos(blknum, last, 0);
  }

  /**
   * The operator, charging {@link #FEE} wei per payment from a fee-specs file, claims to CLAIMER.
   */
  private OperatorNode startChargingOperator() throws IOException {
    Path specs = Files.writeString(net.dir().resolve("fee-specs.json"), FeeSpecsJson.text(ETH_FEE));
    return net.closeLater(
        OperatorNode.start(
            OperatorSetup.defaults()
                .config(
                    URI.create(net.l1().rpcUrl()),
                    net.l1().contract(),
                    net.dir().resolve("operator"))
                .toBuilder()
                .feeSpecs(Optional.of(specs))
                .feeClaimer(Optional.of(CLAIMER.address()))
                .build(),
            OPERATOR));
  }

  private UserCli cli(PrivateKey key, URI operator, WatcherNode watcher) {
    return cli(key, operator, Optional.of(watcher));
  }

  private UserCli cli(PrivateKey key, URI operator, Optional<WatcherNode> watcher) {
    return new UserCli(
        key,
        net.dir().resolve("home-" + key.address().toHex()),
        URI.create(net.l1().rpcUrl()),
        net.l1().contract().toHex(),
        operator,
        URI.create("http://127.0.0.1:" + watcher.map(WatcherNode::rpcPort).orElse(9)));
  }
}
