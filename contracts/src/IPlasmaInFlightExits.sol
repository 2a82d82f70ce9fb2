// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

/// @title IPlasmaInFlightExits
/// @notice The in-flight exit game (More Viable Plasma, after OMG plasma-contracts v1.0.4) as the
///         Plasma contract exposes it: these functions are called on the Plasma contract's
///         address, which runs them by DELEGATECALL in `PlasmaInFlightExits`, sharing its storage
///         (blocks, standard exits, queues, credits). docs/spec.md "In-flight exits" is the prose.
///
///         Ids and keys:
///         - exit id of an in-flight exit: `uint128(uint256(keccak256(inFlightTx)) >> 128) |
///           (1 << 127)` (bit 127 set: never a standard exit id, which is a position < 2^63). The
///           record keeps the full tx hash and every call checks it, so a 128-bit collision only
///           blocks the second tx from starting.
///         - the shared "output finalized" place is the standard-exit map keyed by position for
///           outputs that have one (standard exits and in-flight inputs) and by
///           `outputKey(txHash, oindex) = uint256(keccak256(abi.encodePacked(txHash,
///           uint8(oindex)))) | (1 << 255)` for an in-flight tx's outputs; a standard exit of a
///           transfer's output also marks the output's key, and an in-flight input from a
///           child block is checked and marked under both its names (position and its tx's
///           outputKey), so no output is paid twice through any mix of standard and in-flight
///           exits. An in-flight exit that pays an output (or input) whose standard exit is still
///           active supersedes that exit (its bond goes back to its owner); a standard exit that
///           was paid or challenged keeps the in-flight exit from paying the output. A canonical
///           exit ends the active standard exits of its inputs (spent outputs): their bonds go
///           to its bond owner.
///         - queue entry (one heap per token, shared with standard exits):
///           `exitableAt << 192 | position << 128 | ifeId` (ifeId = 0 for a standard exit, whose
///           position is its id; for an in-flight exit the position is its youngest input's).
///
///         Periods (MEP = minExitPeriod, t0 = start time): phase 1 = [t0, t0 + MEP/2): piggybacks
///         and canonicity challenges. Spent challenges: until the exit is processed; responses:
///         until its processing begins (`CanonicityFixed`).
///         exitableAt = max(youngest input's block time + 2*MEP, first piggyback time + MEP).
interface IPlasmaInFlightExits {
    enum InFlightExitStatus {
        None,
        Active,
        /// processed (every piggyback paid or refunded) or deleted; never restarted
        Finalized
    }

    // ------------------------------------------------------------------ events

    /// @notice `inFlightTx` (the unsigned RLP bytes) is exiting in flight; its inputs (positions
    ///         in `inFlightTx`) are no longer spendable on the child chain. `witnesses` are the
    ///         input owners' signatures over it (65 bytes each, in input order), so a watcher has
    ///         the signed tx (to use it as a competitor, or to challenge a standard exit of one of
    ///         its inputs) from the log alone.
    event InFlightExitStarted(
        uint256 indexed exitId,
        address indexed initiator,
        bytes32 txHash,
        uint256 youngestInputPos,
        bytes inFlightTx,
        bytes witnesses
    );
    event InFlightExitInputPiggybacked(
        uint256 indexed exitId, address indexed owner, uint8 inputIndex
    );
    event InFlightExitOutputPiggybacked(
        uint256 indexed exitId, address indexed owner, uint8 outputIndex
    );
    /// @notice A competitor of the exit's input `inputIndex`: `competitorPos` is its position
    ///         (oindex 0) or 0 when it was shown without inclusion (in flight).
    event InFlightExitChallenged(
        uint256 indexed exitId,
        address indexed challenger,
        uint8 inputIndex,
        bytes32 competitorHash,
        uint256 competitorPos
    );
    /// @notice The exit's tx is included at `txPos` (oindex 0), older than every competitor.
    event InFlightExitChallengeResponded(
        uint256 indexed exitId, address indexed responder, uint256 txPos
    );
    /// @notice A piggybacked input was shown spent by another tx; its bond went to `challenger`.
    event InFlightExitInputBlocked(
        uint256 indexed exitId, address indexed challenger, uint8 inputIndex
    );
    /// @notice A piggybacked output was shown spent; its bond went to `challenger`.
    event InFlightExitOutputBlocked(
        uint256 indexed exitId, address indexed challenger, uint8 outputIndex
    );
    /// @notice An exit nobody piggybacked in phase 1 was removed; its bond went to its bond owner.
    event InFlightExitDeleted(uint256 indexed exitId);
    /// @notice `token`'s piggybacks were processed: for a canonical exit the piggybacked outputs
    ///         of `token` were paid (`paidSlots` bits 4..7), else its piggybacked inputs (bits
    ///         0..3); `finalized` when no piggyback is left and the exit bond was paid.
    event InFlightExitProcessed(
        uint256 indexed exitId,
        address indexed token,
        bool canonical,
        uint8 paidSlots,
        bool finalized
    );

