package io.plasmanode.p2p.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class JsonRpcServerConfigTest {
  @Test
  void defaults_areTheDocumentedOnes() {
    HttpServerLimits limits = JsonRpcServerConfig.defaults().limits();

    assertThat(limits.maxConnections()).isEqualTo(512);
    assertThat(limits.maxConnectionsPerAddress()).isEqualTo(64);
    assertThat(limits.requestTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(limits.maxRequestLineBytes()).isEqualTo(4096);
    assertThat(limits.maxHeaderBytes()).isEqualTo(8192);
    assertThat(limits.maxPendingRequestBytes()).isEqualTo(4 << 20);
  }

  @Test
  void pendingRequestBudget_mustHoldTheLargestRequest() {
    JsonRpcServerConfig config = JsonRpcServerConfig.defaults();

    assertThatThrownBy(
            () -> config.withLimits(config.limits().withMaxPendingRequestBytes((1 << 20) - 1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must be at least maxBodyBytes (1048576)");
    assertThat(
            config
                .withMaxBodyBytes(1000)
                .withLimits(config.limits().withMaxPendingRequestBytes(1000)))
        .isNotNull();
  }

  @Test
  void limits_namesTheBadValue() {
    HttpServerLimits limits = HttpServerLimits.defaults();

    assertThatThrownBy(() -> limits.withMaxConnections(0, 1))
        .hasMessage("maxConnections must be positive, got 0");
    assertThatThrownBy(() -> limits.withMaxConnections(1, 0))
        .hasMessage("maxConnectionsPerAddress must be positive, got 0");
    assertThatThrownBy(() -> limits.withRequestTimeout(Duration.ZERO))
        .hasMessage("requestTimeout must be at least 1 ms, got PT0S");
    assertThatThrownBy(() -> limits.withMaxHeaderSizes(63, 8192))
        .hasMessage("maxRequestLineBytes must be at least 64, got 63");
    assertThatThrownBy(() -> limits.withMaxHeaderSizes(4096, 255))
        .hasMessage("maxHeaderBytes must be at least 256, got 255");
    assertThatThrownBy(() -> limits.withMaxPendingRequestBytes(0))
        .hasMessage("maxPendingRequestBytes must be positive, got 0");
  }
}
