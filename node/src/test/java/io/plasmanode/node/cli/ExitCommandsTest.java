package io.plasmanode.node.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plasmanode.contracts.l1.L1Exception;
import io.plasmanode.core.l1.ExitId;
import io.plasmanode.core.merkle.MerkleProof;
import io.plasmanode.core.testing.TestKeys;
import io.plasmanode.core.tx.Output;
import io.plasmanode.core.tx.PaymentTransaction;
import io.plasmanode.core.tx.TxCodec;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Hash32;
import io.plasmanode.core.types.Hex;
import io.plasmanode.node.rpc.RpcResults.ExitData;
import io.plasmanode.node.rpc.WatcherRpcResults.ChallengeResult;
import io.plasmanode.p2p.rpc.JsonRpcClient;
import io.plasmanode.p2p.rpc.JsonRpcException;
import io.plasmanode.p2p.rpc.JsonRpcResultException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code plasma exit} without network: usage errors, plain-word output, the retry rule. */
class ExitCommandsTest {
  private static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");
  private static final UtxoPos POS = new UtxoPos(1, 0, 0);

  @TempDir Path home;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @Test
  void exitWithoutASubcommand_isAUsageError() {
    assertThat(run(Map.of(), "exit")).isEqualTo(2);
    assertThat(err.toString()).contains("Missing command: see plasma exit --help");
  }

