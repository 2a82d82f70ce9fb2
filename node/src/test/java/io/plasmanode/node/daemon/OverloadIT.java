package io.plasmanode.node.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.plasmanode.core.crypto.PrivateKey;
import io.plasmanode.core.eip712.TransactionSigner;
import io.plasmanode.core.tx.Output;
import io.plasmanode.core.tx.PaymentTransaction;
import io.plasmanode.core.tx.TxCodec;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Hex;
import io.plasmanode.node.rpc.PlasmaRpcMethods;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ten times more transactions than the operator can check, from many connections in big batches,
 * against the real transaction path (Netty on 127.0.0.1, LevelDB, {@code BlockProducer}) in a child
 * JVM with a 256 MiB heap. A pool of validly signed transfers is signed once and sent over and
 * over: each copy costs the operator a full signature check (a repeat is then a double spend),
 * which is the work that overloads it. The node must answer the excess busy at once, keep its heap
 * bounded, put every transaction it accepted into a block, and take a new transaction as soon as
 * the load stops.
 *
 * <p>Short by default (CI); a long campaign: {@code -Dplasma.overload.seconds=600}, also {@code
 * -Dplasma.overload.factor=20} and {@code -Dplasma.overload.connections=N} (at most 60: the node
 * takes 64 connections from one address, and the test needs a few of its own).
 */
class OverloadIT {
  private static final int SECONDS = Integer.getInteger("plasma.overload.seconds", 8);
  private static final int CONNECTIONS = Integer.getInteger("plasma.overload.connections", 48);
  private static final int OVERLOAD = Integer.getInteger("plasma.overload.factor", 10);

  /**
   * Transfers for the warm-up and calibration (a batch); the overload's batches are as many new
   * ones followed by these again (each deposit costs the node an fsync at start).
   */
  private static final int POOL = 1_000;

  private static final int BATCH = 2 * POOL;
  private static final int CALIBRATION_BATCH = POOL;
  private static final String MAX_HEAP = "256m";

  /** Three quarters of the node's heap; G1 leaves old garbage until it passes 45%. */
  private static final long HEAP_BOUND = 192L << 20;

  /** What the overload may leave behind in the node's live heap (an open block, caches). */
  private static final long LEAK_BOUND = 32L << 20;

  private static final int BUSY = -32013;

  /**
   * What a checked repeat of an accepted transaction gets: {@code double_spend} while its block is
   * open, {@code utxo_not_found} once the block is stored (a spent deposit output is dropped).
   */
  private static final Set<String> ALREADY_SPENT = Set.of("double_spend", "utxo_not_found");

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TransactionSigner SIGNER = new TransactionSigner(RpcNodeProcess.DOMAIN);

  @TempDir Path dir;

