package io.plasmanode.node.daemon;

import static io.plasmanode.node.testing.Payments.eth;

import io.plasmanode.contracts.testing.AnvilChain;
import io.plasmanode.core.crypto.PrivateKey;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.node.testing.Scenario;
import java.math.BigInteger;
import java.util.List;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Users of the child chain starting standard exits on L1, honest or not, one story per {@link
 * #playOne()}, chosen at random (seeded): the exit of an unspent deposit or child output (valid),
 * or of a deposit or child output already spent in a committed block (invalid: a watcher must
 * challenge it). Each story deposits fresh money, transacts through the operator and waits for the
 * block's commitment before exiting, as a user would; the stories are told in the ITs' {@link
 * Scenario} language.
 */
final class ExitPlayers {
  private static final BigInteger AMOUNT = AnvilChain.ether(1).divide(BigInteger.valueOf(100));

  /** An exit started on L1 and whether the chain still had its output unspent. */
  record StartedExit(UtxoPos utxoPos, boolean valid, String story) {}

  private final Scenario users;
  private final List<PrivateKey> keys;
  private final Random random;
  private final Queue<StartedExit> started = new ConcurrentLinkedQueue<>();

  /** Players among {@code keys}, acting through {@code users} (which has an operator). */
  ExitPlayers(Scenario users, List<PrivateKey> keys, long seed) {
    this.users = users;
    this.keys = List.copyOf(keys);
    this.random = new Random(seed);
  }

  /** Every exit started so far. */
  List<StartedExit> started() {
    return List.copyOf(started);
  }

  /** Plays one story at random. */
  void playOne() {
    PrivateKey owner = keys.get(random.nextInt(keys.size()));
    PrivateKey other = keys.get((keys.indexOf(owner) + 1) % keys.size());
    switch (random.nextInt(4)) {
      case 0 -> validDepositExit(owner);
      case 1 -> invalidDepositExit(owner, other);
      case 2 -> validChildExit(owner, other);
      default -> invalidChildExit(owner, other);
    }
  }

  private void validDepositExit(PrivateKey owner) {
    UtxoPos deposit = users.depositCredited(owner, AMOUNT);
    users.exitDeposit(owner, deposit, AMOUNT);
    started.add(new StartedExit(deposit, true, "unspent deposit"));
  }

  private void invalidDepositExit(PrivateKey owner, PrivateKey other) {
    UtxoPos deposit = users.depositCredited(owner, AMOUNT);
    users.awaitCommitted(pay(owner, deposit, other).blknum());
    users.exitDeposit(owner, deposit, AMOUNT);
    started.add(new StartedExit(deposit, false, "spent deposit"));
  }

  private void validChildExit(PrivateKey owner, PrivateKey other) {
    UtxoPos output = pay(owner, users.depositCredited(owner, AMOUNT), other);
    users.awaitCommitted(output.blknum());
    users.startExit(other, output);
    started.add(new StartedExit(output, true, "unspent child output"));
  }

  private void invalidChildExit(PrivateKey owner, PrivateKey other) {
    UtxoPos output = pay(owner, users.depositCredited(owner, AMOUNT), other);
    users.awaitCommitted(pay(other, output, owner).blknum());
    users.exitFromBlock(other, output, users.operator().blockTxs(output.blknum()));
    started.add(new StartedExit(output, false, "spent child output"));
  }

  /** {@code from} pays {@code input} whole to {@code to}; returns the new output. */
  private UtxoPos pay(PrivateKey from, UtxoPos input, PrivateKey to) {
    return users.pay(from, input, eth(to, AMOUNT)).output(0);
  }
}
