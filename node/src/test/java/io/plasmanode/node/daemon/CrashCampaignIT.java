package io.plasmanode.node.daemon;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.plasmanode.contracts.anvil.AnvilProcess;
import io.plasmanode.contracts.testing.AnvilChain;
import io.plasmanode.core.crypto.PrivateKey;
import io.plasmanode.core.eip712.Eip712Domain;
import io.plasmanode.core.eip712.TransactionSigner;
import io.plasmanode.core.l1.ExitState;
import io.plasmanode.core.l1.L1Event;
import io.plasmanode.core.testing.TestKeys;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Hex;
import io.plasmanode.node.crypto.SignerRecoveries;
import io.plasmanode.node.loadgen.BenchAccounts;
import io.plasmanode.node.loadgen.RecordingLoad;
import io.plasmanode.node.testing.PlasmaNetwork;
import io.plasmanode.node.testing.Scenario;
import io.plasmanode.node.testing.Waits;
import io.plasmanode.p2p.rpc.JsonRpcClient;
import io.plasmanode.storage.chain.ChainCheck;
import io.plasmanode.storage.chain.ChainCheckMode;
import io.plasmanode.storage.chain.ChainCheckReport;
import io.plasmanode.storage.chain.ChainStore;
import io.plasmanode.storage.kv.LevelDbKeyValueStore;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The crash campaign: {@code kill -9} at random moments, restart on the same data directory, check
 * everything users and L1 were told, repeat.
 *
 * <p>Operator: {@code plasma operator} in a child JVM under the bench's load (transfers over many
 * connections, every acknowledgment recorded) while users deposit on L1 all along, so kills land
 * mid-block, mid-write, mid-commit and mid-deposit-ingest. After each restart {@link ChainAudit}
 * checks that every acknowledged transaction is served where it was acknowledged, blocks are
 * contiguous and unchanged, L1 has each block once, in order, with the stored root, and the served
 * outputs equal the ones recomputed from L1 deposits and the served blocks; after the last round,
 * stopped gracefully, its database is checked offline against the same recomputation and by the
 * full {@link ChainCheck}. Every start (each restart of the campaign) runs the full check too
 * ({@code --check-db full} in {@link PlasmaProcess}): an inconsistent database refuses to start.
 *
 * <p>Watcher: {@code plasma watcher} with a challenger key in a child JVM, syncing from an
 * operator, while users start exits on L1 all along ({@link ExitPlayers}), valid ones and exits of
 * outputs already spent; it is killed at random moments and exits go on while it is down. After
 * each restart every invalid exit is challenged on L1 exactly once, with one L1 transaction each,
 * no valid exit is challenged, the watcher tracks every exit and reports each invalid one once.
 *
 * <p>Short in CI (2 rounds each, about a minute); the long campaign: {@code
 * -Dplasma.crash.rounds=25}; replay a run with the seed it printed: {@code -Dplasma.crash.seed=N}.
 */
class CrashCampaignIT {
  private static final int ROUNDS = Integer.getInteger("plasma.crash.rounds", 2);
  private static final long SEED = Long.getLong("plasma.crash.seed", System.nanoTime());
  private static final PrivateKey OPERATOR = TestKeys.ALICE;
  private static final PrivateKey FUNDER = TestKeys.BOB;
  private static final PrivateKey CHALLENGER = TestKeys.DAVE;
  private static final BigInteger UNIT = BigInteger.TEN.pow(12);
  private static final int ACCOUNTS = 16;
  private static final int LANES = 96;
  private static final int CONNECTIONS = 3;
  private static final int BATCH = 16;

  /** The exit players of the watcher campaign (the operator is {@link #OPERATOR}). */
  private static final List<PrivateKey> PLAYERS =
      List.of(TestKeys.CAROL, TestKeys.BOB, TestKeys.numbered(1), TestKeys.numbered(2));

  /** The depositors of the operator campaign. */
  private static final List<PrivateKey> DEPOSITORS =
      List.of(TestKeys.CAROL, TestKeys.DAVE, TestKeys.numbered(7));

