package io.plasmanode.node.daemon;

import com.sun.management.GarbageCollectionNotificationInfo;
import io.plasmanode.core.crypto.PrivateKey;
import io.plasmanode.core.eip712.Eip712Domain;
import io.plasmanode.core.ledger.Utxo;
import io.plasmanode.core.testing.TestKeys;
import io.plasmanode.core.tx.Output;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import io.plasmanode.node.api.OperatorStatus;
import io.plasmanode.node.operator.BlockProducer;
import io.plasmanode.node.operator.BlockProducerConfig;
import io.plasmanode.node.rpc.PlasmaRpcMethods;
import io.plasmanode.node.testing.OperatorStatusBuilder;
import io.plasmanode.p2p.rpc.JsonRpcServer;
import io.plasmanode.p2p.rpc.JsonRpcServerConfig;
import io.plasmanode.storage.chain.ChainStore;
import io.plasmanode.storage.kv.LevelDbKeyValueStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * The operator's transaction path without L1, in a child JVM with a small heap: LevelDB chain
 * store, {@link BlockProducer} and the JSON-RPC server with the daemon's defaults (as {@code plasma
 * operator} builds them), on deposits of {@link #depositOwner} keys at {@link #depositPos} applied
 * straight to the store. The child prints its port, then its heap after every garbage collection.
 * On its standard input, "gc" makes it collect all garbage and print what is left (its live heap),
 * "stop" shuts it down gracefully.
 */
final class RpcNodeProcess implements AutoCloseable {
  static final Eip712Domain DOMAIN =
      new Eip712Domain(Address.fromHex("0x5fbdb2315678afecb367f032d93f642f64180aa3"), 31337);
  static final BigInteger DEPOSIT = BigInteger.valueOf(1_000);

  private static final Pattern LISTENING = Pattern.compile("^rpc-node listening on (\\d+)$");
  private static final Pattern HEAP = Pattern.compile("^heap-after-gc (\\d+)$");
  private static final Pattern LIVE_HEAP = Pattern.compile("^live-heap (\\d+)$");

  private final Process process;
  private final int port;
  private final List<String> output;
  private final AtomicLong maxHeapAfterGc;
  private final BlockingQueue<Long> liveHeap;

  private RpcNodeProcess(
      Process process,
      int port,
      List<String> output,
      AtomicLong heap,
      BlockingQueue<Long> liveHeap) {
    this.process = process;
    this.port = port;
    this.output = output;
    this.maxHeapAfterGc = heap;
    this.liveHeap = liveHeap;
  }

  /** The owner of deposit {@code i}. */
  static PrivateKey depositOwner(int i) {
    return TestKeys.numbered(i);
  }

  /** Where deposit {@code i} is: deposit blocks 1..999, 1001..1999, ... (not child blocks). */
  static UtxoPos depositPos(int i) {
    return new UtxoPos(i / 999 * 1000 + i % 999 + 1, 0, 0);
  }

  /**
   * Starts the node in a child JVM with {@code -Xmx<maxHeap>} (it exits at once on an {@link
   * OutOfMemoryError}), its database in {@code dataDir}, and {@code deposits} deposits.
   */
  static RpcNodeProcess start(Path dataDir, int deposits, String maxHeap) {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command =
        List.of(
            java,
            "-Xmx" + maxHeap,
            "-XX:+ExitOnOutOfMemoryError",
            "--enable-native-access=ALL-UNNAMED",
            "-cp",
            System.getProperty("java.class.path"),
            RpcNodeProcess.class.getName(),
            dataDir.toString(),
            String.valueOf(deposits));
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      List<String> output = new CopyOnWriteArrayList<>();
      AtomicLong heap = new AtomicLong();
      BlockingQueue<Long> liveHeap = new LinkedBlockingQueue<>();
      CompletableFuture<Integer> port = new CompletableFuture<>();
      Thread reader =
          new Thread(() -> read(process, output, heap, liveHeap, port), "rpc-node-output");
      reader.setDaemon(true);
      reader.start();
      try {
        return new RpcNodeProcess(process, port.get(120, TimeUnit.SECONDS), output, heap, liveHeap);
      } catch (Exception e) {
        process.destroyForcibly();
        throw new IllegalStateException(
            "node did not start: " + e + "\n" + String.join("\n", output), e);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void read(
      Process process,
      List<String> output,
      AtomicLong heap,
      BlockingQueue<Long> liveHeap,
      CompletableFuture<Integer> port) {
    try (BufferedReader lines =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        Matcher heapLine = HEAP.matcher(line);
        if (heapLine.matches()) {
          heap.accumulateAndGet(Long.parseLong(heapLine.group(1)), Math::max);
          continue;
        }
        Matcher liveLine = LIVE_HEAP.matcher(line);
        if (liveLine.matches()) {
          liveHeap.add(Long.parseLong(liveLine.group(1)));
          continue;
        }
        output.add(line);
        Matcher listening = LISTENING.matcher(line);
        if (listening.matches()) {
          port.complete(Integer.parseInt(listening.group(1)));
        }
      }
    } catch (IOException e) {
      port.completeExceptionally(e);
    }
    port.completeExceptionally(new IllegalStateException("node exited before serving"));
  }

  URI rpcUrl() {
    return URI.create("http://127.0.0.1:" + port + "/");
  }

  /** The most heap in use right after a garbage collection, so far (0 before the first). */
  long maxHeapAfterGc() {
    return maxHeapAfterGc.get();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** What the node printed and logged so far, less the heap lines. */
  String output() {
    return String.join("\n", output);
  }

  /** The heap the node still uses after collecting all garbage (a full GC). */
  long liveHeap() throws InterruptedException {
    liveHeap.clear();
    send("gc");
    Long live = liveHeap.poll(30, TimeUnit.SECONDS);
    if (live == null) {
      throw new IllegalStateException("node did not report its live heap\n" + output());
    }
    return live;
  }

  /** Asks the node to stop gracefully; returns its exit code. */
  int stop() throws InterruptedException {
    send("stop");
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("node did not stop within 60 s");
    }
    return process.exitValue();
  }

  private void send(String command) {
    try {
      OutputStream in = process.getOutputStream();
      in.write((command + "\n").getBytes(StandardCharsets.US_ASCII));
      in.flush();
    } catch (IOException e) {
      // already gone: the caller sees it in what it waits for
    }
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }

  /** The child: {@code <dataDir> <deposits>}. */
  public static void main(String[] args) throws Exception {
    Path dataDir = Path.of(args[0]);
    int deposits = Integer.parseInt(args[1]);
    reportHeapAfterEveryGc();
    try (LevelDbKeyValueStore kv = LevelDbKeyValueStore.open(dataDir.resolve("chain"))) {
      ChainStore store = new ChainStore(kv);
      for (int i = 0; i < deposits; i++) {
        Output output = new Output(depositOwner(i).address(), Address.ZERO, DEPOSIT);
        store.applyDeposit(new Utxo(depositPos(i), output), 1);
      }
      try (BlockProducer producer =
              new BlockProducer(
                  store,
                  BlockProducerConfig.defaults(DOMAIN).withBlockInterval(Duration.ofMillis(200)),
                  Clock.systemUTC());
          JsonRpcServer rpc =
              new JsonRpcServer(
                  PlasmaRpcMethods.create(store, producer, () -> status(store, producer)))) {
        producer.start();
        int port = rpc.start(JsonRpcServerConfig.defaults().withRequestsPerSecond(5_000));
        System.out.println("rpc-node listening on " + port);
        awaitStop();
      }
    }
    System.out.println("rpc-node stopped");
  }

  private static OperatorStatus status(ChainStore store, BlockProducer producer) {
    return OperatorStatusBuilder.of(DOMAIN.verifyingContract(), DOMAIN.chainId())
        .height(store.height())
        .mempoolSize(producer.mempoolSize())
        .openBlock(producer.openBlknum())
        .alarms(producer.alarm().stream().toList())
        .build();
  }

  private static void awaitStop() throws IOException {
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.US_ASCII));
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      if ("stop".equals(line.strip())) {
        return;
      }
      if ("gc".equals(line.strip())) {
        System.gc();
        System.out.println(
            "live-heap " + ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
      }
    }
  }

  /** Prints the heap in use after each collection (all heap pools, from the GC's own report). */
  private static void reportHeapAfterEveryGc() {
    Set<String> heapPools =
        ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(pool -> pool.getType() == MemoryType.HEAP)
            .map(MemoryPoolMXBean::getName)
            .collect(Collectors.toSet());
    List<GarbageCollectorMXBean> collectors =
        new ArrayList<>(ManagementFactory.getGarbageCollectorMXBeans());
    for (GarbageCollectorMXBean collector : collectors) {
      ((NotificationEmitter) collector)
          .addNotificationListener(
              (notification, handback) -> {
                if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(
                    notification.getType())) {
                  return;
                }
                GarbageCollectionNotificationInfo info =
                    GarbageCollectionNotificationInfo.from(
                        (CompositeData) notification.getUserData());
                long used =
                    info.getGcInfo().getMemoryUsageAfterGc().entrySet().stream()
                        .filter(pool -> heapPools.contains(pool.getKey()))
                        .mapToLong(pool -> pool.getValue().getUsed())
                        .sum();
                System.out.println("heap-after-gc " + used);
              },
              null,
              null);
    }
  }
}
