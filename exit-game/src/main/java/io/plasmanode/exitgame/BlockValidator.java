package io.plasmanode.exitgame;

import static com.google.common.base.Preconditions.checkArgument;

import io.plasmanode.core.crypto.Keccak;
import io.plasmanode.core.eip712.SignatureChecker;
import io.plasmanode.core.l1.BlockCommitment;
import io.plasmanode.core.ledger.PendingBlock;
import io.plasmanode.core.ledger.UtxoStatus;
import io.plasmanode.core.ledger.UtxoView;
import io.plasmanode.core.ledger.VerifiedTransaction;
import io.plasmanode.core.merkle.MerkleTree;
import io.plasmanode.core.tx.PaymentTransaction;
import io.plasmanode.core.tx.Signature;
import io.plasmanode.core.tx.SignedTransaction;
import io.plasmanode.core.tx.TxCodec;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Hash32;
import io.plasmanode.core.validation.Rejection;
import io.plasmanode.core.validation.ValidationResult;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * Validates a child block that a watcher obtained from an untrusted peer, in three steps:
 *
 * <ol>
 *   <li>the unsigned bytes of the transactions must hash to the root committed on L1 (else {@link
 *       BlockValidation.RootMismatch});
 *   <li>the committed contents, transaction by transaction: the strict transaction format and the
 *       ledger rules (inputs unspent, amounts add up, no deposits), each against the state left by
 *       the transactions before it. A failure is the {@link BlockValidation.Blame#OPERATOR}'s;
 *   <li>the signatures, which the root does not commit: each must be well formed and recover to the
 *       owner of the output its input spends. A failure may be the peer's.
 * </ol>
 *
 * Committed-content failures are looked for in the whole block before signatures, so a block that
 * breaks a committed rule is always reported as such, whatever signatures a peer attached.
 *
 * <p>The view is read as if no exit had started: an output exiting on L1 is still unspent on the
 * child chain, and a block spending it is valid (the spend is what challenges that exit, see {@link
 * ExitGame}). Stateless and thread-safe. The per-transaction hashing and signer recovery (most of
 * the cost) run on all cores (parallel streams); the ledger checks run in block order.
 */
public final class BlockValidator {
  private static final Signature NO_SIGNATURE = Signature.of(new byte[Signature.SIZE]);

  private final SignatureChecker signatureChecker;

  /** Validates signatures in {@code signatureChecker}'s EIP-712 domain. */
  public BlockValidator(SignatureChecker signatureChecker) {
    this.signatureChecker = signatureChecker;
  }

  /**
   * Validates child block {@code commitment.blknum()} holding {@code signedTxs} (signed transaction
   * bytes, in block order) against the watcher's UTXO set before it.
   *
   * @throws IllegalArgumentException if {@code commitment} is not a child block's (deposit blocks
   *     are built from L1 deposit events, not obtained from peers)
   */
  public BlockValidation validate(
      BlockCommitment commitment, List<byte[]> signedTxs, UtxoView view) {
    long blknum = commitment.blknum();
    checkArgument(
        blknum > 0 && blknum % UtxoPos.CHILD_BLOCK_INTERVAL == 0,
        "block %s is not a child block",
        blknum);
    if (signedTxs.size() > MerkleTree.CAPACITY) {
      return new BlockValidation.RootMismatch(
          blknum, "%d transactions do not fit in a block".formatted(signedTxs.size()));
    }
    List<byte[]> unsigned = new ArrayList<>(signedTxs.size());
    for (int i = 0; i < signedTxs.size(); i++) {
      Optional<byte[]> txBytes = SignedTxFraming.unsignedBytes(signedTxs.get(i));
      if (txBytes.isEmpty()) {
        return new BlockValidation.RootMismatch(
            blknum, "tx %d is not an RLP list of a signature list and fields".formatted(i));
      }
      unsigned.add(txBytes.get());
    }
    List<Hash32> leaves =
        IntStream.range(0, unsigned.size())
            .parallel()
            .mapToObj(i -> MerkleTree.leafHash(unsigned.get(i)))
            .toList();
    var root = MerkleTree.fromLeaves(leaves).root();
    if (!commitment.commits(root)) {
      return new BlockValidation.RootMismatch(
          blknum,
          "the transactions hash to %s, L1 committed %s"
              .formatted(root.toShortHex(), commitment.rootHigh224().toShortHex()));
    }
    return new Checks(blknum, signedTxs, unsigned, leaves, exitBlind(view)).run();
  }

  private static UtxoView exitBlind(UtxoView view) {
    return pos -> {
      UtxoStatus status = view.status(pos);
      return status instanceof UtxoStatus.Exiting exiting
          ? new UtxoStatus.Unspent(exiting.output())
          : status;
    };
  }

  /** The checks of one block whose contents match its root. */
  private final class Checks {
    private final long blknum;
    private final List<byte[]> signedTxs;
    private final List<byte[]> unsigned;
    private final List<Hash32> leaves;
    private final PendingBlock block;
    private final List<List<Address>> owners = new ArrayList<>();

    Checks(
        long blknum,
        List<byte[]> signedTxs,
        List<byte[]> unsigned,
        List<Hash32> leaves,
        UtxoView view) {
      this.blknum = blknum;
      this.signedTxs = signedTxs;
      this.unsigned = unsigned;
      this.leaves = leaves;
      this.block = new PendingBlock(view, blknum);
    }

    BlockValidation run() {
      for (int i = 0; i < unsigned.size(); i++) {
        Optional<BlockValidation> failure = checkCommitted(i);
        if (failure.isPresent()) {
          return failure.get();
        }
      }
      List<ValidationResult<VerifiedTransaction>> checked =
          IntStream.range(0, signedTxs.size()).parallel().mapToObj(this::checkSignatures).toList();
      List<VerifiedTransaction> verified = new ArrayList<>(signedTxs.size());
      List<SpendRecord> spends = new ArrayList<>();
      for (int i = 0; i < signedTxs.size(); i++) {
        ValidationResult<VerifiedTransaction> signed = checked.get(i);
        if (signed instanceof ValidationResult.Invalid<VerifiedTransaction> rejected) {
          return invalid(i, rejected, BlockValidation.Blame.PEER_OR_OPERATOR);
        }
        verified.add(signed.get());
        spends.addAll(spendsOf(signed.get().signed(), i));
      }
      List<Hash32> txHashes =
          IntStream.range(0, unsigned.size())
              .parallel()
              .mapToObj(i -> Keccak.keccak256(unsigned.get(i)))
              .toList();
      return new BlockValidation.Valid(
          blknum, verified, block.delta(), spends, signedTxs, txHashes, leaves);
    }

    /** Format and ledger rules of tx {@code i}, with each input assumed signed by its owner. */
    private Optional<BlockValidation> checkCommitted(int i) {
      ValidationResult<PaymentTransaction> decoded = TxCodec.decode(unsigned.get(i));
      if (decoded instanceof ValidationResult.Invalid<PaymentTransaction> rejected) {
        return Optional.of(invalid(i, rejected, BlockValidation.Blame.OPERATOR));
      }
      PaymentTransaction tx = decoded.get();
      List<Address> inputOwners = tx.inputs().stream().map(this::ownerOrZero).toList();
      var unchecked =
          new SignedTransaction(tx, Collections.nCopies(tx.inputs().size(), NO_SIGNATURE));
      var assumed = new VerifiedTransaction(unchecked, inputOwners);
      ValidationResult<PendingBlock.Inclusion> included = block.add(assumed);
      if (included instanceof ValidationResult.Invalid<PendingBlock.Inclusion> rejected) {
        return Optional.of(invalid(i, rejected, BlockValidation.Blame.OPERATOR));
      }
      owners.add(inputOwners);
      return Optional.empty();
    }

    private Address ownerOrZero(UtxoPos input) {
      return block.status(input) instanceof UtxoStatus.Unspent unspent
          ? unspent.output().owner()
          : Address.ZERO;
    }

    /** Signature shape and recovery of tx {@code i}, and each signer against its input's owner. */
    private ValidationResult<VerifiedTransaction> checkSignatures(int i) {
      return TxCodec.decodeSigned(signedTxs.get(i))
          .flatMap(
              signed ->
                  signatureChecker
                      .recoverSigners(signed)
                      .flatMap(signers -> authorized(signed, signers, owners.get(i))));
    }

    private ValidationResult<VerifiedTransaction> authorized(
        SignedTransaction signed, List<Address> signers, List<Address> inputOwners) {
      for (int input = 0; input < signers.size(); input++) {
        if (!signers.get(input).equals(inputOwners.get(input))) {
          return ValidationResult.invalid(
              Rejection.UNAUTHORIZED_SPEND,
              "input %d (%s) is owned by %s but signed by %s"
                  .formatted(
                      input,
                      signed.tx().inputs().get(input),
                      inputOwners.get(input),
                      signers.get(input)));
        }
      }
      return ValidationResult.valid(new VerifiedTransaction(signed, signers));
    }

    private List<SpendRecord> spendsOf(SignedTransaction signed, int txIndex) {
      List<SpendRecord> spends = new ArrayList<>();
      List<UtxoPos> inputs = signed.tx().inputs();
      for (int input = 0; input < inputs.size(); input++) {
        spends.add(
            new SpendRecord(
                inputs.get(input),
                signed.tx(),
                input,
                signed.signatures().get(input),
                blknum,
                txIndex));
      }
      return spends;
    }

    private BlockValidation invalid(
        int i, ValidationResult.Invalid<?> rejected, BlockValidation.Blame blame) {
      return new BlockValidation.InvalidTransaction(
          blknum,
          i,
          Keccak.keccak256(unsigned.get(i)),
          rejected.reason(),
          rejected.detail(),
          blame);
    }
  }
}
