package io.plasmanode.contracts.l1;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.SocketTimeoutException;
import org.junit.jupiter.api.Test;

class L1ExceptionTest {

  @Test
  void io_keepsAShortCauseAsItIs() {
    L1Exception e = L1Exception.io("eth_blockNumber", new IOException("Connection refused"));

    assertThat(e).hasMessage("eth_blockNumber: Connection refused");
  }

  @Test
  void io_cutsAPageLongAnswerToOneShortLine() {
    String page =
        "Invalid response received: 502; <html>\n<head><title>502 Bad Gateway</title></head>\n"
            + "<body>".repeat(2_000);

    L1Exception e = L1Exception.io("eth_getLogs", new IOException(page));

    assertThat(e.getMessage())
        .startsWith("eth_getLogs: Invalid response received: 502; <html> <head><title>502")
        .doesNotContain("\n")
        .endsWith("... (" + page.length() + " characters)")
        .hasSizeLessThan(L1Exception.MAX_CAUSE_CHARS + 50);
    assertThat(e.getCause().getMessage()).isEqualTo(page);
  }

  @Test
  void io_namesACauseWithoutMessage() {
    assertThat(L1Exception.io("eth_call", new SocketTimeoutException()))
        .hasMessage("eth_call: SocketTimeoutException");
  }
}
