package io.plasmanode.contracts.l1;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plasmanode.contracts.testing.AnvilChain;
import io.plasmanode.core.crypto.Keccak;
import io.plasmanode.core.testing.TestKeys;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Hash32;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The gateway's one sender against a real anvil: every send is EIP-1559 and simulated first. */
class L1SenderIT {
  private static AnvilChain l1;

  @BeforeAll
  static void start() {
    l1 = AnvilChain.start(TestKeys.ALICE, Duration.ofSeconds(100), AnvilChain.ether(1));
    l1.fund(TestKeys.BOB.address());
  }

  @AfterAll
  static void stop() {
    if (l1 != null) {
      l1.close();
    }
  }

  @Test
  void execute_sendsAnEip1559TransactionWithAnEstimatedGasLimit() {
    Hash32 root = Keccak.keccak256("a block".getBytes(StandardCharsets.UTF_8));
    Hash32 txHash =
        l1.sender(TestKeys.ALICE)
            .execute("submitBlock", ContractCalls.submitBlock(l1.contract(), root));
    var tx = l1.transaction(txHash);
    assertThat(tx.getType()).isEqualTo("0x2");
    assertThat(tx.getMaxPriorityFeePerGas()).isPositive();
    BigInteger used = l1.receipt(txHash).getGasUsed();
    assertThat(tx.getGas()).isGreaterThan(used).isLessThan(used.multiply(BigInteger.TWO));
  }

  @Test
  void execute_ofACallThatWouldRevert_failsWithTheNamedErrorAndSendsNothing() {
    Address bob = TestKeys.BOB.address();
    long nonce = l1.nonce(bob);
    Hash32 root = Keccak.keccak256("not bob's to submit".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(
            () ->
                l1.sender(TestKeys.BOB)
                    .execute("submitBlock", ContractCalls.submitBlock(l1.contract(), root)))
        .isInstanceOfSatisfying(
            L1Exception.class, e -> assertThat(e.errorName()).contains("NotOperator"));
    assertThat(l1.nonce(bob)).isEqualTo(nonce);
  }

  @Test
  void sign_isDeterministicAndSendReportsAReSendAsKnown() {
    L1Sender sender = l1.sender(TestKeys.BOB);
    ContractCall call = ContractCall.of(TestKeys.CAROL.address(), "0x");
    l1.setAutomine(false);
    try {
      long nonce = l1.client().pendingNonce(sender.address());
      Fees fees = l1.client().suggestedFees();
      SignedTx first = sender.sign(call, nonce, fees, 30_000);
      SignedTx again = sender.sign(call, nonce, fees, 30_000);
      assertThat(again).isEqualTo(first);
      assertThat(sender.send(first).outcome()).isEqualTo(SendResult.Outcome.SENT);
      assertThat(sender.send(again).outcome()).isEqualTo(SendResult.Outcome.ALREADY_KNOWN);
      assertThat(l1.client().known(first.txHash())).isTrue();
    } finally {
      l1.setAutomine(true);
      l1.mine();
    }
  }

  @Test
  void deploy_returnsTheNewContractsAddress() {
    Address token =
        PlasmaDeployer.deployDevToken(
            l1.sender(TestKeys.BOB), java.util.List.of(TestKeys.CAROL.address()), BigInteger.TEN);
    assertThat(l1.client().hasCode(token)).isTrue();
    assertThat(l1.client().erc20Balance(token, TestKeys.CAROL.address())).contains(BigInteger.TEN);
    assertThat(l1.client().erc20Balance(token, TestKeys.BOB.address())).contains(BigInteger.ZERO);
  }
}