  @RegisterExtension
  final PlasmaNetwork net =
      PlasmaNetwork.builder()
          .operator(OPERATOR)
          .fund(
              List.of(
                  FUNDER,
                  CHALLENGER,
                  TestKeys.CAROL,
                  TestKeys.numbered(1),
                  TestKeys.numbered(2),
                  TestKeys.numbered(7)))
          .build();

  private PlasmaProcess operator;
  private PlasmaProcess watcher;

  @Test
  void operator_keepsEveryAcknowledgedTxAndCommitsEachBlockOnce_acrossKillMinus9()
      throws Exception {
    long started = System.nanoTime();
    Random random = new Random(SEED);
    say(
        "operator campaign: seed %d, %d rounds (replay: -Dplasma.crash.seed=%d)",
        SEED, ROUNDS, SEED);
    List<PrivateKey> depositors = DEPOSITORS;
    AnvilChain l1 = net.l1();
    Path dataDir = net.dir().resolve("operator");
    operator =
        net.closeLater(
            PlasmaProcess.operator(l1.rpcUrl(), l1.contract().toHex(), dataDir, hex(OPERATOR)));

    BenchAccounts accounts = BenchAccounts.derive("crash-campaign-" + SEED, ACCOUNTS);
    RecordingLoad load = fundLoad(net.scenario(operator.rpcUrl()), accounts);
    List<Address> owners = new ArrayList<>(load.owners());
    owners.add(accounts.hub().address());
    owners.addAll(depositors.stream().map(PrivateKey::address).toList());
    ChainAudit audit = new ChainAudit(l1.as(FUNDER));
    List<String> violations = new ArrayList<>(audit(audit, load, owners, 0).violations());

    long lost = 0;
    int kills = 0;
    List<Long> restartMillis = new ArrayList<>();
    Random depositing = new Random(random.nextLong());
    Scenario depositingUsers = net.scenario();
    try (PausableLoop depositor =
        new PausableLoop(
            "l1-depositor",
            Duration.ofMillis(150),
            () -> deposit(depositingUsers, depositors, depositing))) {
      for (int round = 1; round <= ROUNDS; round++) {
        load.start(operator.rpcUrl(), CONNECTIONS, BATCH);
        long killAfter = 300 + random.nextInt(3200);
        Thread.sleep(killAfter);
        operator.kill();
        kills++;
        load.stop();
        restartMillis.add(restart(l1, dataDir));
        if (random.nextInt(4) == 0) {
          // again while it catches up with L1 (deposits made while it was down, commits)
          Thread.sleep(random.nextInt(400));
          operator.kill();
          kills++;
          restartMillis.add(restart(l1, dataDir));
        }
        depositor.pause();
        ChainAudit.Report report = audit(audit, load, owners, round);
        violations.addAll(report.violations());
        lost = report.lostAcks();
        load.resume(report.held());
        depositor.resume();
        say(
            "round %d: killed %d ms into the load; restarted in %d ms; height %d (+%d blocks),"
                + " %d acknowledged, %d lost, %d deposits; %d violations",
            round,
            killAfter,
            restartMillis.getLast(),
            report.height(),
            report.newBlocks(),
            load.acknowledged().size(),
            report.lostAcks(),
            audit.deposits(),
            report.violations().size());
      }
    }
    violations.addAll(audit(audit, load, owners, ROUNDS + 1).violations());
    assertThat(operator.stop()).as("SIGTERM: the graceful stop").isEqualTo(143);
    operator = null;
    try (LevelDbKeyValueStore kv = LevelDbKeyValueStore.open(dataDir.resolve("chain"))) {
      violations.addAll(audit.checkStore(new ChainStore(kv), owners));
      ChainCheckReport full = ChainCheck.run(kv, ChainCheckMode.FULL);
      say("offline full check of the stopped operator's database: %s", full.summary());
      if (!full.isConsistent()) {
        violations.add("the full database check found: " + full.describeProblems());
      }
    }

    say(
        "operator campaign done in %d s: seed %d, rounds %d, kills %d, txs acknowledged %d,"
            + " txs lost %d, in flight at the kills %d (held after restart %d, not held %d),"
            + " blocks checked %d, deposits %d, restart max %d ms, retried %s",
        (System.nanoTime() - started) / 1_000_000_000,
        SEED,
        ROUNDS,
        kills,
        load.acknowledged().size(),
        lost,
        load.inFlightLanded() + load.inFlightDropped(),
        load.inFlightLanded(),
        load.inFlightDropped(),
        audit.blocks(),
        audit.deposits(),
        restartMillis.stream().mapToLong(Long::longValue).max().orElse(0),
        load.retried());
    assertThat(load.acknowledged()).as("the load ran").isNotEmpty();
    assertThat(audit.deposits()).as("deposits during the campaign").isGreaterThan(ROUNDS);
    assertThat(load.unexpectedRejections()).as("refusals of valid transfers").isEmpty();
    assertThat(violations).as("violations (seed %d)", SEED).isEmpty();
  }

