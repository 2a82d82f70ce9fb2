package io.plasmanode.core.l1;

import io.plasmanode.core.tx.Signature;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Hash32;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The L1 Plasma contract as the child chain sees it: reads, the contract's events, and the calls
 * the operator and users make. Calls return the L1 transaction hash once it is mined; failures (a
 * revert with the contract's named error, an unreachable node) are {@code L1Exception}s of the
 * implementation's module.
 */
public interface RootChain {
  /** The latest L1 block number. */
  long l1Height();

  /**
   * The timestamp of the latest L1 block: the clock the contract judges exit periods by, which may
   * run ahead of (or behind) this machine's clock.
   */
  Instant latestBlockTime();

  /**
   * The hash of L1 block {@code l1Block} on the chain the L1 node follows now, empty past its head:
   * a block read before whose hash has changed was replaced by a reorganisation.
   */
  Optional<Hash32> l1BlockHash(long l1Block);

  /** The number the next committed child block will get (1000, 2000, ...). */
  long nextChildBlock();

  /** The commitment of child or deposit block {@code blknum}, if it exists. */
  Optional<BlockCommitment> block(long blknum);

  /** The exit of {@code utxoPos} as recorded on L1 ({@code NONE} if never started). */
  ExitState exit(UtxoPos utxoPos);

  /** The contract's events in L1 blocks {@code fromL1Block..toL1Block} inclusive, in log order. */
  List<L1Event> events(long fromL1Block, long toL1Block);

  /** Operator: commits the next child block's Merkle root. */
  Hash32 submitBlock(Hash32 root);

  /** Deposits {@code value} wei with an RLP deposit transaction (one output, token = ETH). */
  Hash32 deposit(byte[] depositTxBytes, BigInteger value);

  /** Deposits an ERC20 (approved beforehand) with an RLP deposit transaction. */
  Hash32 depositFrom(byte[] depositTxBytes);

  /** Starts a standard exit of the caller's output, paying the exit bond. */
  Hash32 startStandardExit(UtxoPos utxoPos, byte[] txBytes, byte[] inclusionProof);

  /** Cancels an exit with a signed transaction that spends the exiting output. */
  Hash32 challengeStandardExit(
      UtxoPos exitId, byte[] spendingTxBytes, int inputIndex, Signature signature);

  /** Pays out up to {@code maxExits} matured exits of {@code token}, oldest priority first. */
  Hash32 processExits(Address token, long topExitId, int maxExits);

  /** The exit bond in wei. */
  BigInteger exitBond();
}
