package io.plasmanode.exitgame;

import io.plasmanode.core.crypto.BouncyCastleSignerRecovery;
import io.plasmanode.core.crypto.Keccak;
import io.plasmanode.core.crypto.PrivateKey;
import io.plasmanode.core.eip712.Eip712Domain;
import io.plasmanode.core.eip712.SignatureChecker;
import io.plasmanode.core.eip712.TransactionSigner;
import io.plasmanode.core.l1.BlockCommitment;
import io.plasmanode.core.ledger.InMemoryUtxoSet;
import io.plasmanode.core.ledger.Utxo;
import io.plasmanode.core.ledger.UtxoDelta;
import io.plasmanode.core.merkle.MerkleTree;
import io.plasmanode.core.tx.Output;
import io.plasmanode.core.tx.PaymentTransaction;
import io.plasmanode.core.tx.SignedTransaction;
import io.plasmanode.core.tx.TxCodec;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Hash32;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;

/** Real keys, real signatures and real roots for the exit game's tests. */
final class ChainFixture {
  static final Eip712Domain DOMAIN =
      new Eip712Domain(Address.fromHex("0x5fbdb2315678afecb367f032d93f642f64180aa3"), 31337);
  static final TransactionSigner SIGNER = new TransactionSigner(DOMAIN);
  static final SignatureChecker CHECKER =
      new SignatureChecker(DOMAIN, new BouncyCastleSignerRecovery());
  static final Address ETH = Address.ZERO;
  static final Instant T0 = Instant.ofEpochSecond(1_700_000_000);

  private ChainFixture() {}

  static Output eth(PrivateKey owner, long amount) {
    return new Output(owner.address(), ETH, BigInteger.valueOf(amount));
  }

  /** Credits a deposit of {@code amount} wei to {@code owner} in deposit block {@code blknum}. */
  static UtxoPos deposit(InMemoryUtxoSet set, long blknum, PrivateKey owner, long amount) {
    UtxoPos pos = new UtxoPos(blknum, 0, 0);
    set.apply(UtxoDelta.deposit(new Utxo(pos, eth(owner, amount))));
    return pos;
  }

  static SignedTransaction sign(PaymentTransaction tx, PrivateKey... keys) {
    return SIGNER.sign(tx, List.of(keys));
  }

  static byte[] signedBytes(PaymentTransaction tx, PrivateKey... keys) {
    return TxCodec.encodeSigned(sign(tx, keys));
  }

  /** What L1 stores for a block of these unsigned transactions: the root's high 224 bits. */
  static BlockCommitment commitmentOfUnsigned(long blknum, List<byte[]> unsignedTxs) {
    byte[] root = MerkleTree.of(unsignedTxs).root().toArray();
    root[28] = root[29] = root[30] = root[31] = 0;
    return new BlockCommitment(blknum, Hash32.of(root), T0);
  }

  /** The commitment of a block of these well-formed signed transactions. */
  static BlockCommitment commitment(long blknum, List<byte[]> signedTxs) {
    return commitmentOfUnsigned(
        blknum,
        signedTxs.stream()
            .map(bytes -> TxCodec.encode(TxCodec.decodeSigned(bytes).get().tx()))
            .toList());
  }

  static Hash32 txHash(PaymentTransaction tx) {
    return Keccak.keccak256(TxCodec.encode(tx));
  }
}