  @Test
  void watcher_challengesEveryInvalidExitOnceAndNoValidOne_acrossKillMinus9() throws Exception {
    long started = System.nanoTime();
    Random random = new Random(SEED ^ 0x5eed);
    say("watcher campaign: seed %d, %d rounds", SEED, ROUNDS);
    AnvilChain l1 = net.l1();
    OperatorNode node = net.startOperator();
    URI operatorRpc = PlasmaNetwork.rpcUrl(node);
    Path watcherDir = net.dir().resolve("watcher");
    watcher = startWatcher(l1, operatorRpc, watcherDir);
    ExitPlayers players = new ExitPlayers(net.scenario(operatorRpc), PLAYERS, random.nextLong());
    List<String> violations = new ArrayList<>();
    int kills = 0;
    try (PausableLoop playing =
        new PausableLoop("exit-players", Duration.ofMillis(100), players::playOne)) {
      for (int round = 1; round <= ROUNDS; round++) {
        long killAfter = 500 + random.nextInt(3000);
        Thread.sleep(killAfter);
        watcher.kill();
        kills++;
        Thread.sleep(random.nextInt(1500)); // exits go on while it is down
        watcher = startWatcher(l1, operatorRpc, watcherDir);
        playing.pause();
        List<String> found = checkExits(l1, node, players.started());
        found.forEach(violation -> say("watcher round: VIOLATION %s", violation));
        violations.addAll(found);
        say(
            "watcher round %d: killed after %d ms; %d exits (%d invalid), %d challenges on L1;"
                + " %d violations",
            round,
            killAfter,
            players.started().size(),
            invalid(players.started()).size(),
            l1.nonce(CHALLENGER.address()),
            found.size());
        playing.resume();
      }
      playing.pause();
    }
    List<ExitPlayers.StartedExit> exits = players.started();
    violations.addAll(checkExits(l1, node, exits));
    long missed =
        invalid(exits).stream()
            .filter(pos -> l1.as(CHALLENGER).exit(pos).status() != ExitState.Status.CHALLENGED)
            .count();
    Instant firstMaturity =
        l1.as(CHALLENGER).events(0, l1.as(CHALLENGER).l1Height()).stream()
            .filter(L1Event.ExitStarted.class::isInstance)
            .map(event -> ((L1Event.ExitStarted) event).exitableAt())
            .min(Instant::compareTo)
            .orElseThrow();
    say(
        "watcher campaign done in %d s: seed %d, rounds %d, kills %d, exits %d (valid %d,"
            + " invalid %d), challenges %d, duplicate challenges %d, missed %d, violations %d",
        (System.nanoTime() - started) / 1_000_000_000,
        SEED,
        ROUNDS,
        kills,
        exits.size(),
        exits.size() - invalid(exits).size(),
        invalid(exits).size(),
        l1.nonce(CHALLENGER.address()),
        Math.max(0, l1.nonce(CHALLENGER.address()) - invalid(exits).size()),
        missed,
        violations.size());
    assertThat(invalid(exits)).as("invalid exits played").isNotEmpty();
    assertThat(exits).as("valid exits played").anyMatch(ExitPlayers.StartedExit::valid);
    assertThat(l1.as(CHALLENGER).latestBlockTime())
        .as("every challenge came before the first exit could mature")
        .isBefore(firstMaturity);
    assertThat(violations).as("violations (seed %d)", SEED).isEmpty();
  }

