package io.plasmanode.node.cli;

import static io.plasmanode.core.testing.TestKeys.ALICE;
import static io.plasmanode.core.testing.TestKeys.BOB;
import static io.plasmanode.core.testing.TestKeys.CAROL;
import static org.assertj.core.api.Assertions.assertThat;

import io.plasmanode.core.crypto.BouncyCastleSignerRecovery;
import io.plasmanode.core.crypto.PrivateKey;
import io.plasmanode.core.eip712.Eip712Domain;
import io.plasmanode.core.eip712.TransactionSigner;
import io.plasmanode.core.tx.Output;
import io.plasmanode.core.tx.PaymentTransaction;
import io.plasmanode.core.tx.SignedTransaction;
import io.plasmanode.core.tx.TxCodec;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Hex;
import io.plasmanode.node.cli.ServedSpendCheck.Verdict;
import io.plasmanode.node.rpc.WatcherRpcResults.ChallengeResult;
import java.math.BigInteger;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A spend a watcher serves stops an exit only if the contract would accept it as a challenge: the
 * attacker's variants (another signer, the owner in another domain, the output at another input) do
 * not.
 */
class ServedSpendCheckTest {
  private static final Eip712Domain DOMAIN =
      new Eip712Domain(Address.fromHex("0x" + "11".repeat(20)), 1337);
  private static final UtxoPos ALICES = new UtxoPos(1000, 0, 0);
  private static final UtxoPos CAROLS = new UtxoPos(2000, 0, 0);
  private static final Output ALICES_OUTPUT =
      new Output(ALICE.address(), Address.ZERO, BigInteger.TEN);

  private static ChallengeResult spend(
      Eip712Domain domain, List<UtxoPos> inputs, List<PrivateKey> signers, int input) {
    PaymentTransaction tx =
        PaymentTransaction.transfer(
            inputs, List.of(new Output(BOB.address(), Address.ZERO, BigInteger.TEN)));
    SignedTransaction signed = new TransactionSigner(domain).sign(tx, signers);
    return new ChallengeResult(
        ALICES, Hex.encode(TxCodec.encode(tx)), input, signed.signatures().get(input));
  }

  private static Verdict check(ChallengeResult spend) {
    return ServedSpendCheck.check(
        spend, ALICES, ALICES_OUTPUT, DOMAIN, new BouncyCastleSignerRecovery());
  }

  @Test
  void theOwnersSpendForThisContractAndChain_isOwnerSigned() {
    ChallengeResult spend = spend(DOMAIN, List.of(CAROLS, ALICES), List.of(CAROL, ALICE), 1);

    assertThat(ServedSpendCheck.spendsOutput(spend, ALICES)).isTrue();
    assertThat(check(spend)).isEqualTo(Verdict.OWNER_SIGNED);
  }

  @Test
  void aSpendSignedBySomeoneElse_isNotOwnerSigned() {
    assertThat(check(spend(DOMAIN, List.of(ALICES), List.of(CAROL), 0)))
        .isEqualTo(Verdict.NOT_OWNER_SIGNED);
  }

  @Test
  void theOwnersSignatureForAnotherContractOrChain_isNotOwnerSigned() {
    Eip712Domain otherContract = new Eip712Domain(Address.fromHex("0x" + "22".repeat(20)), 1337);
    Eip712Domain otherChain = new Eip712Domain(DOMAIN.verifyingContract(), 1);

    assertThat(check(spend(otherContract, List.of(ALICES), List.of(ALICE), 0)))
        .isEqualTo(Verdict.NOT_OWNER_SIGNED);
    assertThat(check(spend(otherChain, List.of(ALICES), List.of(ALICE), 0)))
        .isEqualTo(Verdict.NOT_OWNER_SIGNED);
  }

  @Test
  void anInputIndexThatIsAnotherOutput_orBytesThatDoNotDecode_doNotSpendTheOutput() {
    ChallengeResult otherInput = spend(DOMAIN, List.of(CAROLS, ALICES), List.of(ALICE, ALICE), 0);
    ChallengeResult garbage =
        new ChallengeResult(ALICES, Hex.encode(new byte[] {1, 2, 3}), 0, otherInput.signature());

    assertThat(ServedSpendCheck.spendsOutput(otherInput, ALICES)).isFalse();
    assertThat(check(otherInput)).isEqualTo(Verdict.NOT_THIS_OUTPUT);
    assertThat(ServedSpendCheck.spendsOutput(garbage, ALICES)).isFalse();
    assertThat(check(garbage)).isEqualTo(Verdict.NOT_THIS_OUTPUT);
  }
}