  @Test
  void tenTimesTheCapacity_getsFastBusyAnswers_boundedHeap_everyAcceptedTxInABlock_andRecovers()
      throws Exception {
    long started = System.nanoTime();
    List<byte[]> signed =
        IntStream.range(0, 2 * POOL).parallel().mapToObj(OverloadIT::spend).toList();
    List<byte[]> pool = signed.subList(0, POOL);
    List<byte[]> overloadPool = signed.subList(POOL, 2 * POOL);
    byte[] afterLoad = spend(2 * POOL);
    long signedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    try (RpcNodeProcess node = RpcNodeProcess.start(dir, 2 * POOL + 1, MAX_HEAP)) {
      long setupMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
      // Capacity: what the node checks when saturated, by four times as many batches as it has
      // method threads, sent as fast as answered (some are refused). The first round warms its JIT
      // up.
      Load warmUp = new Load(node.rpcUrl(), batches(pool, CALIBRATION_BATCH), CALIBRATION_BATCH);
      warmUp.run(16, Duration.ofSeconds(4), 0, null);
      Load calibration =
          new Load(node.rpcUrl(), batches(pool, CALIBRATION_BATCH), CALIBRATION_BATCH);
      calibration.run(16, Duration.ofSeconds(4), 0, null);
      double calibrated = calibration.checked.sum() / calibration.seconds();
      long liveBefore = node.liveHeap();
      List<byte[]> freshThenSpent = new ArrayList<>(overloadPool);
      freshThenSpent.addAll(pool);
      Load load = new Load(node.rpcUrl(), batches(freshThenSpent, BATCH), BATCH);
      long recoveryMillis =
          load.run(CONNECTIONS, Duration.ofSeconds(SECONDS), calibrated, afterLoad);

      double capacity = Math.max(calibrated, load.checked.sum() / load.seconds());
      Figures figures = load.figures(capacity, recoveryMillis, node.maxHeapAfterGc());
      long liveAfter = node.liveHeap();
      System.out.printf(
          "OverloadIT: signing %d ms, set-up %d ms; %s; live heap %d MiB before, %d MiB after%n",
          signedMillis, setupMillis, figures, liveBefore >> 20, liveAfter >> 20);
      assertThat(warmUp.unexpected).as("unexpected answers").isEmpty();
      assertThat(calibration.unexpected).as("unexpected answers").isEmpty();
      assertThat(load.unexpected).as("unexpected answers").isEmpty();
      assertThat(node.isAlive()).as("node alive (no OutOfMemoryError)\n%s", node.output()).isTrue();
      assertThat(figures.overload())
          .as("offered / capacity")
          .isGreaterThanOrEqualTo(OVERLOAD * 0.8);
      assertThat(figures.busyRequests()).as("busy answers").isPositive();
      assertThat(figures.busyP99Millis()).as("busy answers, p99 ms").isLessThan(1_000);
      assertThat(figures.maxHeapAfterGc()).as("heap after GC").isPositive().isLessThan(HEAP_BOUND);
      assertThat(liveAfter - liveBefore).as("heap kept by the overload").isLessThan(LEAK_BOUND);
      assertThat(recoveryMillis).as("first submission accepted after the load").isLessThan(3_000);
      assertEveryAcceptedTxIsInItsBlock(node.rpcUrl(), accepted(warmUp, calibration, load));
      assertThat(node.stop()).as("graceful stop\n%s", node.output()).isZero();
    }
  }

  private static Map<String, JsonNode> accepted(Load... loads) {
    Map<String, JsonNode> all = new ConcurrentHashMap<>();
    for (Load load : loads) {
      all.putAll(load.accepted);
    }
    assertThat(all).as("accepted transactions").hasSizeGreaterThan(POOL);
    return all;
  }

  /** Deposit {@code i}, spent back to its owner. */
  private static byte[] spend(int i) {
    PrivateKey owner = RpcNodeProcess.depositOwner(i);
    PaymentTransaction tx =
        PaymentTransaction.transfer(
            List.of(RpcNodeProcess.depositPos(i)),
            List.of(new Output(owner.address(), Address.ZERO, RpcNodeProcess.DEPOSIT)));
    return TxCodec.encodeSigned(SIGNER.sign(tx, List.of(owner)));
  }

  private static List<byte[]> batches(List<byte[]> pool, int size) {
    List<byte[]> bodies = new ArrayList<>();
    for (int from = 0; from < pool.size(); from += size) {
      List<String> hex =
          pool.subList(from, Math.min(pool.size(), from + size)).stream().map(Hex::encode).toList();
      byte[] body = request(PlasmaRpcMethods.SUBMIT_TRANSACTIONS, List.of(hex));
      assertThat(body.length).as("a batch fits the body limit").isLessThan(1 << 20);
      bodies.add(body);
    }
    return bodies;
  }