  private PlasmaProcess startWatcher(AnvilChain l1, URI operatorRpc, Path dataDir) {
    return net.closeLater(
        PlasmaProcess.watcher(
            l1.rpcUrl(),
            l1.contract().toHex(),
            operatorRpc,
            dataDir,
            hex(CHALLENGER),
            List.of("--challenge-retry-after", "2s", "--safety-margin", "1h")));
  }

  private static List<UtxoPos> invalid(List<ExitPlayers.StartedExit> exits) {
    return exits.stream()
        .filter(exit -> !exit.valid())
        .map(ExitPlayers.StartedExit::utxoPos)
        .toList();
  }

  /**
   * Once the restarted watcher has caught up: every invalid exit is challenged on L1 exactly once,
   * by the watcher's key, and with one L1 transaction each (no duplicate, no wasted attempt); no
   * valid exit is challenged; the watcher tracks every exit (none missed), reported each invalid
   * one once and nothing else, lists none as active any more (all challenged), and is not halted.
   */
  private List<String> checkExits(
      AnvilChain l1, OperatorNode node, List<ExitPlayers.StartedExit> exits) {
    List<String> violations = new ArrayList<>();
    List<UtxoPos> invalid = invalid(exits);
    try (JsonRpcClient rpc = new JsonRpcClient(watcher.rpcUrl())) {
      long height = node.status().height();
      boolean caughtUp =
          ChainAudit.await(
              Duration.ofSeconds(30),
              () -> {
                JsonNode status = rpc.call("watcher_status");
                return status.path("syncedHeight").asLong() >= height
                    && status.path("exitsTracked").asInt() == exits.size()
                    && status.path("byzantineEvents").isEmpty()
                    && endedInvalidExits(status).containsAll(invalid)
                    && invalid.stream()
                        .allMatch(
                            pos ->
                                l1.as(CHALLENGER).exit(pos).status()
                                    == ExitState.Status.CHALLENGED);
              });
      JsonNode status = rpc.call("watcher_status");
      if (!caughtUp) {
        violations.add(
            "within 30 s the watcher did not catch up (synced %d of %d, tracking %d of %d exits)"
                    .formatted(
                        status.path("syncedHeight").asLong(),
                        height,
                        status.path("exitsTracked").asInt(),
                        exits.size())
                + " or challenge every invalid exit");
      }
      checkChallengesOnL1(l1, exits, violations);
      checkWatcherEvents(status, invalid, violations);
    }
    return violations;
  }

  private static void checkChallengesOnL1(
      AnvilChain l1, List<ExitPlayers.StartedExit> exits, List<String> violations) {
    Map<UtxoPos, Long> challenges =
        l1.as(CHALLENGER).events(0, l1.as(CHALLENGER).l1Height()).stream()
            .filter(L1Event.ExitChallenged.class::isInstance)
            .map(L1Event.ExitChallenged.class::cast)
            .peek(
                challenge -> {
                  if (!challenge.challenger().equals(CHALLENGER.address())) {
                    violations.add(
                        "exit %s challenged by %s"
                            .formatted(challenge.utxoPos(), challenge.challenger()));
                  }
                })
            .collect(Collectors.groupingBy(L1Event.ExitChallenged::utxoPos, Collectors.counting()));
    for (ExitPlayers.StartedExit exit : exits) {
      long times = challenges.getOrDefault(exit.utxoPos(), 0L);
      ExitState.Status onL1 = l1.as(CHALLENGER).exit(exit.utxoPos()).status();
      ExitState.Status expected =
          exit.valid() ? ExitState.Status.ACTIVE : ExitState.Status.CHALLENGED;
      if (times != (exit.valid() ? 0 : 1) || onL1 != expected) {
        violations.add(
            "exit of %s (%s) is %s on L1 after %d challenges"
                .formatted(exit.utxoPos(), exit.story(), onL1, times));
      }
    }
    long sent = l1.nonce(CHALLENGER.address());
    long invalid = exits.stream().filter(exit -> !exit.valid()).count();
    if (sent != invalid) {
      violations.add(
          "the challenger sent %d L1 transactions for %d invalid exits".formatted(sent, invalid));
    }
  }

