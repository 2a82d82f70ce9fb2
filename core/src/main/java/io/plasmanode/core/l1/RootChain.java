package io.plasmanode.core.l1;

import io.plasmanode.core.inflight.InFlightExitId;
import io.plasmanode.core.inflight.InFlightExitStart;
import io.plasmanode.core.inflight.InFlightExitState;
import io.plasmanode.core.inflight.InputSpentChallenge;
import io.plasmanode.core.inflight.NonCanonicalChallenge;
import io.plasmanode.core.inflight.OutputSpentChallenge;
import io.plasmanode.core.inflight.TxInclusion;
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

  /**
   * Pays out up to {@code maxExits} matured exits of {@code token}, oldest priority first, if
   * {@code topExitId} (a standard or in-flight exit) is still at the top of its queue.
   */
  Hash32 processExits(Address token, ExitId topExitId, int maxExits);

  // ------------------------------------------------------------------ in-flight exits
  // contracts/src/IPlasmaInFlightExits.sol: the functions are called on the Plasma contract.

  /** The in-flight exit {@code exitId}; empty if it was never started. */
  Optional<InFlightExitState> inFlightExit(InFlightExitId exitId);

  /** The in-flight exit bond in wei. */
  BigInteger inFlightExitBond();

  /** The piggyback bond in wei. */
  BigInteger piggybackBond();

  /**
   * Which exit paid the output at {@code key}: a position ({@code UtxoPos.toLong()}), or an
   * in-flight tx's output key ({@code OutputKey.of}); empty if none did.
   */
  Optional<ExitId> outputFinalizedBy(BigInteger key);

  /** Starts the in-flight exit of {@code start.inFlightTx()}, paying the in-flight exit bond. */
  Hash32 startInFlightExit(InFlightExitStart start);

  /** The caller, owner of input {@code inputIndex}, piggybacks it, paying the piggyback bond. */
  Hash32 piggybackInFlightExitOnInput(byte[] inFlightTx, int inputIndex);

  /** The caller, owner of output {@code outputIndex}, piggybacks it, paying the piggyback bond. */
  Hash32 piggybackInFlightExitOnOutput(byte[] inFlightTx, int outputIndex);

  /** Shows a competitor of one of the exit's inputs: the exit becomes non-canonical. */
  Hash32 challengeInFlightExitNotCanonical(NonCanonicalChallenge challenge);

  /** Shows the exit's tx included, older than every competitor: canonical again. */
  Hash32 respondToNonCanonicalChallenge(byte[] inFlightTx, TxInclusion inclusion);

  /** Shows a piggybacked input spent by another tx: the piggyback is removed. */
  Hash32 challengeInFlightExitInputSpent(InputSpentChallenge challenge);

  /** Shows a piggybacked output spent: the piggyback is removed. */
  Hash32 challengeInFlightExitOutputSpent(OutputSpentChallenge challenge);

  /** Removes an exit nobody piggybacked, after phase 1; pays its bond to its bond owner. */
  Hash32 deleteNonPiggybackedInFlightExit(InFlightExitId exitId);
}
