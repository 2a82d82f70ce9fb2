package io.plasmanode.node.commit;

import static com.google.common.base.Preconditions.checkArgument;

import io.plasmanode.core.tx.UtxoPos;

/**
 * The contract's {@code nextChildBlock} and the operator account's nonce, both read at the same L1
 * block: the fixed point of the committer's block-number-to-nonce mapping.
 *
 * @param l1Block the L1 block both values were read at
 * @param nextChildBlock the child block the contract commits next
 * @param nonce the operator account's mined nonce: the nonce that commits {@code nextChildBlock}
 */
public record ChainAnchor(long l1Block, long nextChildBlock, long nonce) {
  public ChainAnchor {
    checkArgument(
        nextChildBlock > 0 && nextChildBlock % UtxoPos.CHILD_BLOCK_INTERVAL == 0,
        "nextChildBlock %s",
        nextChildBlock);
    checkArgument(nonce >= 0 && l1Block >= 0, "nonce %s, l1Block %s", nonce, l1Block);
  }

  /**
   * The one nonce that can commit child block {@code blknum}: the operator account sends nothing
   * but {@code submitBlock}, and each one commits the next child block, so the nonce grows by one
   * per 1000 block numbers.
   */
  public long nonceOf(long blknum) {
    checkArgument(
        blknum >= nextChildBlock && blknum % UtxoPos.CHILD_BLOCK_INTERVAL == 0,
        "block %s is not a child block at or after %s",
        blknum,
        nextChildBlock);
    return nonce + (blknum - nextChildBlock) / UtxoPos.CHILD_BLOCK_INTERVAL;
  }
}