    // ------------------------------------------------------------------ errors

    error InFlightExitAlreadyStarted();
    error InFlightExitNotActive();
    /// @notice A deposit (no inputs) cannot exit in flight; it exits with a standard exit.
    error DepositCannotExitInFlight();
    /// @notice A fee claim (txType 3) cannot exit in flight: only a payment (txType 1) does. A
    ///         claim's output can be an in-flight exit's input.
    error FeeClaimCannotExitInFlight();
    /// @notice The number of input txs, positions, proofs or witnesses differs from the inputs.
    error InputCountMismatch();
    /// @notice `inputUtxosPos[i]` is not the tx's input i.
    error InputPositionMismatch();
    /// @notice The outputs of a token sum to more than its inputs (or a sum overflows).
    error OutputsExceedInputs();
    /// @notice A witness is not the owner's signature over the in-flight tx.
    error WitnessNotInputOwner();
    /// @notice The bytes given do not hash to the exit's tx.
    error TxMismatch();
    /// @notice The index is past the tx's inputs or outputs.
    error SlotNotFound();
    error NotSlotOwner();
    error AlreadyPiggybacked();
    error NotPiggybacked();
    /// @notice Past the first half of the exit period (piggybacks, canonicity challenges).
    error PhaseOneOver();
    /// @notice Still in the first half of the exit period (deleting an exit).
    error PhaseOneNotOver();
    error WrongPiggybackBond();
    /// @notice The competing or challenging tx is the exit's own tx.
    error SameTx();
    /// @notice The competitor is not older than the oldest known one.
    error CompetitorNotOlder();
    /// @notice The position of a tx (competitor, response) is not a tx position (oindex 0).
    error InvalidTxPos();
    /// @notice The exit is canonical: there is no challenge to respond to.
    error NotChallenged();
    /// @notice The response's position is not older than the oldest competitor.
    error ResponseNotOlder();
    /// @notice The exit has (or had) a piggyback: it cannot be deleted.
    error HasPiggybacks();
    /// @notice An in-flight exit function called on the module itself, not through Plasma.
    error OnlyThroughPlasma();
    /// @notice The exit's processing has begun (one token's piggybacks were processed): its
    ///         canonicity is fixed and a response can no longer change it.
    error CanonicityFixed();
    /// @notice `senderData` is not `keccak256(abi.encodePacked(msg.sender))`: the call was made
    ///         for another sender (a copied challenge or response).
    error SenderDataMismatch();

    // ------------------------------------------------------------------ game

    /// @notice Starts the in-flight exit of `inFlightTx`, posting `inFlightExitBond`. Inputs are
    ///         distinct (the decoder's rule); input i's tx `inputTxs[i]` is included at
    ///         `inputUtxosPos[i]`'s tx position (proof `inputTxsInclusionProofs[i]`, 512 bytes,
    ///         against a committed block) and `inFlightTxWitnesses[i]` is input i's owner's
    ///         EIP-712 signature (65 bytes) over `inFlightTx`; per token, outputs <= inputs.
    ///         Priority and maturity come from the youngest input. Anyone may start it; once
    ///         started a tx can never exit in flight again. `inFlightTx` is a payment (txType
    ///         1); an input tx may be a payment or a fee claim (its output 0).
    function startInFlightExit(
        bytes calldata inFlightTx,
        bytes[] calldata inputTxs,
        uint256[] calldata inputUtxosPos,
        bytes[] calldata inputTxsInclusionProofs,
        bytes[] calldata inFlightTxWitnesses
    ) external payable;

    /// @notice Input `inputIndex`'s owner claims it back should the tx prove non-canonical,
    ///         posting `piggybackBond`; phase 1 only. The first piggyback of a token enqueues the
    ///         exit in that token's queue (the first piggyback of the exit fixes exitableAt).
    function piggybackInFlightExitOnInput(bytes calldata inFlightTx, uint8 inputIndex)
        external
        payable;

    /// @notice Output `outputIndex`'s owner claims it should the tx prove canonical, posting
    ///         `piggybackBond`; phase 1 only; enqueues as `piggybackInFlightExitOnInput`.
    function piggybackInFlightExitOnOutput(bytes calldata inFlightTx, uint8 outputIndex)
        external
        payable;

