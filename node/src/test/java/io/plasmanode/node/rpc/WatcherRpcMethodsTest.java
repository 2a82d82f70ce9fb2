package io.plasmanode.node.rpc;

import static io.plasmanode.core.testing.TestKeys.CAROL;
import static io.plasmanode.node.rpc.SubmitMethodsTest.assertInvalidParams;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plasmanode.core.ledger.Utxo;
import io.plasmanode.core.tx.Output;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import io.plasmanode.exitgame.ChallengeData;
import io.plasmanode.exitgame.TrackedExit;
import io.plasmanode.node.api.WatcherQueries;
import io.plasmanode.node.api.WatcherStatus;
import io.plasmanode.p2p.rpc.JsonRpcDispatcher;
import io.plasmanode.storage.chain.ChainStore;
import io.plasmanode.storage.kv.InMemoryKeyValueStore;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The watcher's JSON-RPC methods behind a real dispatcher (no sockets), on a fixed watcher. */
class WatcherRpcMethodsTest {
  private static final Utxo CAROLS =
      new Utxo(new UtxoPos(1, 0, 0), new Output(CAROL.address(), Address.ZERO, BigInteger.TEN));

  private final ChainStore chain = new ChainStore(new InMemoryKeyValueStore());
  private final JsonRpcDispatcher dispatcher =
      new JsonRpcDispatcher(WatcherRpcMethods.create(chain, new Fixed()), 10);

  @Test
  void getTransactions_servesTheHistoryOfTheValidatedChain_withTheOperatorsParams()
      throws Exception {
    chain.applyDeposit(CAROLS, 5);

    JsonNode items =
        call(WatcherRpcMethods.GET_TRANSACTIONS, CAROL.address().toHex(), null, 1)
            .get("result")
            .get("transactions");

    assertThat(items).hasSize(1);
    assertThat(items.get(0).get("deposit").asBoolean()).isTrue();
    assertThat(items.get(0).get("received").get(0).get("amount").asText()).isEqualTo("10");
    assertInvalidParams(
        call(WatcherRpcMethods.GET_TRANSACTIONS, CAROL.address().toHex(), "x").get("error"),
        "param 1 (cursor) is not a cursor of this method");
  }

  @Test
  void exitableUtxos_takeAddressesInAnyCaseButMixedCaseOnlyWithTheirChecksum() throws Exception {
    String checksummed = CAROL.address().toChecksumHex();
    assertThat(call(WatcherRpcMethods.GET_EXITABLE_UTXOS, checksummed).get("result")).hasSize(1);
    assertThat(call(WatcherRpcMethods.GET_EXITABLE_UTXOS, CAROL.address().toHex()).get("result"))
        .hasSize(1);
    assertInvalidParams(
        call(
                WatcherRpcMethods.GET_EXITABLE_UTXOS,
                QueryMethodsTest.flipCaseOfOneLetter(checksummed))
            .get("error"),
        "param 0 (address) has a wrong EIP-55 checksum");
  }

  private JsonNode call(String method, Object... params) throws IOException {
    ObjectNode request = RpcFixture.JSON.createObjectNode();
    request.put("jsonrpc", "2.0").put("id", 1).put("method", method);
    request.set("params", RpcFixture.JSON.valueToTree(Arrays.asList(params)));
    byte[] response =
        dispatcher.dispatch(request.toString().getBytes(StandardCharsets.UTF_8)).orElseThrow();
    return RpcFixture.JSON.readTree(response);
  }

  /** A watcher that knows one output of Carol's and nothing else. */
  private static final class Fixed implements WatcherQueries {
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
      return owner.equals(CAROL.address()) ? List.of(CAROLS) : List.of();
    }

    @Override
    public List<Utxo> utxos(Address owner) {
      return exitableUtxos(owner);
    }
  }
}
