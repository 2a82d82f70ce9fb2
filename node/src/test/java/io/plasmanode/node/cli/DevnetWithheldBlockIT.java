package io.plasmanode.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.plasmanode.contracts.l1.L1Client;
import io.plasmanode.contracts.l1.Web3jRootChain;
import io.plasmanode.core.types.Address;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14's scenario 1 on the devnet, exactly as README.md's "A withheld block on the devnet"
 * walks through it: {@code scripts/devnet} with the section's options ({@code --byzantine}, its
 * exit period) in one process, then the section's block as one bash script: alice deposits 1 ETH,
 * the operator is told to cheat, alice pays it all to bob (T), the operator commits [T, bogus] and
 * withholds it while eve exits her bogus 1 ETH, the watcher reports block_withholding, alice exits
 * T in flight, bob and alice piggyback, and the queue is processed once eve's exit matures. Bob
 * ends with alice's 1 ETH; eve's payout is dropped, unbacked. Real time, nothing moves L1 by hand.
 */
class DevnetWithheldBlockIT {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
  private static final Duration WALKTHROUGH_TIMEOUT = Duration.ofMinutes(12);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
  private static final BigInteger ANVIL_FUNDS = BigInteger.TEN.pow(22); // 10,000 ETH
  private static final BigInteger ONE_ETH = BigInteger.TEN.pow(18);
  private static final BigInteger GAS_ALLOWANCE = ONE_ETH.divide(BigInteger.valueOf(100));
  private static final Address BOB = Address.fromHex("0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc");
  private static final Address EVE = Address.fromHex("0x9965507d1a55bcc2695c58ba16fb37d819b0a4dc");

  @TempDir Path temp;
  private final Path root = DevnetProcess.repositoryRoot();
  private DevnetProcess devnet;
  private DevnetShell shell;

  @AfterEach
  void killLeftovers() {
    if (devnet != null) {
      devnet.close();
    }
  }

  private static final String IT_EXIT_PERIOD = "60s";

  @Test
  void withheldBlockWalkthrough_bobGetsAlicesEther_eveNothing() throws Exception {
    ReadmeWithheldBlockWalkthrough walkthrough =
        ReadmeWithheldBlockWalkthrough.parse(
            Files.readString(root.resolve("README.md"), StandardCharsets.UTF_8));
    DevnetProcess.assertJarIsCurrent(root);
    Path dir = temp.resolve("devnet");
    int l1Port = DevnetProcess.freePort();
    int rpcPort = DevnetProcess.freePort();
    shell = DevnetShell.in(root, temp);
    devnet =
        DevnetProcess.start(
            root,
            shell.env(),
            temp.resolve("devnet.log"),
            options(walkthrough.devnetOptions(), dir, l1Port, rpcPort));
    assertThat(devnet.awaitBanner(START_TIMEOUT))
        .contains("BYZANTINE (--byzantine)")
        .contains("fees              none (--no-fees)")
        .containsPattern("explorer          http://127\\.0\\.0\\.1:[0-9]+/explorer/  watcher's:");
    String l1 = "http://127.0.0.1:" + l1Port;

    String output = run(walkthrough.forDevnet(dir, "http://127.0.0.1:" + rpcPort, l1));

    assertThat(output)
        .contains("armed: the operator puts the next transaction it is sent into a block")
        .contains("block_withholding (exit): block 1000")
        .containsPattern("past events:\\R    - piggyback_available \\(piggyback\\)")
        .contains("canonical, paid output 0")
        .contains("processed 2 exits of the ETH queue (1 in flight): 1 paid, 1 not paid")
        .contains("piggybacked input 0, output 0; paid output 0 (1 ETH to " + BOB + ")")
        .doesNotContain("challenged exit(s)");
    assertThat(devnet.output())
        .contains("Byzantine devnet: committed block 1000")
        .contains("block_withholding: block 1000");
    assertExitsOnL1(dir);
    assertSettled(l1, contract(dir));
    devnet.stop(STOP_TIMEOUT);
  }

