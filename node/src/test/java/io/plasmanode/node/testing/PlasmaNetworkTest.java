package io.plasmanode.node.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plasmanode.core.testing.TestKeys;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The extension's teardown, without anvil: what a test started is closed in reverse order. */
class PlasmaNetworkTest {
  private final PlasmaNetwork net = PlasmaNetwork.builder().operator(TestKeys.CAROL).build();
  private final List<String> closed = new ArrayList<>();

  @Test
  void afterEach_closesInReverseOrder() {
    net.closeLater(() -> closed.add("operator"));
    net.closeLater(() -> closed.add("watcher"));
    net.closeLater(() -> closed.add("client"));

    net.afterEach(null);

    assertThat(closed).containsExactly("client", "watcher", "operator");
  }

  @Test
  void afterEach_closesEverythingWhenACloseFails_andReportsEveryFailure() {
    net.closeLater(() -> closed.add("operator"));
    net.closeLater(
        () -> {
          throw new IllegalStateException("watcher stuck");
        });
    net.closeLater(
        () -> {
          throw new IllegalStateException("client stuck");
        });

    assertThatThrownBy(() -> net.afterEach(null))
        .hasMessage("client stuck")
        .satisfies(
            e ->
                assertThat(e.getSuppressed())
                    .extracting(Throwable::getMessage)
                    .containsExactly("watcher stuck"));
    assertThat(closed).containsExactly("operator");
  }

  @Test
  void afterEach_closesEachOnlyOnce() {
    net.closeLater(() -> closed.add("operator"));
    net.afterEach(null);
    net.afterEach(null);

    assertThat(closed).containsExactly("operator");
  }
}
