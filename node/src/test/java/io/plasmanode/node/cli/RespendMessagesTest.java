package io.plasmanode.node.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.plasmanode.core.eip712.Eip712Domain;
import io.plasmanode.core.eip712.TransactionSigner;
import io.plasmanode.core.testing.TestKeys;
import io.plasmanode.core.tx.Output;
import io.plasmanode.core.tx.PaymentTransaction;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import io.plasmanode.node.wallet.OperatorAnswer;
import io.plasmanode.node.wallet.RespendConflict;
import io.plasmanode.node.wallet.SentTx;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RespendMessagesTest {
  private static final Eip712Domain DOMAIN =
      new Eip712Domain(Address.fromHex("0x" + "c0".repeat(20)), 31337);
  private static final UtxoPos INPUT = new UtxoPos(1000, 0, 1);

  private static RespendConflict conflict(OperatorAnswer... answers) {
    PaymentTransaction tx =
        PaymentTransaction.transfer(
            List.of(INPUT),
            List.of(new Output(TestKeys.BOB.address(), Address.ZERO, BigInteger.ONE)));
    SentTx sent =
        new SentTx(
            new TransactionSigner(DOMAIN).sign(tx, List.of(TestKeys.ALICE)),
            TestKeys.ALICE.address(),
            DOMAIN,
            Instant.EPOCH,
            1,
            List.of(answers),
            false);
    return new RespendConflict(sent, List.of(INPUT));
  }

  @Test
  void refusal_ofAnUnansweredOne_offersTheWaysOutAndForceRespend() {
    RespendConflict unanswered = conflict();
    String text = RespendMessages.refusal(List.of(unanswered), false);
    String hash = unanswered.earlier().txHash().toHex();
    assertThat(text)
        .contains("refusing to send", "Nothing was sent", hash, "spends " + INPUT)
        .contains("no answer from the operator was recorded")
        .contains("plasma tx show " + hash, "plasma tx resend " + hash)
        .contains("plasma exit inflight start --tx " + hash)
        .contains("Only if you know it never left this machine: --force-respend");
  }

  @Test
  void refusal_ofAnAcceptedOne_saysForceRespendCannotOverrideIt() {
    String text =
        RespendMessages.refusal(
            List.of(conflict(new OperatorAnswer.Accepted(2000, 7, Instant.EPOCH))), true);
    assertThat(text)
        .contains("accepted by the operator into block 2000 at index 7")
        .contains("--force-respend cannot override a transaction the operator accepted")
        .doesNotContain("Only if you know");
  }

  @Test
  void overridden_isLoudAndNamesTheEarlierTransaction() {
    RespendConflict unanswered = conflict();
    assertThat(RespendMessages.overridden(unanswered))
        .startsWith("!!! RE-SPENDING (--force-respend) !!!")
        .contains(unanswered.earlier().txHash().toHex(), INPUT.toString());
  }
}
