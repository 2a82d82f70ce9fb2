package io.plasmanode.contracts.testing;

import static io.plasmanode.contracts.testing.AnvilChain.ether;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plasmanode.core.crypto.PrivateKey;
import io.plasmanode.core.testing.TestKeys;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Hash32;
import java.io.IOException;
import java.math.BigInteger;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.web3j.protocol.core.DefaultBlockParameterName;

/** The fixture's own helpers, beyond what the contract tests exercise. */
class AnvilChainIT {
  private static final PrivateKey OPERATOR = TestKeys.BOB;
  private static AnvilChain l1;

  @BeforeAll
  static void start() {
    l1 = AnvilChain.start(OPERATOR, Duration.ofSeconds(100), ether(1));
  }

  @AfterAll
  static void stop() {
    if (l1 != null) {
      l1.close();
    }
  }

  @Test
  void start_deploysPlasmaFromTheFundedOperator() {
    assertThat(l1.as(TestKeys.DAVE).exitBond()).isEqualTo(ether(1));
    assertThat(l1.as(TestKeys.DAVE).contractAddress()).isEqualTo(l1.contract());
    assertThat(l1.nonce(OPERATOR.address())).isEqualTo(1);
    assertThat(l1.rpcUrl()).startsWith("http://127.0.0.1:");
  }

  @Test
  void call_returnsTheResultOrNullNodeAndThrowsOnAnError() {
    Address someone = Address.fromHex("0x" + "ab".repeat(20));
    assertThat(l1.call("eth_chainId").asText()).isEqualTo("0x7a69");
    assertThat(l1.call("anvil_setBalance", someone.toHex(), "0x2a").isNull()).isTrue();
    assertThat(l1.balance(someone)).isEqualTo(42);
    assertThatThrownBy(() -> l1.call("no_such_method"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageStartingWith("no_such_method: ");
  }

  @Test
  void withoutAutomine_aTransactionIsPendingUntilMine() throws IOException {
    PrivateKey carol = TestKeys.CAROL;
    long before = l1.nonce(carol.address());
    l1.setAutomine(false);
    try {
      Hash32 hash =
          Hash32.fromHex(
              l1.manager(carol)
                  .sendTransaction(
                      AnvilChain.GAS.getGasPrice(),
                      BigInteger.valueOf(21_000),
                      TestKeys.DAVE.address().toHex(),
                      "",
                      BigInteger.ONE)
                  .getTransactionHash());
      assertThat(l1.transaction(hash).getBlockHash()).isNull();
      assertThat(l1.nonce(carol.address())).isEqualTo(before);
      l1.mine();
      assertThat(l1.receipt(hash).isStatusOK()).isTrue();
      assertThat(l1.nonce(carol.address())).isEqualTo(before + 1);
      assertThat(l1.fee(hash))
          .isEqualTo(AnvilChain.GAS.getGasPrice().multiply(BigInteger.valueOf(21_000)));
    } finally {
      l1.setAutomine(true);
    }
  }

  @Test
  void advanceTime_minesABlockThatMuchLater() throws IOException {
    BigInteger before = latestTimestamp();
    l1.advanceTime(Duration.ofHours(1));
    assertThat(latestTimestamp().subtract(before).longValueExact()).isBetween(3600L, 3610L);
  }

  private static BigInteger latestTimestamp() throws IOException {
    return l1.web3j()
        .ethGetBlockByNumber(DefaultBlockParameterName.LATEST, false)
        .send()
        .getBlock()
        .getTimestamp();
  }
}
