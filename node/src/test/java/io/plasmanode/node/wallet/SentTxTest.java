package io.plasmanode.node.wallet;

import static io.plasmanode.node.wallet.WalletTxs.ALICE;
import static io.plasmanode.node.wallet.WalletTxs.DOMAIN;
import static io.plasmanode.node.wallet.WalletTxs.T0;
import static io.plasmanode.node.wallet.WalletTxs.pos;
import static io.plasmanode.node.wallet.WalletTxs.transfer;
import static org.assertj.core.api.Assertions.assertThat;

import io.plasmanode.node.wallet.SentTx.Status;
import java.util.List;
import org.junit.jupiter.api.Test;

class SentTxTest {
  private static final OperatorAnswer ACCEPTED = new OperatorAnswer.Accepted(2000, 3, T0);
  private static final OperatorAnswer NO_ANSWER = new OperatorAnswer.NoAnswer("timeout", T0);
  private static final OperatorAnswer UTXO_NOT_FOUND =
      new OperatorAnswer.Rejected(-32012, "utxo_not_found", "utxo_not_found: input 0", T0);
  private static final OperatorAnswer BUSY =
      new OperatorAnswer.Rejected(-32013, "operator_busy", "operator_busy", T0);
  private static final OperatorAnswer BAD_SIGNATURE =
      new OperatorAnswer.Rejected(-32011, "invalid_signature", "invalid_signature", T0);
  private static final OperatorAnswer UNAUTHORIZED =
      new OperatorAnswer.Rejected(-32012, "unauthorized_spend", "unauthorized_spend", T0);

  private static SentTx sent(int submissions, OperatorAnswer... answers) {
    return new SentTx(
        transfer(1, pos(1000, 0, 0)),
        ALICE.address(),
        DOMAIN,
        T0,
        submissions,
        List.of(answers),
        false);
  }

  @Test
  void status_withoutAnAnswer_isUnanswered() {
    assertThat(sent(1).status()).isEqualTo(Status.UNANSWERED);
    assertThat(sent(1, NO_ANSWER).status()).isEqualTo(Status.UNANSWERED);
  }

  @Test
  void status_onceAccepted_staysAcceptedWhateverLaterAnswersSay() {
    assertThat(sent(1, ACCEPTED).status()).isEqualTo(Status.ACCEPTED);
    // a resubmission of an accepted tx is refused as a double spend: it is still out there
    assertThat(sent(2, ACCEPTED, UTXO_NOT_FOUND).status()).isEqualTo(Status.ACCEPTED);
  }

  @Test
  void status_everySubmissionRejected_isRejected() {
    assertThat(sent(1, UTXO_NOT_FOUND).status()).isEqualTo(Status.REJECTED);
    assertThat(sent(2, BUSY, UTXO_NOT_FOUND).status()).isEqualTo(Status.REJECTED);
  }

  @Test
  void status_aRejectionAfterAnUnansweredSubmission_isStillUnanswered() {
    // the first submission may have been taken; the second is then refused as spending a spent
    // input: it proves nothing about the first
    assertThat(sent(2, NO_ANSWER, UTXO_NOT_FOUND).status()).isEqualTo(Status.UNANSWERED);
    assertThat(sent(2, UTXO_NOT_FOUND).status()).isEqualTo(Status.UNANSWERED);
  }

  @Test
  void status_aRejectionThatHoldsForever_isRejectedWhateverCameBefore() {
    assertThat(sent(2, NO_ANSWER, BAD_SIGNATURE).status()).isEqualTo(Status.REJECTED);
    assertThat(sent(2, NO_ANSWER, UNAUTHORIZED).status()).isEqualTo(Status.REJECTED);
  }

  @Test
  void invalidForever_onlyForMalformedBadlySignedOrUnauthorizedOrUnbalanced() {
    assertThat(((OperatorAnswer.Rejected) BAD_SIGNATURE).invalidForever()).isTrue();
    assertThat(((OperatorAnswer.Rejected) UNAUTHORIZED).invalidForever()).isTrue();
    assertThat(new OperatorAnswer.Rejected(-32010, "rlp_truncated", "", T0).invalidForever())
        .isTrue();
    assertThat(
            new OperatorAnswer.Rejected(-32012, "amounts_do_not_add_up", "", T0).invalidForever())
        .isTrue();
    assertThat(((OperatorAnswer.Rejected) UTXO_NOT_FOUND).invalidForever()).isFalse();
    assertThat(((OperatorAnswer.Rejected) BUSY).invalidForever()).isFalse();
    assertThat(new OperatorAnswer.Rejected(-32012, "double_spend", "", T0).invalidForever())
        .isFalse();
    assertThat(new OperatorAnswer.Rejected(-32016, "operator_halted", "", T0).invalidForever())
        .isFalse();
  }
}
