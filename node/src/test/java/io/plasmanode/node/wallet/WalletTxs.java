package io.plasmanode.node.wallet;

import io.plasmanode.core.crypto.PrivateKey;
import io.plasmanode.core.eip712.Eip712Domain;
import io.plasmanode.core.eip712.TransactionSigner;
import io.plasmanode.core.testing.TestKeys;
import io.plasmanode.core.tx.Output;
import io.plasmanode.core.tx.PaymentTransaction;
import io.plasmanode.core.tx.SignedTransaction;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Collections;
import java.util.List;

/** Signed transfers for the wallet's tests. */
final class WalletTxs {
  static final PrivateKey ALICE = TestKeys.ALICE;
  static final Eip712Domain DOMAIN =
      new Eip712Domain(Address.fromHex("0x" + "c0".repeat(20)), 31337);
  static final Eip712Domain OTHER_DOMAIN =
      new Eip712Domain(Address.fromHex("0x" + "c1".repeat(20)), 31337);
  static final Instant T0 = Instant.parse("2026-12-07T08:00:00Z");

  private WalletTxs() {}

  /** Alice pays {@code amount} wei to Bob from {@code inputs}. */
  static SignedTransaction transfer(long amount, UtxoPos... inputs) {
    return transfer(DOMAIN, amount, inputs);
  }

  static SignedTransaction transfer(Eip712Domain domain, long amount, UtxoPos... inputs) {
    PaymentTransaction tx =
        PaymentTransaction.transfer(
            List.of(inputs),
            List.of(new Output(TestKeys.BOB.address(), Address.ZERO, BigInteger.valueOf(amount))));
    return new TransactionSigner(domain).sign(tx, Collections.nCopies(inputs.length, ALICE));
  }

  static UtxoPos pos(long blknum, int txIndex, int oindex) {
    return new UtxoPos(blknum, txIndex, oindex);
  }
}
