package io.plasmanode.contracts.l1;

import static org.assertj.core.api.Assertions.assertThat;

import io.plasmanode.contracts.l1.SendResult.Outcome;
import org.junit.jupiter.api.Test;

class SendResultTest {
  @Test
  void ofError_classifiesTheNodesExpectedRejections() {
    assertThat(Outcome.ofError("already known")).isEqualTo(Outcome.ALREADY_KNOWN);
    assertThat(Outcome.ofError("transaction already imported")).isEqualTo(Outcome.ALREADY_KNOWN);
    assertThat(Outcome.ofError("replacement transaction underpriced"))
        .isEqualTo(Outcome.REPLACEMENT_UNDERPRICED);
    assertThat(Outcome.ofError("nonce too low: next nonce 4, tx nonce 3"))
        .isEqualTo(Outcome.NONCE_TOO_LOW);
    assertThat(Outcome.ofError("transaction underpriced")).isEqualTo(Outcome.UNDERPRICED);
    assertThat(Outcome.ofError("max fee per gas less than block base fee"))
        .isEqualTo(Outcome.UNDERPRICED);
    assertThat(Outcome.ofError("insufficient funds for gas * price + value"))
        .isEqualTo(Outcome.REJECTED);
  }
}
