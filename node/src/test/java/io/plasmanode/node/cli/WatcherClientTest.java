package io.plasmanode.node.cli;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

/** How the CLI words a watcher it cannot use. */
class WatcherClientTest {
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
