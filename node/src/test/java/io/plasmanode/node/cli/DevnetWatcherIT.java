package io.plasmanode.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.http.HttpService;

/**
 * README.md's exit game on the devnet ("Running a watcher"), exactly as a user runs it: {@code
 * scripts/devnet} with a 20 s exit period in one process, then the walkthrough's block as one bash
 * script: alice deposits, pays it all to bob, exits the spent output with {@code cast}, waits until
 * the devnet's watcher has challenged it, and bob exits his output and processes it once it
 * matures. Nothing moves L1 by hand: anvil's interval mining and real time do. Without a watcher
 * that challenges, the script waits for the challenge until its timeout and the test fails.
 */
class DevnetWatcherIT {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration WALKTHROUGH_TIMEOUT = Duration.ofMinutes(4);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);
  private static final String EXIT_PERIOD = "20s";
  private static final BigInteger ANVIL_FUNDS = BigInteger.TEN.pow(22); // 10,000 ETH
  private static final String CHALLENGER = "0x15d34aaf54267db7d7c367839aaf71a00a2c6a65";
  private static final String ALICE = "0x70997970c51812dc3a010c7d01b50e0d17dc79c8";
  private static final String BOB = "0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc";

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

  @Test
  void watcherWalkthrough_challengesTheCheatAndPaysTheHonestExit() throws Exception {
    ReadmeWatcherWalkthrough walkthrough =
        ReadmeWatcherWalkthrough.parse(
            Files.readString(root.resolve("README.md"), StandardCharsets.UTF_8));
    DevnetProcess.assertJarIsCurrent(root);
    Path dir = temp.resolve("devnet");
    int l1Port = DevnetProcess.freePort();
    int rpcPort = DevnetProcess.freePort();
    int watcherPort = DevnetProcess.freePort();
    shell = DevnetShell.in(root, temp);
    devnet =
        DevnetProcess.start(
            root,
            shell.env(),
            temp.resolve("devnet.log"),
            options(dir, l1Port, rpcPort, watcherPort));
    assertThat(devnet.awaitBanner(START_TIMEOUT))
        .contains("watcher JSON-RPC  http://127.0.0.1:" + watcherPort)
        .contains("exit period       20 s");
    String l1 = "http://127.0.0.1:" + l1Port;

    String output = run(walkthrough.forDevnet(dir, "http://127.0.0.1:" + rpcPort, l1));

    assertThat(output).contains("1 paid").contains("1 challenged exit(s) left the queue unpaid");
    assertExitsOnL1(dir);
    assertThat(balance(l1, CHALLENGER))
        .as("the challenger's L1 balance: 10,000 ETH + alice's bond - the challenge's gas")
        .isGreaterThan(ANVIL_FUNDS);
    assertThat(devnet.output()).contains("Challenged exit");
    devnet.stop(STOP_TIMEOUT);
  }

  private static List<String> options(Path dir, int l1Port, int rpcPort, int watcherPort)
      throws IOException {
    return List.of(
        "--dir",
        dir.toString(),
        "--l1-port",
        "" + l1Port,
        "--rpc-port",
        "" + rpcPort,
        "--watcher-rpc-port",
        "" + watcherPort,
        "--watcher-p2p-port",
        "" + DevnetProcess.freePort(),
        "--exit-period",
        EXIT_PERIOD);
  }

  /** Both exits as the contract has them: alice's challenged, bob's paid out. */
  private void assertExitsOnL1(Path dir) throws Exception {
    String json =
        run("scripts/plasma exit list --json --config " + dir.resolve("alice.properties"));
    JsonNode exits = new ObjectMapper().readTree(json);
    assertThat(exits).as("exits on L1: %s", json).hasSize(2);
    Map<String, String> statusByOwner = new HashMap<>();
    exits.forEach(
        exit -> statusByOwner.put(exit.get("owner").asText(), exit.get("status").asText()));
    assertThat(statusByOwner).containsEntry(ALICE, "challenged").containsEntry(BOB, "finalized");
  }

  private String run(String script) throws Exception {
    return shell.run(script, WALKTHROUGH_TIMEOUT, "did the watcher challenge?", devnet::output);
  }

  private static BigInteger balance(String l1, String address) throws IOException {
    Web3j web3j = Web3j.build(new HttpService(l1));
    try {
      return web3j.ethGetBalance(address, DefaultBlockParameterName.LATEST).send().getBalance();
    } finally {
      web3j.shutdown();
    }
  }
}
