package io.plasmanode.node.operator;

import static io.plasmanode.node.testing.Payments.eth;
import static io.plasmanode.node.testing.Waits.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.plasmanode.contracts.testing.AnvilChain;
import io.plasmanode.core.crypto.PrivateKey;
import io.plasmanode.core.fees.FeeSpec;
import io.plasmanode.core.fees.FeeTable;
import io.plasmanode.core.testing.TestKeys;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import io.plasmanode.node.daemon.OperatorConfig;
import io.plasmanode.node.daemon.OperatorNode;
import io.plasmanode.node.fees.FeeSpecsJson;
import io.plasmanode.node.testing.OperatorSetup;
import io.plasmanode.node.testing.OperatorView;
import io.plasmanode.node.testing.PlasmaNetwork;
import io.plasmanode.node.testing.Scenario;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator daemon with {@code --fee-specs} on a real anvil and LevelDB: it serves the fee
 * table, refuses a payment without the fee, claims the fees it took for {@code --fee-claimer},
 * follows a change of the file (the previous fee accepted meanwhile), and after a restart the
 * claimer spends its claims.
 */
class OperatorFeesIT {
  private static final PrivateKey OPERATOR = TestKeys.CAROL;
  private static final PrivateKey ALICE = TestKeys.ALICE;
  private static final PrivateKey BOB = TestKeys.BOB;
  private static final PrivateKey CLAIMER = TestKeys.DAVE;
  private static final BigInteger ONE_ETH = AnvilChain.ether(1);
  private static final BigInteger FEE = BigInteger.valueOf(1_000_000_000_000L);

  @RegisterExtension
  final PlasmaNetwork net = PlasmaNetwork.builder().operator(OPERATOR).fund(TestKeys.ALL).build();

  @TempDir Path dir;

  private static FeeTable ethFee(BigInteger fee) {
    return new FeeTable(
        Map.of(1, Map.of(Address.ZERO, new FeeSpec(fee, BigInteger.TEN.pow(18), "ETH"))));
  }

  private Path writeSpecs(FeeTable table) throws IOException {
    Path next = Files.writeString(dir.resolve("fee-specs.json.new"), FeeSpecsJson.text(table));
    return Files.move(
        next,
        dir.resolve("fee-specs.json"),
        StandardCopyOption.REPLACE_EXISTING,
        StandardCopyOption.ATOMIC_MOVE);
  }

  private OperatorNode startOperator(Path specs) {
    OperatorConfig config =
        OperatorSetup.defaults()
            .config(URI.create(net.l1().rpcUrl()), net.l1().contract(), dir.resolve("operator"))
            .toBuilder()
            .feeSpecs(Optional.of(specs))
            .feeClaimer(Optional.of(CLAIMER.address()))
            .build();
    return OperatorNode.start(config, OPERATOR);
  }

  private static String fee(OperatorView operator) {
    return operator
        .rpc()
        .call("plasma_getFees")
        .path("1")
        .path(Address.ZERO.toHex())
        .path("amount")
        .asText();
  }

  private static String amountOf(JsonNode balances) {
    return balances.size() == 0 ? "0" : balances.get(0).get("amount").asText();
  }

  @Test
  void feesAreCharged_claimed_reloaded_andTheClaimsSpentAfterARestart() throws IOException {
    Path specs = writeSpecs(ethFee(FEE));
    OperatorNode operator = net.closeLater(startOperator(specs));
    Scenario users = net.scenario(PlasmaNetwork.rpcUrl(operator));
    UtxoPos deposit = users.deposit(ALICE, ONE_ETH);
    users.awaitCredited(ALICE, deposit);
    assertThat(fee(users.operator())).isEqualTo(FEE.toString());

    var free = users.operator().rejection(users.transfer(ALICE, deposit, eth(BOB, ONE_ETH)));
    assertThat(free).isPresent();
    assertThat(OperatorView.reason(free.get())).isEqualTo("fees_not_covered");
    assertThat(free.get().code()).isEqualTo(-32012);
    BigInteger toBob = ONE_ETH.subtract(FEE);
    var paid = users.pay(ALICE, deposit, eth(BOB, toBob));
    users.awaitClosed(paid.txHash());

    JsonNode fees = users.operator().rpc().call("plasma_status").get("fees");
    assertThat(fees.get("claimer").asText()).isEqualTo(CLAIMER.address().toHex());
    assertThat(amountOf(fees.get("collected"))).isEqualTo(FEE.toString());
    assertThat(amountOf(fees.get("claimerBalance"))).isEqualTo(FEE.toString());

    writeSpecs(ethFee(FEE.multiply(BigInteger.TWO)));
    await(
        "the new fee served",
        () -> fee(users.operator()).equals(FEE.multiply(BigInteger.TWO).toString()));
    var atOldFee = users.pay(BOB, paid.output(0), eth(ALICE, toBob.subtract(FEE)));
    users.awaitClosed(atOldFee.txHash());

    operator.close();
    OperatorNode restarted = net.closeLater(startOperator(specs));
    Scenario after = net.scenario(PlasmaNetwork.rpcUrl(restarted));
    List<UtxoPos> claims = after.operator().utxos(CLAIMER);
    assertThat(claims).hasSize(2);
    var merged = after.pay(CLAIMER, claims, eth(CLAIMER, FEE.multiply(BigInteger.TWO)));
    after.awaitClosed(merged.txHash());

    JsonNode feesAfter = after.operator().rpc().call("plasma_status").get("fees");
    assertThat(feesAfter.get("collected").size()).as("a merge pays no fee").isZero();
    assertThat(amountOf(feesAfter.get("claimerBalance")))
        .isEqualTo(FEE.multiply(BigInteger.TWO).toString());
    assertThat(after.operator().utxos(CLAIMER)).hasSize(1);
  }
}
