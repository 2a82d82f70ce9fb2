package io.plasmanode.p2p.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class ConnectionLimiterTest {
  private static final InetSocketAddress A1 = new InetSocketAddress("127.0.0.1", 40001);
  private static final InetSocketAddress A2 = new InetSocketAddress("127.0.0.1", 40002);
  private static final InetSocketAddress A3 = new InetSocketAddress("127.0.0.1", 40003);
  private static final InetSocketAddress B1 = new InetSocketAddress("127.0.0.2", 40001);
  private static final InetSocketAddress C1 = new InetSocketAddress("127.0.0.3", 40001);

  @Test
  void perAddressLimit_countsConnectionsOfOneIpWhateverThePort() {
    ConnectionLimiter limiter = new ConnectionLimiter(10, 2);

    assertThat(limiter.tryAcquire(A1)).isEmpty();
    assertThat(limiter.tryAcquire(A2)).isEmpty();
    assertThat(limiter.tryAcquire(A3)).contains("/127.0.0.1 has 2 open connections");
    assertThat(limiter.tryAcquire(B1)).as("another address").isEmpty();

    assertThat(limiter.open()).isEqualTo(3);
    assertThat(limiter.refused()).isOne();
  }

  @Test
  void serverWideLimit_countsAllAddresses() {
    ConnectionLimiter limiter = new ConnectionLimiter(2, 2);

    assertThat(limiter.tryAcquire(A1)).isEmpty();
    assertThat(limiter.tryAcquire(B1)).isEmpty();
    assertThat(limiter.tryAcquire(C1)).contains("the server has 2 open connections");

    assertThat(limiter.open()).isEqualTo(2);
    assertThat(limiter.refused()).isOne();
  }

  @Test
  void release_makesRoomAgain() {
    ConnectionLimiter limiter = new ConnectionLimiter(2, 1);
    assertThat(limiter.tryAcquire(A1)).isEmpty();
    assertThat(limiter.tryAcquire(B1)).isEmpty();
    assertThat(limiter.tryAcquire(A2)).isPresent();

    limiter.release(A1);

    assertThat(limiter.tryAcquire(A2)).isEmpty();
    assertThat(limiter.tryAcquire(C1)).as("server full again").isPresent();
    limiter.release(A2);
    limiter.release(B1);
    assertThat(limiter.open()).isZero();
    assertThat(limiter.tryAcquire(C1)).isEmpty();
  }

  @Test
  void refusedByAddress_doesNotTakeAServerWideSlot() {
    ConnectionLimiter limiter = new ConnectionLimiter(2, 1);
    assertThat(limiter.tryAcquire(A1)).isEmpty();
    for (int i = 0; i < 5; i++) {
      assertThat(limiter.tryAcquire(A2)).isPresent();
    }

    assertThat(limiter.tryAcquire(B1)).isEmpty();
    assertThat(limiter.refused()).isEqualTo(5);
  }
}