  /**
   * The exits of the {@code invalid_exit} events that ended. Waiting for all of them, not only for
   * no active event: a status read between the step that tracks a new exit and the one that judges
   * it shows no event yet.
   */
  private static List<UtxoPos> endedInvalidExits(JsonNode status) {
    List<UtxoPos> ended = new ArrayList<>();
    for (JsonNode event : status.path("pastEvents")) {
      if (event.path("type").asText().equals("invalid_exit")) {
        UtxoPos.fromLong(event.path("utxoPos").asLong()).ifPresent(ended::add);
      }
    }
    return ended;
  }

  private static void checkWatcherEvents(
      JsonNode status, List<UtxoPos> invalid, List<String> violations) {
    if (status.path("halted").asBoolean()) {
      violations.add("the watcher is halted");
    }
    for (JsonNode event : status.path("byzantineEvents")) {
      violations.add("the watcher still lists " + event + " (every invalid exit is challenged)");
    }
    List<String> reported = new ArrayList<>();
    for (JsonNode event : status.path("pastEvents")) {
      if (event.path("type").asText().equals("invalid_exit")) {
        reported.add(event.path("utxoPos").asText());
      } else {
        violations.add("the watcher reported " + event);
      }
    }
    List<String> expected = invalid.stream().map(UtxoPos::toString).sorted().toList();
    if (!reported.stream().sorted().toList().equals(expected)) {
      violations.add(
          "the watcher reported invalid_exit for %s, expected each of %s once"
              .formatted(reported, expected));
    }
  }

  /** Deposits for the bench hub and fans it out into the load's lanes. */
  private RecordingLoad fundLoad(Scenario users, BenchAccounts accounts) {
    BigInteger amount = UNIT.multiply(BigInteger.valueOf(LANES));
    UtxoPos funding = users.deposit(FUNDER, accounts.hub().address(), amount);
    Waits.await(
        "the funding deposit credited",
        () -> users.operator().hasUtxo(accounts.hub().address(), funding));
    TransactionSigner signer =
        new TransactionSigner(
            new Eip712Domain(users.l1().contract(), AnvilProcess.CHAIN_ID),
            SignerRecoveries.bestSigner());
    return RecordingLoad.fund(
        operator.rpcUrl(), signer, accounts, LANES, UNIT, funding, message -> {});
  }

  private ChainAudit.Report audit(
      ChainAudit audit, RecordingLoad load, List<Address> owners, int round) {
    try (JsonRpcClient rpc = new JsonRpcClient(operator.rpcUrl())) {
      ChainAudit.Report report = audit.audit(rpc, load.acknowledged(), owners);
      report.violations().forEach(violation -> say("round %d: VIOLATION %s", round, violation));
      return report;
    }
  }

  /** One of {@code users} deposits a few gwei for itself. */
  private static void deposit(Scenario l1Users, List<PrivateKey> users, Random random) {
    PrivateKey user = users.get(random.nextInt(users.size()));
    BigInteger amount = BigInteger.TEN.pow(9).multiply(BigInteger.valueOf(1 + random.nextInt(999)));
    l1Users.deposit(user, amount);
  }

  /** Starts the operator again on {@code dataDir}; returns how long it took to serve. */
  private long restart(AnvilChain l1, Path dataDir) {
    long at = System.nanoTime();
    operator =
        net.closeLater(
            PlasmaProcess.operator(l1.rpcUrl(), l1.contract().toHex(), dataDir, hex(OPERATOR)));
    return (System.nanoTime() - at) / 1_000_000;
  }

  private static String hex(PrivateKey key) {
    return Hex.encode(key.toArray());
  }

  private static void say(String format, Object... args) {
    System.out.println("crash campaign: " + format.formatted(args));
  }
}
