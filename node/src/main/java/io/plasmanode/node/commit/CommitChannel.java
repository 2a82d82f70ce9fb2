package io.plasmanode.node.commit;

import io.plasmanode.contracts.l1.Fees;
import io.plasmanode.contracts.l1.SendResult;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Hash32;
import java.util.List;
import java.util.Optional;

/**
 * What the root committer needs of L1: the operator account and the contract's block commitments.
 * Every method may throw {@code L1Exception} when the L1 node cannot be reached or answers
 * nonsense; node rejections of a transaction are {@link SendResult} outcomes instead.
 */
public interface CommitChannel {

  /** The operator account that signs the submissions. */
  Address sender();

  /** The only address the contract accepts {@code submitBlock} from. */
  Address contractOperator();

  /** {@code nextChildBlock} and the sender's mined nonce, read at one L1 block. */
  ChainAnchor anchor();

  /** The number of the latest L1 block. */
  long l1Height();

  /** The sender's nonce in the latest block: its number of mined transactions. */
  long minedNonce();

  /** The sender's nonce including the transactions pending in the node's pool. */
  long pendingNonce();

  /** The root the contract stores for child block {@code blknum} (high 224 bits), if any. */
  Optional<Hash32> storedRoot(long blknum);

  /** The contract's {@code BlockSubmitted} event of child block {@code blknum}, if found. */
  Optional<SubmittedBlock> findSubmission(long blknum);

  /**
   * The contract's {@code BlockSubmitted} events in L1 blocks {@code fromL1Block..toL1Block}
   * (inclusive, canonical chain), in log order; whoever sent them.
   */
  List<SubmittedBlock> submissions(long fromL1Block, long toL1Block);

  /** The fees a new transaction should offer now (from the latest base fee and the tip market). */
  Fees suggestedFees();

  /** Signs and sends {@code submitBlock(root)} with exactly {@code nonce} and {@code fees}. */
  SendResult submitBlock(Hash32 root, long nonce, Fees fees);

  /**
   * The receipt of {@code txHash} while it is mined in the canonical chain: empty before, and empty
   * again if an L1 reorganisation drops its block.
   */
  Optional<SubmissionReceipt> receipt(Hash32 txHash);

  /** Best effort: why the mined transaction {@code txHash} reverted, e.g. {@code NotOperator}. */
  String revertReason(Hash32 txHash);
}
