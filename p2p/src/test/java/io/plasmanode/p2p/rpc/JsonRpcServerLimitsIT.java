package io.plasmanode.p2p.rpc;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The connection limits and the request deadline on a real server on the loopback: 127.0.0.1 and
 * 127.0.0.2 are two client addresses (Linux routes all of 127.0.0.0/8 to the loopback).
 */
class JsonRpcServerLimitsIT {
  private static final String LOOPBACK = "127.0.0.1";
  private static final String OTHER = "127.0.0.2";
  private static final Duration DEADLINE = Duration.ofSeconds(1);
  private static final String CALL =
      "{\"jsonrpc\":\"2.0\",\"method\":\"sum\",\"params\":[2,5],\"id\":1}";

  private static final int BIG_ANSWER_CHARS = 4 << 20;

  private final AtomicInteger bigAnswers = new AtomicInteger();
  private final JsonRpcServer server =
      new JsonRpcServer(
          JsonRpcMethods.builder()
              .add("sum", params -> params.get(0).asLong() + params.get(1).asLong())
              .add(
                  "big",
                  params -> {
                    bigAnswers.incrementAndGet();
                    return "x".repeat(BIG_ANSWER_CHARS);
                  })
              .build());
  private final List<Socket> sockets = new ArrayList<>();
  private int port;

  @AfterEach
  void stop() throws IOException {
    for (Socket socket : sockets) {
      socket.close();
    }
    server.close();
  }

  @Test
  void connectionOverTheServerLimit_isClosedAtOnceAndTheSlotFreesOnClose() throws Exception {
    start(4, 4);
    List<Socket> held = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      held.add(connect(i % 2 == 0 ? LOOPBACK : OTHER));
    }
    await("4 connections counted", () -> server.openConnections() == 4);

    Socket refused = connect(OTHER);

