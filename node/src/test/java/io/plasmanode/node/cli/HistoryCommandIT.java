package io.plasmanode.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.plasmanode.core.types.Address;
import io.plasmanode.node.api.SubmitResult;
import io.plasmanode.node.api.TransactionSubmitter;
import io.plasmanode.node.rpc.PlasmaRpcMethods;
import io.plasmanode.p2p.rpc.JsonRpcServer;
import io.plasmanode.p2p.rpc.JsonRpcServerConfig;
import io.plasmanode.storage.chain.ChainStore;
import io.plasmanode.storage.chain.TestChains;
import io.plasmanode.storage.kv.LevelDbKeyValueStore;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code plasma history} in-process against the operator's JSON-RPC methods on 127.0.0.1, over a
 * LevelDB chain ({@link TestChains}) that is closed and opened again between pages, as across a
 * restart of the operator: a cursor printed before the restart goes on after it.
 */
class HistoryCommandIT {
  private static final String ALICE = Address.fromHex("0x" + "a1".repeat(20)).toHex();

  @TempDir Path home;
  @TempDir Path dataDir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private LevelDbKeyValueStore kv;
  private JsonRpcServer server;
  private String rpcUrl;

  private void startOperator() {
    kv = LevelDbKeyValueStore.open(dataDir.resolve("chain"));
    ChainStore store = new ChainStore(kv);
    server =
        new JsonRpcServer(
            PlasmaRpcMethods.create(
                store,
                new NoSubmissions(),
                () -> {
                  throw new IllegalStateException("plasma history does not ask for the status");
                }));
    int port = server.start(JsonRpcServerConfig.defaults().withHost("127.0.0.1").withPort(0));
    rpcUrl = "http://127.0.0.1:" + port;
  }

  @AfterEach
  void stopOperator() {
    if (server != null) {
      server.close();
    }
    if (kv != null) {
      kv.close();
    }
  }

  private void restartOperator() {
    stopOperator();
    startOperator();
  }

  @Test
  void history_pagesNewestFirst_andACursorFromBeforeARestartGoesOn() throws Exception {
    try (LevelDbKeyValueStore chain = LevelDbKeyValueStore.open(dataDir.resolve("chain"))) {
      TestChains.writeConsistentChain(chain);
    }
    startOperator();
    List<String> positions = new ArrayList<>();

    assertThat(run("history", "--address", ALICE, "--limit", "2", "--json")).isZero();
    JsonNode page = CliCommand.JSON.readTree(out.toString());
    page.get("transactions").forEach(item -> positions.add(position(item)));
    String cursor = page.get("nextCursor").asText();
    restartOperator();
    while (cursor != null) {
      assertThat(run("history", "--address", ALICE, "--limit", "2", "--cursor", cursor, "--json"))
          .as(err.toString())
          .isZero();
      page = CliCommand.JSON.readTree(out.toString());
      page.get("transactions").forEach(item -> positions.add(position(item)));
      cursor = page.get("nextCursor").isNull() ? null : page.get("nextCursor").asText();
    }

    assertThat(positions).containsExactly("3000:0", "2000:1", "1000:0", "2:0", "1:0");
  }

  @Test
  void history_inWords_saysWhatWasSentAndReceivedAndHowToGoOn() {
    try (LevelDbKeyValueStore chain = LevelDbKeyValueStore.open(dataDir.resolve("chain"))) {
      TestChains.writeConsistentChain(chain);
    }
    startOperator();

    assertThat(run("history", "--address", ALICE, "--limit", "3")).as(err.toString()).isZero();

    assertThat(out.toString())
        .contains("transactions of " + ALICE + ", newest first")
        .contains("  1000:0  2025-01-02T03:04:05Z  0x")
        .contains("sent     0.0000000000000001 ETH (100 wei)")
        .contains("received 0.00000000000000004 ETH (40 wei)")
        .contains("with     0x" + "b0".repeat(20))
        .contains("more: plasma history --address " + ALICE + " --limit 3 --cursor 1000.0");
  }

  @Test
  void badLimit_isAUsageError_andABadCursorNamesTheOperatorsReason() {
    startOperator();

    assertThat(run("history", "--address", ALICE, "--limit", "500")).isEqualTo(2);
    assertThat(err.toString()).contains("--limit must be 1..200, got 500");
    assertThat(run("history", "--address", ALICE, "--cursor", "yesterday")).isEqualTo(1);
    assertThat(err.toString()).contains("param 1 (cursor) is not a cursor of this method");
  }

  private static String position(JsonNode item) {
    return item.get("blknum").asLong() + ":" + item.get("txIndex").asInt();
  }

  private int run(String... args) {
    CommandLine cli = new CommandLine(new PlasmaCli(Map.of("PLASMA_RPC", rpcUrl), home));
    out.getBuffer().setLength(0);
    err.getBuffer().setLength(0);
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  /** The operator of this test takes no transactions. */
  private static final class NoSubmissions implements TransactionSubmitter {
    @Override
    public SubmitResult submit(byte[] signedTxBytes) {
      throw new IllegalStateException("plasma history submits nothing");
    }

    @Override
    public List<SubmitResult> submitAll(List<byte[]> signedTxBytes) {
      throw new IllegalStateException("plasma history submits nothing");
    }
  }
}
