package io.plasmanode.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.plasmanode.core.testing.TestKeys;
import io.plasmanode.p2p.rpc.JsonRpcMethods;
import io.plasmanode.p2p.rpc.JsonRpcServer;
import io.plasmanode.p2p.rpc.JsonRpcServerConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * An operator or watcher on 127.0.0.1 whose answers do not have the documented shape: the CLI reads
 * answers into the records the server writes, so a malformed one is a clear message and exit code
 * 1, never a half-read value.
 */
class MalformedAnswerIT {
  private static final String ALICE = TestKeys.ALICE.address().toHex();

  @TempDir Path home;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private final JsonRpcServer server =
      new JsonRpcServer(
          JsonRpcMethods.builder()
              .add("plasma_status", params -> Map.of("height", 0, "contract", "0x1234"))
              .add("plasma_getBalance", params -> List.of(Map.of("token", ALICE, "amount", "ten")))
              .add("plasma_getUtxos", params -> Map.of("utxoPos", "1000000"))
              .add("watcher_getUtxos", params -> List.of(Map.of("utxoPos", 1000000)))
              .build());
  private final String endpoint =
      "http://127.0.0.1:" + server.start(JsonRpcServerConfig.defaults());

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void aStatusWithAShortContract_isExitCode1NamingTheMethod() {
    assertThat(run("status", "--rpc", endpoint)).isEqualTo(1);
    assertThat(err.toString())
        .startsWith("plasma: the operator's answer is malformed: plasma_status answered {")
        .contains("which is not a Status");
  }

  @Test
  void aBalanceWithAWordForAnAmount_isExitCode1() {
    assertThat(run("balance", "--address", ALICE, "--rpc", endpoint)).isEqualTo(1);
    assertThat(err.toString())
        .startsWith("plasma: the operator's answer is malformed: plasma_getBalance answered [");
  }

  @Test
  void utxosThatAreNoList_orAWatchersUtxoPosAsANumber_areExitCode1() {
    assertThat(run("utxos", "--address", ALICE, "--rpc", endpoint)).isEqualTo(1);
    assertThat(err.toString()).contains("plasma_getUtxos answered {");

    err.getBuffer().setLength(0);
    assertThat(
            run("utxos", "--address", ALICE, "--rpc", "http://127.0.0.1:1", "--watcher", endpoint))
        .isEqualTo(1);
    assertThat(err.toString())
        .contains("the watcher at " + endpoint + " sent a malformed answer")
        .contains("watcher_getUtxos answered [");
  }

  private int run(String... args) {
    CommandLine cli = new CommandLine(new PlasmaCli(Map.of(), home));
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }
}
