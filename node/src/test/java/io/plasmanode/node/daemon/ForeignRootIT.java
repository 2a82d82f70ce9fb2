package io.plasmanode.node.daemon;

import static io.plasmanode.node.testing.Payments.eth;
import static io.plasmanode.node.testing.Waits.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.plasmanode.contracts.l1.Fees;
import io.plasmanode.contracts.l1.SendResult;
import io.plasmanode.contracts.testing.AnvilChain;
import io.plasmanode.core.crypto.Keccak;
import io.plasmanode.core.crypto.PrivateKey;
import io.plasmanode.core.testing.TestKeys;
import io.plasmanode.core.tx.SignedTransaction;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Hash32;
import io.plasmanode.node.commit.L1CommitChannel;
import io.plasmanode.node.commit.ReconcileException;
import io.plasmanode.node.testing.OperatorView;
import io.plasmanode.node.testing.PlasmaNetwork;
import io.plasmanode.node.testing.Scenario;
import io.plasmanode.p2p.rpc.JsonRpcException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Someone else sends {@code submitBlock} with the operator's key (a leaked key, a second node)
 * while the operator is idle: real anvil and contract, the operator with its LevelDB and its
 * JSON-RPC server on 127.0.0.1. The operator stops block production at once with an alarm naming
 * the foreign root, refuses transfers with {@code operator_halted}, and a restart refuses with the
 * diagnosis "foreign root at block N", not "another contract".
 */
class ForeignRootIT {
  private static final PrivateKey OPERATOR = TestKeys.CAROL;
  private static final PrivateKey ALICE = TestKeys.ALICE;
  private static final PrivateKey BOB = TestKeys.BOB;
  private static final BigInteger ETHER = AnvilChain.ether(1);

  @RegisterExtension final PlasmaNetwork net = PlasmaNetwork.builder().operator(OPERATOR).build();

  private AnvilChain l1;
  private OperatorNode operator;
  private Scenario users;

  @BeforeEach
  void start() {
    l1 = net.l1();
    operator = net.startOperator();
    users = net.scenario(PlasmaNetwork.rpcUrl(operator));
  }

  @Test
  void foreignSubmissionWhileIdle_haltsProductionWithTheAlarmAndRestartNamesIt() {
    UtxoPos deposit = deposit(ALICE);
    UtxoPos toBob = submit(transfer(deposit, ALICE, BOB));
    await("block 1000 committed", () -> lastCommittedBlock() == 1000);
    await("no alarm", () -> status().path("alarms").isEmpty());

    // The operator is idle; someone else commits block 2000 with the operator's key.
    Hash32 foreign = Keccak.keccak256("not this operator's block".getBytes(StandardCharsets.UTF_8));
    Hash32 foreignTx = l1.as(OPERATOR).submitBlock(foreign);

    await("an alarm in plasma_status", () -> !status().path("alarms").isEmpty());
    String alarm = status().path("alarms").get(0).asText();
    assertThat(alarm)
        .startsWith("block 2000 on L1 has root " + foreign.toHex())
        .contains("L1 tx " + foreignTx.toHex())
        .contains("that this operator did not produce (it has no block 2000)")
        .contains("someone else is submitting blocks with the operator key")
        .contains("Stop every other node that uses the operator key");
    assertThat(status().path("alarms")).hasSize(1);

    JsonRpcException refused = refusal(transfer(toBob, BOB, ALICE));
    assertThat(refused.code()).isEqualTo(-32016);
    assertThat(refused.data().orElseThrow().path("reason").asText()).isEqualTo("operator_halted");
    assertThat(refused.getMessage())
        .startsWith("operator_halted: the operator halted block production: block 2000 on L1")
        .contains(foreign.toHex());
    assertThat(status().path("mempoolSize").asInt()).isZero();
    assertThat(status().path("height").asLong()).isEqualTo(1000);

    operator.close();
    assertThatThrownBy(net::startOperator)
        .isInstanceOf(ReconcileException.class)
        .hasMessageStartingWith(
            "L1 has a block this operator did not produce (foreign root at block 2000)")
        .hasMessageContaining("L1 tx " + foreignTx.toHex())
        .hasMessageContaining("agrees with L1 up to block 1000, so it belongs to this contract")
        .hasMessageNotContaining("does not belong");
  }

  @Test
  void secondNodeReplacingTheOperatorsSubmission_isNamedAsTheForeignRoot() {
    UtxoPos deposit = deposit(ALICE);
    UtxoPos toBob = submit(transfer(deposit, ALICE, BOB));
    await("block 1000 committed", () -> lastCommittedBlock() == 1000);
    l1.setAutomine(false);
    long nonce = l1.nonce(OPERATOR.address());
    UtxoPos toAlice = submit(transfer(toBob, BOB, ALICE));
    await("block 2000 closed", () -> status().path("height").asLong() == 2000);
    await("the operator's submission of block 2000 in the pool", () -> pendingNonce() > nonce);

    // A second node on the same key sends its own block 2000 with the same nonce, higher fees.
    L1CommitChannel secondNode = secondNode();
    Hash32 foreign = Keccak.keccak256("the second node's block".getBytes(StandardCharsets.UTF_8));
    Fees higher = secondNode.suggestedFees().bumped(200);
    assertThat(secondNode.submitBlock(foreign, nonce, higher).outcome())
        .isEqualTo(SendResult.Outcome.SENT);
    l1.mine();

    await("an alarm in plasma_status", () -> !status().path("alarms").isEmpty());
    assertThat(status().path("alarms").get(0).asText())
        .startsWith("block 2000 on L1 has root " + foreign.toHex())
        .contains("that this operator did not produce (its own block 2000 has root 0x");
    JsonRpcException refused = refusal(transfer(toAlice, ALICE, BOB));
    assertThat(refused.data().orElseThrow().path("reason").asText()).isEqualTo("operator_halted");
    assertThat(l1.as(OPERATOR).nextChildBlock()).isEqualTo(3000);

    operator.close();
    assertThatThrownBy(net::startOperator)
        .isInstanceOf(ReconcileException.class)
        .hasMessageContaining("foreign root at block 2000")
        .hasMessageContaining("this database's block 2000 has root")
        .hasMessageContaining("its root on L1 is " + high224(foreign).toHex());
  }

  /** A second node's commit channel with the operator's key: sends what it is told. */
  private L1CommitChannel secondNode() {
    return new L1CommitChannel(
        l1.sender(OPERATOR), l1.contract(), L1CommitChannel.DEFAULT_GAS_LIMIT, 0);
  }

  private long pendingNonce() {
    return secondNode().pendingNonce();
  }

  private static Hash32 high224(Hash32 root) {
    byte[] bytes = root.toArray();
    bytes[28] = bytes[29] = bytes[30] = bytes[31] = 0;
    return Hash32.of(bytes);
  }

  private UtxoPos deposit(PrivateKey owner) {
    return users.depositCredited(owner, ETHER);
  }

  private SignedTransaction transfer(UtxoPos input, PrivateKey from, PrivateKey to) {
    return users.transfer(from, input, eth(to, ETHER));
  }

  /** Submits; returns the new output. */
  private UtxoPos submit(SignedTransaction tx) {
    return rpc().submit(tx).output(0);
  }

  private JsonRpcException refusal(SignedTransaction tx) {
    return rpc()
        .rejection(tx)
        .orElseThrow(() -> new AssertionError("the halted operator accepted a transaction"));
  }

  private OperatorView rpc() {
    return users.operator();
  }

  private JsonNode status() {
    return rpc().status();
  }

  private long lastCommittedBlock() {
    return rpc().lastCommittedBlock();
  }
}
