package io.plasmanode.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.plasmanode.core.inflight.InFlightExitId;
import io.plasmanode.core.l1.L1Event;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Hash32;
import java.util.List;
import org.junit.jupiter.api.Test;

class InFlightExitEventsTest {
  private static final InFlightExitId ID = InFlightExitId.ofTxHash(Hash32.ZERO);
  private static final Address OWNER = Address.fromHex("0x" + "ab".repeat(20));

  private static L1Event.L1Origin origin(long block) {
    return new L1Event.L1Origin(block, Hash32.ZERO, 0);
  }

  private static InFlightExitEvents of(L1Event.InFlightExitEvent... events) {
    InFlightExitEvents summary = InFlightExitEvents.NONE;
    for (L1Event.InFlightExitEvent event : events) {
      summary = summary.with(event);
    }
    return summary;
  }

  @Test
  void piggybacksAndPayouts_areKeptFromTheEvents_inputsFirst() {
    InFlightExitEvents happened =
        of(
            new L1Event.InFlightExitOutputPiggybacked(origin(1), ID, OWNER, 1),
            new L1Event.InFlightExitInputPiggybacked(origin(2), ID, OWNER, 0),
            new L1Event.InFlightExitOutputPiggybacked(origin(3), ID, OWNER, 0),
            new L1Event.InFlightExitProcessed(
                origin(4), ID, Address.ZERO, true, 0b0011_0000, true));

    assertThat(InFlightExitEvents.slots(happened.piggybacked()))
        .containsExactly("input 0", "output 0", "output 1");
    assertThat(InFlightExitEvents.slots(happened.paid())).containsExactly("output 0", "output 1");
    assertThat(happened.outcome(bit -> InFlightExitEvents.slot(bit) + " (x)"))
        .isEqualTo("; paid output 0 (x), output 1 (x)");
  }

  @Test
  void processingPerToken_addsUpItsPayouts() {
    InFlightExitEvents happened =
        of(
            new L1Event.InFlightExitProcessed(origin(4), ID, Address.ZERO, false, 0b0001, false),
            new L1Event.InFlightExitProcessed(origin(5), ID, OWNER, false, 0b0100, true));

    assertThat(InFlightExitEvents.slots(happened.paid())).containsExactly("input 0", "input 2");
  }

  @Test
  void blockedAndDeleted_areSaid_andNothingHappened_isEmpty() {
    assertThat(
            of(
                    new L1Event.InFlightExitInputPiggybacked(origin(1), ID, OWNER, 1),
                    new L1Event.InFlightExitInputBlocked(origin(2), ID, OWNER, 1))
                .outcome(InFlightExitEvents::slot))
        .isEqualTo("; blocked input 1 (shown spent)");
    assertThat(of(new L1Event.InFlightExitDeleted(origin(3), ID)).outcome(InFlightExitEvents::slot))
        .isEqualTo("; deleted: nobody piggybacked it in phase 1");
    assertThat(InFlightExitEvents.NONE.outcome(InFlightExitEvents::slot)).isEmpty();
    assertThat(InFlightExitEvents.slots(0)).isEqualTo(List.of());
  }
}
