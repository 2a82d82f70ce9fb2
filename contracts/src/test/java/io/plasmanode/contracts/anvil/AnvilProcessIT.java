package io.plasmanode.contracts.anvil;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;

class AnvilProcessIT {

  @Test
  void start_servesJsonRpcOnLoopbackAndCloseStopsIt() throws IOException {
    int port;
    try (AnvilProcess anvil = AnvilProcess.start()) {
      port = anvil.port();
      Web3j web3j = Web3j.build(new HttpService(anvil.rpcUrl()));
      assertThat(anvil.rpcUrl()).startsWith("http://127.0.0.1:");
      assertThat(web3j.ethChainId().send().getChainId().longValue())
          .isEqualTo(AnvilProcess.CHAIN_ID);
      web3j.shutdown();
    }
    assertThatThrownBy(() -> new Socket().connect(new InetSocketAddress("127.0.0.1", port), 1000))
        .isInstanceOf(IOException.class);
  }

  @Test
  void start_onATakenPortFailsWithAnvilsReason() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      assertThatThrownBy(() -> AnvilProcess.start(AnvilProcess.locate(), taken.getLocalPort()))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("anvil exited before listening")
          .hasMessageContaining("Address already in use");
    }
  }

  @Test
  void start_failsClearlyWhenTheExecutableIsMissing() {
    assertThatThrownBy(() -> AnvilProcess.start(Path.of("/nonexistent/anvil")))
        .hasMessageContaining("cannot start anvil at /nonexistent/anvil");
  }
}