    assertThat(readAll(refused)).as("closed before anything is read").isEmpty();
    assertThat(server.refusedConnections()).isOne();
    held.get(0).close();
    await("a slot freed", () -> server.openConnections() == 3);
    assertThat(exchange(OTHER, post(CALL))).startsWith("HTTP/1.1 200").contains("\"result\":7");
  }

  @Test
  void connectionOverThePerAddressLimit_isRefusedOnlyForThatAddress() throws Exception {
    start(100, 3);
    for (int i = 0; i < 3; i++) {
      connect(LOOPBACK);
    }
    await("3 connections counted", () -> server.openConnections() == 3);

    assertThat(readAll(connect(LOOPBACK))).isEmpty();
    assertThat(exchange(OTHER, post(CALL))).startsWith("HTTP/1.1 200");
    assertThat(server.refusedConnections()).isOne();
  }

  /**
   * 40 clients from 127.0.0.1 each send a request one byte every 100 ms (the idle timeout, 10 s,
   * never fires): 16 get in, up to the per-address limit, the rest are refused at once. The 16 are
   * answered 408 and closed one deadline after their first byte, while a client from 127.0.0.2 is
   * served all along; then 127.0.0.1 is served again.
   */
  @Test
  void slowloris_isCutOffByTheDeadlineWhileOtherClientsAreServed() throws Exception {
    int dribblers = 40;
    int perAddress = 16;
    start(64, perAddress);
    List<Future<Dribbled>> results = new ArrayList<>();
    List<Long> servedMillis = new ArrayList<>();
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < dribblers; i++) {
        results.add(threads.submit(this::dribble));
      }
      await("the dribblers' connections", () -> server.openConnections() == perAddress);
      long until = System.nanoTime() + DEADLINE.multipliedBy(2).toNanos();
      while (System.nanoTime() < until) {
        long start = System.nanoTime();
        assertThat(exchange(OTHER, post(CALL))).startsWith("HTTP/1.1 200");
        servedMillis.add(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
      }
    }

    List<Dribbled> outcomes = new ArrayList<>();
    for (Future<Dribbled> result : results) {
      outcomes.add(result.get());
    }
    List<Dribbled> timedOut =
        outcomes.stream().filter(d -> d.answer().startsWith("HTTP/1.1 408")).toList();
    assertThat(timedOut).hasSize(perAddress);
    assertThat(outcomes).filteredOn(d -> d.answer().isEmpty()).hasSize(dribblers - perAddress);
    assertThat(timedOut)
        .allSatisfy(
            d ->
                assertThat(d.closedAfterMillis())
                    .as("closed by the deadline")
                    .isBetween(DEADLINE.toMillis() - 100, DEADLINE.toMillis() + 2_000));
    System.out.printf(
        "JsonRpcServerLimitsIT: %d dribblers, %d refused at once, %d closed with 408 after %d..%d"
            + " ms; meanwhile %d requests from another address served in at most %d ms%n",
        dribblers,
        dribblers - timedOut.size(),
        timedOut.size(),
        timedOut.stream().mapToLong(Dribbled::closedAfterMillis).min().orElse(0),
        timedOut.stream().mapToLong(Dribbled::closedAfterMillis).max().orElse(0),
        servedMillis.size(),
        servedMillis.stream().mapToLong(Long::longValue).max().orElse(0));
    assertThat(server.timedOutRequests()).isEqualTo(perAddress);
    assertThat(servedMillis).isNotEmpty().allSatisfy(ms -> assertThat(ms).isLessThan(1_000));
    await("the dribblers' slots freed", () -> server.openConnections() == 0);
    assertThat(exchange(LOOPBACK, post(CALL))).startsWith("HTTP/1.1 200");
  }

  /**
   * A client pipelines 16 calls with 4 MiB answers and reads nothing: the server prepares the next
   * answer only once the last one is out in the socket, so it holds one or two, not sixteen; then
   * the client reads them all, in order.
   */
  @Test
  void clientThatDoesNotRead_getsNoMoreAnswersPreparedThanTheSocketTakes() throws Exception {
    start(8, 8);
    Socket socket = new Socket();
    sockets.add(socket);
    socket.setReceiveBufferSize(64 << 10);
    socket.connect(new InetSocketAddress(LOOPBACK, port), 2_000);
    String call = "{\"jsonrpc\":\"2.0\",\"method\":\"big\",\"id\":1}";
    String keepAlivePost = post(call).replace("Connection: close\r\n", "");
    socket.getOutputStream().write(keepAlivePost.repeat(16).getBytes(US_ASCII));
    socket.getOutputStream().flush();

    await("the first answer", () -> bigAnswers.get() >= 1);
    Thread.sleep(1_000); // time to prepare more, were the server to
    int preparedWhileNotRead = bigAnswers.get();

    InputStream in = socket.getInputStream();
    long expected = 16L * BIG_ANSWER_CHARS;
    long read = 0;
    byte[] buffer = new byte[1 << 16];
    while (read < expected) {
      int n = in.read(buffer);
      assertThat(n).as("answers until all arrived").isPositive();
      read += n;
    }
    assertThat(preparedWhileNotRead).isLessThanOrEqualTo(3);
    await("all answered", () -> bigAnswers.get() == 16);
  }

  /**
   * Clients that ask for large answers and do not read them hold those answers in the server; past
   * the budget the next large answer is a 503, and the budget frees when a holder goes away.
   */
  @Test
  void largeAnswersHeldBySlowReaders_areBounded_andTheBudgetFreesWhenTheyGo() throws Exception {
    port =
        server.start(
            JsonRpcServerConfig.defaults()
                .withHost(LOOPBACK)
                .withLimits(HttpServerLimits.defaults().withMaxPendingAnswerBytes(10 << 20)));
    String bigCall = post("{\"jsonrpc\":\"2.0\",\"method\":\"big\",\"id\":1}");
    List<Socket> holders = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      Socket holder = new Socket();
      sockets.add(holder);
      holder.setReceiveBufferSize(64 << 10);
      holder.connect(new InetSocketAddress(LOOPBACK, port), 2_000);
      holder.getOutputStream().write(bigCall.getBytes(US_ASCII));
      holder.getOutputStream().flush();
      holders.add(holder);
    }
    await("both answers made", () -> bigAnswers.get() == 2);
    // Made is not yet held: each answer takes its room in the budget on the event loop, after.
    await("both answers held", () -> server.pendingLargeAnswerBytes() > 8 << 20);

    String refused = exchange(OTHER, bigCall);

    assertThat(refused)
        .startsWith("HTTP/1.1 503")
        .contains("large answers waiting for slow clients");
    holders.get(0).close();
    String served =
        Awaitility.await("a big answer served once a holder is gone")
            .atMost(Duration.ofSeconds(5))
            .dontCatchUncaughtExceptions()
            .pollDelay(Duration.ZERO)
            .pollInterval(Duration.ZERO)
            .until(() -> exchange(OTHER, bigCall), answer -> !answer.startsWith("HTTP/1.1 503"));
    assertThat(served).startsWith("HTTP/1.1 200").hasSizeGreaterThan(BIG_ANSWER_CHARS);
  }

  /** What a dribbling client read, and when the server closed it, from its first byte. */
  private record Dribbled(String answer, long closedAfterMillis) {}

  private Dribbled dribble() throws IOException {
    byte[] request =
        post("{\"padding\":\"" + " ".repeat(400) + "\"," + CALL.substring(1)).getBytes(US_ASCII);
    Socket socket = connect(LOOPBACK);
    long first = System.nanoTime();
    Thread writer =
        Thread.ofVirtual()
            .start(
                () -> {
                  try {
                    OutputStream out = socket.getOutputStream();
                    for (byte b : request) {
                      out.write(b);
                      out.flush();
                      Thread.sleep(100);
                    }
                  } catch (IOException | InterruptedException e) {
                    // closed by the server: what the test expects
                  }
                });
    String answer = readAll(socket);
    long closedAfter = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - first);
    writer.interrupt();
    return new Dribbled(answer, closedAfter);
  }

  private void start(int maxConnections, int perAddress) {
    JsonRpcServerConfig config =
        JsonRpcServerConfig.defaults()
            .withHost(LOOPBACK)
            .withRequestsPerSecond(1_000_000) // not under test: the served client runs flat out
            .withLimits(
                HttpServerLimits.defaults()
                    .withMaxConnections(maxConnections, perAddress)
                    .withRequestTimeout(DEADLINE));
    port = server.start(config);
  }

  private Socket connect(String from) throws IOException {
    Socket socket = new Socket();
    synchronized (sockets) {
      sockets.add(socket);
    }
    socket.bind(new InetSocketAddress(from, 0));
    socket.connect(new InetSocketAddress(LOOPBACK, port), 2_000);
    socket.setSoTimeout(10_000);
    return socket;
  }

  /** Everything the server sends until it closes; empty if it closes (or resets) at once. */
  private static String readAll(Socket socket) throws IOException {
    InputStream in = socket.getInputStream();
    try {
      return new String(in.readAllBytes(), US_ASCII);
    } catch (SocketException reset) {
      return "";
    }
  }

  private String exchange(String from, String raw) throws IOException {
    try (Socket socket = connect(from)) {
      socket.getOutputStream().write(raw.getBytes(US_ASCII));
      socket.getOutputStream().flush();
      return readAll(socket);
    }
  }

  private static String post(String body) {
    return "POST / HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
        + "Connection: close\r\nContent-Length: "
        + body.length()
        + "\r\n\r\n"
        + body;
  }

  /** Polls {@code condition} every 5 ms for up to 5 s; a timeout names {@code what}. */
  private static void await(String what, BooleanSupplier condition) {
    Awaitility.await(what)
        .atMost(Duration.ofSeconds(5))
        .dontCatchUncaughtExceptions()
        .pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofMillis(5))
        .until(condition::getAsBoolean);
  }
}
