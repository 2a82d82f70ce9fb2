package io.plasmanode.node.loadgen;

import io.plasmanode.core.eip712.TransactionSigner;
import io.plasmanode.core.tx.Output;
import io.plasmanode.core.tx.PaymentTransaction;
import io.plasmanode.core.tx.TxCodec;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.IntStream;

/**
 * Executes a {@link FanOutPlan} on the child chain: level by level, signs the level's splits (on
 * all cores; each leaves the operator's fee, if any), submits them in batches over several
 * connections, and records the position of every output from the operator's answers (known at once,
 * before the block closes). Retries what the operator asks to retry; any other rejection stops the
 * bench.
 */
final class FanOut {
  private static final int MAX_ATTEMPTS = 100;
  private static final long RETRY_PAUSE_MILLIS = 200;

  private final URI endpoint;
  private final TransactionSigner signer;
  private final BenchAccounts accounts;
  private final BigInteger leafValue;
  private final BigInteger fee;
  private final int batch;
  private final int connections;
  private final Consumer<String> log;
  private final AtomicLong lastBlknum = new AtomicLong();

  FanOut(
      URI endpoint,
      TransactionSigner signer,
      BenchAccounts accounts,
      BigInteger leafValue,
      BigInteger fee,
      int batch,
      int connections,
      Consumer<String> log) {
    this.endpoint = endpoint;
    this.signer = signer;
    this.accounts = accounts;
    this.leafValue = leafValue;
    this.fee = fee;
    this.batch = batch;
    this.connections = connections;
    this.log = log;
  }

  /**
   * The position of every slot of {@code plan}, the deposit at {@code deposit} (worth {@code
   * plan.slotValues(leafValue, fee)[0]}).
   */
  UtxoPos[] run(FanOutPlan plan, UtxoPos deposit) {
    BigInteger[] values = plan.slotValues(leafValue, fee);
    UtxoPos[] positions = new UtxoPos[plan.slots()];
    positions[0] = deposit;
    for (int level = 0; level < plan.levels().size(); level++) {
      List<FanOutPlan.Split> splits = plan.levels().get(level);
      List<byte[]> signed =
          splits.parallelStream().map(split -> sign(plan, values, split, positions)).toList();
      submitLevel(splits, signed, positions);
      log.accept(
          "fan-out level %d/%d: %d transactions"
              .formatted(level + 1, plan.levels().size(), splits.size()));
    }
    return positions;
  }

  /** The highest child block a fan-out transaction went into. */
  long lastBlknum() {
    return lastBlknum.get();
  }

  private byte[] sign(
      FanOutPlan plan, BigInteger[] values, FanOutPlan.Split split, UtxoPos[] positions) {
    List<Output> outputs =
        split.outputs().stream()
            .map(
                slot ->
                    new Output(
                        accounts.key(plan.slotOwner()[slot]).address(), Address.ZERO, values[slot]))
            .toList();
    PaymentTransaction tx = PaymentTransaction.transfer(List.of(positions[split.input()]), outputs);
    return TxCodec.encodeSigned(
        signer.sign(tx, List.of(accounts.key(plan.slotOwner()[split.input()]))));
  }

  private void submitLevel(
      List<FanOutPlan.Split> splits, List<byte[]> signed, UtxoPos[] positions) {
    List<Integer> pending = IntStream.range(0, splits.size()).boxed().toList();
    for (int attempt = 1; !pending.isEmpty(); attempt++) {
      if (attempt > MAX_ATTEMPTS) {
        throw new BenchException(
            "the operator kept refusing %d fan-out transactions (retry later)"
                .formatted(pending.size()));
      }
      if (attempt > 1) {
        sleep(RETRY_PAUSE_MILLIS);
      }
      pending = submitOnce(pending, splits, signed, positions);
    }
  }

  /** Submits {@code indexes} over the connections; returns those to retry. */
  private List<Integer> submitOnce(
      List<Integer> indexes,
      List<FanOutPlan.Split> splits,
      List<byte[]> signed,
      UtxoPos[] positions) {
    List<List<Integer>> batches = new ArrayList<>();
    for (int from = 0; from < indexes.size(); from += batch) {
      batches.add(indexes.subList(from, Math.min(indexes.size(), from + batch)));
    }
    List<Integer> retry = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(connections)) {
      List<Future<List<Integer>>> workers = new ArrayList<>();
      for (int worker = 0; worker < connections; worker++) {
        int first = worker;
        workers.add(
            pool.submit(
                () -> {
                  List<Integer> toRetry = new ArrayList<>();
                  try (SubmitConnection connection = new SubmitConnection(endpoint)) {
                    for (int b = first; b < batches.size(); b += connections) {
                      toRetry.addAll(send(connection, batches.get(b), splits, signed, positions));
                    }
                  }
                  return toRetry;
                }));
      }
      for (Future<List<Integer>> worker : workers) {
        retry.addAll(join(worker));
      }
    }
    return retry;
  }

  private List<Integer> send(
      SubmitConnection connection,
      List<Integer> indexes,
      List<FanOutPlan.Split> splits,
      List<byte[]> signed,
      UtxoPos[] positions)
      throws IOException, InterruptedException {
    List<SubmitConnection.Outcome> outcomes =
        connection.submit(
            SubmitConnection.body(indexes.stream().map(signed::get).toList()), indexes.size());
    List<Integer> retry = new ArrayList<>();
    for (int i = 0; i < indexes.size(); i++) {
      SubmitConnection.Outcome outcome = outcomes.get(i);
      FanOutPlan.Split split = splits.get(indexes.get(i));
      if (outcome.accepted()) {
        for (int o = 0; o < split.outputs().size(); o++) {
          positions[split.outputs().get(o)] = new UtxoPos(outcome.blknum(), outcome.txIndex(), o);
        }
        lastBlknum.accumulateAndGet(outcome.blknum(), Math::max);
      } else if (outcome.retryable()) {
        retry.add(indexes.get(i));
      } else {
        throw new BenchException(
            "the operator rejected a fan-out transaction: " + outcome.reason());
      }
    }
    return retry;
  }

  private static <T> T join(Future<T> future) {
    try {
      return future.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof BenchException bench) {
        throw bench;
      }
      throw new BenchException("fan-out failed: " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BenchException("interrupted during the fan-out", e);
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BenchException("interrupted", e);
    }
  }
}
