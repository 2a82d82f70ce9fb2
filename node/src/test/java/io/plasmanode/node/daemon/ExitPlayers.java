package io.plasmanode.node.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import io.plasmanode.contracts.anvil.AnvilProcess;
import io.plasmanode.contracts.testing.AnvilChain;
import io.plasmanode.core.crypto.PrivateKey;
import io.plasmanode.core.eip712.Eip712Domain;
import io.plasmanode.core.eip712.TransactionSigner;
import io.plasmanode.core.l1.L1Event;
import io.plasmanode.core.merkle.MerkleTree;
import io.plasmanode.core.tx.Output;
import io.plasmanode.core.tx.PaymentTransaction;
import io.plasmanode.core.tx.TxCodec;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Hex;
import io.plasmanode.p2p.rpc.JsonRpcClient;
import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Users of the child chain starting standard exits on L1, honest or not, one story per {@link
 * #playOne()}, chosen at random (seeded): the exit of an unspent deposit or child output (valid),
 * or of a deposit or child output already spent in a committed block (invalid: a watcher must
 * challenge it). Each story deposits fresh money, transacts through the operator and waits for the
 * block's commitment before exiting, as a user would.
 */
final class ExitPlayers {
  private static final BigInteger AMOUNT = AnvilChain.ether(1).divide(BigInteger.valueOf(100));
  private static final Duration WAIT = Duration.ofSeconds(30);

  /** An exit started on L1 and whether the chain still had its output unspent. */
  record StartedExit(UtxoPos utxoPos, boolean valid, String story) {}

  private final AnvilChain l1;
  private final JsonRpcClient operator;
  private final List<PrivateKey> users;
  private final Random random;
  private final TransactionSigner signer;
  private final Queue<StartedExit> started = new ConcurrentLinkedQueue<>();

  ExitPlayers(AnvilChain l1, URI operatorRpc, List<PrivateKey> users, long seed) {
    this.l1 = l1;
    this.operator = new JsonRpcClient(operatorRpc);
    this.users = List.copyOf(users);
    this.random = new Random(seed);
    this.signer = new TransactionSigner(new Eip712Domain(l1.contract(), AnvilProcess.CHAIN_ID));
  }

  /** Every exit started so far. */
  List<StartedExit> started() {
    return List.copyOf(started);
  }

  /** Plays one story at random. */
  void playOne() {
    PrivateKey owner = users.get(random.nextInt(users.size()));
    PrivateKey other = users.get((users.indexOf(owner) + 1) % users.size());
    switch (random.nextInt(4)) {
      case 0 -> validDepositExit(owner);
      case 1 -> invalidDepositExit(owner, other);
      case 2 -> validChildExit(owner, other);
      default -> invalidChildExit(owner, other);
    }
  }

  private void validDepositExit(PrivateKey owner) {
    UtxoPos deposit = deposit(owner);
    exitDeposit(owner, deposit);
    started.add(new StartedExit(deposit, true, "unspent deposit"));
  }

  private void invalidDepositExit(PrivateKey owner, PrivateKey other) {
    UtxoPos deposit = deposit(owner);
    awaitCommitted(pay(owner, deposit, other).blknum());
    exitDeposit(owner, deposit);
    started.add(new StartedExit(deposit, false, "spent deposit"));
  }

  private void validChildExit(PrivateKey owner, PrivateKey other) {
    UtxoPos output = pay(owner, deposit(owner), other);
    awaitCommitted(output.blknum());
    JsonNode exitData = operator.call("plasma_getExitData", output.toString());
    l1.as(other)
        .startStandardExit(
            output,
            Hex.decode(exitData.path("txBytes").asText()),
            Hex.decode(exitData.path("proof").asText()));
    started.add(new StartedExit(output, true, "unspent child output"));
  }

  private void invalidChildExit(PrivateKey owner, PrivateKey other) {
    UtxoPos output = pay(owner, deposit(owner), other);
    awaitCommitted(pay(other, output, owner).blknum());
    List<byte[]> block = new ArrayList<>();
    for (JsonNode signed :
        operator.call("plasma_getBlock", output.blknum(), true).path("transactions")) {
      block.add(TxCodec.encode(TxCodec.decodeSigned(Hex.decode(signed.asText())).get().tx()));
    }
    l1.as(other)
        .startStandardExit(
            output,
            block.get(output.txindex()),
            MerkleTree.of(block).proof(output.txindex()).toBytes());
    started.add(new StartedExit(output, false, "spent child output"));
  }

  /** Deposits {@link #AMOUNT} for {@code owner}; returns the deposit once the operator has it. */
  private UtxoPos deposit(PrivateKey owner) {
    long before = l1.as(owner).l1Height();
    l1.as(owner).deposit(depositTx(owner.address()), AMOUNT);
    UtxoPos deposit =
        l1.as(owner).events(before + 1, l1.as(owner).l1Height()).stream()
            .filter(L1Event.Deposit.class::isInstance)
            .map(L1Event.Deposit.class::cast)
            .filter(event -> event.owner().equals(owner.address()))
            .map(event -> new UtxoPos(event.blknum(), 0, 0))
            .reduce((first, second) -> second)
            .orElseThrow();
    await(
        "deposit " + deposit + " credited",
        () -> {
          for (JsonNode utxo : operator.call("plasma_getUtxos", owner.address().toHex())) {
            if (utxo.path("utxoPos").asText().equals(deposit.toString())) {
              return true;
            }
          }
          return false;
        });
    return deposit;
  }

  private void exitDeposit(PrivateKey owner, UtxoPos deposit) {
    byte[] tx = depositTx(owner.address());
    l1.as(owner).startStandardExit(deposit, tx, MerkleTree.of(List.of(tx)).proof(0).toBytes());
  }

  private static byte[] depositTx(Address owner) {
    return TxCodec.encode(PaymentTransaction.deposit(new Output(owner, Address.ZERO, AMOUNT)));
  }

  /** {@code from} pays {@code input} whole to {@code to}; returns the new output. */
  private UtxoPos pay(PrivateKey from, UtxoPos input, PrivateKey to) {
    PaymentTransaction tx =
        PaymentTransaction.transfer(
            List.of(input), List.of(new Output(to.address(), Address.ZERO, AMOUNT)));
    JsonNode accepted =
        operator.call(
            "plasma_submitTransaction",
            Hex.encode(TxCodec.encodeSigned(signer.sign(tx, List.of(from)))));
    return new UtxoPos(accepted.path("blknum").asLong(), accepted.path("txIndex").asInt(), 0);
  }

  private void awaitCommitted(long blknum) {
    await(
        "block " + blknum + " committed",
        () -> operator.call("plasma_status").path("lastCommittedBlock").asLong() >= blknum);
  }

  private static void await(String what, java.util.function.BooleanSupplier condition) {
    if (!ChainAudit.await(WAIT, condition)) {
      throw new IllegalStateException("timed out waiting for " + what);
    }
  }

  void close() {
    operator.close();
  }
}
