package io.plasmanode.node.daemon;

import static io.plasmanode.contracts.testing.AnvilChain.ether;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plasmanode.contracts.testing.AnvilChain;
import io.plasmanode.core.crypto.PrivateKey;
import io.plasmanode.core.testing.TestKeys;
import io.plasmanode.core.types.Hex;
import io.plasmanode.p2p.rpc.JsonRpcClient;
import io.plasmanode.p2p.rpc.JsonRpcException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator's log level is the operator's to set: {@code --log-level}, or a logback file given
 * with {@code -Dlogback.configurationFile}, which the command then leaves alone.
 */
class OperatorLoggingIT {
  private static final PrivateKey OPERATOR = TestKeys.ALICE;
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path temp;
  private AnvilChain l1;
  private PlasmaProcess operator;

  @BeforeEach
  void start() {
    l1 = AnvilChain.start(OPERATOR, Duration.ofDays(7), ether(1).divide(BigInteger.TEN));
  }

  @AfterEach
  void stop() {
    if (operator != null) {
      operator.close();
    }
    l1.close();
  }

  private PlasmaProcess startOperator(List<String> jvmOptions, List<String> options) {
    operator =
        PlasmaProcess.operator(
            l1.rpcUrl(),
            l1.contract().toHex(),
            temp.resolve("operator"),
            Hex.encode(OPERATOR.toArray()),
            Duration.ofMillis(300),
            jvmOptions,
            options);
    return operator;
  }

  /** A call the operator answers with an error, which its JSON-RPC dispatcher logs at DEBUG. */
  private static void askBadly(PlasmaProcess operator) {
    try (JsonRpcClient rpc = new JsonRpcClient(operator.rpcUrl())) {
      assertThatThrownBy(() -> rpc.call("plasma_getBlock", 1234))
          .isInstanceOf(JsonRpcException.class);
    }
  }

  private static boolean logged(PlasmaProcess operator, String text) {
    return operator.output().stream().anyMatch(line -> line.contains(text));
  }

  @Test
  void logLevelDebug_showsDebugLines() {
    PlasmaProcess debug = startOperator(List.of(), List.of("--log-level", "DEBUG"));

    askBadly(debug);

    await(
        "a DEBUG line of the JSON-RPC dispatcher",
        () -> logged(debug, "DEBUG JsonRpcDispatcher - JSON-RPC plasma_getBlock answered error"));
  }

  @Test
  void defaultLevel_isInfoWithoutDebugLines() {
    PlasmaProcess info = startOperator(List.of(), List.of());

    askBadly(info);
    await("the start-up INFO line", () -> logged(info, "INFO  OperatorNode - "));

    assertThat(info.output()).noneMatch(line -> line.contains(" DEBUG "));
  }

  @Test
  void logbackFile_isHonouredAndTheCommandLineDoesNotOverrideIt() throws Exception {
    Path logback = temp.resolve("my-logback.xml");
    Files.writeString(
        logback,
        """
        <configuration>
          <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
            <encoder><pattern>MINE %level %logger{0} - %msg%n</pattern></encoder>
          </appender>
          <logger name="io.netty" level="WARN"/>
          <logger name="org.web3j" level="WARN"/>
          <logger name="okhttp3" level="WARN"/>
          <root level="DEBUG"><appender-ref ref="OUT"/></root>
        </configuration>
        """);
    PlasmaProcess mine =
        startOperator(
            List.of("-Dlogback.configurationFile=" + logback), List.of("--log-level", "ERROR"));

    askBadly(mine);

    await(
        "the file's DEBUG level and pattern, whatever --log-level says",
        () -> logged(mine, "MINE DEBUG JsonRpcDispatcher - JSON-RPC plasma_getBlock answered"));
    assertThat(mine.output()).anyMatch(line -> line.startsWith("MINE INFO OperatorNode - "));
  }

  private static void await(String what, BooleanSupplier condition) {
    Awaitility.await(what)
        .atMost(WAIT)
        .dontCatchUncaughtExceptions()
        .pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofMillis(50))
        .until(condition::getAsBoolean);
  }
}