  private static byte[] request(String method, List<?> params) {
    Map<String, Object> request =
        Map.of("jsonrpc", "2.0", "id", 1, "method", method, "params", params);
    try {
      return JSON.writeValueAsBytes(request);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** What the load measured. */
  record Figures(
      double seconds,
      double capacity,
      long requests,
      long offeredTxs,
      long checkedTxs,
      long acceptedTxs,
      long busyRequests,
      long busyP50Millis,
      long busyP99Millis,
      long refusedRequests,
      long refusedP99Millis,
      long servedP99Millis,
      long recoveryMillis,
      long maxHeapAfterGc) {
    /**
     * Offered transactions per second over the capacity: what the node checked saturated before the
     * overload, or during it if that was more.
     */
    double overload() {
      return offeredTxs / seconds / capacity;
    }

    @Override
    public String toString() {
      return ("capacity %.0f tx/s; then %.1f s of %d requests of %d txs: offered %.0f tx/s"
              + " (%.1fx), checked %.0f tx/s, %d accepted; %d requests answered all busy (p50 %d"
              + " ms, p99 %d ms; of which %d HTTP 429/503, p99 %d ms), the others p99 %d ms; heap"
              + " after GC at most %d MiB; first submission after the load accepted in %d ms")
          .formatted(
              capacity,
              seconds,
              requests,
              BATCH,
              offeredTxs / seconds,
              overload(),
              checkedTxs / seconds,
              acceptedTxs,
              busyRequests,
              busyP50Millis,
              busyP99Millis,
              refusedRequests,
              refusedP99Millis,
              servedP99Millis,
              maxHeapAfterGc >> 20,
              recoveryMillis);
    }
  }

  /**
   * Clients, one connection each, sending the pre-built batches round-robin: as fast as answered,
   * or paced so that together they send a given number of requests a second (a client whose answer
   * comes late sends at once, without catching up on what it missed).
   */
  private static final class Load {
    final URI endpoint;
    final List<byte[]> bodies;
    final int batch;
    final AtomicInteger next = new AtomicInteger();
    final LongAdder requests = new LongAdder();
    final LongAdder offered = new LongAdder();
    final LongAdder checked = new LongAdder();
    final Map<String, JsonNode> accepted = new ConcurrentHashMap<>();
    final List<Long> busyNanos = Collections.synchronizedList(new ArrayList<>());
    final List<Long> refusedNanos = Collections.synchronizedList(new ArrayList<>());
    final List<Long> servedNanos = Collections.synchronizedList(new ArrayList<>());
    final List<String> unexpected = Collections.synchronizedList(new ArrayList<>());
    volatile long interval;
    long startNanos;
    long endNanos;

    /** Sends {@code bodies}, each a batch of {@code batch} transactions. */
    Load(URI endpoint, List<byte[]> bodies, int batch) {
      this.endpoint = endpoint;
      this.bodies = bodies;
      this.batch = batch;
    }

    /**
     * Runs {@code connections} clients for {@code duration}, together sending {@code perSecond}
     * requests a second (0: unpaced). When it ends, submits {@code probe} (if any) until accepted
     * and returns how long that took from the end of the load.
     */
    long run(int connections, Duration duration, double capacity, byte[] probe) throws Exception {
      startNanos = System.nanoTime();
      long deadline = startNanos + duration.toNanos();
      pace(connections, capacity);
      long recovery = 0;
      try (ExecutorService clients = Executors.newFixedThreadPool(connections)) {
        List<Future<?>> running = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
          long first = startNanos + interval * i / connections;
          running.add(clients.submit(() -> client(first, deadline)));
        }
        followCapacity(connections, capacity, deadline);
        if (probe != null) {
          recovery = submitUntilAccepted(probe, deadline);
        }
        for (Future<?> client : running) {
          client.get();
        }
      }
      endNanos = System.nanoTime();
      return recovery;
    }

    double seconds() {
      return (endNanos - startNanos) / 1e9;
    }

    /**
     * Until {@code deadline}, keeps the pace at {@link #OVERLOAD} times the larger of {@code
     * capacity} and what the node checked over the last two seconds, as it may check more once its
     * JIT is done or the machine is quieter.
     */
    private void followCapacity(int connections, double capacity, long deadline)
        throws InterruptedException {
      if (capacity <= 0) {
        TimeUnit.NANOSECONDS.sleep(deadline - System.nanoTime());
        return;
      }
      long[] checkedAt = new long[8];
      for (int tick = 0; System.nanoTime() < deadline; tick++) {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        TimeUnit.MILLISECONDS.sleep(Math.max(1, Math.min(250, left)));
        long now = checked.sum();
        double lastTwoSeconds = (now - checkedAt[tick % checkedAt.length]) / 2.0;
        checkedAt[tick % checkedAt.length] = now;
        if (tick >= checkedAt.length) {
          pace(connections, Math.max(capacity, lastTwoSeconds));
        }
      }
    }

    /**
     * Sets each client's interval between sends for a quarter more than {@link #OVERLOAD} times
     * {@code capacity}, as the capacity is known only after the fact.
     */
    private void pace(int connections, double capacity) {
      double perSecond = 1.25 * OVERLOAD * capacity / batch;
      interval = capacity > 0 ? (long) (connections * 1e9 / perSecond) : 0;
    }

    private Void client(long first, long deadline) throws IOException, InterruptedException {
      long due = first;
      try (HttpClient http = http()) {
        while (true) {
          long now = System.nanoTime();
          if (due > now) {
            TimeUnit.NANOSECONDS.sleep(due - now);
          }
          if (System.nanoTime() >= deadline) {
            return null;
          }
          byte[] body = bodies.get(Math.floorMod(next.getAndIncrement(), bodies.size()));
          long sent = System.nanoTime();
          HttpResponse<byte[]> response = post(http, body);
          long nanos = System.nanoTime() - sent;
          requests.increment();
          offered.add(batch);
          record(response, nanos);
          due = Math.max(due + interval, System.nanoTime());
        }
      }
    }

    private void record(HttpResponse<byte[]> response, long nanos) throws IOException {
      if (response.statusCode() == 429 || response.statusCode() == 503) {
        busyNanos.add(nanos);
        refusedNanos.add(nanos);
        return;
      }
      JsonNode results = JSON.readTree(response.body()).path("result");
      if (response.statusCode() != 200 || !results.isArray()) {
        unexpected.add(
            response.statusCode() + " " + new String(response.body(), StandardCharsets.UTF_8));
        return;
      }
      int busy = 0;
      for (JsonNode result : results) {
        JsonNode error = result.get("error");
        if (error == null) {
          checked.increment();
          accepted.put(result.get("txHash").asText(), result);
        } else if (error.get("code").asInt() == BUSY
            && "operator_busy".equals(error.path("data").path("reason").asText())) {
          busy++;
        } else if (ALREADY_SPENT.contains(error.path("data").path("reason").asText())) {
          checked.increment();
        } else {
          unexpected.add(error.toString());
        }
      }
      (busy == results.size() ? busyNanos : servedNanos).add(nanos);
    }

    private long submitUntilAccepted(byte[] tx, long since) throws Exception {
      byte[] body = request(PlasmaRpcMethods.SUBMIT_TRANSACTION, List.of(Hex.encode(tx)));
      try (HttpClient http = http()) {
        while (true) {
          HttpResponse<byte[]> response = post(http, body);
          JsonNode answer = response.statusCode() == 200 ? JSON.readTree(response.body()) : null;
          if (answer != null && answer.has("result")) {
            accepted.put(answer.get("result").get("txHash").asText(), answer.get("result"));
            return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - since);
          }
          assertThat(answer == null || answer.path("error").path("code").asInt() == BUSY)
              .as("retryable answer: %s", answer)
              .isTrue();
          Thread.sleep(20);
        }
      }
    }

    private HttpResponse<byte[]> post(HttpClient http, byte[] body)
        throws IOException, InterruptedException {
      HttpRequest request =
          HttpRequest.newBuilder(endpoint)
              .timeout(Duration.ofSeconds(30))
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofByteArray(body))
              .build();
      return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }

