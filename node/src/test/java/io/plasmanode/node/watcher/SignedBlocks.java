package io.plasmanode.node.watcher;

import io.plasmanode.core.crypto.BouncyCastleSignerRecovery;
import io.plasmanode.core.crypto.PrivateKey;
import io.plasmanode.core.eip712.Eip712Domain;
import io.plasmanode.core.eip712.SignatureChecker;
import io.plasmanode.core.eip712.TransactionSigner;
import io.plasmanode.core.l1.BlockCommitment;
import io.plasmanode.core.ledger.Utxo;
import io.plasmanode.core.merkle.MerkleTree;
import io.plasmanode.core.tx.Output;
import io.plasmanode.core.tx.PaymentTransaction;
import io.plasmanode.core.tx.TxCodec;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Hash32;
import io.plasmanode.exitgame.BlockValidator;
import io.plasmanode.storage.chain.ChainStore;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;

/** Child blocks with real signatures and the roots L1 would hold for them, for sync tests. */
final class SignedBlocks {
  static final Eip712Domain DOMAIN =
      new Eip712Domain(Address.fromHex("0x5fbdb2315678afecb367f032d93f642f64180aa3"), 31337);
  static final BlockValidator VALIDATOR =
      new BlockValidator(new SignatureChecker(DOMAIN, new BouncyCastleSignerRecovery()));
  static final Instant T0 = Instant.ofEpochSecond(1_700_000_000);

  private static final TransactionSigner SIGNER = new TransactionSigner(DOMAIN);

  private SignedBlocks() {}

  static Output eth(PrivateKey owner, long amount) {
    return new Output(owner.address(), Address.ZERO, BigInteger.valueOf(amount));
  }

  /** Credits deposit block {@code blknum} with {@code amount} wei to {@code owner}. */
  static UtxoPos deposit(ChainStore chain, long blknum, PrivateKey owner, long amount) {
    UtxoPos pos = new UtxoPos(blknum, 0, 0);
    chain.applyDeposit(new Utxo(pos, eth(owner, amount)), blknum);
    return pos;
  }

  /**
   * A transfer of {@code inputs} to {@code outputs}, signed by {@code owner}, as a block holds it.
   */
  static byte[] transfer(PrivateKey owner, List<UtxoPos> inputs, List<Output> outputs) {
    PaymentTransaction tx = PaymentTransaction.transfer(inputs, outputs);
    List<PrivateKey> keys = inputs.stream().map(input -> owner).toList();
    return TxCodec.encodeSigned(SIGNER.sign(tx, keys));
  }

  /** What L1 holds for child block {@code blknum} of these signed transactions. */
  static BlockCommitment commitment(long blknum, List<byte[]> signedTxs) {
    List<byte[]> unsigned =
        signedTxs.stream()
            .map(bytes -> TxCodec.encode(TxCodec.decodeSigned(bytes).get().tx()))
            .toList();
    byte[] root = MerkleTree.of(unsigned).root().toArray();
    root[28] = root[29] = root[30] = root[31] = 0;
    return new BlockCommitment(blknum, Hash32.of(root), T0.plusSeconds(blknum));
  }
}
