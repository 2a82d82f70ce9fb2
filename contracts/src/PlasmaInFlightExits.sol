// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {PlasmaBase} from "./PlasmaBase.sol";
import {IPlasmaInFlightExits} from "./IPlasmaInFlightExits.sol";
import {PaymentTx} from "./lib/PaymentTx.sol";
import {Eip712} from "./lib/Eip712.sol";
import {ExitQueue} from "./lib/ExitQueue.sol";
import {UtxoPosLib} from "./lib/UtxoPosLib.sol";

/// @title PlasmaInFlightExits
/// @notice The in-flight exit game (More Viable Plasma) of `Plasma`: IPlasmaInFlightExits and
///         docs/spec.md "In-flight exits". Deployed by Plasma's constructor and run only by
///         DELEGATECALL from Plasma's `fallback`, in Plasma's storage (PlasmaBase); a call made to
///         this contract's own address reverts `OnlyThroughPlasma`.
/// @dev Slots of an exit are numbered 0..3 (inputs) and 4..7 (outputs), as the bits of
///      `piggybacked`. A token's "group" is the index of the first input of that token: the
///      outputs of a valid tx only have tokens of its inputs (outputs <= inputs per token), so
///      an exit has at most 4 groups, and `enqueued` has a bit per group.
// Lints off for the module, deliberately: its casts narrow values the game bounds (slot indices
// < 8, positions < 2^63, times < 2^48, amounts < 2^96 through `_amount96`), its `1 << slot`
// shifts set a slot's bit, and its phase and maturity checks are about time.
// forge-lint: disable-start(unsafe-typecast, incorrect-shift, block-timestamp)
contract PlasmaInFlightExits is PlasmaBase, IPlasmaInFlightExits {
    using ExitQueue for uint256[];

    /// @notice msg.value differs from inFlightExitBond.
    error WrongBond();
    /// @notice The position's block was never committed.
    error BlockNotFound();
    /// @notice The proof is not 512 bytes or does not lead to the block root.
    error InvalidInclusionProof();
    /// @notice oindex is past the last output of the input tx.
    error OutputNotFound();
    /// @notice inputIndex is past the last input of the spending tx.
    error InputNotFound();
    /// @notice The spending tx input at inputIndex is another output.
    error NotSpendingExitingOutput();
    /// @notice The spending tx was not signed by the output's owner.
    error SignerNotExitOwner();
    /// @notice The signature is not 65 bytes.
    error MalformedSignature();
    /// @notice v not 27/28, r or s zero, or no signer recoverable.
    error InvalidSignature();
    /// @notice s is in the upper half of the curve order (EIP-2).
    error HighSSignature();
    /// @notice A state-changing function was re-entered.
    error Reentrancy();
    /// @notice Not enough gas left to give a payout its full stipend.
    error InsufficientGasForPayout();
    /// @notice `processInFlightExit` called other than by `Plasma.processExits`.
    error OnlyProcessExits();

    uint256 private constant ID_FLAG = 1 << 127;
    /// @dev The position of a competitor shown without inclusion: younger than any block.
    uint256 private constant IN_FLIGHT_POS = type(uint64).max;
    uint8 private constant IFE_NONE = uint8(InFlightExitStatus.None);
    uint8 private constant IFE_ACTIVE = uint8(InFlightExitStatus.Active);
    uint8 private constant IFE_FINALIZED = uint8(InFlightExitStatus.Finalized);
    uint256 private constant LOW_224 = (1 << 224) - 1;

    /// @dev What `startInFlightExit` gathers while checking the inputs.
    struct StartContext {
        bytes32 txHash;
        bytes32 digest;
        uint256 youngest;
        uint256 youngestWord;
        address[4] tokens;
        uint256[4] amounts;
    }

    /// @notice The Plasma contract this module serves (the only `address(this)` it runs at).
    address public immutable plasma;
    /// @notice The in-flight exit bond in wei (IPlasmaInFlightExits).
    uint256 public immutable inFlightExitBond;
    /// @notice The piggyback bond in wei (IPlasmaInFlightExits).
    uint256 public immutable piggybackBond;
    uint256 private immutable _minExitPeriod;
    /// @dev Plasma's standard exit bond (paid out when an in-flight exit ends a standard exit).
    uint256 private immutable _exitBond;
    uint256 private immutable _cachedChainId;
    bytes32 private immutable _cachedDomainSeparator;

    /// @param plasma_ the Plasma contract that deploys this module
    /// @param minExitPeriod_ Plasma's minimum exit period in seconds
    /// @param exitBond_ Plasma's standard exit bond in wei
    /// @param inFlightExitBond_ the in-flight exit bond in wei
    /// @param piggybackBond_ the piggyback bond in wei
    /// @param domainSeparator_ Plasma's EIP-712 domain separator on this chain
    constructor(
        address plasma_,
        uint256 minExitPeriod_,
        uint256 exitBond_,
        uint256 inFlightExitBond_,
        uint256 piggybackBond_,
        bytes32 domainSeparator_
    ) {
        plasma = plasma_;
        _minExitPeriod = minExitPeriod_;
        _exitBond = exitBond_;
        inFlightExitBond = inFlightExitBond_;
        piggybackBond = piggybackBond_;
        _cachedChainId = block.chainid;
        _cachedDomainSeparator = domainSeparator_;
    }

    // ---------------------------------------------------------------- start

    /// @inheritdoc IPlasmaInFlightExits
    function startInFlightExit(
        bytes calldata inFlightTx,
        bytes[] calldata inputTxs,
        uint256[] calldata inputUtxosPos,
        bytes[] calldata inputTxsInclusionProofs,
        bytes[] calldata inFlightTxWitnesses
    ) external payable nonReentrant {
        _onlyThroughPlasma();
        if (msg.value != inFlightExitBond) revert WrongBond();
        PaymentTx.Tx memory t = PaymentTx.decode(inFlightTx);
        if (t.txType != PaymentTx.TX_TYPE_PAYMENT) revert FeeClaimCannotExitInFlight();
        {
            uint256 n = t.inputCount;
            if (n == 0) revert DepositCannotExitInFlight();
            if (
                inputTxs.length != n || inputUtxosPos.length != n
                    || inputTxsInclusionProofs.length != n || inFlightTxWitnesses.length != n
            ) revert InputCountMismatch();
        }
        StartContext memory c;
        c.txHash = keccak256(inFlightTx);
        InFlightExit storage e = _inFlightExits[_idOf(c.txHash)];
        if (e.status != IFE_NONE) revert InFlightExitAlreadyStarted();
        c.digest = Eip712.signingHash(_domainSeparator(), t);
        _startInputs(e, t, c, inputTxs, inputUtxosPos, inputTxsInclusionProofs, inFlightTxWitnesses);
        _recordStart(e, t, c);
        _emitStarted(c, inFlightTx, inFlightTxWitnesses);
    }

    /// @dev Emits InFlightExitStarted with the witnesses joined (65 bytes each, input order).
    function _emitStarted(
        StartContext memory c,
        bytes calldata inFlightTx,
        bytes[] calldata witnesses
    ) private {
        bytes memory joined;
        for (uint256 i; i < witnesses.length; ++i) {
            joined = bytes.concat(joined, witnesses[i]);
        }
        emit InFlightExitStarted(
            _idOf(c.txHash), msg.sender, c.txHash, c.youngest, inFlightTx, joined
        );
    }

    /// @dev Checks each input (its position is the tx's, its tx is included there, its output
    ///      exists, its witness is its owner's signature over the in-flight tx), stores it and
    ///      notes its token, amount and (if youngest) position and block in `c`.
    function _startInputs(
        InFlightExit storage e,
        PaymentTx.Tx memory t,
        StartContext memory c,
        bytes[] calldata inputTxs,
        uint256[] calldata inputUtxosPos,
        bytes[] calldata proofs,
        bytes[] calldata witnesses
    ) private {
        for (uint256 i; i < t.inputCount; ++i) {
            uint256 pos = inputUtxosPos[i];
            if (pos != t.inputs[i]) revert InputPositionMismatch();
            (PaymentTx.Output memory o, uint256 key) =
                _includedOutput(c, pos, inputTxs[i], proofs[i]);
            if (_recover(c.digest, witnesses[i]) != o.owner) revert WitnessNotInputOwner();
            _storeInput(e.inputs[i], c, i, pos, o, key);
        }
    }

    /// @dev The output at `pos` of `inputTx`, which `proof` shows included at `pos`'s tx
    ///      position, and its outputKey unless it is a deposit's; notes the position and block
    ///      in `c` if it is the youngest so far.
    function _includedOutput(
        StartContext memory c,
        uint256 pos,
        bytes calldata inputTx,
        bytes calldata proof
    ) private view returns (PaymentTx.Output memory o, uint256 key) {
        uint256 blockWord = _checkIncluded(pos, inputTx, proof);
        o = _outputOf(inputTx, pos);
        if (!UtxoPosLib.isDepositBlock(UtxoPosLib.blknum(pos))) {
            key = _outputKey(keccak256(inputTx), UtxoPosLib.oindex(pos));
        }
        if (pos > c.youngest) {
            c.youngest = pos;
            c.youngestWord = blockWord;
        }
    }

    /// @dev Stores input `i` (the amount spilling past 96 bits) and notes its token and amount.
    function _storeInput(
        InFlightInput storage slot,
        StartContext memory c,
        uint256 i,
        uint256 pos,
        PaymentTx.Output memory o,
        uint256 key
    ) private {
        slot.owner = o.owner;
        slot.amount = _amount96(o.amount, pos);
        slot.token = o.token;
        slot.pos = uint64(pos);
        if (key != 0) slot.key = key;
        c.tokens[i] = o.token;
        c.amounts[i] = o.amount;
    }

    /// @dev The output of `txBytes` at `pos`'s oindex (OutputNotFound past its outputs).
    function _outputOf(bytes calldata txBytes, uint256 pos)
        private
        pure
        returns (PaymentTx.Output memory)
    {
        PaymentTx.Tx memory it = PaymentTx.decode(txBytes);
        uint256 oindex = UtxoPosLib.oindex(pos);
        if (oindex >= it.outputCount) revert OutputNotFound();
        return it.outputs[oindex];
    }

    /// @dev Checks the amounts and writes the exit's header (the inputs are already stored).
    function _recordStart(InFlightExit storage e, PaymentTx.Tx memory t, StartContext memory c)
        private
    {
        uint256 groups = _checkAmounts(t, c.tokens, c.amounts);
        e.bondOwner = msg.sender;
        e.startedAt = uint48(block.timestamp);
        e.status = IFE_ACTIVE;
        e.isCanonical = true;
        e.inputCount = uint8(t.inputCount);
        // exitableAt is fixed at the first piggyback; until then it holds the maturity part
        e.exitableAt = uint64(_blockTimestamp(c.youngestWord) + 2 * _minExitPeriod);
        e.youngestInputPos = uint64(c.youngest);
        e.groups = uint16(groups);
        e.outputCount = uint8(t.outputCount);
        e.txHash = c.txHash;
    }

    /// @dev Per token, sum(outputs) <= sum(inputs) (a sum that overflows fails too); returns
    ///      the slots' groups (2 bits each: inputs at 0..7, outputs at 8..15).
    function _checkAmounts(
        PaymentTx.Tx memory t,
        address[4] memory tokens,
        uint256[4] memory amounts
    ) private pure returns (uint256 groups) {
        uint256[4] memory sums;
        uint256 n = t.inputCount;
        for (uint256 i; i < n; ++i) {
            uint256 g = _group(tokens, i, tokens[i]);
            groups |= g << (2 * i);
            unchecked {
                uint256 s = sums[g] + amounts[i];
                if (s < amounts[i]) revert OutputsExceedInputs();
                sums[g] = s;
            }
        }
        for (uint256 k; k < t.outputCount; ++k) {
            PaymentTx.Output memory o = t.outputs[k];
            uint256 g = _group(tokens, n, o.token);
            if (g == n || o.amount > sums[g]) revert OutputsExceedInputs();
            unchecked {
                sums[g] -= o.amount;
            }
            groups |= g << (8 + 2 * k);
        }
    }

    /// @dev The first index < `n` whose token is `token`, or `n`.
    function _group(address[4] memory tokens, uint256 n, address token)
        private
        pure
        returns (uint256 g)
    {
        for (; g < n; ++g) {
            if (tokens[g] == token) return g;
        }
    }

    // ---------------------------------------------------------------- piggybacks

    /// @inheritdoc IPlasmaInFlightExits
    function piggybackInFlightExitOnInput(bytes calldata inFlightTx, uint8 inputIndex)
        external
        payable
        nonReentrant
    {
        (uint256 exitId,, InFlightExit storage e) = _activeExit(inFlightTx);
        if (inputIndex >= e.inputCount) revert SlotNotFound();
        InFlightInput storage input = e.inputs[inputIndex];
        if (msg.sender != input.owner) revert NotSlotOwner();
        _piggyback(e, exitId, inputIndex, input.token);
        emit InFlightExitInputPiggybacked(exitId, msg.sender, inputIndex);
    }

    /// @inheritdoc IPlasmaInFlightExits
    function piggybackInFlightExitOnOutput(bytes calldata inFlightTx, uint8 outputIndex)
        external
        payable
        nonReentrant
    {
        (uint256 exitId, bytes32 txHash, InFlightExit storage e) = _activeExit(inFlightTx);
        PaymentTx.Tx memory t = PaymentTx.decode(inFlightTx);
        if (outputIndex >= t.outputCount) revert SlotNotFound();
        PaymentTx.Output memory o = t.outputs[outputIndex];
        if (msg.sender != o.owner) revert NotSlotOwner();
        _piggyback(e, exitId, 4 + uint256(outputIndex), o.token);
        InFlightOutput storage out = e.outputs[outputIndex];
        out.owner = o.owner;
        out.amount = _amount96(o.amount, _outputKey(txHash, outputIndex));
        out.token = o.token;
        emit InFlightExitOutputPiggybacked(exitId, msg.sender, outputIndex);
    }

    /// @dev The checks and effects common to both piggybacks of slot `s` (token `token`): bond,
    ///      phase 1, once per slot; the first piggyback fixes exitableAt, the first of a token
    ///      enqueues the exit in that token's queue.
    function _piggyback(InFlightExit storage e, uint256 exitId, uint256 s, address token) private {
        if (msg.value != piggybackBond) revert WrongPiggybackBond();
        if (block.timestamp >= uint256(e.startedAt) + _minExitPeriod / 2) revert PhaseOneOver();
        uint256 bit = 1 << s;
        uint256 ever = e.everPiggybacked;
        if (ever & bit != 0) revert AlreadyPiggybacked();
        uint256 exitableAt = e.exitableAt;
        if (ever == 0) {
            uint256 soonest = block.timestamp + _minExitPeriod;
            if (soonest > exitableAt) exitableAt = soonest;
            e.exitableAt = uint64(exitableAt);
        }
        e.everPiggybacked = uint8(ever | bit);
        e.piggybacked |= uint8(bit);
        uint256 groupBit = 1 << (uint256(e.groups) >> (2 * s) & 3);
        uint256 enqueued = e.enqueued;
        if (enqueued & groupBit == 0) {
            e.enqueued = uint8(enqueued | groupBit);
            _queues[token].insert(
                exitableAt << 192 | uint256(e.youngestInputPos) << POSITION_SHIFT | exitId
            );
        }
    }

    // ---------------------------------------------------------------- canonicity game

    /// @inheritdoc IPlasmaInFlightExits
    function challengeInFlightExitNotCanonical(
        bytes calldata inFlightTx,
        uint8 inputIndex,
        bytes calldata competingTx,
        uint8 competingTxInputIndex,
        uint256 competingTxPos,
        bytes calldata competingTxInclusionProof,
        bytes calldata competingTxWitness,
        bytes32 senderData
    ) external nonReentrant {
        _checkSenderData(senderData);
        (uint256 exitId, InFlightExit storage e, bytes32 competitorHash) = _checkCompetitor(
            inFlightTx, inputIndex, competingTx, competingTxInputIndex, competingTxWitness
        );
        _recordCompetitor(e, _competitorPos(competingTx, competingTxPos, competingTxInclusionProof));
        emit InFlightExitChallenged(exitId, msg.sender, inputIndex, competitorHash, competingTxPos);
    }

    /// @dev The checks of a canonicity challenge up to the competitor's position: the exit is
    ///      active and in phase 1, `inputIndex` is one of its inputs, and `competingTx` (another
    ///      tx) spends that input as its input `competingTxInputIndex`, signed by the input's
    ///      owner. Returns the exit id, the exit and the competitor's hash.
    function _checkCompetitor(
        bytes calldata inFlightTx,
        uint256 inputIndex,
        bytes calldata competingTx,
        uint256 competingTxInputIndex,
        bytes calldata witness
    ) private view returns (uint256 exitId, InFlightExit storage e, bytes32 competitorHash) {
        bytes32 txHash;
        (exitId, txHash, e) = _activeExit(inFlightTx);
        if (block.timestamp >= uint256(e.startedAt) + _minExitPeriod / 2) revert PhaseOneOver();
        if (inputIndex >= e.inputCount) revert SlotNotFound();
        InFlightInput storage input = e.inputs[inputIndex];
        if (_spender(competingTx, competingTxInputIndex, input.pos, witness) != input.owner) {
            revert WitnessNotInputOwner();
        }
        competitorHash = keccak256(competingTx);
        if (competitorHash == txHash) revert SameTx();
    }

    /// @dev The competitor's position: IN_FLIGHT_POS for 0, else a tx position whose inclusion
    ///      `proof` shows.
    function _competitorPos(bytes calldata competingTx, uint256 pos, bytes calldata proof)
        private
        view
        returns (uint256)
    {
        if (pos == 0) return IN_FLIGHT_POS;
        _checkTxPos(pos);
        _checkIncluded(pos, competingTx, proof);
        return pos;
    }

    /// @dev A competitor strictly older than the oldest known one makes the exit non-canonical
    ///      and the caller its bond owner.
    function _recordCompetitor(InFlightExit storage e, uint256 competitor) private {
        uint256 oldest = e.oldestCompetitorPos;
        if (oldest != 0 && competitor >= oldest) revert CompetitorNotOlder();
        e.oldestCompetitorPos = uint64(competitor);
        e.isCanonical = false;
        e.bondOwner = msg.sender;
    }

    /// @inheritdoc IPlasmaInFlightExits
    function respondToNonCanonicalChallenge(
        bytes calldata inFlightTx,
        uint256 inFlightTxPos,
        bytes calldata inFlightTxInclusionProof,
        bytes32 senderData
    ) external nonReentrant {
        _checkSenderData(senderData);
        (uint256 exitId,, InFlightExit storage e) = _activeExit(inFlightTx);
        if (e.canonicityFixed) revert CanonicityFixed();
        if (e.isCanonical) revert NotChallenged();
        _checkTxPos(inFlightTxPos);
        _checkIncluded(inFlightTxPos, inFlightTx, inFlightTxInclusionProof);
        if (inFlightTxPos >= e.oldestCompetitorPos) revert ResponseNotOlder();
        e.oldestCompetitorPos = uint64(inFlightTxPos);
        e.isCanonical = true;
        e.bondOwner = msg.sender;
        emit InFlightExitChallengeResponded(exitId, msg.sender, inFlightTxPos);
    }

    // ---------------------------------------------------------------- spent piggybacks

    /// @inheritdoc IPlasmaInFlightExits
    function challengeInFlightExitInputSpent(
        bytes calldata inFlightTx,
        uint8 inputIndex,
        bytes calldata challengingTx,
        uint8 challengingTxInputIndex,
        bytes calldata challengingTxWitness,
        bytes32 senderData
    ) external nonReentrant {
        _checkSenderData(senderData);
        (uint256 exitId, bytes32 txHash, InFlightExit storage e) = _activeExit(inFlightTx);
        if (inputIndex >= e.inputCount) revert SlotNotFound();
        uint256 bit = 1 << inputIndex;
        if (e.piggybacked & bit == 0) revert NotPiggybacked();
        if (keccak256(challengingTx) == txHash) revert SameTx();
        InFlightInput storage input = e.inputs[inputIndex];
        address signer =
            _spender(challengingTx, challengingTxInputIndex, input.pos, challengingTxWitness);
        if (signer != input.owner) revert WitnessNotInputOwner();
        e.piggybacked &= uint8(~bit);
        emit InFlightExitInputBlocked(exitId, msg.sender, inputIndex);
        _payChallenger();
    }

    /// @inheritdoc IPlasmaInFlightExits
    function challengeInFlightExitOutputSpent(
        bytes calldata inFlightTx,
        uint256 inFlightTxPos,
        bytes calldata inFlightTxInclusionProof,
        uint8 outputIndex,
        bytes calldata challengingTx,
        uint8 challengingTxInputIndex,
        bytes calldata challengingTxWitness,
        bytes32 senderData
    ) external nonReentrant {
        _checkSenderData(senderData);
        (uint256 exitId, address owner, uint256 spentPos) =
            _unpiggybackOutput(inFlightTx, inFlightTxPos, inFlightTxInclusionProof, outputIndex);
        address signer =
            _spender(challengingTx, challengingTxInputIndex, spentPos, challengingTxWitness);
        if (signer != owner) revert SignerNotExitOwner();
        emit InFlightExitOutputBlocked(exitId, msg.sender, outputIndex);
        _payChallenger();
    }

    /// @dev The checks of an output spent challenge up to the spend (the exit is active, the
    ///      output piggybacked, the tx included at `txPos`) and the piggyback's removal; returns
    ///      the exit id, the output's owner and its position.
    function _unpiggybackOutput(
        bytes calldata inFlightTx,
        uint256 txPos,
        bytes calldata proof,
        uint8 outputIndex
    ) private returns (uint256 exitId, address owner, uint256 pos) {
        InFlightExit storage e;
        (exitId,, e) = _activeExit(inFlightTx);
        if (outputIndex >= e.outputCount) revert SlotNotFound();
        uint256 bit = 1 << (4 + uint256(outputIndex));
        if (e.piggybacked & bit == 0) revert NotPiggybacked();
        _checkTxPos(txPos);
        _checkIncluded(txPos, inFlightTx, proof);
        e.piggybacked &= uint8(~bit);
        owner = e.outputs[outputIndex].owner;
        pos = txPos + outputIndex;
    }

    /// @dev The signer of `spendingTx` after checking that its input `inputIndex` is `pos`.
    function _spender(
        bytes calldata spendingTx,
        uint256 inputIndex,
        uint256 pos,
        bytes calldata witness
    ) private view returns (address) {
        PaymentTx.Tx memory t = PaymentTx.decode(spendingTx);
        if (inputIndex >= t.inputCount) revert InputNotFound();
        if (t.inputs[inputIndex] != pos) revert NotSpendingExitingOutput();
        return _recover(Eip712.signingHash(_domainSeparator(), t), witness);
    }

    /// @dev Pays the piggyback bond to the challenger (all the gas: the caller only hurts
    ///      itself), crediting it when the transfer fails.
    function _payChallenger() private {
        _payCaller(piggybackBond);
    }

    // ---------------------------------------------------------------- delete, process

    /// @inheritdoc IPlasmaInFlightExits
    function deleteNonPiggybackedInFlightExit(uint256 exitId) external nonReentrant {
        _onlyThroughPlasma();
        InFlightExit storage e = _inFlightExits[exitId];
        if (e.status != IFE_ACTIVE) revert InFlightExitNotActive();
        if (block.timestamp < uint256(e.startedAt) + _minExitPeriod / 2) revert PhaseOneNotOver();
        if (e.everPiggybacked != 0) revert HasPiggybacks();
        e.status = IFE_FINALIZED;
        emit InFlightExitDeleted(exitId);
        _payout(e.bondOwner, address(0), inFlightExitBond);
    }

    /// @notice Processes the piggybacks of `token` of in-flight exit `exitId` (its queue entry
    ///         was just popped). Callable only by `Plasma.processExits`, through the one-shot
    ///         flag it sets right before delegating here (cleared first thing, so neither an
    ///         outsider nor a re-entrant payout can reach it). An exit no longer active is
    ///         skipped. Canonical (the game says so and no input was paid by another exit):
    ///         pays the piggybacked outputs of `token` whose outputKey is free and marks them,
    ///         marks every input paid by this exit, refunds the input piggyback bonds of
    ///         `token`. Otherwise pays the piggybacked inputs of `token` not yet paid and marks
    ///         them, refunds the output piggyback bonds of `token`. Then, when no piggyback is
    ///         left, pays the exit bond to its bond owner and finalizes the exit.
    /// @param exitId the in-flight exit
    /// @param token the queue's token
    function processInFlightExit(uint256 exitId, address token) external {
        if (!_processingInFlightExit) revert OnlyProcessExits();
        _processingInFlightExit = false;
        InFlightExit storage e = _inFlightExits[exitId];
        if (e.status != IFE_ACTIVE) return;
        uint256 n = e.inputCount;
        bool canonical = e.isCanonical && _inputsFree(e, exitId, n);
        if (!e.canonicityFixed) {
            e.canonicityFixed = true;
            if (!canonical) e.isCanonical = false;
        }
        if (canonical) _flagInputs(e, exitId, n);
        uint256 piggybacked = e.piggybacked;
        uint256 paid;
        for (uint256 s; s < 8; ++s) {
            uint256 bit = 1 << s;
            if (piggybacked & bit == 0) continue;
            bool pays;
            if (s < 4) {
                if (e.inputs[s].token != token) continue;
                pays = !canonical && _payInput(e.inputs[s], exitId, token);
            } else {
                if (e.outputs[s - 4].token != token) continue;
                pays = canonical && _payOutput(e, s - 4, exitId, token);
            }
            piggybacked &= ~bit;
            if (pays) {
                paid |= bit;
            } else {
                _payout(
                    s < 4 ? e.inputs[s].owner : e.outputs[s - 4].owner, address(0), piggybackBond
                );
            }
        }
        e.piggybacked = uint8(piggybacked);
        bool finalized = piggybacked == 0;
        if (finalized) {
            e.status = IFE_FINALIZED;
            _payout(e.bondOwner, address(0), inFlightExitBond);
        }
        emit InFlightExitProcessed(exitId, token, canonical, uint8(paid), finalized);
    }

    /// @dev Whether no input of the exit was paid by another exit (C4, C5, C6, F2, F4), under
    ///      its position or its outputKey.
    function _inputsFree(InFlightExit storage e, uint256 exitId, uint256 n)
        private
        view
        returns (bool)
    {
        for (uint256 i; i < n; ++i) {
            InFlightInput storage input = e.inputs[i];
            if (_paidByOther(input.pos, exitId)) return false;
            uint256 key = input.key;
            if (key != 0 && _paidByOther(key, exitId)) return false;
        }
        return true;
    }

    /// @dev Whether `_exits[key]` says paid, by an exit other than `exitId`.
    function _paidByOther(uint256 key, uint256 exitId) private view returns (bool) {
        uint256 word = _exitWord(key);
        return word >> 224 == EXIT_FINALIZED && word & LOW_224 != exitId;
    }

    /// @dev Marks every input paid by this exit (a canonical exit spent them all), under both
    ///      its names. An active standard exit of an input is thereby dead: it exits an output
    ///      this exit's tx spent, as a challenge with that tx would show, so its bond goes to the
    ///      exit's bond owner (who stood for the tx being canonical) as a challenger's would.
    function _flagInputs(InFlightExit storage e, uint256 exitId, uint256 n) private {
        uint256 flag = exitId | uint256(EXIT_FINALIZED) << 224;
        for (uint256 i; i < n; ++i) {
            InFlightInput storage input = e.inputs[i];
            uint256 pos = input.pos;
            uint256 word = _exitWord(pos);
            if (word != flag) {
                _setExitWord(pos, flag);
                if (word >> 224 == EXIT_ACTIVE) _payout(e.bondOwner, address(0), _exitBond);
            }
            uint256 key = input.key;
            if (key != 0 && _exitWord(key) != flag) _setExitWord(key, flag);
        }
    }

    /// @dev Pays a piggybacked input of a non-canonical exit unless another exit paid it first
    ///      (under either name); marks it paid by this exit before paying. An active standard
    ///      exit of it (its owner's) is superseded: its bond is refunded.
    function _payInput(InFlightInput storage input, uint256 exitId, address token)
        private
        returns (bool)
    {
        uint256 pos = input.pos;
        uint256 key = input.key;
        if (_exitWord(pos) >> 224 == EXIT_FINALIZED) return false;
        if (key != 0 && _exitWord(key) >> 224 == EXIT_FINALIZED) return false;
        uint256 flag = exitId | uint256(EXIT_FINALIZED) << 224;
        _supersede(pos, flag);
        if (key != 0) _setExitWord(key, flag);
        _pay(input.owner, token, _amount(input.amount, pos));
        return true;
    }

    /// @dev Pays a piggybacked output of a canonical exit unless it was paid, or its standard
    ///      exit (the tx was included, and a standard exit marked the outputKey) was challenged
    ///      or paid; an active standard exit of it is superseded (the in-flight exit has the
    ///      better priority; the standard exit's bond is refunded to its owner). Marks the output
    ///      paid by this exit before paying.
    function _payOutput(InFlightExit storage e, uint256 k, uint256 exitId, address token)
        private
        returns (bool)
    {
        uint256 key = _outputKey(e.txHash, k);
        uint256 word = _exitWord(key);
        uint256 status = word >> 224;
        uint256 flag = exitId | uint256(EXIT_FINALIZED) << 224;
        if (status == EXIT_ACTIVE) {
            uint256 pos = word & POSITION_MASK;
            if (_exitWord(pos) >> 224 != EXIT_ACTIVE) return false;
            _supersede(pos, flag);
        } else if (status != EXIT_NONE) {
            return false;
        }
        _setExitWord(key, flag);
        InFlightOutput storage out = e.outputs[k];
        _pay(out.owner, token, _amount(out.amount, key));
        return true;
    }

    /// @dev Marks position `pos` paid (`flag`); an active standard exit there is dead from now
    ///      on and its bond goes back to its owner.
    function _supersede(uint256 pos, uint256 flag) private {
        uint256 word = _exitWord(pos);
        _setExitWord(pos, flag);
        if (word >> 224 == EXIT_ACTIVE) _payout(address(uint160(word)), address(0), _exitBond);
    }

    /// @dev Pays `amount` of `token` and the piggyback bond (ETH) to `to`, as standard exits pay.
    function _pay(address to, address token, uint256 amount) private {
        _payoutWithBond(to, token, amount, piggybackBond);
    }

    // ---------------------------------------------------------------- views

    /// @inheritdoc IPlasmaInFlightExits
    function inFlightExitId(bytes calldata inFlightTx) external pure returns (uint256) {
        return _idOf(keccak256(inFlightTx));
    }

    /// @inheritdoc IPlasmaInFlightExits
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
        )
    {
        InFlightExit storage e = _inFlightExits[exitId];
        return (
            InFlightExitStatus(e.status),
            e.txHash,
            e.bondOwner,
            e.startedAt,
            e.everPiggybacked == 0 ? 0 : e.exitableAt,
            e.youngestInputPos,
            e.oldestCompetitorPos,
            e.isCanonical,
            e.inputCount,
            e.piggybacked
        );
    }

    /// @inheritdoc IPlasmaInFlightExits
    function inFlightExitInput(uint256 exitId, uint8 index)
        external
        view
        returns (uint256 utxoPos, address owner, address token, uint256 amount)
    {
        InFlightExit storage e = _inFlightExits[exitId];
        if (index >= e.inputCount) return (0, address(0), address(0), 0);
        InFlightInput storage input = e.inputs[index];
        return (input.pos, input.owner, input.token, _amount(input.amount, input.pos));
    }

    /// @inheritdoc IPlasmaInFlightExits
    function inFlightExitOutput(uint256 exitId, uint8 index)
        external
        view
        returns (address owner, address token, uint256 amount)
    {
        if (index >= 4) return (address(0), address(0), 0);
        InFlightExit storage e = _inFlightExits[exitId];
        InFlightOutput storage out = e.outputs[index];
        return (out.owner, out.token, _amount(out.amount, _outputKey(e.txHash, index)));
    }

    /// @inheritdoc IPlasmaInFlightExits
    function outputFinalizedBy(uint256 key) external view returns (uint256 exitId) {
        uint256 word = _exitWord(key);
        uint256 status = word >> 224;
        if (status == EXIT_FINALIZED) {
            // an in-flight exit's mark has exitableAt 0; a paid standard exit is its position
            return (word >> 160) & POSITION_MASK == 0 ? word & IFE_ID_MASK : key;
        }
        // a standard exit's marker at an outputKey: whatever became of that position
        if (status == EXIT_ACTIVE && key >> 255 == 1) {
            uint256 pos = word & POSITION_MASK;
            uint256 posWord = _exitWord(pos);
            if (posWord >> 224 != EXIT_FINALIZED) return 0;
            return (posWord >> 160) & POSITION_MASK == 0 ? posWord & IFE_ID_MASK : pos;
        }
        return 0;
    }

    // ---------------------------------------------------------------- helpers

    /// @dev Reverts OnlyThroughPlasma unless running as Plasma (by its DELEGATECALL).
    function _onlyThroughPlasma() private view {
        if (address(this) != plasma) revert OnlyThroughPlasma();
    }

    /// @dev The active exit of `inFlightTx`: reverts OnlyThroughPlasma, InFlightExitNotActive
    ///      (never started, or finalized) or TxMismatch (the id's exit is another tx).
    function _activeExit(bytes calldata inFlightTx)
        private
        view
        returns (uint256 exitId, bytes32 txHash, InFlightExit storage e)
    {
        _onlyThroughPlasma();
        txHash = keccak256(inFlightTx);
        exitId = _idOf(txHash);
        e = _inFlightExits[exitId];
        uint8 status = e.status;
        if (status == IFE_NONE) revert InFlightExitNotActive();
        if (e.txHash != txHash) revert TxMismatch();
        if (status != IFE_ACTIVE) revert InFlightExitNotActive();
    }

    /// @dev The exit id of a tx hash: its high 128 bits with bit 127 set.
    function _idOf(bytes32 txHash) private pure returns (uint256) {
        return uint256(txHash) >> 128 | ID_FLAG;
    }

    /// @dev A tx position: a valid position with oindex 0.
    function _checkTxPos(uint256 pos) private pure {
        if (!UtxoPosLib.isValid(pos) || UtxoPosLib.oindex(pos) != 0) revert InvalidTxPos();
    }

    /// @dev The amount to store in 96 bits; a larger one spills to `_bigAmounts[key]`.
    function _amount96(uint256 amount, uint256 key) private returns (uint96) {
        if (amount < BIG_AMOUNT) return uint96(amount);
        _bigAmounts[key] = amount;
        return uint96(BIG_AMOUNT);
    }

    /// @dev The full amount of a stored 96-bit one (the spill slot at `key` when saturated).
    function _amount(uint96 stored, uint256 key) private view returns (uint256) {
        return stored == BIG_AMOUNT ? _bigAmounts[key] : stored;
    }

    /// @dev Slot 0 of `_exits[key]` (owner | exitableAt << 160 | status << 224).
    function _exitWord(uint256 key) private view returns (uint256 word) {
        ExitData storage x = _exits[key];
        assembly ("memory-safe") {
            word := sload(x.slot)
        }
    }

    /// @dev Writes slot 0 of `_exits[key]`.
    function _setExitWord(uint256 key, uint256 word) private {
        ExitData storage x = _exits[key];
        assembly ("memory-safe") {
            sstore(x.slot, word)
        }
    }

    /// @dev Plasma's EIP-712 domain separator, recomputed after a fork.
    function _domainSeparator() private view returns (bytes32) {
        if (block.chainid == _cachedChainId) return _cachedDomainSeparator;
        return Eip712.domainSeparator(plasma, block.chainid);
    }
}
// forge-lint: disable-end(unsafe-typecast, incorrect-shift, block-timestamp)
