package io.plasmanode.node.watcher;

import static io.plasmanode.core.testing.TestKeys.BOB;
import static io.plasmanode.core.testing.TestKeys.CAROL;
import static io.plasmanode.node.watcher.InFlightWatcherFixture.A;
import static io.plasmanode.node.watcher.InFlightWatcherFixture.A_OUT;
import static io.plasmanode.node.watcher.InFlightWatcherFixture.B;
import static io.plasmanode.node.watcher.InFlightWatcherFixture.BOBS_DOUBLE_SPEND;
import static io.plasmanode.node.watcher.InFlightWatcherFixture.B_OUT;
import static io.plasmanode.node.watcher.InFlightWatcherFixture.CONFIG;
import static io.plasmanode.node.watcher.InFlightWatcherFixture.EXIT_TX;
import static io.plasmanode.node.watcher.InFlightWatcherFixture.EXIT_TX_BYTES;
import static io.plasmanode.node.watcher.InFlightWatcherFixture.ID;
import static io.plasmanode.node.watcher.InFlightWatcherFixture.T0;
import static io.plasmanode.node.watcher.InFlightWatcherFixture.eth;
import static io.plasmanode.node.watcher.InFlightWatcherFixture.sign;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.plasmanode.core.inflight.InputSpentChallenge;
import io.plasmanode.core.inflight.NonCanonicalChallenge;
import io.plasmanode.core.inflight.OutputSpentChallenge;
import io.plasmanode.core.inflight.TxInclusion;
import io.plasmanode.core.ledger.Utxo;
import io.plasmanode.core.ledger.UtxoDelta;
import io.plasmanode.core.merkle.MerkleProof;
import io.plasmanode.core.merkle.MerkleTree;
import io.plasmanode.core.tx.PaymentTransaction;
import io.plasmanode.core.tx.SignedTransaction;
import io.plasmanode.core.tx.TxCodec;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import io.plasmanode.exitgame.ChallengeData;
import io.plasmanode.exitgame.TrackedExit;
import io.plasmanode.exitgame.inflight.InFlightExitGame;
import io.plasmanode.node.api.InFlightQueries.Answer;
import io.plasmanode.node.api.InFlightQueries.Reason;
import io.plasmanode.node.api.WatcherQueries;
import io.plasmanode.node.api.WatcherStatus;
import io.plasmanode.node.rpc.WatcherRpcMethods;
import io.plasmanode.p2p.rpc.JsonRpcDispatcher;
import io.plasmanode.storage.chain.ChainStore;
import io.plasmanode.storage.chain.StoredBlock;
import io.plasmanode.storage.kv.InMemoryKeyValueStore;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The in-flight exit data the watcher serves: built from its validated chain (Bob's double spend of
 * input B included at 1000:0, then spent by Carol's tx at 2000:0) and its tracked exit of the exit
 * tx; each refusal reason, and the JSON-RPC error codes.
 */
class InFlightReaderTest {
  private static final SignedTransaction CAROLS_SPEND =
      sign(
          PaymentTransaction.transfer(List.of(new UtxoPos(1000, 0, 0)), List.of(eth(CAROL, 50))),
          BOB);

  private final InMemoryKeyValueStore kv = new InMemoryKeyValueStore();
  private final ChainStore chain = new ChainStore(kv);
  private final InFlightExitGame game = new InFlightExitGame(CONFIG);
  private final InFlightReader reader =
      new InFlightReader(
          chain, new ChainSpendIndex(chain), () -> game, new InFlightCallBuilder(chain));

  @BeforeEach
  void setUp() {
    chain.applyDeposit(new Utxo(A, A_OUT), 10);
    chain.applyDeposit(new Utxo(B, B_OUT), 11);
    commit(1000, BOBS_DOUBLE_SPEND, B);
    commit(2000, CAROLS_SPEND, new UtxoPos(1000, 0, 0));
    game.started(ID, EXIT_TX, List.of(A_OUT, B_OUT), T0);
  }

  private void commit(long blknum, SignedTransaction tx, UtxoPos spent) {
    List<Utxo> created = List.of(new Utxo(new UtxoPos(blknum, 0, 0), tx.tx().outputs().get(0)));
    chain.commitBlock(
        StoredBlock.of(blknum, List.of(tx), T0),
        new UtxoDelta(List.of(spent), created, Map.of(spent, 0)));
  }

  private static <T> T found(Answer<T> answer) {
    assertThat(answer).isInstanceOf(Answer.Found.class);
    return ((Answer.Found<T>) answer).value();
  }

  private static Reason refused(Answer<?> answer) {
    assertThat(answer).isInstanceOf(Answer.Refused.class);
    return ((Answer.Refused<?>) answer).reason();
  }

  private void assertProves(TxInclusion inclusion, PaymentTransaction tx) {
    byte[] txBytes = TxCodec.encode(tx);
    MerkleProof proof = MerkleProof.fromBytes(inclusion.proof().toArray()).orElseThrow();
    assertThat(
            proof.verify(
                MerkleTree.leafHash(txBytes),
                inclusion.txPos().txindex(),
                chain.block(inclusion.txPos().blknum()).orElseThrow().root()))
        .isTrue();
  }

  @Test
  void competitor_isTheIncludedDoubleSpendOfInputB_withItsProofAndWitness() {
    NonCanonicalChallenge competitor = found(reader.competitor(EXIT_TX_BYTES.toArray()));

    assertThat(competitor.inputIndex()).isEqualTo(1);
    assertThat(competitor.competingTx().toArray())
        .isEqualTo(TxCodec.encode(BOBS_DOUBLE_SPEND.tx()));
    assertThat(competitor.competingTxInputIndex()).isZero();
    assertThat(competitor.competingTxWitness()).isEqualTo(BOBS_DOUBLE_SPEND.signatures().get(0));
    TxInclusion inclusion = competitor.competitorInclusion().orElseThrow();
    assertThat(inclusion.txPos()).isEqualTo(new UtxoPos(1000, 0, 0));
    assertProves(inclusion, BOBS_DOUBLE_SPEND.tx());
  }

  @Test
  void inputChallenge_ofTheSpentInput_andRefusals() {
    InputSpentChallenge challenge = found(reader.inputChallenge(EXIT_TX_BYTES.toArray(), 1));
    assertThat(challenge.challengingTx().toArray())
        .isEqualTo(TxCodec.encode(BOBS_DOUBLE_SPEND.tx()));

    assertThat(refused(reader.inputChallenge(EXIT_TX_BYTES.toArray(), 0)))
        .isEqualTo(Reason.INPUT_UNSPENT);
    assertThat(refused(reader.inputChallenge(EXIT_TX_BYTES.toArray(), 2)))
        .isEqualTo(Reason.NO_SUCH_SLOT);
  }

  @Test
  void proveCanonical_andOutputChallenge_ofAnIncludedTx() {
    byte[] included = TxCodec.encode(BOBS_DOUBLE_SPEND.tx());
    assertProves(found(reader.proveCanonical(included)), BOBS_DOUBLE_SPEND.tx());

    OutputSpentChallenge challenge = found(reader.outputChallenge(included, 0));
    assertThat(challenge.challengingTx().toArray()).isEqualTo(TxCodec.encode(CAROLS_SPEND.tx()));
    assertProves(challenge.inFlightTxInclusion(), BOBS_DOUBLE_SPEND.tx());
    assertThat(refused(reader.outputChallenge(included, 1))).isEqualTo(Reason.NO_SUCH_SLOT);
    byte[] carols = TxCodec.encode(CAROLS_SPEND.tx());
    assertThat(refused(reader.outputChallenge(carols, 0))).isEqualTo(Reason.OUTPUT_UNSPENT);
  }

  @Test
  void refusals_ofATxNotIncluded_notTracked_orNotATx() {
    assertThat(refused(reader.proveCanonical(EXIT_TX_BYTES.toArray())))
        .isEqualTo(Reason.TX_NOT_INCLUDED);
    assertThat(refused(reader.outputChallenge(EXIT_TX_BYTES.toArray(), 0)))
        .isEqualTo(Reason.TX_NOT_INCLUDED);
    byte[] untracked = TxCodec.encode(CAROLS_SPEND.tx());
    assertThat(refused(reader.competitor(untracked))).isEqualTo(Reason.UNKNOWN_IN_FLIGHT_EXIT);
    assertThat(refused(reader.competitor(new byte[] {1, 2, 3}))).isEqualTo(Reason.MALFORMED_TX);
    assertThat(refused(reader.competitor(TxCodec.encodeSigned(EXIT_TX))))
        .isEqualTo(Reason.MALFORMED_TX);
  }

  @Test
  void rpc_answersWithTheContractArguments_andTheDocumentedErrorCodes() throws Exception {
    JsonRpcDispatcher dispatcher =
        new JsonRpcDispatcher(WatcherRpcMethods.create(chain, new NoWatcher(), reader), 10);
    String exitTx = EXIT_TX_BYTES.toHex();

    JsonNode competitor =
        call(dispatcher, "watcher_getInFlightExitCompetitor", exitTx).get("result");
    assertThat(competitor.get("competingTxPos").asText()).isEqualTo("1000000000");
    assertThat(competitor.get("inputIndex").asInt()).isEqualTo(1);
    assertThat(competitor.get("competingTxInclusionProof").asText()).hasSize(2 + 2 * 512);

    JsonNode notIncluded = call(dispatcher, "watcher_proveCanonical", exitTx).get("error");
    assertThat(notIncluded.get("code").asInt()).isEqualTo(-32017);
    assertThat(notIncluded.get("data").get("reason").asText()).isEqualTo("tx_not_included");
    JsonNode unspent = call(dispatcher, "watcher_getInputChallengeData", exitTx, 0).get("error");
    assertThat(unspent.get("code").asInt()).isEqualTo(-32015);
    assertThat(unspent.get("data").get("reason").asText()).isEqualTo("input_unspent");
    JsonNode badIndex = call(dispatcher, "watcher_getOutputChallengeData", exitTx, 4).get("error");
    assertThat(badIndex.get("code").asInt()).isEqualTo(-32602);

    JsonNode exits = call(dispatcher, "watcher_getInFlightExits").get("result");
    assertThat(exits).hasSize(1);
    assertThat(exits.get(0).get("exitId").asText()).isEqualTo(ID.toHex());
    assertThat(exits.get(0).get("inputs").get(1).get("owner").asText())
        .isEqualTo(BOB.address().toHex());
    assertThat(exits.get(0).get("status").asText()).isEqualTo("active");
  }

  private static JsonNode call(JsonRpcDispatcher dispatcher, String method, Object... params)
      throws Exception {
    ObjectMapper json = new ObjectMapper();
    String request =
        json.writeValueAsString(
            Map.of("jsonrpc", "2.0", "id", 1, "method", method, "params", List.of(params)));
    byte[] response = dispatcher.dispatch(request.getBytes(StandardCharsets.UTF_8)).orElseThrow();
    return json.readTree(response);
  }

  /** The standard methods' side, unused here. */
  private static final class NoWatcher implements WatcherQueries {
    @Override
    public List<TrackedExit> trackedExits() {
      return List.of();
    }

    @Override
    public WatcherStatus status() {
      return new WatcherStatus(0, 0, 0, 0, 0, false, List.of(), List.of(), List.of());
    }

    @Override
    public ChallengeData challengeData(UtxoPos utxoPos) {
      return new ChallengeData.UnknownOutput(utxoPos);
    }

    @Override
    public List<Utxo> exitableUtxos(Address owner) {
      return List.of();
    }

    @Override
    public List<Utxo> utxos(Address owner) {
      return List.of();
    }
  }
}
