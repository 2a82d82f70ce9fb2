package io.plasmanode.node.daemon;

import static io.plasmanode.node.testing.Waits.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plasmanode.core.crypto.PrivateKey;
import io.plasmanode.core.testing.TestKeys;
import io.plasmanode.core.types.Hex;
import io.plasmanode.node.testing.PlasmaNetwork;
import io.plasmanode.p2p.rpc.JsonRpcClient;
import io.plasmanode.p2p.rpc.JsonRpcException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The operator's log level is the operator's to set: {@code --log-level}, or a logback file given
 * with {@code -Dlogback.configurationFile}, which the command then leaves alone.
 */
class OperatorLoggingIT {
  private static final PrivateKey OPERATOR = TestKeys.ALICE;

  @RegisterExtension final PlasmaNetwork net = PlasmaNetwork.builder().operator(OPERATOR).build();

  /** The operator as a child JVM of its own (its logging is what the test reads). */
  private PlasmaProcess startOperator(List<String> jvmOptions, List<String> options) {
    return net.closeLater(
        PlasmaProcess.operator(
            net.l1().rpcUrl(),
            net.l1().contract().toHex(),
            net.dir().resolve("operator"),
            Hex.encode(OPERATOR.toArray()),
            Duration.ofMillis(300),
            jvmOptions,
            options));
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
    Path logback = net.dir().resolve("my-logback.xml");
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
}
