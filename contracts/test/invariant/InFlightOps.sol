// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {Plasma} from "../../src/Plasma.sol";
import {HookToken} from "./Actors.sol";
import {InFlightModel} from "./InFlightModel.sol";

/// @notice The in-flight exit game's calls as the model makes them (each must succeed and
///         updates the model), and the honest watcher (see `InFlightModel`). Starters,
///         challengers and responders are EOAs (bond owners); piggybacks are made by the slot's
///         owner, smart accounts included.
abstract contract InFlightOps is InFlightModel {
    constructor(Plasma plasma_, HookToken token_, address operator_)
        InFlightModel(plasma_, token_, operator_)
    {}

    function _ifeStart(uint256 txId, uint256 starter) internal {
        (bytes[] memory inTxs, uint256[] memory pos, bytes[] memory proofs) = _startArgs(txId);
        TxInfo storage t = txInfo[txId];
        bytes[] memory sigs = t.sigs;
        vm.prank(actors[starter]);
        game.startInFlightExit{value: ifeBond}(txs[txId], inTxs, pos, proofs, sigs);
        ghostEth[starter] -= ifeBond;
        ghostIfeBonds += ifeBond;
        Ife storage f = ifes.push();
        f.exitId = _exitIdOf(txId);
        f.txId = uint32(txId);
        f.status = IFE_ACTIVE;
        f.canonical = true;
        f.bondOwner = uint8(starter);
        f.startedAt = uint64(block.timestamp);
        uint256 youngest;
        for (uint256 i; i < pos.length; ++i) {
            if (pos[i] > youngest) youngest = pos[i];
        }
        f.youngestPos = uint64(youngest);
        f.exitableAt = uint64(blockTimestamps[youngest / 1e6] + 2 * mep);
        t.ife = uint32(ifes.length);
        vm.assertEq(game.inFlightExitId(txs[txId]), f.exitId, "exit id");
        stats["ifeStarted"]++;
    }

    /// @dev The owner of slot `s` piggybacks it.
    function _piggyback(uint256 k, uint256 s) internal {
        Ife storage f = ifes[k];
        (, uint256 id) = _slot(f, s);
        uint256 owner = outputs[id].owner;
        vm.prank(actors[owner]);
        if (s < 4) game.piggybackInFlightExitOnInput{value: pbBond}(txs[f.txId], uint8(s));
        else game.piggybackInFlightExitOnOutput{value: pbBond}(txs[f.txId], uint8(s - 4));
        ghostEth[owner] -= pbBond;
        ghostPbBonds += pbBond;
        if (f.ever == 0) {
            if (block.timestamp + mep > f.exitableAt) f.exitableAt = uint64(block.timestamp + mep);
            ghostQueue[_ifeToken(f)].push(IFE_ENTRY | k);
            f.queued = true;
        }
        f.ever |= uint8(1 << s);
        f.piggybacked |= uint8(1 << s);
        if (s >= 4) outputs[id].frozen = true;
        stats["ifePiggybacks"]++;
    }

    /// @dev Whether `_challengeNotCanonical(k, i, ..)` would be accepted (phase 1, a competitor
    ///      of input i strictly older than the oldest known).
    function _canChallenge(Ife storage f, uint256 i) internal view returns (bool) {
        (bool found,,, uint256 pos) = _competitor(f, i);
        return found && _phaseOne(f) && (f.oldest == 0 || pos < f.oldest);
    }

    /// @dev A canonicity challenge's competitor arguments (one stack slot).
    struct CompetitorArgs {
        bytes competingTx;
        uint8 inputIndex;
        uint256 pos;
        bytes proof;
        bytes witness;
    }

    /// @dev The arguments showing `_competitor(f, i)`: its tx, input, position (0 in flight) and
    ///      proof, and its witness; `pos` is the model's position (IN_FLIGHT_POS in flight).
    function _competitorArgs(Ife storage f, uint256 i)
        internal
        view
        returns (CompetitorArgs memory a, uint256 pos)
    {
        uint256 comp;
        uint256 compInput;
        (, comp, compInput, pos) = _competitor(f, i);
        if (pos != IN_FLIGHT_POS) (,, a.proof) = _included(comp);
        a.competingTx = txs[comp];
        a.inputIndex = uint8(compInput);
        a.pos = pos == IN_FLIGHT_POS ? 0 : pos;
        a.witness = _sigOf(comp, compInput);
    }

    function _challengeNotCanonical(uint256 k, uint256 i, uint256 challenger) internal {
        Ife storage f = ifes[k];
        (bool ok, bytes memory err, uint256 pos) = _tryChallengeNotCanonical(f, i, challenger);
        if (!ok) {
            assembly {
                revert(add(err, 32), mload(err))
            }
        }
        f.oldest = uint64(pos);
        f.canonical = false;
        f.bondOwner = uint8(challenger);
        stats["ifeChallenges"]++;
    }

    /// @dev Sends `challenger`'s canonicity challenge of `f`'s input `i` with `_competitor(f, i)`;
    ///      whether it went through, its revert data, and the competitor's model position.
    function _tryChallengeNotCanonical(Ife storage f, uint256 i, uint256 challenger)
        internal
        returns (bool ok, bytes memory err, uint256 pos)
    {
        CompetitorArgs memory a;
        (a, pos) = _competitorArgs(f, i);
        vm.prank(actors[challenger]);
        try game.challengeInFlightExitNotCanonical(
            txs[f.txId],
            uint8(i),
            a.competingTx,
            a.inputIndex,
            a.pos,
            a.proof,
            a.witness,
            _senderData(actors[challenger])
        ) {
            ok = true;
        } catch (bytes memory e) {
            err = e;
        }
    }

    /// @dev Answers a challenge with the tx's inclusion (including a pending tx first).
    function _respond(uint256 k, uint256 responder) internal {
        Ife storage f = ifes[k];
        (uint256 pos, bytes memory proof) = _ensureIncluded(f.txId);
        vm.prank(actors[responder]);
        game.respondToNonCanonicalChallenge(txs[f.txId], pos, proof, _senderData(actors[responder]));
        f.oldest = uint64(pos);
        f.canonical = true;
        f.bondOwner = uint8(responder);
        stats["ifeResponses"]++;
    }

    /// @dev Whether piggybacked slot `s` is spent by another signed tx the model knows (for an
    ///      output: by a child-chain tx, so the exit's tx is included first).
    function _spentElsewhere(Ife storage f, uint256 s) internal view returns (bool) {
        if (f.piggybacked & (1 << s) == 0) return false;
        (, uint256 id) = _slot(f, s);
        Output storage o = outputs[id];
        if (s >= 4) return o.spent && txInfo[f.txId].kind == Kind.Honest;
        if (o.spent && o.spendTxId != f.txId) return true;
        uint32[] storage others = otherSpends[id];
        for (uint256 j; j < others.length; ++j) {
            if (others[j] != f.txId) return true;
        }
        return false;
    }

    /// @dev Shows piggybacked slot `s` spent (`_spentElsewhere`); its bond goes to the caller.
    function _challengeSpent(uint256 k, uint256 s, uint256 challenger) internal {
        Ife storage f = ifes[k];
        (, uint256 id) = _slot(f, s);
        if (s < 4) _challengeInputSpent(f, s, id, actors[challenger]);
        else _challengeOutputSpent(f, s, outputs[id], actors[challenger]);
        f.piggybacked &= ~uint8(1 << s);
        ghostPbBonds -= pbBond;
        ghostEth[challenger] += pbBond;
        stats["ifeSpentChallenges"]++;
    }

    function _challengeInputSpent(Ife storage f, uint256 s, uint256 id, address challenger)
        internal
    {
        (uint256 spendTx, uint256 spendInput, bytes memory sig) = _otherSpend(f, id);
        vm.prank(challenger);
        game.challengeInFlightExitInputSpent(
            txs[f.txId], uint8(s), txs[spendTx], uint8(spendInput), sig, _senderData(challenger)
        );
    }

    function _challengeOutputSpent(Ife storage f, uint256 s, Output storage o, address challenger)
        internal
    {
        (uint256 pos, bytes memory proof) = _ensureIncluded(f.txId);
        bytes32 senderData = _senderData(challenger);
        vm.prank(challenger);
        game.challengeInFlightExitOutputSpent(
            txs[f.txId],
            pos,
            proof,
            uint8(s - 4),
            txs[o.spendTxId],
            o.spendInput,
            o.spendSig,
            senderData
        );
    }

    function _otherSpend(Ife storage f, uint256 id)
        internal
        view
        returns (uint256 spendTx, uint256 spendInput, bytes memory sig)
    {
        Output storage o = outputs[id];
        if (o.spent && o.spendTxId != f.txId) return (o.spendTxId, o.spendInput, o.spendSig);
        uint32[] storage others = otherSpends[id];
        for (uint256 j; j < others.length; ++j) {
            if (others[j] != f.txId) return (others[j], 0, txInfo[others[j]].sigs[0]);
        }
    }

    function _delete(uint256 k, uint256 caller) internal {
        Ife storage f = ifes[k];
        vm.prank(actors[caller]);
        game.deleteNonPiggybackedInFlightExit(f.exitId);
        f.status = IFE_FINALIZED;
        ghostIfeBonds -= ifeBond;
        ghostEth[f.bondOwner] += ifeBond;
        stats["ifeDeleted"]++;
    }

    // ============================================================ the honest watcher

    function _ifeWatcher() internal {
        for (uint256 k; k < ifes.length; ++k) {
            Ife storage f = ifes[k];
            if (f.status != IFE_ACTIVE) continue;
            Kind kind = txInfo[f.txId].kind;
            if (kind == Kind.Censored) continue; // its owner's: nothing to answer or challenge
            bool honest = kind == Kind.Honest;
            if (honest && !f.canonical && !f.fixed_) _respond(k, WATCHER);
            if (!honest && f.canonical) {
                uint256 n = txInfo[f.txId].inputIds.length;
                for (uint256 i; i < n; ++i) {
                    if (_canChallenge(f, i)) {
                        _challengeNotCanonical(k, i, WATCHER);
                        break;
                    }
                }
            }
            for (uint256 s; s < 8; ++s) {
                // a canonical honest exit's inputs are refunded, a dishonest one's outputs too
                bool matters = honest ? s >= 4 : s < 4;
                if (matters && _spentElsewhere(f, s)) _challengeSpent(k, s, WATCHER);
            }
        }
    }

    /// @dev When a mass exit can process or delete every in-flight exit.
    function _ifeSettleTime() internal view returns (uint256 latest) {
        latest = block.timestamp;
        for (uint256 k; k < ifes.length; ++k) {
            Ife storage f = ifes[k];
            if (f.status != IFE_ACTIVE) continue;
            uint256 at = f.ever == 0 ? uint256(f.startedAt) + mep / 2 : f.exitableAt;
            if (at > latest) latest = at;
        }
    }

    /// @dev A mass exit for censored txs: each one whose input is not yet paid exits in flight
    ///      (started by the watcher if nobody did) and its outputs' owners piggyback them while
    ///      phase 1 lasts.
    function _ifeSettleCensored() internal {
        for (uint256 j; j < exitTxIds.length; ++j) {
            uint256 txId = exitTxIds[j];
            TxInfo storage t = txInfo[txId];
            if (t.kind != Kind.Censored || outputs[t.inputIds[0]].flag != 0) continue;
            if (t.ife == 0) _ifeStart(txId, WATCHER);
            uint256 k = t.ife - 1;
            Ife storage f = ifes[k];
            if (f.status != IFE_ACTIVE || !_phaseOne(f)) continue;
            for (uint256 s = 4; s < 4 + t.outputIds.length; ++s) {
                if (f.ever & (1 << s) == 0) _piggyback(k, s);
            }
        }
    }

    /// @dev ETH or tokens of censored inputs nothing paid: stuck for good after a mass exit.
    function _unpaidCensored(address tok) internal view returns (uint256 total) {
        for (uint256 id; id < outputs.length; ++id) {
            Output storage o = outputs[id];
            if (o.censoredBy != 0 && o.flag == 0 && o.token == tok) total += o.amount;
        }
    }

    /// @dev Deletes every exit nobody piggybacked (after phase 1).
    function _ifeDeleteAll() internal {
        for (uint256 k; k < ifes.length; ++k) {
            Ife storage f = ifes[k];
            if (f.status == IFE_ACTIVE && f.ever == 0 && !_phaseOne(f)) _delete(k, WATCHER);
        }
    }
}
