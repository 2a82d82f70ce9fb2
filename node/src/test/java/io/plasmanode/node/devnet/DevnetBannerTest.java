package io.plasmanode.node.devnet;

import static org.assertj.core.api.Assertions.assertThat;

import io.plasmanode.core.fees.FeeSpec;
import io.plasmanode.core.fees.FeeTable;
import io.plasmanode.core.tx.PaymentTransaction;
import io.plasmanode.core.types.Address;
import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DevnetBannerTest {
  private static final Path DIR = Path.of(".devnet");
  private static final Address TOKEN = Address.fromHex("0x" + "de".repeat(20));
  private static final DevnetDeployment DEPLOYMENT =
      new DevnetDeployment(
          Address.fromHex("0x" + "c0".repeat(20)), TOKEN, 1, Duration.ofSeconds(60));
  private static final DevnetBanner.Endpoints ENDPOINTS =
      new DevnetBanner.Endpoints(
          "http://127.0.0.1:8545",
          "http://127.0.0.1:9656",
          false,
          "http://127.0.0.1:9656",
          Optional.of("http://127.0.0.1:9657"));

  @Test
  void text_showsTheFeeAPaymentPaysAndWhereItComesFrom() {
    String text = banner(ENDPOINTS, Optional.of(DevnetFees.TABLE));

    assertThat(text)
        .contains(
            "  fees              0.000001 ETH per payment (from "
                + DIR.resolve("fee-specs.json")
                + ", reloaded when edited; --no-fees for none)");
  }

  @Test
  void text_showsEachTokenTheOperatorTakesAFeeIn() {
    FeeTable twoTokens =
        new FeeTable(
            Map.of(
                PaymentTransaction.TX_TYPE_PAYMENT,
                Map.of(
                    Address.ZERO,
                    new FeeSpec(BigInteger.TEN.pow(12), BigInteger.TEN.pow(18), "ETH"),
                    TOKEN,
                    new FeeSpec(
                        BigInteger.valueOf(5).multiply(BigInteger.TEN.pow(18)),
                        BigInteger.TEN.pow(18),
                        "DEV"))));

    assertThat(banner(ENDPOINTS, Optional.of(twoTokens)))
        .contains(
            "  fees              0.000001 ETH or 5 DEV (token " + TOKEN.toHex() + ") per payment");
  }

  @Test
  void text_withoutFees_saysNone() {
    assertThat(banner(ENDPOINTS, Optional.empty()))
        .contains("  fees              none (--no-fees)" + System.lineSeparator());
  }

  @Test
  void text_withAFileThatChargesPaymentsNothing_saysNone() {
    assertThat(banner(ENDPOINTS, Optional.of(FeeTable.NONE)))
        .contains("  fees              none (" + DIR.resolve("fee-specs.json") + " charges");
  }

  @Test
  void text_showsTheOperatorsAndTheWatchersExplorer() {
    assertThat(banner(ENDPOINTS, Optional.empty()))
        .contains(
            "  explorer          http://127.0.0.1:9656/explorer/"
                + "  watcher's: http://127.0.0.1:9657/explorer/"
                + System.lineSeparator());
  }

  @Test
  void text_byzantine_pointsToTheOperatorNodesExplorer_andWithoutWatcherToItAlone() {
    DevnetBanner.Endpoints byzantine =
        new DevnetBanner.Endpoints(
            "http://127.0.0.1:8545",
            "http://127.0.0.1:9656",
            true,
            "http://127.0.0.1:40001",
            Optional.empty());

    assertThat(banner(byzantine, Optional.empty()))
        .contains("  operator JSON-RPC http://127.0.0.1:9656  BYZANTINE")
        .contains("  explorer          http://127.0.0.1:40001/explorer/" + System.lineSeparator());
  }

  private static String banner(DevnetBanner.Endpoints endpoints, Optional<FeeTable> fees) {
    List<DevnetBalances> balances =
        Collections.nCopies(
            DevnetAccounts.ALL.size(), new DevnetBalances(BigInteger.ONE, BigInteger.TWO));
    return new DevnetBanner(DIR, endpoints, DEPLOYMENT, fees, balances).text();
  }
}
