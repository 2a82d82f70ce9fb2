package io.plasmanode.node.testing;

import io.plasmanode.core.crypto.PrivateKey;
import io.plasmanode.core.eip712.Eip712Domain;
import io.plasmanode.core.eip712.TransactionSigner;
import io.plasmanode.core.merkle.MerkleTree;
import io.plasmanode.core.tx.Output;
import io.plasmanode.core.tx.PaymentTransaction;
import io.plasmanode.core.tx.SignedTransaction;
import io.plasmanode.core.tx.TxCodec;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import java.math.BigInteger;
import java.util.Collections;
import java.util.List;

/**
 * The transactions users build and sign, without I/O: outputs, deposit transactions, transfers of
 * one or more inputs (with change as just another output), signed for one contract's EIP-712
 * domain. The one place tests build payment transactions; {@link Scenario} sends them.
 */
public final class Payments {
  /** The token of ether outputs. */
  public static final Address ETH = Address.ZERO;

  private final TransactionSigner signer;

  private Payments(Eip712Domain domain) {
    this.signer = new TransactionSigner(domain);
  }

  /** Payments signed for {@code domain}. */
  public static Payments of(Eip712Domain domain) {
    return new Payments(domain);
  }

  /** An output of {@code amount} wei to {@code owner}. */
  public static Output eth(PrivateKey owner, BigInteger amount) {
    return new Output(owner.address(), ETH, amount);
  }

  /** As {@link #eth(PrivateKey, BigInteger)}, for amounts that fit a long. */
  public static Output eth(PrivateKey owner, long amount) {
    return eth(owner, BigInteger.valueOf(amount));
  }

  /** An output of {@code amount} of the ERC20 {@code token} to {@code owner}. */
  public static Output token(PrivateKey owner, Address token, BigInteger amount) {
    return new Output(owner.address(), token, amount);
  }

  /** The unsigned bytes of the deposit transaction creating {@code output}. */
  public static byte[] depositTx(Output output) {
    return TxCodec.encode(PaymentTransaction.deposit(output));
  }

  /** The inclusion proof of a deposit: its transaction alone in its block. */
  public static byte[] depositProof(Output output) {
    return MerkleTree.of(List.of(depositTx(output))).proof(0).toBytes();
  }

  /** The unsigned transfer of {@code inputs} into {@code outputs}. */
  public static PaymentTransaction transfer(List<UtxoPos> inputs, List<Output> outputs) {
    return PaymentTransaction.transfer(inputs, outputs);
  }

  /** {@code tx} signed by {@code keys}, one per input. */
  public SignedTransaction sign(PaymentTransaction tx, List<PrivateKey> keys) {
    return signer.sign(tx, keys);
  }

  /** {@code from} spends {@code inputs} (all its own) into {@code outputs}. */
  public SignedTransaction transfer(PrivateKey from, List<UtxoPos> inputs, Output... outputs) {
    return sign(transfer(inputs, List.of(outputs)), Collections.nCopies(inputs.size(), from));
  }

  /** {@code from} spends its one {@code input} into {@code outputs}. */
  public SignedTransaction transfer(PrivateKey from, UtxoPos input, Output... outputs) {
    return transfer(from, List.of(input), outputs);
  }

  /** The signed bytes of {@code tx}, as a client submits them. */
  public static byte[] encode(SignedTransaction tx) {
    return TxCodec.encodeSigned(tx);
  }
}