    Figures figures(double capacity, long recoveryMillis, long maxHeapAfterGc) {
      return new Figures(
          seconds(),
          capacity,
          requests.sum(),
          offered.sum(),
          checked.sum(),
          accepted.size(),
          busyNanos.size(),
          percentileMillis(busyNanos, 50),
          percentileMillis(busyNanos, 99),
          refusedNanos.size(),
          percentileMillis(refusedNanos, 99),
          percentileMillis(servedNanos, 99),
          recoveryMillis,
          maxHeapAfterGc);
    }
  }

  private static HttpClient http() {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5))
        .build();
  }

  private static long percentileMillis(List<Long> nanos, int percentile) {
    List<Long> sorted;
    synchronized (nanos) {
      sorted = new ArrayList<>(nanos);
    }
    if (sorted.isEmpty()) {
      return 0;
    }
    Collections.sort(sorted);
    int index =
        Math.min(sorted.size() - 1, (int) Math.ceil(sorted.size() * percentile / 100.0) - 1);
    return TimeUnit.NANOSECONDS.toMillis(sorted.get(Math.max(0, index)));
  }

  /** Every accepted transaction is served from the block and index its acceptance named. */
  private static void assertEveryAcceptedTxIsInItsBlock(
      URI endpoint, Map<String, JsonNode> accepted) throws Exception {
    List<String> hashes = new ArrayList<>(accepted.keySet());
    try (HttpClient http = http()) {
      for (int from = 0; from < hashes.size(); from += 100) {
        List<String> chunk = hashes.subList(from, Math.min(hashes.size(), from + 100));
        JsonNode answers = getTransactions(http, endpoint, chunk);
        for (int i = 0; i < chunk.size(); i++) {
          JsonNode stored = answers.get(i).get("result");
          JsonNode promised = accepted.get(chunk.get(i));
          assertThat(stored).as("tx %s in a block", chunk.get(i)).isNotNull();
          assertThat(stored.isNull()).as("tx %s in a block", chunk.get(i)).isFalse();
          assertThat(stored.get("blknum")).isEqualTo(promised.get("blknum"));
          assertThat(stored.get("txIndex")).isEqualTo(promised.get("txIndex"));
        }
      }
    }
  }

  /** Asks for {@code hashes} in one batch, until every block they name is closed. */
  private static JsonNode getTransactions(HttpClient http, URI endpoint, List<String> hashes)
      throws Exception {
    StringBuilder batch = new StringBuilder("[");
    for (int i = 0; i < hashes.size(); i++) {
      batch
          .append(i == 0 ? "" : ",")
          .append(
              "{\"jsonrpc\":\"2.0\",\"id\":%d,\"method\":\"%s\",\"params\":[\"%s\"]}"
                  .formatted(i, PlasmaRpcMethods.GET_TRANSACTION, hashes.get(i)));
    }
    HttpRequest request =
        HttpRequest.newBuilder(endpoint)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(batch.append("]").toString()))
            .build();
    AtomicReference<JsonNode> answers = new AtomicReference<>();
    try {
      Awaitility.await("the blocks of " + hashes.size() + " accepted transactions closed")
          .atMost(Duration.ofSeconds(10))
          .dontCatchUncaughtExceptions()
          .pollDelay(Duration.ZERO)
          .pollInterval(Duration.ofMillis(100))
          .pollInSameThread() // each answer is kept, even one that comes after the deadline
          .until(
              () -> {
                answers.set(
                    JSON.readTree(
                        http.send(request, HttpResponse.BodyHandlers.ofByteArray()).body()));
                return allClosed(answers.get());
              });
    } catch (ConditionTimeoutException e) {
      // the caller's assertions name each transaction that is still not in a block
    }
    List<JsonNode> byId = new ArrayList<>(Collections.nCopies(hashes.size(), null));
    answers.get().forEach(answer -> byId.set(answer.get("id").asInt(), answer));
    return JSON.valueToTree(byId);
  }

  private static boolean allClosed(JsonNode answers) {
    boolean allClosed = true;
    for (JsonNode answer : answers) {
      allClosed &= answer.has("result") && !answer.get("result").isNull();
    }
    return allClosed;
  }
}