  /** The README's devnet options, on this test's directory and free ports. */
  private static List<String> options(List<String> readme, Path dir, int l1Port, int rpcPort)
      throws IOException {
    List<String> options = new ArrayList<>(readme);
    int exitPeriod = options.indexOf("--exit-period");
    assertThat(exitPeriod).as("README's devnet sets --exit-period").isNotNegative();
    // A script types faster than a person: half the README's exit period still leaves the
    // piggybacks twice the time they take, and halves the test's wait for eve's exit to mature.
    options.set(exitPeriod + 1, IT_EXIT_PERIOD);
    options.addAll(
        List.of(
            "--dir",
            dir.toString(),
            "--l1-port",
            "" + l1Port,
            "--rpc-port",
            "" + rpcPort,
            "--watcher-rpc-port",
            "" + DevnetProcess.freePort(),
            "--watcher-p2p-port",
            "" + DevnetProcess.freePort()));
    return options;
  }

  /** T's in-flight exit paid as canonical, eve's exit processed (its payout dropped). */
  private void assertExitsOnL1(Path dir) throws Exception {
    String json =
        run("scripts/plasma exit list --json --config " + dir.resolve("alice.properties"));
    JsonNode exits = new ObjectMapper().readTree(json);
    assertThat(exits).as("exits on L1: %s", json).hasSize(2);
    Map<String, JsonNode> byKind = new HashMap<>();
    exits.forEach(exit -> byKind.put(exit.get("kind").asText(), exit));
    assertThat(byKind.get("standard").get("owner").asText()).isEqualTo(EVE.toHex());
    assertThat(byKind.get("standard").get("status").asText()).isEqualTo("finalized");
    assertThat(byKind.get("standard").get("paid").asBoolean()).as("eve's payout").isFalse();
    assertThat(byKind.get("inflight").get("status").asText()).isEqualTo("finalized");
    assertThat(byKind.get("inflight").get("canonical").asBoolean()).isTrue();
    assertThat(byKind.get("inflight").get("piggybacked").toString())
        .as("from the L1 events: the contract forgot them")
        .isEqualTo("[\"input 0\",\"output 0\"]");
    assertThat(byKind.get("inflight").get("paid").toString()).isEqualTo("[\"output 0\"]");
  }

  /** Bob has alice's ether, eve has none of it, and the contract holds nothing any more. */
  private static void assertSettled(String l1, Address contract) {
    try (L1Client client = L1Client.connect(URI.create(l1))) {
      Web3jRootChain chain = Web3jRootChain.readOnly(client, contract);
      assertThat(client.balance(BOB))
          .as("bob: 10,000 ETH + alice's 1 ETH - his gas (his piggyback bond came back)")
          .isBetween(ANVIL_FUNDS.add(ONE_ETH).subtract(GAS_ALLOWANCE), ANVIL_FUNDS.add(ONE_ETH));
      assertThat(client.balance(EVE))
          .as("eve: 10,000 ETH - her gas (her exit bond came back, the 1 ETH did not come)")
          .isBetween(ANVIL_FUNDS.subtract(GAS_ALLOWANCE), ANVIL_FUNDS);
      assertThat(chain.withdrawable(EVE, Address.ZERO))
          .as("eve's unbacked payout is dropped, not credited")
          .isZero();
      assertThat(client.balance(contract)).as("every bond and deposit paid out").isZero();
    }
  }

  private String run(String script) throws Exception {
    return shell.run(script, WALKTHROUGH_TIMEOUT, "did the users act in time?", devnet::output);
  }

  private static Address contract(Path dir) throws IOException {
    Properties marker = new Properties();
    try (var in = Files.newBufferedReader(dir.resolve("devnet.properties"))) {
      marker.load(in);
    }
    return Address.fromHex(marker.getProperty("contract"));
  }
}
