package io.plasmanode.core.eip712;

import static org.assertj.core.api.Assertions.assertThat;

import io.plasmanode.core.crypto.BouncyCastleSignerRecovery;
import io.plasmanode.core.crypto.Keccak;
import io.plasmanode.core.crypto.PrivateKey;
import io.plasmanode.core.testing.Cases;
import io.plasmanode.core.testing.TxGen;
import io.plasmanode.core.tx.Output;
import io.plasmanode.core.tx.PaymentTransaction;
import io.plasmanode.core.tx.SignedTransaction;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Hash32;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class PaymentEip712PropertyTest {
  private static final Eip712Domain DOMAIN = PaymentEip712Test.DOMAIN;

  @Test
  void recoverSigners_ofSignedTx_areTheSigners() {
    Cases.check(
        100,
        gen -> {
          PaymentTransaction tx = TxGen.paymentTransaction(gen);
          int inputs = tx.inputs().size();
          List<PrivateKey> signers = gen.list(inputs, inputs, () -> TxGen.privateKey(gen));
          SignedTransaction signed = new TransactionSigner(DOMAIN).sign(tx, signers);

          var recovered =
              new SignatureChecker(DOMAIN, new BouncyCastleSignerRecovery()).recoverSigners(signed);
          assertThat(recovered.get()).isEqualTo(signers.stream().map(PrivateKey::address).toList());
        });
  }

  /** Every case checks a change: a field and index the transfer cannot take are drawn again. */
  @Test
  void signingHash_changesWithAnyFieldOfTheTx() {
    Cases.check(
        1000,
        gen -> {
          PaymentTransaction tx = TxGen.transfer(gen);
          PaymentTransaction changed = null;
          while (changed == null) {
            changed = TxMutations.mutate(tx, gen.intBetween(0, 10), gen.intBetween(0, 3));
          }

          assertThat(changed).isNotEqualTo(tx);
          assertThat(PaymentEip712.signingHash(DOMAIN, changed))
              .isNotEqualTo(PaymentEip712.signingHash(DOMAIN, tx));
        });
  }

  @Test
  void separator_changesWithChainIdAndContract() {
    Cases.check(
        1000,
        gen -> {
          Address contract = TxGen.address(gen);
          Address otherContract = TxGen.address(gen);
          while (otherContract.equals(contract)) {
            otherContract = TxGen.address(gen);
          }
          int chainId = gen.intBetween(1, Integer.MAX_VALUE);
          int otherChainId = gen.intBetween(1, Integer.MAX_VALUE);
          while (otherChainId == chainId) {
            otherChainId = gen.intBetween(1, Integer.MAX_VALUE);
          }
          Hash32 separator = new Eip712Domain(contract, chainId).separator();

          assertThat(new Eip712Domain(contract, chainId).separator()).isEqualTo(separator);
          assertThat(new Eip712Domain(otherContract, chainId).separator()).isNotEqualTo(separator);
          assertThat(new Eip712Domain(contract, otherChainId).separator()).isNotEqualTo(separator);
        });
  }

  /** One-field changes of a transfer; null when the change does not apply to {@code tx}. */
  static final class TxMutations {
    private TxMutations() {}

    static PaymentTransaction mutate(PaymentTransaction tx, int field, int index) {
      List<UtxoPos> inputs = new ArrayList<>(tx.inputs());
      List<Output> outputs = new ArrayList<>(tx.outputs());
      Hash32 metadata = tx.metadata();
      int in = index % inputs.size();
      int out = index % outputs.size();
      UtxoPos pos = inputs.get(in);
      Output o = outputs.get(out);
      switch (field) {
        case 0 -> metadata = Keccak.keccak256(metadata.toArray());
        case 1 -> outputs.set(out, new Output(other(o.owner()), o.token(), o.amount()));
        case 2 -> outputs.set(out, new Output(o.owner(), other(o.token()), o.amount()));
        case 3 -> outputs.set(out, new Output(o.owner(), o.token(), otherAmount(o)));
        case 4 ->
            inputs.set(
                in,
                new UtxoPos(pos.blknum() % UtxoPos.MAX_BLKNUM + 1, pos.txindex(), pos.oindex()));
        case 5 ->
            inputs.set(
                in,
                new UtxoPos(
                    pos.blknum(), (pos.txindex() + 1) % UtxoPos.MAX_TXS_PER_BLOCK, pos.oindex()));
        case 6 ->
            inputs.set(
                in,
                new UtxoPos(pos.blknum(), pos.txindex(), (pos.oindex() + 1) % UtxoPos.MAX_OUTPUTS));
        case 7 -> inputs.remove(inputs.size() - 1);
        case 8 -> outputs.remove(outputs.size() - 1);
        case 9 -> outputs.add(o);
        default -> Collections.reverse(outputs);
      }
      return validOrNull(tx, inputs, outputs, metadata);
    }

    private static PaymentTransaction validOrNull(
        PaymentTransaction original, List<UtxoPos> inputs, List<Output> outputs, Hash32 metadata) {
      if (inputs.isEmpty()
          || outputs.isEmpty()
          || outputs.size() > PaymentTransaction.MAX_OUTPUTS) {
        return null;
      }
      if (inputs.stream().distinct().count() != inputs.size()) {
        return null;
      }
      PaymentTransaction changed = new PaymentTransaction(inputs, outputs, metadata);
      return changed.equals(original) ? null : changed;
    }

    private static Address other(Address address) {
      return Address.of(Keccak.keccak256(address.toArray()).toArray(), 0);
    }

    private static BigInteger otherAmount(Output output) {
      return output.amount().equals(Output.MAX_AMOUNT)
          ? output.amount().subtract(BigInteger.ONE)
          : output.amount().add(BigInteger.ONE);
    }
  }
}
