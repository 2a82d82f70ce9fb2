package io.plasmanode.node.devnet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.plasmanode.contracts.l1.L1Client;
import io.plasmanode.core.eip712.Eip712Domain;
import io.plasmanode.core.testing.TestKeys;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Hex;
import io.plasmanode.node.api.OperatorStatus;
import io.plasmanode.node.cli.PlasmaCli;
import io.plasmanode.node.testing.Payments;
import io.plasmanode.p2p.rpc.JsonRpcClient;
import io.plasmanode.p2p.rpc.JsonRpcException;
import io.plasmanode.p2p.rpc.JsonRpcMethods;
import io.plasmanode.p2p.rpc.JsonRpcServer;
import io.plasmanode.p2p.rpc.JsonRpcServerConfig;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The byzantine devnet's operator endpoint on 127.0.0.1 in front of a stand-in operator node: its
 * admin method refuses bad arguments with the reason, every other call reaches the node unchanged
 * (errors too), and an armed cheat never takes a transaction the node does not list as a valid
 * spend (such a transaction goes to the node, and L1 is never touched: its URL here is dead). And
 * {@code plasma devnet cheat} against it and against an honest operator.
 */
class ByzantineOperatorIT {
  private static final Address CONTRACT = Address.fromHex("0x" + "c0".repeat(20));
  private static final long CHAIN_ID = 31337;

  @TempDir Path home;
  private final List<String> submittedToNode = new CopyOnWriteArrayList<>();
  private final JsonRpcServer node =
      new JsonRpcServer(
          JsonRpcMethods.builder()
              .add("plasma_getUtxos", params -> List.of())
              .add(
                  "plasma_submitTransaction",
                  params -> {
                    submittedToNode.add(params.get(0).asText());
                    throw new JsonRpcException(-32001, "utxo_not_found: input 1000000");
                  })
              .add("plasma_getBlock", params -> Map.of("blknum", params.get(0).asLong()))
              .build());
  private final URI nodeUrl =
      URI.create("http://127.0.0.1:" + node.start(JsonRpcServerConfig.defaults()));
  private final JsonRpcClient toNode = new JsonRpcClient(nodeUrl);
  private final L1Client deadL1 = L1Client.connect(URI.create("http://127.0.0.1:9"));
  private final ByzantineOperator front =
      ByzantineOperator.start(
          0,
          toNode,
          new WithholdingCheat(
              deadL1, CONTRACT, CHAIN_ID, toNode, this::unusedStatus, Duration.ofSeconds(1)));
  private final URI frontUrl = URI.create("http://127.0.0.1:" + front.port());
  private final JsonRpcClient client = new JsonRpcClient(frontUrl);

  private OperatorStatus unusedStatus() {
    throw new AssertionError("the cheat asked for the operator's status: it took a transaction");
  }

  @AfterEach
  void stop() {
    client.close();
    front.close();
    toNode.close();
    deadL1.close();
    node.close();
  }

  private JsonNode arm(String account, String amount) {
    return client.call(ByzantineOperator.WITHHOLD_NEXT_BLOCK, account, amount);
  }

  @Test
  void arm_answersWhomAndHowMuch() {
    JsonNode armed = arm("eve", "1000000000000000000");

    assertThat(armed.get("account").asText()).isEqualTo("eve");
    assertThat(armed.get("address").asText())
        .isEqualTo(DevnetAccounts.EVE.address().toHex())
        .isEqualTo("0x9965507d1a55bcc2695c58ba16fb37d819b0a4dc");
    assertThat(armed.get("amount").asText()).isEqualTo("1000000000000000000");
  }

  @Test
  void arm_refusesAnAccountItCannotMintFor() {
    for (String account : List.of("mallory", "operator", "challenger", "")) {
      assertThatThrownBy(() -> arm(account, "1"))
          .isInstanceOfSatisfying(
              JsonRpcException.class,
              e -> assertThat(e.code()).isEqualTo(JsonRpcException.INVALID_PARAMS))
          .hasMessageContaining("no devnet account " + account + " to mint for")
          .hasMessageContaining("alice, bob, carol, eve");
    }
  }

