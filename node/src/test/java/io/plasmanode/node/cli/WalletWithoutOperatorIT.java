package io.plasmanode.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.plasmanode.core.crypto.PrivateKey;
import io.plasmanode.core.eip712.Eip712Domain;
import io.plasmanode.core.eip712.TransactionSigner;
import io.plasmanode.core.testing.TestKeys;
import io.plasmanode.core.tx.Output;
import io.plasmanode.core.tx.PaymentTransaction;
import io.plasmanode.core.tx.SignedTransaction;
import io.plasmanode.core.tx.TxCodec;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Hex;
import io.plasmanode.p2p.rpc.JsonRpcMethods;
import io.plasmanode.p2p.rpc.JsonRpcServer;
import io.plasmanode.p2p.rpc.JsonRpcServerConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The wallet with the operator down (nothing listens at {@link #DOWN}): {@code balance} and {@code
 * utxos} ask a watcher and say so; {@code exit start} asks the watcher whether the output is spent
 * before it risks the bond. Stand-in operator and watcher APIs on 127.0.0.1 answer as documented.
 */
class WalletWithoutOperatorIT {
  private static final String DOWN = "http://127.0.0.1:1";
  private static final PrivateKey ALICE = TestKeys.ALICE;
  private static final Address TOKEN = Address.fromHex("0x" + "77".repeat(20));
  private static final BigInteger QUARTER_ETH = new BigInteger("250000000000000000");
  private static final UtxoPos DEPOSIT = new UtxoPos(1, 0, 0);
  private static final UtxoPos COMMITTED = new UtxoPos(1000, 0, 0);
  private static final UtxoPos UNCOMMITTED = new UtxoPos(2000, 0, 1);

  @TempDir Path home;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private final List<AutoCloseable> servers = new ArrayList<>();

  @AfterEach
  void stopServers() throws Exception {
    for (AutoCloseable server : servers) {
      server.close();
    }
  }

  @Test
  void balance_withTheOperatorDown_isAnsweredByTheWatcherOfTheConfigFile() throws Exception {
    URI watcher =
        serve(
            watcherMethods(
                List.of(
                    utxo(DEPOSIT, Address.ZERO, QUARTER_ETH),
                    utxo(COMMITTED, Address.ZERO, QUARTER_ETH),
                    utxo(UNCOMMITTED, TOKEN, BigInteger.TEN))));
    Path config = Files.writeString(home.resolve("alice.properties"), "watcher=" + watcher + "\n");
    int exit =
        run(
            "balance",
            "--address",
            ALICE.address().toHex(),
            "--rpc",
            DOWN,
            "--config",
            "" + config);
    assertThat(exit).as(err.toString()).isZero();
    assertThat(out.toString()).contains("0.5 ETH", "10 of token " + TOKEN);
    assertThat(err.toString())
        .contains("operator at " + DOWN + " unreachable (ConnectException")
        .contains("answered by the watcher at " + watcher)
        .doesNotContain("null");
  }

  @Test
  void utxos_withTheOperatorDown_areTheWatchersAndSaySo() throws Exception {
    URI watcher = serve(watcherMethods(List.of(utxo(COMMITTED, Address.ZERO, QUARTER_ETH))));
    int exit =
        run(
            "utxos",
            "--address",
            ALICE.address().toHex(),
            "--rpc",
            DOWN,
            "--watcher",
            "" + watcher,
            "--json");
    assertThat(exit).as(err.toString()).isZero();
    JsonNode listed = CliCommand.JSON.readTree(out.toString());
    assertThat(listed).hasSize(1);
    assertThat(listed.get(0).get("utxoPos").asText()).isEqualTo(COMMITTED.toString());
    assertThat(err.toString()).contains("unreachable", "answered by the watcher at " + watcher);
  }

  @Test
  void utxos_withOperatorAndWatcherDown_nameBothAndWhy() {
    int exit = run("utxos", "--address", ALICE.address().toHex(), "--rpc", DOWN, "--watcher", DOWN);
    assertThat(exit).isEqualTo(1);
    assertThat(err.toString())
        .contains("cannot reach the operator at " + DOWN + " (ConnectException")
        .contains("nor the watcher at " + DOWN + " (ConnectException")
        .doesNotContain("null");
  }

  @Test
  void utxos_markTheOutputsOfBlocksNotYetCommittedOnL1() throws Exception {
    List<Map<String, Object>> utxos =
        List.of(
            utxo(DEPOSIT, Address.ZERO, QUARTER_ETH),
            utxo(COMMITTED, Address.ZERO, QUARTER_ETH),
            utxo(UNCOMMITTED, Address.ZERO, QUARTER_ETH));
    URI operator =
        serve(
            JsonRpcMethods.builder()
                .add("plasma_getUtxos", params -> utxos)
                .add("plasma_status", params -> status(COMMITTED.blknum()))
                .build());
    assertThat(run("utxos", "--address", ALICE.address().toHex(), "--rpc", "" + operator))
        .as(err.toString())
        .isZero();
    List<String> lines = out.toString().lines().toList();
    assertThat(lines.get(1)).startsWith("  " + DEPOSIT).doesNotContain("not yet committed");
    assertThat(lines.get(2)).startsWith("  " + COMMITTED).doesNotContain("not yet committed");
    assertThat(lines.get(3))
        .startsWith("  " + UNCOMMITTED)
        .endsWith("(block not yet committed on L1)");
    assertThat(err.toString()).isEmpty();
    run("utxos", "--address", ALICE.address().toHex(), "--rpc", "" + operator, "--json");
    JsonNode listed = CliCommand.JSON.readTree(out.toString());
    assertThat(listed.findValuesAsText("committed")).containsExactly("true", "true", "false");
  }

  @Test
  void exitStart_ofAnOutputTheWatcherSawSpent_stopsBeforeL1() {
    try (ExitTestWatcher watcher = startExitWatcher(true)) {
      int exit = exitStart(watcher, "--from", "watcher");
      assertThat(exit).isEqualTo(1);
      assertThat(err.toString())
          .contains("the watcher at " + watcher.endpoint() + " saw output " + COMMITTED + " spent")
          .contains("would be challenged and the exit bond lost")
          .contains("--force")
          .doesNotContain("L1");
    }
  }

  @Test
  void exitStart_withForce_goesOnWithALoudWarning() {
    try (ExitTestWatcher watcher = startExitWatcher(true)) {
      int exit = exitStart(watcher, "--from", "watcher", "--force");
      assertThat(exit).isEqualTo(1);
      assertThat(err.toString())
          .contains("warning: !!! STARTING THE EXIT ANYWAY (--force) !!! the watcher at")
          .contains("plasma: cannot reach L1 at " + DOWN);
    }
  }

  @Test
  void exitStart_ofAnUnspentOutput_goesOnToL1WithoutAWarning() {
    try (ExitTestWatcher watcher = startExitWatcher(false)) {
      int exit = exitStart(watcher, "--from", "watcher");
      assertThat(exit).isEqualTo(1);
      assertThat(err.toString())
          .doesNotContain("warning")
          .contains("plasma: cannot reach L1 at " + DOWN);
    }
  }

  @Test
  void exitStart_withoutAReachableWatcher_saysItCouldNotCheck() {
    try (ExitTestWatcher operator = startExitWatcher(true)) {
      int exit =
          run(
              Map.of("PLASMA_PRIVATE_KEY", Hex.encode(ALICE.toArray())),
              "exit",
              "start",
              "--utxo",
              COMMITTED.toString(),
              "--from",
              "operator",
              "--rpc",
              "" + operator.endpoint(),
              "--watcher",
              DOWN,
              "--l1",
              DOWN,
              "--contract",
              "0x" + "11".repeat(20));
      assertThat(exit).isEqualTo(1);
      assertThat(err.toString())
          .contains("warning: could not check whether output " + COMMITTED + " is spent")
          .contains("cannot reach the watcher at " + DOWN)
          .contains("plasma: cannot reach L1 at " + DOWN);
    }
  }

  private int exitStart(ExitTestWatcher watcher, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "exit",
                "start",
                "--utxo",
                COMMITTED.toString(),
                "--watcher",
                "" + watcher.endpoint(),
                "--l1",
                DOWN,
                "--contract",
                "0x" + "11".repeat(20)));
    args.addAll(List.of(more));
    return run(
        Map.of("PLASMA_PRIVATE_KEY", Hex.encode(ALICE.toArray())), args.toArray(String[]::new));
  }

  /** Serves Alice's output at {@link #COMMITTED}, and a spend of it when {@code spent}. */
  private static ExitTestWatcher startExitWatcher(boolean spent) {
    ExitTestWatcher watcher = new ExitTestWatcher();
    PaymentTransaction created =
        PaymentTransaction.transfer(
            List.of(DEPOSIT), List.of(new Output(ALICE.address(), Address.ZERO, QUARTER_ETH)));
    watcher.addExitData(COMMITTED, List.of(TxCodec.encode(created)));
    if (spent) {
      PaymentTransaction spend =
          PaymentTransaction.transfer(
              List.of(COMMITTED),
              List.of(new Output(TestKeys.BOB.address(), Address.ZERO, QUARTER_ETH)));
      SignedTransaction signed =
          new TransactionSigner(new Eip712Domain(Address.fromHex("0x" + "11".repeat(20)), 1337))
              .sign(spend, List.of(ALICE));
      watcher.addChallengeData(COMMITTED, signed, 0);
    }
    return watcher;
  }

  /**
   * A watcher whose unspent outputs ({@code watcher_getUtxos}) are {@code unspent}; none is
   * exitable ({@code watcher_getExitableUtxos}), e.g. their exits were challenged with spends never
   * included: the wallet lists and counts them all, as the operator would.
   */
  private static JsonRpcMethods watcherMethods(List<Map<String, Object>> unspent) {
    return JsonRpcMethods.builder()
        .add("watcher_getUtxos", params -> unspent)
        .add("watcher_getExitableUtxos", params -> List.of())
        .build();
  }

  private URI serve(JsonRpcMethods methods) {
    JsonRpcServer server = new JsonRpcServer(methods);
    servers.add(server);
    return URI.create("http://127.0.0.1:" + server.start(JsonRpcServerConfig.defaults()));
  }

  private static Map<String, Object> status(long lastCommittedBlock) {
    return Map.of(
        "height",
        2000,
        "lastCommittedBlock",
        lastCommittedBlock,
        "contract",
        "0x" + "11".repeat(20),
        "chainId",
        1337);
  }

  /** A {@code Utxo} of Alice's as docs/json-rpc.md shows it. */
  private static Map<String, Object> utxo(UtxoPos pos, Address token, BigInteger amount) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("utxoPos", pos.toString());
    json.put("blknum", pos.blknum());
    json.put("txIndex", pos.txindex());
    json.put("oindex", pos.oindex());
    json.put("owner", ALICE.address().toHex());
    json.put("token", token.toHex());
    json.put("amount", amount.toString());
    json.put("status", "unspent");
    return json;
  }

  private int run(String... args) {
    return run(Map.of(), args);
  }

  private int run(Map<String, String> environment, String... args) {
    out.getBuffer().setLength(0);
    err.getBuffer().setLength(0);
    CommandLine cli = new CommandLine(new PlasmaCli(environment, home));
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }
}
