package io.plasmanode.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.plasmanode.p2p.rpc.JsonRpcException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How the CLI words the operator's error answers. */
class OperatorClientTest {
  @Test
  void unauthorizedSpend_hintsAtAWrongEip712Domain() {
    String described =
        OperatorClient.describe(
            new JsonRpcException(
                -32012,
                "unauthorized_spend: input 0 is not signed by its owner",
                Map.of("reason", "unauthorized_spend")));
    assertThat(described)
        .startsWith("rejected: unauthorized_spend: input 0 is not signed by its owner (")
        .contains("EIP-712 domain", "chain id", "contract address", "plasma status");
  }

  @Test
  void otherRejections_getNoSuchHint() {
    String described =
        OperatorClient.describe(
            new JsonRpcException(
                -32012, "utxo_not_found: input 0", Map.of("reason", "utxo_not_found")));
    assertThat(described).isEqualTo("rejected: utxo_not_found: input 0");
  }
}
