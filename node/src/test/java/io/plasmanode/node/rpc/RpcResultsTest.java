package io.plasmanode.node.rpc;

import static io.plasmanode.core.testing.TestKeys.ALICE;
import static io.plasmanode.core.testing.TestKeys.BOB;
import static io.plasmanode.node.rpc.PlasmaRpcMethods.GET_BALANCE;
import static io.plasmanode.node.rpc.PlasmaRpcMethods.GET_BLOCK;
import static io.plasmanode.node.rpc.PlasmaRpcMethods.GET_EXIT_DATA;
import static io.plasmanode.node.rpc.PlasmaRpcMethods.GET_TRANSACTION;
import static io.plasmanode.node.rpc.PlasmaRpcMethods.GET_UTXOS;
import static io.plasmanode.node.rpc.PlasmaRpcMethods.STATUS;
import static io.plasmanode.node.rpc.PlasmaRpcMethods.SUBMIT_TRANSACTION;
import static io.plasmanode.node.rpc.RpcFixture.ETH;
import static io.plasmanode.node.rpc.RpcFixture.hex;
import static io.plasmanode.node.rpc.RpcFixture.output;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.plasmanode.core.ledger.Utxo;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.node.rpc.RpcResults.Balance;
import io.plasmanode.node.rpc.RpcResults.BlockResult;
import io.plasmanode.node.rpc.RpcResults.ExitData;
import io.plasmanode.node.rpc.RpcResults.PendingCommit;
import io.plasmanode.node.rpc.RpcResults.Status;
import io.plasmanode.node.rpc.RpcResults.Submitted;
import io.plasmanode.node.rpc.RpcResults.TransactionResult;
import io.plasmanode.node.rpc.RpcResults.UtxoResult;
import io.plasmanode.p2p.rpc.JsonRpcClient;
import io.plasmanode.p2p.rpc.JsonRpcResultException;
import java.math.BigInteger;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * The records the operator writes its answers with read back, as the CLI reads them, into what was
 * written: one record per answer, shared by server and client.
 */
class RpcResultsTest {
  private final RpcFixture chain = new RpcFixture();
  private final UtxoPos deposit = chain.deposit(ALICE, ETH, 100);
  private final byte[] transfer =
      chain.transfer(
          List.of(deposit), List.of(output(BOB, ETH, 60), output(ALICE, ETH, 40)), List.of(ALICE));

  @Test
  void everyAnswer_readsBackIntoTheRecordTheServerWrote() {
    Submitted submitted = read(SUBMIT_TRANSACTION, Submitted.class, hex(transfer));
    chain.closeBlock();
    UtxoPos bobs = new UtxoPos(1000, 0, 0);

    assertThat(read(STATUS, Status.class)).isEqualTo(Status.of(chain.status()));
    assertThat(read(GET_TRANSACTION, TransactionResult.class, submitted.txHash().toHex()))
        .satisfies(tx -> assertThat(tx.inputs()).containsExactly(deposit))
        .satisfies(tx -> assertThat(tx.outputs().getFirst().amount()).isEqualTo(60));
    assertThat(read(GET_BLOCK, BlockResult.class, 1000, false))
        .satisfies(block -> assertThat(block.transactions()).hasSize(1))
        .extracting(BlockResult::commit)
        .isEqualTo(new PendingCommit("pending"));
    assertThat(list(GET_UTXOS, UtxoResult.class, BOB.address().toHex()))
        .containsExactly(UtxoResult.unspent(new Utxo(bobs, output(BOB, ETH, 60))));
    assertThat(list(GET_BALANCE, Balance.class, BOB.address().toHex()))
        .containsExactly(new Balance(ETH, BigInteger.valueOf(60)));
    ExitData exit = read(GET_EXIT_DATA, ExitData.class, bobs.toString());
    assertThat(exit.utxoPos()).isEqualTo(bobs);
    assertThat(exit.output()).contains(output(BOB, ETH, 60));
  }

  @Test
  void aMalformedAnswer_failsToRead_namingTheMethod() {
    ObjectNode status = (ObjectNode) chain.result(STATUS);
    status.put("contract", "0x1234");

    assertThatThrownBy(() -> JsonRpcClient.read(STATUS, status, Status.class))
        .isInstanceOf(JsonRpcResultException.class)
        .hasMessageStartingWith("plasma_status answered {")
        .hasMessageContaining("which is not a Status");
    status.remove("contract");
    assertThatThrownBy(() -> JsonRpcClient.read(STATUS, status, Status.class))
        .isInstanceOf(JsonRpcResultException.class)
        .hasMessageContaining("contract");
  }

  private <T> T read(String method, Class<T> type, Object... params) {
    return JsonRpcClient.read(method, chain.result(method, params), type);
  }

  private <T> List<T> list(String method, Class<T> type, Object... params) {
    JsonNode result = chain.result(method, params);
    assertThat(result.isArray()).isTrue();
    return StreamSupport.stream(result.spliterator(), false)
        .map(element -> JsonRpcClient.read(method, element, type))
        .toList();
  }
}