    /// @notice Shows `competingTx`, signed by the owner of the exit's input `inputIndex` and
    ///         spending it as its input `competingTxInputIndex`: the exit becomes non-canonical
    ///         and the caller its bond owner. `competingTxPos` = 0 for a competitor in no block
    ///         (taken as younger than any block), else its tx position with inclusion proof.
    ///         Phase 1 only; each new competitor must be strictly older than the last known.
    ///         `senderData` = `keccak256(abi.encodePacked(msg.sender))` (the caller's 20 address
    ///         bytes): a copy of the call sent from another account reverts SenderDataMismatch.
    function challengeInFlightExitNotCanonical(
        bytes calldata inFlightTx,
        uint8 inputIndex,
        bytes calldata competingTx,
        uint8 competingTxInputIndex,
        uint256 competingTxPos,
        bytes calldata competingTxInclusionProof,
        bytes calldata competingTxWitness,
        bytes32 senderData
    ) external;

    /// @notice Proves the exit's tx included at `inFlightTxPos` (oindex 0), older than the
    ///         oldest competitor: the exit is canonical again and the caller its bond owner.
    ///         Allowed until the processing of the exit begins (`CanonicityFixed` after the first
    ///         token's pass: otherwise a swap's owner could be paid her input of one token by a
    ///         non-canonical pass and the other's output by a canonical one).
    ///         `senderData` = `keccak256(abi.encodePacked(msg.sender))` (the caller's 20 address
    ///         bytes): a copy of the call sent from another account reverts SenderDataMismatch.
    function respondToNonCanonicalChallenge(
        bytes calldata inFlightTx,
        uint256 inFlightTxPos,
        bytes calldata inFlightTxInclusionProof,
        bytes32 senderData
    ) external;

    /// @notice Shows the piggybacked input `inputIndex` spent by `challengingTx` (another tx,
    ///         signed by the input's owner): the piggyback is removed and its bond paid to the
    ///         caller. Allowed until the exit is processed.
    ///         `senderData` = `keccak256(abi.encodePacked(msg.sender))` (the caller's 20 address
    ///         bytes): a copy of the call sent from another account reverts SenderDataMismatch.
    function challengeInFlightExitInputSpent(
        bytes calldata inFlightTx,
        uint8 inputIndex,
        bytes calldata challengingTx,
        uint8 challengingTxInputIndex,
        bytes calldata challengingTxWitness,
        bytes32 senderData
    ) external;

    /// @notice Shows the piggybacked output `outputIndex` spent: the exit's tx is included at
    ///         `inFlightTxPos` and `challengingTx`, signed by the output's owner, spends
    ///         `inFlightTxPos + outputIndex`. The piggyback is removed and its bond paid to the
    ///         caller. Allowed until the exit is processed.
    ///         `senderData` = `keccak256(abi.encodePacked(msg.sender))` (the caller's 20 address
    ///         bytes): a copy of the call sent from another account reverts SenderDataMismatch.
    function challengeInFlightExitOutputSpent(
        bytes calldata inFlightTx,
        uint256 inFlightTxPos,
        bytes calldata inFlightTxInclusionProof,
        uint8 outputIndex,
        bytes calldata challengingTx,
        uint8 challengingTxInputIndex,
        bytes calldata challengingTxWitness,
        bytes32 senderData
    ) external;

    /// @notice Removes an exit that has had no piggyback, after phase 1; pays its bond to its
    ///         bond owner.
    function deleteNonPiggybackedInFlightExit(uint256 exitId) external;

    // ------------------------------------------------------------------ views

    function inFlightExitBond() external view returns (uint256);

    function piggybackBond() external view returns (uint256);

    /// @notice The exit id of `inFlightTx` (see the contract's notice).
    function inFlightExitId(bytes calldata inFlightTx) external pure returns (uint256);

    /// @notice An in-flight exit; all zero for one never started. `oldestCompetitorPos` is 0 with
    ///         no competitor and 2^64 - 1 for a competitor in no block; `exitableAt` is 0 until the
    ///         first piggyback. `piggybacked` bits 0..3 are inputs, 4..7 outputs, as they are now
    ///         (a blocked or processed piggyback is cleared).
    function inFlightExits(uint256 exitId)
        external
        view
        returns (
            InFlightExitStatus status,
            bytes32 txHash,
            address bondOwner,
            uint256 startedAt,
            uint256 exitableAt,
            uint256 youngestInputPos,
            uint256 oldestCompetitorPos,
            bool isCanonical,
            uint8 inputCount,
            uint8 piggybacked
        );

    /// @notice Input `index` of an in-flight exit as its input tx created it.
    function inFlightExitInput(uint256 exitId, uint8 index)
        external
        view
        returns (uint256 utxoPos, address owner, address token, uint256 amount);

    /// @notice Output `index` of an in-flight exit; all zero until it is first piggybacked.
    function inFlightExitOutput(uint256 exitId, uint8 index)
        external
        view
        returns (address owner, address token, uint256 amount);

    /// @notice Whether the output at `key` (a position, or an in-flight `outputKey`) was paid by
    ///         an exit, and by which: its exit id (a position for a standard exit), 0 if not.
    function outputFinalizedBy(uint256 key) external view returns (uint256 exitId);
}
