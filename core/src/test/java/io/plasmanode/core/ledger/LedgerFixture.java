package io.plasmanode.core.ledger;

import io.plasmanode.core.tx.Output;
import io.plasmanode.core.tx.PaymentTransaction;
import io.plasmanode.core.tx.Signature;
import io.plasmanode.core.tx.SignedTransaction;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import java.math.BigInteger;
import java.util.Collections;
import java.util.List;

/** Small builders for ledger tests: signatures are placeholders, signers are given directly. */
final class LedgerFixture {
  static final Address ALICE = address(0xa1);
  static final Address BOB = address(0xb0);
  static final Address CAROL = address(0xc0);
  static final Address ETH = Address.ZERO;
  static final Address TOKEN = address(0x70);

  private LedgerFixture() {}

  static Address address(int fill) {
    byte[] bytes = new byte[Address.SIZE];
    java.util.Arrays.fill(bytes, (byte) fill);
    return Address.of(bytes);
  }

  static Output output(Address owner, Address token, long amount) {
    return new Output(owner, token, BigInteger.valueOf(amount));
  }

  static UtxoPos deposit(long blknum) {
    return new UtxoPos(blknum, 0, 0);
  }

  static VerifiedTransaction transfer(
      List<UtxoPos> inputs, List<Output> outputs, List<Address> signers) {
    PaymentTransaction tx = PaymentTransaction.transfer(inputs, outputs);
    Signature placeholder = Signature.of(new byte[Signature.SIZE]);
    SignedTransaction signed =
        new SignedTransaction(tx, Collections.nCopies(inputs.size(), placeholder));
    return new VerifiedTransaction(signed, signers);
  }

  static InMemoryUtxoSet setWith(Utxo... utxos) {
    InMemoryUtxoSet set = new InMemoryUtxoSet();
    set.apply(new UtxoDelta(List.of(), List.of(utxos)));
    return set;
  }
}
