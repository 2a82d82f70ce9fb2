// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {Vm} from "../lib/Vm.sol";
import {TxBuilder} from "../lib/TxBuilder.sol";
import {Plasma} from "../../src/Plasma.sol";
import {IPlasmaInFlightExits} from "../../src/IPlasmaInFlightExits.sol";
import {HookToken} from "./Actors.sol";
import {PlasmaModel} from "./PlasmaModel.sol";

/// @notice The in-flight part of the model: every signed tx that can exit in flight (the honest
///         transfers, in the pending block or committed; double spends an input's owner signs
///         and nobody includes; spends of an output Plasma already paid in flight), their
///         in-flight exits as the game left them, and what processing one must do. The rules
///         are MoreVP's (IPlasmaInFlightExits): an exit is canonical if the game says so and no
///         input was paid or spent by another exit; a canonical one pays its piggybacked outputs
///         that no standard exit marked and nothing paid, and spends all its inputs; another pays
///         its piggybacked inputs nothing paid or spent. An output is one thing whether Plasma
///         knows it by position or by outputKey.
///
///         The honest watcher (`_ifeWatcher`, run before time passes, so within every exit's
///         phase 1, and before processing) challenges every exit of a double spend with the
///         honest spend, answers every challenge of an honest tx with its inclusion (the
///         operator, honest here, includes a pending tx it must answer for), and shows spent
///         every piggybacked input of a non-canonical exit and every piggybacked output spent on
///         the child chain. The standard-exit watcher (PlasmaModel) challenges every standard
///         exit of a spent output before processing. With both, no exit may pay what is not owed.
abstract contract InFlightModel is PlasmaModel {
    enum Kind {
        Honest,
        DoubleSpend,
        SpendOfExited,
        /// @dev Signed by its input's owner, never included by the operator.
        Censored
    }

    struct TxInfo {
        Kind kind;
        /// @dev 1 + its index in `ifes`; 0 before its in-flight exit starts.
        uint32 ife;
        uint32[] inputIds;
        uint32[] outputIds;
        bytes[] sigs;
    }

    struct Ife {
        uint256 exitId;
        uint32 txId;
        uint8 status;
        bool canonical;
        bool fixed_;
        bool queued;
        uint8 bondOwner;
        uint8 piggybacked;
        uint8 ever;
        uint64 startedAt;
        uint64 exitableAt;
        uint64 youngestPos;
        uint64 oldest;
    }

    uint8 internal constant IFE_ACTIVE = 1;
    uint8 internal constant IFE_FINALIZED = 2;
    uint256 internal constant IN_FLIGHT_POS = type(uint64).max;
    uint256 internal constant MAX_IFES = 24;
    uint256 internal constant MAX_EXTRA_TXS = 12;
    /// @dev The honest watcher.
    uint256 internal constant WATCHER = 0;

    IPlasmaInFlightExits internal immutable game;
    uint256 internal immutable ifeBond;
    uint256 internal immutable pbBond;

    /// @notice txs that can exit in flight (ids into `txs`).
    uint256[] internal exitTxIds;
    mapping(uint256 => TxInfo) internal txInfo;
    /// @notice The double spends and spends-of-exited signed of each output.
    mapping(uint256 => uint32[]) internal otherSpends;
    Ife[] internal ifes;
    uint256 internal extraTxs;

    /// @notice In-flight exit bonds held (started, not finalized).
    uint256 public ghostIfeBonds;
    /// @notice Piggyback bonds held (piggybacked, not yet processed or shown spent).
    uint256 public ghostPbBonds;
    /// @notice Standard exit bonds neither refunded nor paid to a challenger, nor held for an
    ///         exit that can still end (an in-flight exit overwrote the exit): must stay 0.
    uint256 public ghostLockedBonds;

    constructor(Plasma plasma_, HookToken token_, address operator_)
        PlasmaModel(plasma_, token_, operator_)
    {
        game = IPlasmaInFlightExits(address(plasma_));
        ifeBond = game.inFlightExitBond();
        pbBond = game.piggybackBond();
    }

    // ============================================================ txs

    function _onSignedTx(
        uint256 txId,
        uint256[] memory inputIds,
        uint256 firstOutput,
        uint256 count
    ) internal override {
        TxInfo storage t = txInfo[txId];
        for (uint256 i; i < inputIds.length; ++i) {
            t.inputIds.push(uint32(inputIds[i]));
            t.sigs.push(outputs[inputIds[i]].spendSig);
        }
        for (uint256 k; k < count; ++k) {
            t.outputIds.push(uint32(firstOutput + k));
        }
        exitTxIds.push(txId);
    }

    /// @dev `input`'s owner signs a tx spending it (alone) to 1-3 outputs nobody will include.
    function _signExtraSpend(uint256 seed, uint256 input, Kind kind) internal {
        Output storage o = outputs[input];
        uint256[] memory ins = TxBuilder.one(o.pos);
        TxBuilder.Out[] memory outs = _splitOutputs(seed, o.token, o.amount);
        // distinct bytes (so a distinct exit id) for every extra tx, whatever the seed
        bytes32 metadata = keccak256(abi.encode(seed, kind, extraTxs, txs.length));
        txs.push(TxBuilder.encode(ins, outs, metadata));
        uint256 txId = txs.length - 1;
        TxInfo storage t = txInfo[txId];
        t.kind = kind;
        t.inputIds.push(uint32(input));
        (uint8 v, bytes32 r, bytes32 s) =
            vm.sign(keys[o.owner], TxBuilder.signingHash(domain, ins, outs, metadata));
        t.sigs.push(abi.encodePacked(r, s, v));
        for (uint256 k; k < outs.length; ++k) {
            uint256 owner = uint256(keccak256(abi.encode(seed, "owner", k))) % HONEST;
            uint256 id = _addOutput(k, o.token, outs[k].amount, owner, txId, false);
            outputs[id].phantom = true;
            t.outputIds.push(uint32(id));
        }
        otherSpends[input].push(uint32(txId));
        exitTxIds.push(txId);
        extraTxs++;
        if (kind == Kind.Censored) {
            o.frozen = true;
            o.censoredBy = uint32(txId + 1);
            o.spendTxId = uint32(txId);
            o.spendInput = 0;
            o.spendSig = t.sigs[0];
        }
    }

    /// @dev Whether the tx is in a committed block, and its tx position and proof.
    function _included(uint256 txId) internal view returns (bool, uint256, bytes memory) {
        TxInfo storage t = txInfo[txId];
        if (t.kind != Kind.Honest) return (false, 0, "");
        Output storage first = outputs[t.outputIds[0]];
        return (first.committed, first.pos, first.proof);
    }

    /// @dev The honest operator includes a pending tx someone must answer for.
    function _ensureIncluded(uint256 txId) internal returns (uint256 pos, bytes memory proof) {
        bool committed;
        (committed, pos, proof) = _included(txId);
        if (!committed) {
            _submitPending();
            (, pos, proof) = _included(txId);
        }
    }

    function _startArgs(uint256 txId)
        internal
        view
        returns (bytes[] memory inTxs, uint256[] memory pos, bytes[] memory proofs)
    {
        TxInfo storage t = txInfo[txId];
        uint256 n = t.inputIds.length;
        inTxs = new bytes[](n);
        pos = new uint256[](n);
        proofs = new bytes[](n);
        for (uint256 i; i < n; ++i) {
            Output storage o = outputs[t.inputIds[i]];
            inTxs[i] = txs[o.txId];
            pos[i] = o.pos;
            proofs[i] = o.proof;
        }
    }

    function _exitIdOf(uint256 txId) internal view returns (uint256) {
        return uint256(keccak256(txs[txId])) >> 128 | (1 << 127);
    }

    function _outputKey(uint256 txId, uint256 oindex) internal view returns (uint256) {
        return
            uint256(keccak256(abi.encodePacked(keccak256(txs[txId]), uint8(oindex)))) | (1 << 255);
    }

    function _ifeToken(Ife storage f) internal view returns (address) {
        return outputs[txInfo[f.txId].inputIds[0]].token;
    }

    function _phaseOne(Ife storage f) internal view returns (bool) {
        return block.timestamp < uint256(f.startedAt) + mep / 2;
    }

    /// @dev Slot `s` (0..3 inputs, 4..7 outputs) of the exit's tx as a model output; false if
    ///      the tx has no such slot.
    function _slot(Ife storage f, uint256 s) internal view returns (bool, uint256) {
        TxInfo storage t = txInfo[f.txId];
        if (s < 4) return s < t.inputIds.length ? (true, t.inputIds[s]) : (false, 0);
        return s - 4 < t.outputIds.length ? (true, t.outputIds[s - 4]) : (false, 0);
    }

    /// @dev The oldest tx other than the exit's own that spends the exit's input `i`: the
    ///      honest spend (at its position once committed) or a double spend (in flight).
    function _competitor(Ife storage f, uint256 i)
        internal
        view
        returns (bool found, uint256 compTxId, uint256 compInput, uint256 pos)
    {
        uint256 inputId = txInfo[f.txId].inputIds[i];
        Output storage o = outputs[inputId];
        pos = type(uint256).max;
        if (o.spent && o.spendTxId != f.txId) {
            (bool committed, uint256 p,) = _included(o.spendTxId);
            return (true, o.spendTxId, o.spendInput, committed ? p : IN_FLIGHT_POS);
        }
        uint32[] storage others = otherSpends[inputId];
        for (uint256 k; k < others.length; ++k) {
            if (others[k] != f.txId) return (true, others[k], 0, IN_FLIGHT_POS);
        }
    }

    /// @dev The signature over competitor `compTxId` of its input `compInput`'s owner.
    function _sigOf(uint256 compTxId, uint256 compInput) internal view returns (bytes memory) {
        return txInfo[compTxId].sigs[compInput];
    }

    // ============================================================ processing (the rules)

    function _checkInFlightProcessed(Vm.Log[] memory logs, uint256 e, uint256 k)
        internal
        override
        returns (uint256)
    {
        Ife storage f = ifes[k];
        f.queued = false;
        if (f.status != IFE_ACTIVE) return e; // skipped
        address tok = _ifeToken(f);
        bool canonical = f.canonical && _inputsFree(f);
        if (!f.fixed_) {
            f.fixed_ = true;
            if (!canonical) f.canonical = false;
        }
        if (canonical) _spendInputs(f);
        uint8 paid = _processSlots(f, tok, canonical);
        if (canonical && txInfo[f.txId].kind == Kind.Censored) _abandonUnpaid(f, tok, paid);
        f.piggybacked = 0;
        f.status = IFE_FINALIZED;
        ghostIfeBonds -= ifeBond;
        ghostEth[f.bondOwner] += ifeBond;
        e = _nextFinalizedEvent(logs, e);
        vm.assertTrue(e < logs.length, "an in-flight exit due was not processed");
        Vm.Log memory log = logs[e];
        vm.assertEq(log.topics[0], IN_FLIGHT_PROCESSED, "exits processed out of order");
        vm.assertEq(uint256(log.topics[1]), f.exitId, "in-flight exit processed out of order");
        vm.assertEq(address(uint160(uint256(log.topics[2]))), tok, "token");
        (bool c, uint8 paidSlots, bool finalized) = abi.decode(log.data, (bool, uint8, bool));
        vm.assertEq(c, canonical, "canonicity at processing");
        vm.assertEq(uint256(paidSlots), uint256(paid), "paid piggybacks");
        vm.assertTrue(finalized, "a one-token exit is finalized by its pass");
        stats["ifeProcessed"]++;
        if (!canonical) stats["ifeProcessedNonCanonical"]++;
        return e + 1;
    }

    /// @dev A canonical censored tx spent its input: what its paid outputs did not take stays
    ///      in Plasma (its other outputs exist nowhere else).
    function _abandonUnpaid(Ife storage f, address tok, uint8 paid) internal {
        TxInfo storage t = txInfo[f.txId];
        uint256 left = outputs[t.inputIds[0]].amount;
        for (uint256 k; k < t.outputIds.length; ++k) {
            if (paid & (1 << (4 + k)) != 0) left -= outputs[t.outputIds[k]].amount;
        }
        ghostAbandoned[tok] += left;
    }

    /// @dev No input was paid or spent by another exit (its own marks are fine).
    function _inputsFree(Ife storage f) internal view returns (bool) {
        uint32[] storage ins = txInfo[f.txId].inputIds;
        for (uint256 i; i < ins.length; ++i) {
            uint256 flag = outputs[ins[i]].flag;
            if (flag != 0 && flag != f.exitId) return false;
        }
        return true;
    }

    function _spendInputs(Ife storage f) internal {
        uint32[] storage ins = txInfo[f.txId].inputIds;
        for (uint256 i; i < ins.length; ++i) {
            _markAtPosition(outputs[ins[i]], f.exitId);
        }
    }

    /// @dev An in-flight exit marks a committed output at its position: a standard exit there
    ///      is overwritten (skipped later; its bond, if it was still held, is locked).
    function _markAtPosition(Output storage o, uint256 exitId) internal {
        if (o.flag == exitId) return;
        if (o.exit == ExitState.Active) {
            ghostBondsHeld -= bond;
            ghostLockedBonds += bond;
            stats["bondsLocked"]++;
        }
        o.exit = ExitState.Finalized;
        o.overwritten = true;
        o.flag = exitId;
    }

    /// @dev An in-flight exit pays a committed output that has (or had) a standard exit: it
    ///      marks its position, and an active standard exit there is superseded (its bond goes
    ///      back to its owner; processExits skips it later).
    function _supersede(Output storage o, uint256 exitId) internal {
        if (o.exit == ExitState.Active) {
            ghostBondsHeld -= bond;
            ghostEth[o.owner] += bond;
            stats["exitsSuperseded"]++;
        }
        if (o.committed) {
            o.exit = ExitState.Finalized;
            o.overwritten = true;
        }
        o.flag = exitId;
    }

    function _processSlots(Ife storage f, address tok, bool canonical)
        internal
        returns (uint8 paid)
    {
        for (uint256 s; s < 8; ++s) {
            if (f.piggybacked & (1 << s) == 0) continue;
            (, uint256 id) = _slot(f, s);
            Output storage o = outputs[id];
            bool pays;
            if (s < 4) {
                pays = !canonical && o.flag == 0;
                if (pays) _supersede(o, f.exitId);
            } else {
                // paid unless paid or spent, or its standard exit was challenged or paid
                pays = canonical && o.flag == 0
                    && (o.exit == ExitState.None || o.exit == ExitState.Active);
                if (pays && o.exit == ExitState.Active) _supersede(o, f.exitId);
                if (pays) o.flag = f.exitId;
            }
            ghostPbBonds -= pbBond;
            ghostEth[o.owner] += pbBond;
            if (!pays) continue;
            paid |= uint8(1 << s);
            o.ifePaid++;
            ghostExited[tok] += o.amount;
            if (tok == address(0)) ghostEth[o.owner] += o.amount;
            else ghostTok[o.owner] += o.amount;
            stats[s < 4 ? bytes32("ifeInputsPaid") : bytes32("ifeOutputsPaid")]++;
        }
    }

    function _entryPriority(uint256 entry) internal view override returns (uint256) {
        if (entry & IFE_ENTRY == 0) return super._entryPriority(entry);
        Ife storage f = ifes[entry & ~IFE_ENTRY];
        return uint256(f.exitableAt) << 192 | uint256(f.youngestPos) << 128 | f.exitId;
    }

    function _entryExitId(uint256 entry) internal view override returns (uint256) {
        if (entry & IFE_ENTRY == 0) return super._entryExitId(entry);
        return ifes[entry & ~IFE_ENTRY].exitId;
    }

    function _entryPopped(uint256 entry) internal override {
        if (entry & IFE_ENTRY == 0) super._entryPopped(entry);
        else ifes[entry & ~IFE_ENTRY].queued = false;
    }

    function _ifeBondsHeld() internal view override returns (uint256) {
        return ghostIfeBonds + ghostPbBonds + ghostLockedBonds;
    }

    // ============================================================ invariant (view)

    /// @notice Every in-flight exit is as the model says (status, bond owner, canonicity,
    ///         piggybacks, competitor, exitableAt), every output it paid is marked paid by it,
    ///         no output was paid twice, and no standard exit's bond was locked.
    function checkInFlight() public view {
        for (uint256 k; k < ifes.length; ++k) {
            Ife storage f = ifes[k];
            (
                IPlasmaInFlightExits.InFlightExitStatus status,,
                address bondOwner,,
                uint256 exitableAt,
                uint256 youngest,
                uint256 oldest,
                bool canonical,,
                uint8 piggybacked
            ) = game.inFlightExits(f.exitId);
            vm.assertEq(uint256(status), f.status, "IFE status");
            vm.assertEq(bondOwner, actors[f.bondOwner], "IFE bond owner");
            vm.assertEq(canonical, f.canonical, "IFE canonicity");
            vm.assertEq(uint256(piggybacked), f.piggybacked, "IFE piggybacks");
            vm.assertEq(oldest, f.oldest, "IFE oldest competitor");
            vm.assertEq(youngest, f.youngestPos, "IFE position");
            vm.assertEq(exitableAt, f.ever == 0 ? 0 : f.exitableAt, "IFE exitableAt");
            _checkPaidMarks(f);
        }
        vm.assertEq(ghostLockedBonds, 0, "a standard exit's bond was locked by an in-flight exit");
    }

    function _checkPaidMarks(Ife storage f) internal view {
        uint32[] storage outs = txInfo[f.txId].outputIds;
        for (uint256 k; k < outs.length; ++k) {
            Output storage o = outputs[outs[k]];
            vm.assertLe(o.ifePaid, 1, "an output was paid twice in flight");
            if (o.ifePaid == 1 && o.flag == f.exitId) {
                vm.assertEq(game.outputFinalizedBy(_outputKey(f.txId, k)), f.exitId, "mark");
            }
        }
    }
}
