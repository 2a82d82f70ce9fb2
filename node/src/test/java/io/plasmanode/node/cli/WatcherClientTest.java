package io.plasmanode.node.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plasmanode.p2p.rpc.JsonRpcException;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How the CLI words a watcher it cannot use. */
class WatcherClientTest {
  @Test
  void inFlightErrors_sayWhyWithTheWatchersReason() {
    try (WatcherClient client = new WatcherClient(URI.create("http://127.0.0.1:9657"))) {
      assertThat(
              client.describeInFlight(
                  new JsonRpcException(
                      -32015, "no other tx spends input 0", Map.of("reason", "input_unspent"))))
          .isEqualTo(
              "nothing to challenge: the watcher at http://127.0.0.1:9657 knows no such spend (no"
                  + " other tx spends input 0, input_unspent)");
      assertThat(
              client.describeInFlight(
                  new JsonRpcException(
                      -32017, "not included", Map.of("reason", "tx_not_included"))))
          .contains("cannot answer: not included (tx_not_included)", "is it synced?");
      assertThat(client.describeInFlight(new JsonRpcException(-32601, "no such method")))
          .contains("does not serve in-flight exits");
      assertThat(client.describeInFlight(new JsonRpcException(-32602, "bad index")))
          .isEqualTo(client.describe(new JsonRpcException(-32602, "bad index")));
    }
  }

  @Test
  void anUnreachableWatcher_namesTheCauseNeverNull() {
    try (WatcherClient client = new WatcherClient(URI.create("http://127.0.0.1:1"))) {
      assertThatThrownBy(client::status)
          .isInstanceOf(CliException.class)
          .hasMessageStartingWith("cannot reach the watcher at http://127.0.0.1:1 (")
          .hasMessageContaining("ConnectException")
          .hasMessageNotContaining("null");
    }
  }
}
