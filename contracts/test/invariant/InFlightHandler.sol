// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {Plasma} from "../../src/Plasma.sol";
import {IPlasmaInFlightExits} from "../../src/IPlasmaInFlightExits.sol";
import {HookToken} from "./Actors.sol";
import {PlasmaHandler} from "./PlasmaHandler.sol";

/// @notice The in-flight actors of the campaign, on top of `PlasmaHandler`'s: anyone starts the
///         in-flight exit of a signed tx (an honest transfer, pending or committed; a double
///         spend; a spend of an output Plasma already paid), owners piggyback, anyone challenges
///         (non-canonical, with the honest spend or another double spend, in a block or in
///         flight; spent piggybacks), answers challenges, deletes exits nobody piggybacked; and
///         each refused call is checked for the one error it must give. See `InFlightModel` for
///         the rules the model expects and the watcher that keeps the game honest.
contract InFlightHandler is PlasmaHandler {
    constructor(Plasma plasma_, HookToken token_, address operator_)
        PlasmaHandler(plasma_, token_, operator_)
    {}

    // ============================================================ signed txs

    /// @notice The owner of a spent output signs another spend of it that nobody includes.
    function ifeDoubleSpend(uint256 seed) external useTime {
        if (extraTxs >= MAX_EXTRA_TXS) return;
        (bool found, uint256 id) = _findOutput(seed, false);
        if (!found) return;
        _signExtraSpend(seed, id, Kind.DoubleSpend);
        stats["doubleSpends"]++;
    }

    /// @notice The owner of an output signs a spend of it that the operator never includes
    ///         (issue 14 scenario 3: its standard exit is then challenged with that spend).
    function ifeCensored(uint256 seed) external useTime {
        if (extraTxs >= MAX_EXTRA_TXS) return;
        (bool found, uint256 id) = _find(seed, Want.Spendable);
        if (!found) return;
        _signExtraSpend(seed, id, Kind.Censored);
        stats["censoredTxs"]++;
        // half the time the owner, seeing nothing included, signs a retry too
        if ((seed >> 200) % 2 == 0 && extraTxs < MAX_EXTRA_TXS) {
            _signExtraSpend(seed >> 1, id, Kind.DoubleSpend);
            stats["doubleSpends"]++;
        }
    }

    /// @notice The owner of an output Plasma already paid (by a standard exit or in flight)
    ///         signs a spend of it, to exit it in flight once more.
    function ifeSpendExited(uint256 seed) external useTime {
        if (extraTxs >= MAX_EXTRA_TXS) return;
        (bool found, uint256 id) = _findOutput(seed, true);
        if (!found) return;
        _signExtraSpend(seed, id, Kind.SpendOfExited);
        stats["spendsOfExited"]++;
    }

    // ============================================================ the game

    /// @notice An EOA starts the in-flight exit of a signed tx that has none.
    function ifeStart(uint256 seed, uint256 starterSeed) external useTime {
        if (ifes.length >= MAX_IFES) return;
        (bool found, uint256 txId) = _findTx(seed, true);
        if (!found) return;
        _ifeStart(txId, starterSeed % EOAS);
        uint256 k = ifes.length - 1;
        // issue 14 scenario 3: the owner of a censored tx's input that also signed a retry
        // makes it non-canonical with the retry and claims the input back
        if (txInfo[txId].kind == Kind.Censored && (starterSeed >> 128) % 2 == 0) {
            if (_canChallenge(ifes[k], 0)) _challengeNotCanonical(k, 0, starterSeed % EOAS);
            _piggyback(k, 0);
        }
        // owners often piggyback at once
        for (uint256 j; j < 2; ++j) {
            uint256 s = (starterSeed >> (8 + 8 * j)) % 10;
            (bool exists,) = _slot(ifes[k], s % 8);
            if (s < 8 && exists && ifes[k].ever & (1 << s) == 0) _piggyback(k, s);
        }
    }

    /// @notice A start that must be refused: a tx already started, a wrong bond, a witness by
    ///         another key. Nothing may change.
    function ifeStartRejected(uint256 seed, uint256 variant) external useTime {
        (bool found, uint256 txId) = _findTx(seed, false);
        if (!found) return;
        (bytes[] memory inTxs, uint256[] memory pos, bytes[] memory proofs) = _startArgs(txId);
        TxInfo storage t = txInfo[txId];
        bytes[] memory sigs = t.sigs;
        uint256 value = ifeBond;
        bytes4 expected;
        if (variant % 2 == 0) {
            value = variant % 4 == 0 ? ifeBond + 1 : ifeBond - 1;
            expected = Plasma.WrongBond.selector;
        } else if (t.ife != 0) {
            expected = IPlasmaInFlightExits.InFlightExitAlreadyStarted.selector;
        } else {
            sigs[0] = _forgedWitness(outputs[t.inputIds[0]].owner, seed, variant);
            expected = IPlasmaInFlightExits.WitnessNotInputOwner.selector;
        }
        vm.prank(actors[variant % EOAS]);
        try game.startInFlightExit{value: value}(txs[txId], inTxs, pos, proofs, sigs) {
            revert("a refused in-flight exit was started");
        } catch (bytes memory err) {
            _expectError(err, expected);
        }
        stats["ifeRefused"]++;
    }

    /// @dev A valid signature by another actor than `owner` (over something else).
    function _forgedWitness(uint256 owner, uint256 seed, uint256 variant)
        internal
        view
        returns (bytes memory)
    {
        uint256 forger = (owner + 1 + (variant >> 8) % (ACTORS - 1)) % ACTORS;
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(keys[forger], keccak256(abi.encode(seed)));
        return abi.encodePacked(r, s, v);
    }

    /// @notice The owner of a slot of an exit in phase 1 piggybacks it.
    function ifePiggyback(uint256 seed) external useTime {
        (bool found, uint256 k) = _findIfe(seed, true);
        if (!found || !_phaseOne(ifes[k])) return;
        Ife storage f = ifes[k];
        for (uint256 j; j < 8; ++j) {
            uint256 s = ((seed >> 8) + j) % 8;
            (bool exists,) = _slot(f, s);
            if (exists && f.ever & (1 << s) == 0) return _piggyback(k, s);
        }
    }

    /// @notice A piggyback that must be refused: on an exit no longer active, on a slot past
    ///         the tx's, by another than the owner, with a wrong bond, after phase 1, twice. The
    ///         error expected is the first of these checks that fails.
    function ifePiggybackRejected(uint256 seed, uint256 variant) external useTime {
        (bool found, uint256 k) = _findIfe(seed, false);
        if (!found) return;
        Ife storage f = ifes[k];
        bool input = (seed >> 8) % 2 == 0;
        uint256 count = input ? txInfo[f.txId].inputIds.length : txInfo[f.txId].outputIds.length;
        uint256 index = (seed >> 16) % count;
        (, uint256 id) = _slot(f, input ? index : 4 + index);
        uint256 owner = outputs[id].owner;
        address caller = actors[owner];
        uint256 value = pbBond;
        variant %= 4;
        if (variant == 0) caller = actors[(owner + 1 + (seed >> 24) % (ACTORS - 1)) % ACTORS];
        if (variant == 1) index = count;
        if (variant == 2) value = pbBond + 1;
        uint256 s = input ? index : 4 + index;
        bytes4 expected;
        if (f.status != IFE_ACTIVE) {
            expected = IPlasmaInFlightExits.InFlightExitNotActive.selector;
        } else if (index == count) {
            expected = IPlasmaInFlightExits.SlotNotFound.selector;
        } else if (caller != actors[owner]) {
            expected = IPlasmaInFlightExits.NotSlotOwner.selector;
        } else if (value != pbBond) {
            expected = IPlasmaInFlightExits.WrongPiggybackBond.selector;
        } else if (!_phaseOne(f)) {
            expected = IPlasmaInFlightExits.PhaseOneOver.selector;
        } else if (f.ever & (1 << s) != 0) {
            expected = IPlasmaInFlightExits.AlreadyPiggybacked.selector;
        } else {
            value = pbBond - 1; // it would be accepted: make it wrong
            expected = IPlasmaInFlightExits.WrongPiggybackBond.selector;
        }
        _piggybackExpectingError(f.txId, s, caller, value, expected);
    }

    function _piggybackExpectingError(
        uint256 txId,
        uint256 s,
        address caller,
        uint256 value,
        bytes4 expected
    ) internal {
        vm.deal(caller, caller.balance + value);
        vm.prank(caller);
        bool ok;
        bytes memory err;
        if (s < 4) {
            (ok, err) = address(game).call{value: value}(
                abi.encodeCall(game.piggybackInFlightExitOnInput, (txs[txId], uint8(s)))
            );
        } else {
            (ok, err) = address(game).call{value: value}(
                abi.encodeCall(game.piggybackInFlightExitOnOutput, (txs[txId], uint8(s - 4)))
            );
        }
        vm.deal(caller, caller.balance - value);
        vm.assertFalse(ok, "a refused piggyback was accepted");
        _expectError(err, expected);
        stats["ifeRefused"]++;
    }

    /// @notice An EOA shows a competitor of an exit's input: accepted in phase 1 when strictly
    ///         older than the oldest known one.
    function ifeChallenge(uint256 seed, uint256 challengerSeed) external useTime {
        (bool found, uint256 k) = _findIfe(seed, true);
        if (!found) return;
        Ife storage f = ifes[k];
        uint256 n = txInfo[f.txId].inputIds.length;
        for (uint256 j; j < n; ++j) {
            uint256 i = ((seed >> 8) + j) % n;
            (bool has,,,) = _competitor(f, i);
            if (!has) continue;
            uint256 challenger = challengerSeed % EOAS;
            if (_canChallenge(f, i)) return _challengeNotCanonical(k, i, challenger);
            bytes4 expected = _phaseOne(f)
                ? IPlasmaInFlightExits.CompetitorNotOlder.selector
                : IPlasmaInFlightExits.PhaseOneOver.selector;
            return _challengeExpectingError(k, i, challenger, expected);
        }
    }

    function _challengeExpectingError(uint256 k, uint256 i, uint256 challenger, bytes4 expected)
        internal
    {
        (bool ok, bytes memory err,) = _tryChallengeNotCanonical(ifes[k], i, challenger);
        if (ok) revert("a refused challenge was accepted");
        _expectError(err, expected);
        stats["ifeRefused"]++;
    }

    /// @notice An EOA answers a challenge of a committed honest tx with its inclusion, or is
    ///         refused (not challenged, processing begun).
    function ifeRespond(uint256 seed, uint256 responderSeed) external useTime {
        (bool found, uint256 k) = _findIfe(seed, true);
        if (!found) return;
        Ife storage f = ifes[k];
        (bool committed, uint256 pos, bytes memory proof) = _included(f.txId);
        if (!committed) return;
        uint256 responder = responderSeed % EOAS;
        if (!f.canonical && !f.fixed_ && pos < f.oldest) return _respond(k, responder);
        bytes4 expected = IPlasmaInFlightExits.NotChallenged.selector;
        if (f.fixed_) expected = bytes4(keccak256("CanonicityFixed()"));
        else if (!f.canonical) expected = IPlasmaInFlightExits.ResponseNotOlder.selector;
        vm.prank(actors[responder]);
        try game.respondToNonCanonicalChallenge(
            txs[f.txId], pos, proof, _senderData(actors[responder])
        ) {
            revert("a refused response was accepted");
        } catch (bytes memory err) {
            _expectError(err, expected);
        }
        stats["ifeRefused"]++;
    }

    /// @notice An EOA shows a piggybacked slot spent by another tx (an output: once the exit's
    ///         tx is committed); or a challenge that must be refused (a slot not piggybacked, the
    ///         exit's own tx as the spend).
    function ifeChallengeSpent(uint256 seed, uint256 challengerSeed) external useTime {
        (bool found, uint256 k) = _findIfe(seed, true);
        if (!found) return;
        Ife storage f = ifes[k];
        uint256 challenger = challengerSeed % EOAS;
        (bool committed,,) = _included(f.txId);
        for (uint256 s; s < 8; ++s) {
            if (_spentElsewhere(f, s) && (s < 4 || committed)) {
                return _challengeSpent(k, s, challenger);
            }
        }
        uint256 i = (seed >> 8) % txInfo[f.txId].inputIds.length;
        bytes4 expected = f.piggybacked & (1 << i) == 0
            ? IPlasmaInFlightExits.NotPiggybacked.selector
            : IPlasmaInFlightExits.SameTx.selector;
        bytes memory sig = txInfo[f.txId].sigs[i];
        vm.prank(actors[challenger]);
        try game.challengeInFlightExitInputSpent(
            txs[f.txId], uint8(i), txs[f.txId], uint8(i), sig, _senderData(actors[challenger])
        ) {
            revert("a refused spent challenge was accepted");
        } catch (bytes memory err) {
            _expectError(err, expected);
        }
        stats["ifeRefused"]++;
    }

    /// @notice Anyone deletes an exit nobody piggybacked once phase 1 is over, or is refused.
    function ifeDelete(uint256 seed, uint256 callerSeed) external useTime {
        (bool found, uint256 k) = _findIfe(seed, false);
        if (!found) return;
        Ife storage f = ifes[k];
        uint256 caller = callerSeed % EOAS;
        bytes4 expected;
        if (f.status != IFE_ACTIVE) expected = IPlasmaInFlightExits.InFlightExitNotActive.selector;
        else if (_phaseOne(f)) expected = IPlasmaInFlightExits.PhaseOneNotOver.selector;
        else if (f.ever != 0) expected = IPlasmaInFlightExits.HasPiggybacks.selector;
        else return _delete(k, caller);
        vm.prank(actors[caller]);
        try game.deleteNonPiggybackedInFlightExit(f.exitId) {
            revert("a refused delete was accepted");
        } catch (bytes memory err) {
            _expectError(err, expected);
        }
        stats["ifeRefused"]++;
    }

    // ============================================================ finders

    /// @dev A tx that can exit in flight: without an exit yet (`fresh`) or any.
    function _findTx(uint256 seed, bool fresh) internal view returns (bool, uint256) {
        uint256 n = exitTxIds.length;
        for (uint256 j; j < n; ++j) {
            uint256 txId = exitTxIds[(seed % n + j) % n];
            if (!fresh || txInfo[txId].ife == 0) return (true, txId);
        }
        return (false, 0);
    }

    function _findIfe(uint256 seed, bool active) internal view returns (bool, uint256) {
        uint256 n = ifes.length;
        for (uint256 j; j < n; ++j) {
            uint256 k = (seed % n + j) % n;
            if (!active || ifes[k].status == IFE_ACTIVE) return (true, k);
        }
        return (false, 0);
    }

    /// @dev A committed honest output that is spent (`exited` false) or that Plasma paid and
    ///      nothing spent (`exited`).
    function _findOutput(uint256 seed, bool exited) internal view returns (bool, uint256) {
        uint256 n = outputs.length;
        if (n == 0) return (false, 0);
        for (uint256 j; j < n; ++j) {
            uint256 id = (seed % n + j) % n;
            Output storage o = outputs[id];
            if (!o.committed || o.bogus || o.phantom) continue;
            bool paid = o.ifePaid != 0 || (o.exit == ExitState.Finalized && !o.overwritten);
            bool signed = o.spent || o.censoredBy != 0;
            if (exited ? !o.spent && paid : signed) return (true, id);
        }
        return (false, 0);
    }

    // ============================================================ counters

    function statNames() public pure override returns (string[] memory names) {
        string[] memory base = super.statNames();
        string[16] memory more = [
            "ifeStarted",
            "ifePiggybacks",
            "ifeChallenges",
            "ifeResponses",
            "ifeSpentChallenges",
            "ifeDeleted",
            "ifeProcessed",
            "ifeProcessedNonCanonical",
            "ifeInputsPaid",
            "ifeOutputsPaid",
            "ifeRefused",
            "doubleSpends",
            "spendsOfExited",
            "bondsLocked",
            "exitsSuperseded",
            "censoredTxs"
        ];
        names = new string[](base.length + more.length);
        for (uint256 i; i < base.length; ++i) {
            names[i] = base[i];
        }
        for (uint256 i; i < more.length; ++i) {
            names[base.length + i] = more[i];
        }
    }
}
