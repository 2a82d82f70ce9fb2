package io.plasmanode.exitgame;

import static io.plasmanode.exitgame.ChainFixture.T0;
import static org.assertj.core.api.Assertions.assertThat;

import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Hash32;
import io.plasmanode.core.validation.Rejection;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ByzantineEventTest {
  private static final Hash32 HASH = Hash32.fromHex("0x" + "12".repeat(32));
  private static final UtxoPos POS = new UtxoPos(1000, 3, 1);

  private final List<ByzantineEvent> events =
      List.of(
          new ByzantineEvent.InvalidBlock(
              2000, 5, HASH, Rejection.DOUBLE_SPEND, "input 0 (1000031) is already spent", T0),
          new ByzantineEvent.BlockWithholding(3000, T0, Duration.ofMinutes(5), T0),
          new ByzantineEvent.InvalidExit(POS, HASH, T0),
          new ByzantineEvent.UnchallengedExit(POS, T0.plusSeconds(60), T0));

  @Test
  void type_isTheWireNameOfDocsWatcherRpc() {
    assertThat(events)
        .extracting(ByzantineEvent::type)
        .containsExactly("invalid_block", "block_withholding", "invalid_exit", "unchallenged_exit");
  }

  @Test
  void action_isExitExceptForAnInvalidExit() {
    assertThat(events)
        .extracting(event -> event.action().code())
        .containsExactly("exit", "exit", "challenge", "exit");
  }

  @Test
  void reason_saysWhatWasFound() {
    assertThat(events.get(0).reason())
        .isEqualTo(
            "tx 5 (0x12121212..12121212) of block 2000 is invalid: double_spend: input 0"
                + " (1000031) is already spent");
    assertThat(events.get(1).reason()).contains("block 3000").contains("300s");
    assertThat(events.get(2).reason())
        .isEqualTo("exit of 1000000031: the output was spent by tx 0x12121212..12121212");
    assertThat(events.get(3).reason())
        .contains("1000000031")
        .contains(T0.plusSeconds(60).toString());
  }

  @Test
  void detectedAt_isKept() {
    assertThat(events).extracting(ByzantineEvent::detectedAt).containsOnly(T0);
  }
}