  @Test
  void badPositionsSourcesTokensAndLimits_areUsageErrors() {
    assertThat(run(Map.of(), "exit", "start")).isEqualTo(2);
    assertThat(err.toString()).contains("--utxo");
    assertThat(run(Map.of(), "exit", "start", "--utxo", "0x10")).isEqualTo(2);
    assertThat(err.toString()).contains("'0x10' is not a utxoPos: expected decimal digits");
    assertThat(run(Map.of(), "exit", "start", "--utxo", "1000000004")).isEqualTo(2);
    assertThat(err.toString()).contains("is not a valid utxoPos", "oindex < 4");
    assertThat(run(Map.of(), "exit", "start", "--utxo", "1000000", "--from", "nowhere"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("Invalid --from 'nowhere': expected watcher or operator");
    assertThat(run(Map.of(), "exit", "challenge", "--exit-id", "-5")).isEqualTo(2);
    assertThat(run(Map.of(), "exit", "process")).isEqualTo(2);
    assertThat(run(Map.of(), "exit", "process", "--token", "DAI")).isEqualTo(2);
    assertThat(err.toString()).contains("'DAI' is not an address");
    assertThat(run(Map.of(), "exit", "process", "--token", "ETH", "--max", "0")).isEqualTo(2);
    assertThat(err.toString()).contains("Invalid --max 0: expected 1..500");
    assertThat(run(Map.of(), "exit", "list", "--mine", "--owner", TestKeys.BOB.address().toHex()))
        .isEqualTo(2);
    assertThat(err.toString()).contains("--owner and --mine are mutually exclusive");
  }

  @Test
  void inFlightChallengesAndDelete_badArguments_areUsageErrors() {
    assertThat(
            run(
                Map.of(),
                "exit",
                "inflight",
                "challenge-piggyback",
                "--tx",
                "0x" + "ab".repeat(32)))
        .isEqualTo(2);
    assertThat(err.toString()).contains("--input", "--output");
    assertThat(
            run(
                Map.of(),
                "exit",
                "inflight",
                "challenge-piggyback",
                "--tx",
                "0x" + "ab".repeat(32),
                "--input",
                "0",
                "--output",
                "0"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("mutually exclusive");
    assertThat(run(Map.of(), "exit", "inflight", "delete")).isEqualTo(2);
    assertThat(err.toString()).contains("--tx");
    assertThat(
            run(
                Map.of(),
                "exit",
                "inflight",
                "challenge",
                "--tx",
                "0x" + "ab".repeat(32),
                "--competitor-pos",
                "1000000000"))
        .isEqualTo(2);
    assertThat(err.toString()).contains("--competitor-pos goes with --competitor");
    assertThat(run(Map.of(), "exit", "inflight", "delete", "--tx", "0x" + "ab".repeat(32)))
        .isEqualTo(1);
    assertThat(err.toString()).contains("plasma: no key").doesNotContain("Exception");
  }

  @Test
  void positionsPastTheLastBlock_andBadWithdrawAmounts_areUsageErrors() {
    assertThat(run(Map.of(), "exit", "start", "--utxo", "9000000000000655353")).isEqualTo(1);
    assertThat(err.toString()).contains("plasma: no key");
    assertThat(run(Map.of(), "exit", "start", "--utxo", "9000000000001000000")).isEqualTo(2);
    assertThat(err.toString()).contains("is not a valid utxoPos", "1 <= blknum <= 9000000000000");
    assertThat(run(Map.of(), "exit", "withdraw", "--amount", "0")).isEqualTo(2);
    assertThat(err.toString()).contains("Invalid --amount: amount '0' must be more than zero");
    assertThat(
            run(
                Map.of(),
                "exit",
                "withdraw",
                "--amount",
                "1eth",
                "--token",
                TestKeys.BOB.address().toHex()))
        .isEqualTo(2);
    assertThat(err.toString()).contains("Invalid --amount", "units such as eth apply to ETH only");
    assertThat(run(Map.of(), "exit", "withdraw", "--amount", "1.5eth")).isEqualTo(1);
    assertThat(err.toString()).contains("plasma: no key");
  }

  @Test
  void startWithoutAKey_failsBeforeContactingAnyone() {
    assertThat(run(Map.of(), "exit", "start", "--utxo", "1000000")).isEqualTo(1);
    assertThat(err.toString()).contains("plasma: no key").doesNotContain("Exception");
  }

  @Test
  void help_listsTheExitCommandsAndTheirOptions() {
    assertThat(run(Map.of(), "--help")).isZero();
    assertThat(out.toString()).contains("exit");
    assertThat(run(Map.of(), "exit", "--help")).isZero();
    assertThat(out.toString()).contains("start", "list", "challenge", "process", "withdraw");
    assertThat(run(Map.of(), "exit", "start", "--help")).isZero();
    assertThat(out.toString()).contains("--utxo", "--from", "--watcher", "9657");
  }

  @Test
  void times_sayWhenInUtcAndHowLongFromNow() {
    assertThat(ExitTimes.describe(NOW.plus(Duration.ofDays(7)), NOW))
        .isEqualTo("2026-12-02 10:00:00 UTC (in 7 days)");
    assertThat(ExitTimes.relative(NOW.plus(Duration.ofDays(7)).minusSeconds(60), NOW))
        .isEqualTo("in 6 days 23 hours");
    assertThat(ExitTimes.relative(NOW.minus(Duration.ofMinutes(61)), NOW))
        .isEqualTo("1 hour 1 minute ago");
    assertThat(ExitTimes.relative(NOW.plusSeconds(45), NOW)).isEqualTo("in 45 seconds");
    assertThat(ExitTimes.relative(NOW, NOW)).isEqualTo("now");
    assertThat(ExitTimes.span(Duration.ofDays(1).plusSeconds(5))).isEqualTo("1 day");
  }

  @Test
  void startOfSomeoneElsesOutput_namesTheOwner() {
    ExitData data = depositExitData(TestKeys.BOB.address());
    assertThat(ExitStartCommand.ownedOutput(data, TestKeys.BOB.address()).amount())
        .isEqualTo(BigInteger.TEN);
    assertThatThrownBy(() -> ExitStartCommand.ownedOutput(data, TestKeys.ALICE.address()))
        .isInstanceOf(CliException.class)
        .hasMessageStartingWith(
            "NotOutputOwner: the output belongs to " + TestKeys.BOB.address().toHex());
  }

  @Test
  void exitData_mustBeForThePositionAndHaveA512ByteProof() {
    ObjectNode json = CliCommand.JSON.createObjectNode();
    json.put("utxoPos", "2000000");
    json.put("txBytes", "0x01");
    json.put("proof", Hex.encode(new byte[MerkleProof.SIZE]));
    assertThatThrownBy(() -> RpcAnswers.requireFor(readExitData(json), POS, "the watcher"))
        .hasMessageContaining("the watcher sent unusable exit data for 1000000")
        .hasMessageContaining("for utxoPos 2000000");
    json.put("utxoPos", "1000000");
    json.put("proof", "0x00");
    assertThatThrownBy(() -> readExitData(json))
        .isInstanceOf(JsonRpcResultException.class)
        .hasMessageContaining("the proof has 1 bytes, not 512");
    json.put("proof", Hex.encode(new byte[MerkleProof.SIZE]));
    json.put("utxoPos", 1000000);
    assertThatThrownBy(() -> readExitData(json)).isInstanceOf(JsonRpcResultException.class);
    json.put("utxoPos", "1000000");
    assertThat(RpcAnswers.requireFor(readExitData(json), POS, "the watcher").output()).isEmpty();
  }

  @Test
  void challengeData_readsTheDocumentedShape() {
    ObjectNode json = CliCommand.JSON.createObjectNode();
    json.put("exitId", "1000000");
    json.put("spendingTxBytes", "0xc0");
    json.put("inputIndex", 2);
    json.put("signature", Hex.encode(new byte[65]));
    ChallengeResult data = readChallenge(json);
    assertThat(RpcAnswers.requireFor(data, POS, "w")).isEqualTo(data);
    assertThat(data.inputIndex()).isEqualTo(2);
    assertThat(data.spendingTxBytes()).containsExactly(0xc0);
    assertThatThrownBy(() -> RpcAnswers.requireFor(data, new UtxoPos(2000, 0, 0), "w"))
        .hasMessageContaining("w sent unusable challenge data for exit 2000000000");
    json.put("inputIndex", 4);
    assertThatThrownBy(() -> readChallenge(json)).hasMessageContaining("inputIndex 4 is not 0..3");
    json.put("inputIndex", 2);
    json.put("signature", "0x00");
    assertThatThrownBy(() -> readChallenge(json))
        .isInstanceOf(JsonRpcResultException.class)
        .hasMessageContaining("watcher_getChallengeData answered");
  }

  private static ExitData readExitData(ObjectNode json) {
    return JsonRpcClient.read("watcher_getExitData", json, ExitData.class);
  }

  private static ChallengeResult readChallenge(ObjectNode json) {
    return JsonRpcClient.read("watcher_getChallengeData", json, ChallengeResult.class);
  }

  @Test
  void watcherErrors_areWordedForPeople() {
    try (WatcherClient client = new WatcherClient(URI.create("http://127.0.0.1:9657"))) {
      assertThat(client.describe(new JsonRpcException(-32015, "unspent")))
          .startsWith("nothing to challenge: the watcher at http://127.0.0.1:9657 sees the output");
      assertThat(client.describe(new JsonRpcException(-32014, "no output at 7")))
          .isEqualTo("the watcher at http://127.0.0.1:9657 knows no such output: no output at 7");
    }
  }

  @Test
  void reverts_nameTheContractErrorAndItsMeaning() {
    L1Exception revert = L1Exception.reverted("startStandardExit", "ExitAlreadyStarted", List.of());
    assertThat(ExitReverts.describe(revert).getMessage())
        .isEqualTo(
            "the contract refused: ExitAlreadyStarted (the output is already exiting or was"
                + " exited)");
    assertThat(ExitReverts.describe(L1Exception.failed("eth_call: boom")).getMessage())
        .isEqualTo("L1: eth_call: boom");
  }

  @Test
  void process_retriesOnceWithTheNewTopWhenSomeoneProcessedMeanwhile() {
    FakeQueue queue = new FakeQueue(List.of(POS, new UtxoPos(2, 0, 0)));
    queue.failures.add(mismatch());
    List<String> notes = new ArrayList<>();

    Optional<Hash32> tx = ExitProcessCommand.processWithRetry(queue, notes::add);

    assertThat(tx).isPresent();
    assertThat(queue.processedTops).containsExactly(POS, new UtxoPos(2, 0, 0));
    assertThat(notes)
        .singleElement()
        .asString()
        .contains("TopExitMismatch", "someone processed exit 1000000 meanwhile", "retrying");
  }

  @Test
  void process_givesUpAfterASecondMismatchAndNeverRetriesOtherRefusals() {
    FakeQueue twice = new FakeQueue(List.of(POS, POS));
    twice.failures.add(mismatch());
    twice.failures.add(mismatch());
    assertThatThrownBy(() -> ExitProcessCommand.processWithRetry(twice, note -> {}))
        .isInstanceOf(L1Exception.class);
    assertThat(twice.processedTops).hasSize(2);

    FakeQueue other = new FakeQueue(List.of(POS, POS));
    other.failures.add(L1Exception.reverted("processExits", "InsufficientGasForPayout", List.of()));
    assertThatThrownBy(() -> ExitProcessCommand.processWithRetry(other, note -> {}))
        .isInstanceOf(L1Exception.class);
    assertThat(other.processedTops).hasSize(1);
  }

  @Test
  void process_withNothingMatured_sendsNothing() {
    FakeQueue immature = new FakeQueue(List.of(POS));
    immature.exitableAt = NOW.plusSeconds(1);
    assertThat(ExitProcessCommand.processWithRetry(immature, note -> {})).isEmpty();
    FakeQueue empty = new FakeQueue(List.of());
    assertThat(ExitProcessCommand.processWithRetry(empty, note -> {})).isEmpty();
    assertThat(immature.processedTops).isEmpty();
    assertThat(empty.processedTops).isEmpty();
  }

  private static L1Exception mismatch() {
    return L1Exception.reverted("processExits", "TopExitMismatch", List.of());
  }

  private static ExitData depositExitData(Address owner) {
    byte[] tx =
        TxCodec.encode(PaymentTransaction.deposit(new Output(owner, Address.ZERO, BigInteger.TEN)));
    return ExitData.of(POS, tx, new byte[MerkleProof.SIZE]);
  }

  private int run(Map<String, String> environment, String... args) {
    out.getBuffer().setLength(0);
    err.getBuffer().setLength(0);
    CommandLine cli = new CommandLine(new PlasmaCli(environment, home));
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  /** A queue whose top is the next of {@code tops} each time it is read. */
  private static final class FakeQueue implements ExitProcessCommand.ExitQueue {
    private final Deque<UtxoPos> tops;
    private final Deque<L1Exception> failures = new ArrayDeque<>();
    private final List<UtxoPos> processedTops = new ArrayList<>();
    private Instant exitableAt = NOW.minusSeconds(1);

    FakeQueue(List<UtxoPos> tops) {
      this.tops = new ArrayDeque<>(tops);
    }

    @Override
    public Optional<ExitL1.QueueTop> top() {
      return Optional.ofNullable(tops.poll())
          .map(id -> new ExitL1.QueueTop(ExitId.of(id), exitableAt));
    }

    @Override
    public Instant now() {
      return NOW;
    }

    @Override
    public Hash32 process(ExitId topExitId) {
      processedTops.add(((ExitId.Standard) topExitId).utxoPos());
      if (!failures.isEmpty()) {
        throw failures.poll();
      }
      return Hash32.ZERO;
    }
  }
}
