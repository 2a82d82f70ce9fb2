package io.plasmanode.p2p.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RequestAdmissionTest {
  private static final int MIB = 1 << 20;

  private final RequestAdmission admission = new RequestAdmission(2, 1_000, 3 * MIB);

  @Test
  void largeAnswers_areRefusedBeyondTheBudgetUntilWritten_smallOnesAlwaysPass() {
    assertThat(admission.tryReserveAnswer(2 * MIB)).isEmpty();
    assertThat(admission.tryReserveAnswer(MIB)).isEmpty();

    assertThat(admission.tryReserveAnswer(MIB))
        .contains(
            "Server busy: large answers waiting for slow clients fill the "
                + 3 * MIB
                + "-byte budget; retry later");
    assertThat(admission.tryReserveAnswer(MIB - 1)).as("small").isEmpty();
    assertThat(admission.pendingLargeAnswerBytes()).isEqualTo(3 * MIB);
    admission.releaseAnswer(MIB - 1);
    admission.releaseAnswer(2 * MIB);
    assertThat(admission.pendingLargeAnswerBytes()).isEqualTo(MIB);
    assertThat(admission.tryReserveAnswer(MIB)).isEmpty();
  }

  @Test
  void anAnswerLargerThanTheWholeBudget_goesOutWhenNothingElseWaits() {
    assertThat(admission.tryReserveAnswer(MIB)).isEmpty();
    assertThat(admission.tryReserveAnswer(10 * MIB)).isPresent();
    admission.releaseAnswer(MIB);

    assertThat(admission.tryReserveAnswer(10 * MIB)).isEmpty();
    assertThat(admission.tryReserveAnswer(MIB)).isPresent();
    admission.releaseAnswer(10 * MIB);
    assertThat(admission.tryReserveAnswer(3 * MIB)).isEmpty();
  }

  @Test
  void calls_areRefusedBeyondTheLimitUntilOneIsReleased() {
    assertThat(admission.tryAdmitCall()).isEmpty();
    assertThat(admission.tryAdmitCall()).isEmpty();

    assertThat(admission.tryAdmitCall())
        .contains("Server busy: 2 requests in progress; retry later");
    admission.releaseCall();
    assertThat(admission.tryAdmitCall()).isEmpty();
  }

  @Test
  void bodies_areRefusedWhenTheyWouldPassTheBudget() {
    assertThat(admission.tryReserveBody(600)).isEmpty();

    assertThat(admission.tryReserveBody(401))
        .contains("Server busy: requests in progress fill the 1000-byte budget; retry later");
    assertThat(admission.tryReserveBody(400)).as("exactly fills it").isEmpty();
    assertThat(admission.tryReserveBody(1)).isPresent();
    assertThat(admission.tryReserveBody(0)).as("a request without a body").isEmpty();
  }

  @Test
  void releasedBodies_makeRoomAgain_andCallsAreCountedApart() {
    assertThat(admission.tryReserveBody(1_000)).isEmpty();
    assertThat(admission.tryAdmitCall()).as("calls do not use the body budget").isEmpty();

    admission.releaseBody(1_000);

    assertThat(admission.tryReserveBody(1_000)).isEmpty();
  }
}
