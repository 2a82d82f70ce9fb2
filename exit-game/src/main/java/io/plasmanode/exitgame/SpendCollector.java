package io.plasmanode.exitgame;

import static java.util.Objects.requireNonNull;

import io.plasmanode.core.crypto.SignerRecovery;
import io.plasmanode.core.eip712.Eip712Domain;
import io.plasmanode.core.eip712.PaymentEip712;
import io.plasmanode.core.l1.BlockCommitment;
import io.plasmanode.core.ledger.Utxo;
import io.plasmanode.core.merkle.MerkleTree;
import io.plasmanode.core.tx.SignedTransaction;
import io.plasmanode.core.tx.TxCodec;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Hash32;
import io.plasmanode.core.validation.ValidationResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Collects the signed spends of a committed child block without validating it against a UTXO set:
 * what a halted watcher reads past the point where its validated chain stopped. A challenge needs
 * only a spend of the exiting output signed by its owner (the contract checks that signature, not
 * that the chain is valid), so every input of every transaction whose signature recovers is kept,
 * with its signer; whoever uses one checks the signer against the output's owner. The outputs the
 * block creates are collected too: whoever exits one proves its inclusion, so the block names its
 * owner, the only signer whose spend of it counts. The contents must match the root committed on L1
 * (else nothing is collected: they are not that block). Stateless and thread-safe.
 */
public final class SpendCollector {
  private final Eip712Domain domain;
  private final SignerRecovery recovery;

  /** A spend of {@code spend.spentPos()} whose signature recovers to {@code signer}. */
  public record SignedSpend(SpendRecord spend, Address signer) {
    public SignedSpend {
      requireNonNull(spend, "spend");
      requireNonNull(signer, "signer");
    }
  }

  /**
   * What a committed block holds for a halted watcher: its signed spends, and the outputs its
   * transactions create (whatever their signatures: the contract lets the owner exit them).
   */
  public record CollectedBlock(List<SignedSpend> spends, List<Utxo> created) {
    public CollectedBlock {
      spends = List.copyOf(spends);
      created = List.copyOf(created);
    }
  }

  public SpendCollector(Eip712Domain domain, SignerRecovery recovery) {
    this.domain = requireNonNull(domain, "domain");
    this.recovery = requireNonNull(recovery, "recovery");
  }

  /**
   * The signed spends in block {@code commitment.blknum()} holding {@code signedTxs}, in block and
   * input order, and the outputs it creates; empty if the transactions do not hash to the committed
   * root.
   */
  public Optional<CollectedBlock> collect(BlockCommitment commitment, List<byte[]> signedTxs) {
    if (!matchesRoot(commitment, signedTxs)) {
      return Optional.empty();
    }
    List<SignedSpend> spends = new ArrayList<>();
    List<Utxo> created = new ArrayList<>();
    int decodable = Math.min(signedTxs.size(), UtxoPos.MAX_TXS_PER_BLOCK);
    for (int txIndex = 0; txIndex < decodable; txIndex++) {
      ValidationResult<SignedTransaction> decoded = TxCodec.decodeSigned(signedTxs.get(txIndex));
      if (decoded.isValid()) {
        spends.addAll(spendsOf(decoded.get(), commitment.blknum(), txIndex));
        created.addAll(outputsOf(decoded.get(), commitment.blknum(), txIndex));
      }
    }
    return Optional.of(new CollectedBlock(spends, created));
  }

  private static List<Utxo> outputsOf(SignedTransaction signed, long blknum, int txIndex) {
    List<Utxo> created = new ArrayList<>();
    for (int oindex = 0; oindex < signed.tx().outputs().size(); oindex++) {
      created.add(
          new Utxo(new UtxoPos(blknum, txIndex, oindex), signed.tx().outputs().get(oindex)));
    }
    return created;
  }

  private static boolean matchesRoot(BlockCommitment commitment, List<byte[]> signedTxs) {
    if (signedTxs.size() > MerkleTree.CAPACITY) {
      return false;
    }
    List<Hash32> leaves = new ArrayList<>(signedTxs.size());
    for (byte[] signed : signedTxs) {
      Optional<byte[]> unsigned = SignedTxFraming.unsignedBytes(signed);
      if (unsigned.isEmpty()) {
        return false;
      }
      leaves.add(MerkleTree.leafHash(unsigned.get()));
    }
    return commitment.commits(MerkleTree.fromLeaves(leaves).root());
  }

  private List<SignedSpend> spendsOf(SignedTransaction signed, long blknum, int txIndex) {
    List<UtxoPos> inputs = signed.tx().inputs();
    if (signed.signatures().size() != inputs.size() || txIndex >= UtxoPos.MAX_TXS_PER_BLOCK) {
      return List.of();
    }
    Hash32 digest = PaymentEip712.signingHash(domain, signed.tx());
    List<SignedSpend> spends = new ArrayList<>();
    for (int input = 0; input < inputs.size(); input++) {
      var signature = signed.signatures().get(input);
      int index = input;
      recovery
          .recover(digest, signature)
          .ifPresent(
              signer ->
                  spends.add(
                      new SignedSpend(
                          new SpendRecord(
                              inputs.get(index), signed.tx(), index, signature, blknum, txIndex),
                          signer)));
    }
    return spends;
  }
}
