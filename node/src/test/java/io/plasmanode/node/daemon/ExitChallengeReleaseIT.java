package io.plasmanode.node.daemon;

import static io.plasmanode.node.testing.L1Reorgs.height;
import static io.plasmanode.node.testing.L1Reorgs.mine;
import static io.plasmanode.node.testing.L1Reorgs.pause;
import static io.plasmanode.node.testing.L1Reorgs.reorg;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.plasmanode.contracts.anvil.AnvilProcess;
import io.plasmanode.contracts.l1.L1Exception;
import io.plasmanode.contracts.testing.AnvilChain;
import io.plasmanode.core.crypto.PrivateKey;
import io.plasmanode.core.eip712.Eip712Domain;
import io.plasmanode.core.eip712.TransactionSigner;
import io.plasmanode.core.l1.ExitState;
import io.plasmanode.core.merkle.MerkleTree;
import io.plasmanode.core.testing.TestKeys;
import io.plasmanode.core.tx.Output;
import io.plasmanode.core.tx.PaymentTransaction;
import io.plasmanode.core.tx.SignedTransaction;
import io.plasmanode.core.tx.TxCodec;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Hex;
import io.plasmanode.p2p.rpc.JsonRpcClient;
import io.plasmanode.p2p.rpc.JsonRpcException;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.stream.StreamSupport;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The frozen-output attack, on a real anvil with the Plasma contract and a real operator (LevelDB,
 * JSON-RPC over Netty on 127.0.0.1): Alice deposits and starts a standard exit; Carol holds Alice's
 * signature over a swap that was never submitted to the child chain and challenges the exit with
 * it, taking the bond. Before the fix the operator kept the output locked for good, and the
 * contract refuses a challenged exit's restart: the money was frozen on both chains. Now the
 * operator releases the output once the challenge has its confirmations (a challenge reorganised
 * out before that releases nothing), the release survives a restart, and Alice's transfer of the
 * output is included in a block.
 */
class ExitChallengeReleaseIT {
  private static final PrivateKey OPERATOR = TestKeys.DAVE;
  private static final PrivateKey ALICE = TestKeys.ALICE;
  private static final PrivateKey BOB = TestKeys.BOB;
  private static final PrivateKey CAROL = TestKeys.CAROL;
  private static final int CONFIRMATIONS = 2;
  private static final BigInteger AMOUNT = AnvilChain.ether(1);
  private static final UtxoPos DEPOSIT = new UtxoPos(1, 0, 0);
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path dir;

  private final AnvilChain l1 =
      AnvilChain.start(
          OPERATOR, Duration.ofSeconds(100), AnvilChain.ether(1).divide(BigInteger.TEN));
  private final TransactionSigner signer =
      new TransactionSigner(new Eip712Domain(l1.contract(), AnvilProcess.CHAIN_ID));
  private OperatorNode operator;
  private JsonRpcClient rpc;

  @AfterEach
  void stop() {
    stopOperator();
    l1.close();
  }

  @Test
  void exitChallengedWithAnUnincludedSpend_releasesTheOutput_andTheOwnerTransfersIt() {
    List.of(ALICE, CAROL).forEach(user -> l1.fund(user.address()));
    startOperator();
    aliceDepositsAndExits();
    SignedTransaction swap = sign(ALICE, out(CAROL)); // handed to Carol, never submitted

    // Carol's first challenge is reorganised out before it has its confirmations: no release.
    long before = height(l1);
    challenge(swap);
    pause(Duration.ofMillis(600)); // several polls: the operator may not act yet
    reorg(l1, (int) (height(l1) - before));
    assertThat(exitStatus()).isEqualTo(ExitState.Status.ACTIVE);
    mine(l1, CONFIRMATIONS + 2);
    await("the operator past the replaced blocks", () -> l1HeightSeen() >= before + 1);
    assertThat(aliceUtxos()).as("still locked").doesNotContain(DEPOSIT.toString());

    // Her challenge again, buried: the operator releases the output.
    challenge(swap);
    mine(l1, CONFIRMATIONS);
    await("the release", () -> aliceUtxos().contains(DEPOSIT.toString()));
    assertThat(exitStatus()).isEqualTo(ExitState.Status.CHALLENGED);

    // The release survives a restart; Alice moves the output on the child chain.
    stopOperator();
    startOperator();
    assertThat(aliceUtxos()).containsExactly(DEPOSIT.toString());
    JsonNode paid = submit(sign(ALICE, out(BOB)));
    await("Alice's transfer in a closed block", () -> included(paid.get("txHash").asText()));
    assertThat(utxos(BOB))
        .containsExactly(new UtxoPos(paid.get("blknum").asLong(), 0, 0).toString());
    assertThat(aliceUtxos()).isEmpty();

    // On L1 that output can never exit again: it had to move here first.
    assertThatThrownBy(this::exitAlicesDeposit)
        .isInstanceOfSatisfying(
            L1Exception.class, e -> assertThat(e.errorName()).hasValue("ExitWasChallenged"));
  }

