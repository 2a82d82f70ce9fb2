package io.plasmanode.node.daemon;

import io.plasmanode.contracts.testing.AnvilChain;
import io.plasmanode.core.crypto.PrivateKey;
import io.plasmanode.core.tx.Output;
import io.plasmanode.core.tx.PaymentTransaction;
import io.plasmanode.core.tx.TxCodec;
import io.plasmanode.core.types.Address;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Users depositing on L1 in the background, whether the operator is up or not: every {@code
 * interval} one of {@code users} deposits a few gwei for itself. {@link #pause} waits for the
 * deposit in progress, so an audit sees a quiet L1.
 */
final class L1Depositor implements AutoCloseable {
  private static final BigInteger GWEI = BigInteger.TEN.pow(9);

  private final AnvilChain l1;
  private final List<PrivateKey> users;
  private final Duration interval;
  private final Random random;
  private final Thread thread;
  private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
  private boolean paused;
  private boolean closed;
  private boolean depositing;
  private long made;

  L1Depositor(AnvilChain l1, List<PrivateKey> users, Duration interval, long seed) {
    this.l1 = l1;
    this.users = List.copyOf(users);
    this.interval = interval;
    this.random = new Random(seed);
    this.thread = Thread.ofPlatform().daemon().name("l1-depositor").start(this::run);
  }

  /** The addresses that deposit. */
  List<Address> owners() {
    return users.stream().map(PrivateKey::address).toList();
  }

  private void run() {
    try {
      while (awaitTurn()) {
        PrivateKey user = users.get(random.nextInt(users.size()));
        BigInteger amount = GWEI.multiply(BigInteger.valueOf(1 + random.nextInt(1000)));
        byte[] depositTx =
            TxCodec.encode(
                PaymentTransaction.deposit(new Output(user.address(), Address.ZERO, amount)));
        boolean mined = false;
        try {
          l1.as(user).deposit(depositTx, amount);
          mined = true;
        } finally {
          finished(mined);
        }
        Thread.sleep(interval);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      failure.set(e);
    }
  }

  private synchronized boolean awaitTurn() throws InterruptedException {
    while (paused && !closed) {
      wait();
    }
    depositing = !closed;
    return !closed;
  }

  private synchronized void finished(boolean mined) {
    depositing = false;
    made += mined ? 1 : 0;
    notifyAll();
  }

  /** Stops depositing once the deposit in progress (if any) is mined. */
  synchronized void pause() throws InterruptedException {
    paused = true;
    while (depositing) {
      wait();
    }
    if (failure.get() != null) {
      throw new IllegalStateException("a deposit failed", failure.get());
    }
  }

  synchronized void resume() {
    paused = false;
    notifyAll();
  }

  /** Deposits made so far. */
  synchronized long made() {
    return made;
  }

  @Override
  public void close() throws InterruptedException {
    synchronized (this) {
      closed = true;
      notifyAll();
    }
    thread.interrupt();
    thread.join(10_000);
  }
}
