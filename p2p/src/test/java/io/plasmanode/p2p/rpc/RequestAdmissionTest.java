package io.plasmanode.p2p.rpc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RequestAdmissionTest {
  @Test
  void requestCountLimit_refusesTheNextRequestWhateverItsSize() {
    RequestAdmission admission = new RequestAdmission(2, 1_000);

    assertThat(admission.tryAdmit(1)).isEmpty();
    assertThat(admission.tryAdmit(1)).isEmpty();

    assertThat(admission.tryAdmit(0)).contains("Server busy: 2 requests in progress; retry later");
  }

  @Test
  void byteBudget_refusesARequestThatWouldPassIt() {
    RequestAdmission admission = new RequestAdmission(10, 1_000);
    assertThat(admission.tryAdmit(600)).isEmpty();

    assertThat(admission.tryAdmit(401))
        .contains("Server busy: requests in progress fill the 1000-byte budget; retry later");
    assertThat(admission.tryAdmit(400)).as("exactly fills it").isEmpty();
    assertThat(admission.tryAdmit(1)).isPresent();
  }

  @Test
  void refusalByBytes_doesNotKeepARequestSlot() {
    RequestAdmission admission = new RequestAdmission(2, 100);
    assertThat(admission.tryAdmit(100)).isEmpty();
    for (int i = 0; i < 5; i++) {
      assertThat(admission.tryAdmit(50)).isPresent();
    }

    assertThat(admission.tryAdmit(0)).as("one slot still free").isEmpty();
  }

  @Test
  void release_givesBackTheSlotAndTheBytes() {
    RequestAdmission admission = new RequestAdmission(1, 100);
    assertThat(admission.tryAdmit(100)).isEmpty();
    assertThat(admission.tryAdmit(1)).isPresent();

    admission.release(100);

    assertThat(admission.tryAdmit(100)).isEmpty();
  }
}