  /** Alice's deposit is credited, her exit of it locks it: her spend of it is refused. */
  private void aliceDepositsAndExits() {
    l1.as(ALICE).deposit(depositTx(), AMOUNT);
    mine(l1, CONFIRMATIONS);
    await("the deposit credited", () -> aliceUtxos().contains(DEPOSIT.toString()));
    exitAlicesDeposit();
    mine(l1, CONFIRMATIONS);
    await("the exit lock", () -> aliceUtxos().isEmpty());
    assertThatThrownBy(() -> submit(sign(ALICE, out(BOB))))
        .isInstanceOf(JsonRpcException.class)
        .hasMessageStartingWith("utxo_exiting");
  }

  private void exitAlicesDeposit() {
    byte[] tx = depositTx();
    l1.as(ALICE).startStandardExit(DEPOSIT, tx, MerkleTree.of(List.of(tx)).proof(0).toBytes());
  }

  private void challenge(SignedTransaction spend) {
    l1.as(CAROL)
        .challengeStandardExit(
            DEPOSIT, TxCodec.encode(spend.tx()), 0, spend.signatures().getFirst());
    assertThat(exitStatus()).isEqualTo(ExitState.Status.CHALLENGED);
  }

  private ExitState.Status exitStatus() {
    return l1.as(CAROL).exit(DEPOSIT).status();
  }

  private static byte[] depositTx() {
    return TxCodec.encode(PaymentTransaction.deposit(out(ALICE)));
  }

  private static Output out(PrivateKey owner) {
    return new Output(owner.address(), Address.ZERO, AMOUNT);
  }

  /** {@code owner} spends the deposit whole to {@code output}. */
  private SignedTransaction sign(PrivateKey owner, Output output) {
    return signer.sign(
        PaymentTransaction.transfer(List.of(DEPOSIT), List.of(output)), List.of(owner));
  }

  private void startOperator() {
    operator =
        TestOperators.start(
            URI.create(l1.rpcUrl()),
            l1.contract(),
            dir.resolve("operator"),
            OPERATOR,
            CONFIRMATIONS,
            Duration.ofMillis(300),
            Duration.ofMillis(100));
    rpc = new JsonRpcClient(URI.create("http://127.0.0.1:" + operator.rpcPort()));
  }

  private void stopOperator() {
    if (rpc != null) {
      rpc.close();
    }
    if (operator != null) {
      operator.close();
    }
  }

  private long l1HeightSeen() {
    return operator.status().l1HeightSeen();
  }

  private JsonNode submit(SignedTransaction tx) {
    return rpc.call("plasma_submitTransaction", Hex.encode(TxCodec.encodeSigned(tx)));
  }

  private boolean included(String txHash) {
    return !rpc.call("plasma_getTransaction", txHash).isNull();
  }

  private List<String> aliceUtxos() {
    return utxos(ALICE);
  }

  private List<String> utxos(PrivateKey owner) {
    JsonNode utxos = rpc.call("plasma_getUtxos", owner.address().toHex());
    return StreamSupport.stream(utxos.spliterator(), false)
        .map(utxo -> utxo.get("utxoPos").asText())
        .toList();
  }

  private static void await(String what, BooleanSupplier condition) {
    Awaitility.await(what)
        .atMost(WAIT)
        .dontCatchUncaughtExceptions()
        .pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofMillis(10))
        .until(condition::getAsBoolean);
  }
}
