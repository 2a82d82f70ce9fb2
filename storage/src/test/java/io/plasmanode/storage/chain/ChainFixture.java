package io.plasmanode.storage.chain;

import static org.assertj.core.api.Assertions.assertThat;

import io.plasmanode.core.ledger.PendingBlock;
import io.plasmanode.core.ledger.UtxoView;
import io.plasmanode.core.ledger.VerifiedTransaction;
import io.plasmanode.core.testing.TxGen;
import io.plasmanode.core.tx.Output;
import io.plasmanode.core.tx.PaymentTransaction;
import io.plasmanode.core.tx.Signature;
import io.plasmanode.core.tx.SignedTransaction;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * Builders for chain store tests: transactions carry a well-shaped placeholder signature and the
 * signers are given directly, so blocks are built with core's {@link PendingBlock} rules.
 */
final class ChainFixture {
  static final Address ALICE = address(0xa1);
  static final Address BOB = address(0xb0);
  static final Address CAROL = address(0xc0);
  static final Address ETH = Address.ZERO;
  static final Address TOKEN = address(0x70);
  static final Instant CLOSED_AT = Instant.parse("2025-01-02T03:04:05.123456789Z");

  private static final Signature PLACEHOLDER = TxGen.signature(BigInteger.ONE, BigInteger.ONE, 27);

  private ChainFixture() {}

  static Address address(int fill) {
    byte[] bytes = new byte[Address.SIZE];
    Arrays.fill(bytes, (byte) fill);
    return Address.of(bytes);
  }

  static Output output(Address owner, Address token, long amount) {
    return new Output(owner, token, BigInteger.valueOf(amount));
  }

  static UtxoPos pos(long blknum, int txindex, int oindex) {
    return new UtxoPos(blknum, txindex, oindex);
  }

  static VerifiedTransaction transfer(
      List<UtxoPos> inputs, List<Output> outputs, List<Address> signers) {
    PaymentTransaction tx = PaymentTransaction.transfer(inputs, outputs);
    SignedTransaction signed =
        new SignedTransaction(tx, Collections.nCopies(inputs.size(), PLACEHOLDER));
    return new VerifiedTransaction(signed, signers);
  }

  /** A block of {@code transactions} on {@code base}; every one must be valid. */
  static PendingBlock block(UtxoView base, long blknum, VerifiedTransaction... transactions) {
    PendingBlock block = new PendingBlock(base, blknum);
    for (VerifiedTransaction vtx : transactions) {
      assertThat(block.add(vtx).isValid()).as("fixture transaction is valid").isTrue();
    }
    return block;
  }

  static StoredBlock stored(PendingBlock block) {
    List<SignedTransaction> signed =
        block.transactions().stream().map(VerifiedTransaction::signed).toList();
    return StoredBlock.of(block.blknum(), signed, CLOSED_AT);
  }
}