  @Test
  void arm_refusesAnAmountThatIsNotWei() {
    String tooBig = BigInteger.TWO.pow(256).toString();
    for (String amount : List.of("1eth", "0", "-5", "", tooBig)) {
      assertThatThrownBy(() -> arm("eve", amount))
          .as(amount)
          .isInstanceOfSatisfying(
              JsonRpcException.class,
              e -> assertThat(e.code()).isEqualTo(JsonRpcException.INVALID_PARAMS))
          .hasMessageContaining("amountWei must be");
    }
    assertThatThrownBy(() -> client.call(ByzantineOperator.WITHHOLD_NEXT_BLOCK, "eve"))
        .hasMessageContaining("expected [account, amountWei]");
  }

  @Test
  void otherCalls_reachTheNodeUnchanged() {
    assertThat(client.call("plasma_getBlock", 2000, true).get("blknum").asLong()).isEqualTo(2000);
    assertThat(client.call("plasma_getUtxos", TestKeys.ALICE.address().toHex())).isEmpty();
    assertThatThrownBy(() -> client.call("plasma_status"))
        .isInstanceOfSatisfying(
            JsonRpcException.class,
            e -> assertThat(e.code()).isEqualTo(JsonRpcException.METHOD_NOT_FOUND));
  }

  @Test
  void armed_aSpendTheNodeDoesNotListUnspent_goesToTheNode_andTheCheatStaysArmed() {
    arm("eve", "1000000000000000000");
    String signed =
        Hex.encode(
            Payments.encode(
                Payments.of(new Eip712Domain(CONTRACT, CHAIN_ID))
                    .transfer(
                        TestKeys.ALICE,
                        new UtxoPos(1, 0, 0),
                        Payments.eth(TestKeys.BOB, BigInteger.ONE))));

    assertThatThrownBy(() -> client.call("plasma_submitTransaction", signed))
        .isInstanceOfSatisfying(JsonRpcException.class, e -> assertThat(e.code()).isEqualTo(-32001))
        .hasMessageContaining("utxo_not_found");
    assertThatThrownBy(() -> client.call("plasma_submitTransaction", "0x1234"))
        .hasMessageContaining("utxo_not_found");
    assertThat(submittedToNode).containsExactly(signed, "0x1234");
  }

  @Test
  void operatorNodeDown_isAnInternalErrorSayingSo() {
    node.close();

    assertThatThrownBy(() -> client.call("plasma_getBlock", 1000))
        .isInstanceOfSatisfying(
            JsonRpcException.class,
            e -> assertThat(e.code()).isEqualTo(JsonRpcException.INTERNAL_ERROR))
        .hasMessageContaining("the devnet's operator node does not answer");
  }

  private record Run(int exitCode, String out, String err) {}

  private Run plasma(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new PlasmaCli(Map.of(), home));
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return new Run(cli.execute(args), out.toString(), err.toString());
  }

  @Test
  void cheatCommand_armsTheByzantineDevnet_andSaysWhyElse() {
    Run armed = plasma("devnet", "cheat", "--rpc", frontUrl.toString(), "--mint-to", "eve");
    assertThat(armed.exitCode()).as("--amount is required").isEqualTo(2);

    armed =
        plasma(
            "devnet",
            "cheat",
            "--rpc",
            frontUrl.toString(),
            "--mint-to",
            "eve",
            "--amount",
            "1eth");
    assertThat(armed.exitCode()).as(armed.err()).isZero();
    assertThat(armed.out())
        .contains("armed: the operator puts the next transaction it is sent into a block")
        .contains("minting 1 ETH for eve (0x9965507d1a55bcc2695c58ba16fb37d819b0a4dc)");

    Run unknown =
        plasma(
            "devnet", "cheat", "--rpc", frontUrl.toString(), "--mint-to", "bobby", "--amount", "1");
    assertThat(unknown.exitCode()).isEqualTo(1);
    assertThat(unknown.err()).contains("the devnet refused: ").contains("no devnet account bobby");

    Run honest =
        plasma("devnet", "cheat", "--rpc", nodeUrl.toString(), "--mint-to", "eve", "--amount", "1");
    assertThat(honest.exitCode()).isEqualTo(1);
    assertThat(honest.err())
        .contains("the operator at " + nodeUrl + " does not cheat")
        .contains("plasma devnet --byzantine");

    Run badAmount =
        plasma(
            "devnet", "cheat", "--rpc", frontUrl.toString(), "--mint-to", "eve", "--amount", "x");
    assertThat(badAmount.exitCode()).isEqualTo(2);
    assertThat(badAmount.err()).contains("Invalid --amount");
    assertThat(Optional.of(submittedToNode)).get().asList().isEmpty();
  }
}
