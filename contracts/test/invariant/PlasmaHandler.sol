// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {TxBuilder} from "../lib/TxBuilder.sol";
import {Plasma} from "../../src/Plasma.sol";
import {HookToken, WalletActor} from "./Actors.sol";
import {InFlightOps} from "./InFlightOps.sol";

/// @notice Drives random sequences of Plasma calls for `PlasmaInvariantTest` (see `PlasmaModel`
///         for the actors and the model). Every call is expected to succeed or to revert with the
///         one named error it expects: the campaign runs with `fail_on_revert`, so any other
///         revert (an overflow, a stuck queue, a payout out of gas) fails it.
contract PlasmaHandler is InFlightOps {
    constructor(Plasma plasma_, HookToken token_, address operator_)
        InFlightOps(plasma_, token_, operator_)
    {}

    // ============================================================ actions: deposits

    /// @notice A random actor deposits ETH for a random owner.
    function depositEth(uint256 depositorSeed, uint256 ownerSeed, uint256 amount) external useTime {
        uint256 depositor = depositorSeed % HONEST;
        uint256 owner = ownerSeed % HONEST;
        amount = bound(amount, 1, 1000 ether);
        bytes memory txBytes = TxBuilder.depositTx(actors[owner], address(0), amount);
        if (_depositsFull()) {
            vm.prank(actors[depositor]);
            try plasma.deposit{value: amount}(txBytes) {
                revert("a 1000th deposit between two child blocks was accepted");
            } catch (bytes memory err) {
                _expectError(err, Plasma.TooManyDeposits.selector);
            }
            return;
        }
        uint256 blknum = _nextDepositBlknum();
        vm.prank(actors[depositor]);
        plasma.deposit{value: amount}(txBytes);
        ghostEth[depositor] -= amount;
        _recordDeposit(blknum, owner, address(0), amount, txBytes);
    }

    /// @notice A random actor deposits the token (`depositFrom`) for a random owner.
    function depositToken(uint256 depositorSeed, uint256 ownerSeed, uint256 amount)
        external
        useTime
    {
        if (_depositsFull()) return;
        uint256 depositor = depositorSeed % HONEST;
        uint256 owner = ownerSeed % HONEST;
        // up to 2^100: amounts from 2^96 - 1 take the contract's big-amount slot
        amount = bound(amount, 1, 1 << 100);
        bytes memory txBytes = TxBuilder.depositTx(actors[owner], address(token), amount);
        uint256 blknum = _nextDepositBlknum();
        token.mint(actors[depositor], amount);
        vm.startPrank(actors[depositor]);
        token.approve(address(plasma), amount);
        plasma.depositFrom(txBytes);
        vm.stopPrank();
        _recordDeposit(blknum, owner, address(token), amount, txBytes);
    }

    // ============================================================ actions: child chain

    /// @notice The owners of one or two outputs sign a tx spending them to 1-3 new outputs
    ///         (amounts conserved); it joins the operator's pending block.
    function transfer(uint256 seed) external useTime {
        if (pendingTxIds.length >= MAX_PENDING_TXS) return;
        (bool found, uint256 first) = _find(seed, Want.Spendable);
        if (!found) return;
        uint256 second = type(uint256).max;
        if (seed & 1 == 1) second = _findSecondInput(seed >> 8, first);
        uint256[] memory inputIds = new uint256[](second == type(uint256).max ? 1 : 2);
        inputIds[0] = first;
        if (inputIds.length == 2) inputIds[1] = second;
        _addSignedTx(seed, inputIds);
        stats["transfers"]++;
    }

    /// @notice The operator adds a tx minting an unbacked output (amount >= 2^255, up to 2^256-1)
    ///         for mallory to its pending block.
    function byzantineMint(uint256 seed) external useTime {
        if (pendingTxIds.length >= MAX_PENDING_TXS) return;
        address tok = seed & 1 == 0 ? address(0) : address(token);
        uint256 kind = (seed >> 1) % 3;
        uint256 amount;
        if (kind == 0) amount = type(uint256).max;
        else if (kind == 1) amount = type(uint256).max - (seed >> 8) % bond; // + bond overflows
        else amount = (1 << 255) + (seed >> 8) % (1 << 128);
        uint256 fakeInput = TxBuilder.pos(9_000_000_000 + (seed >> 200) % 1000, 0, 0);
        bytes memory txBytes = TxBuilder.transferTx(
            TxBuilder.one(fakeInput), TxBuilder.oneOut(actors[MALLORY], tok, amount)
        );
        uint256 txId = _pushPendingTx(txBytes);
        uint256 id =
            _addOutput(_pendingPos(pendingTxIds.length - 1, 0), tok, amount, MALLORY, txId, false);
        outputs[id].bogus = true;
        pendingOutputIds.push(id);
        stats["byzantineMints"]++;
    }

    /// @notice The operator submits its pending block (possibly empty) with its real root.
    function submitBlock() external useTime {
        _submitPending();
    }

    /// @notice Someone other than the operator tries to submit a block: it must revert.
    function submitBlockAsStranger(uint256 callerSeed, bytes32 root) external useTime {
        address caller = _stranger(callerSeed);
        uint256 next = plasma.nextChildBlock();
        vm.prank(caller);
        try plasma.submitBlock(root) {
            revert("a non-operator submitted a block");
        } catch (bytes memory err) {
            _expectError(err, Plasma.NotOperator.selector);
        }
        vm.assertEq(plasma.nextChildBlock(), next, "a rejected submitBlock changed the counter");
        (bytes32 stored, uint256 ts) = plasma.getBlock(next);
        vm.assertEq(stored, bytes32(0));
        vm.assertEq(ts, 0);
        stats["strangerSubmitsRejected"]++;
    }

    // ============================================================ actions: exits

    /// @notice The owner of a committed output without an exit starts one (spent outputs too:
    ///         those exits are invalid and the watcher challenges them).
    function startExit(uint256 seed) external useTime {
        (bool found, uint256 id) = _find(seed, Want.Exitable);
        if (found) _startExit(id);
    }

    /// @notice An exit that must be refused: already started or challenged, by a non-owner, or
    ///         with a tampered proof or a wrong bond. Nothing may change.
    function startExitRejected(uint256 seed, uint256 callerSeed) external useTime {
        (bool found, uint256 id) = _find(seed, Want.Committed);
        if (!found) return;
        Output storage o = outputs[id];
        address caller = actors[o.owner];
        bytes memory proof = o.proof;
        uint256 value = bond;
        bytes4 expected;
        uint256 variant = (seed >> 128) % 3;
        if (o.exit == ExitState.Challenged) {
            expected = Plasma.ExitWasChallenged.selector;
        } else if (o.exit != ExitState.None || o.flag != 0) {
            // started, or paid (or spent) by an in-flight exit
            expected = Plasma.ExitAlreadyStarted.selector;
        } else if (variant == 0) {
            caller = actors[(o.owner + 1 + callerSeed % (ACTORS - 1)) % ACTORS];
            expected = Plasma.NotOutputOwner.selector;
        } else if (variant == 1) {
            proof[callerSeed % proof.length] ^= bytes1(uint8(1 + callerSeed % 255));
            expected = Plasma.InvalidInclusionProof.selector;
        } else {
            value = callerSeed % 2 == 0 ? bond - 1 : bond + 1;
            expected = Plasma.WrongBond.selector;
        }
        uint256 queued = plasma.exitQueueSize(o.token);
        bytes memory txBytes = txs[o.txId];
        vm.prank(caller);
        try plasma.startStandardExit{value: value}(o.pos, txBytes, proof) {
            revert("a refused exit was accepted");
        } catch (bytes memory err) {
            _expectError(err, expected);
        }
        vm.assertEq(plasma.exitQueueSize(o.token), queued, "a refused exit changed the queue");
        stats["exitsRefused"]++;
    }

    /// @notice A random actor challenges an exit of a spent output with the real signed spend.
    function challenge(uint256 seed, uint256 challengerSeed) external useTime {
        (bool found, uint256 id) = _find(seed, Want.Challengeable);
        if (found) _challenge(id, challengerSeed % HONEST);
    }

    /// @notice A challenge that must be refused: of an exit no longer active, signed by another
    ///         key, or pointing at another input. Nothing may change.
    function challengeRejected(uint256 seed, uint256 keySeed) external useTime {
        (bool found, uint256 id) = _find(seed, Want.ExitStarted);
        if (!found) return;
        Output storage o = outputs[id];
        bytes memory spend;
        bytes memory sig;
        uint256 inputIndex;
        bytes4 expected;
        if (o.exit == ExitState.Active && !o.spent) {
            // a "spend" the owner never signed
            uint256 forger = (o.owner + 1 + keySeed % (ACTORS - 1)) % ACTORS;
            (spend, sig) = _forgedSpend(o.pos, o.token, forger);
            expected = Plasma.SignerNotExitOwner.selector;
        } else if (o.spent) {
            spend = txs[o.spendTxId];
            sig = o.spendSig;
            inputIndex = o.spendInput;
            if (o.exit != ExitState.Active) {
                expected = Plasma.ExitNotActive.selector;
            } else if (o.spendInputCount == 2) {
                inputIndex ^= 1;
                expected = Plasma.NotSpendingExitingOutput.selector;
            } else {
                inputIndex = 1 + keySeed % 8;
                expected = Plasma.InputNotFound.selector;
            }
        } else {
            (spend, sig) = _forgedSpend(o.pos, o.token, o.owner);
            expected = Plasma.ExitNotActive.selector;
        }
        _tryRefusedChallenge(o.pos, spend, inputIndex, sig, keySeed, expected);
        _assertExitStatus(id);
        stats["challengesRefused"]++;
    }

    /// @dev Sends a challenge that must revert `expected` from an honest actor; one in four is a
    ///      copy made for another actor (its senderData names that actor): SenderDataMismatch.
    function _tryRefusedChallenge(
        uint256 pos,
        bytes memory spend,
        uint256 inputIndex,
        bytes memory sig,
        uint256 keySeed,
        bytes4 expected
    ) internal {
        address caller = actors[keySeed % HONEST];
        address named = caller;
        if ((keySeed >> 8) % 4 == 0) {
            named = actors[(keySeed % HONEST + 1) % HONEST];
            expected = Plasma.SenderDataMismatch.selector;
        }
        vm.prank(caller);
        try plasma.challengeStandardExit(pos, spend, inputIndex, sig, _senderData(named)) {
            revert("a refused challenge was accepted");
        } catch (bytes memory err) {
            _expectError(err, expected);
        }
    }

    /// @notice Time passes; the watcher challenges every exit of a spent output; a random caller
    ///         processes up to `maxExits` exits of one token.
    function processExits(uint256 callerSeed, uint256 tokenSeed, uint256 maxExits, uint256 warpBy)
        external
        useTime
    {
        _ifeWatcher();
        vm.warp(block.timestamp + bound(warpBy, 0, 3 * mep));
        _ifeWatcher();
        _watcherChallengesAll();
        address tok = tokenSeed % 2 == 0 ? address(0) : address(token);
        address caller = callerSeed % 3 == 0 ? address(uint160(callerSeed >> 8)) : actors[0];
        if (caller == address(0) || caller == address(plasma)) caller = actors[1];
        _processExits(caller, tok, bound(maxExits, 1, 32), (tokenSeed >> 8) % 2 == 1);
    }

    /// @notice An actor withdraws its credit, all of it or (half the time) a part (mallory has
    ///         none: her unbacked amounts are never credited).
    function withdraw(uint256 actorSeed, uint256 tokenSeed) external useTime {
        address tok = tokenSeed % 2 == 0 ? address(0) : address(token);
        uint256 a = _creditedActor(actorSeed, tok);
        uint256 credit = plasma.withdrawable(actors[a], tok);
        uint256 amount = credit;
        uint256 r = uint256(keccak256(abi.encode(actorSeed, tokenSeed)));
        if (credit > 1 && r % 2 == 0) {
            amount = 1 + (r >> 8) % (credit - 1); // a part: 1 .. credit - 1
        }
        bytes4 expected;
        WalletActor.Mode m = _stubbornMode();
        if (credit == 0) {
            expected = Plasma.NothingToWithdraw.selector;
        } else if (a == STUBBORN && m != WalletActor.Mode.Accept) {
            expected = Plasma.WithdrawFailed.selector;
        }
        if (a == STUBBORN && m != WalletActor.Mode.Accept && (tokenSeed >> 8) % 2 == 0) {
            // the wallet fixes its receive, then collects what it was credited
            WalletActor(payable(actors[STUBBORN])).setMode(WalletActor.Mode.Accept);
            if (credit != 0) expected = bytes4(0);
        }
        Snapshot memory s = _snapshot();
        vm.prank(actors[a]);
        try plasma.withdraw(tok, amount) {
            vm.assertEq(expected, bytes4(0), "a withdrawal that should fail succeeded");
            vm.assertEq(plasma.withdrawable(actors[a], tok), credit - amount, "credit left");
            stats["withdrawals"]++;
            if (amount < credit) stats["partialWithdrawals"]++;
        } catch (bytes memory err) {
            _expectError(err, expected);
            vm.assertEq(plasma.withdrawable(actors[a], tok), credit, "a failed withdraw lost it");
        }
        _afterPayouts(s);
    }

    /// @notice Sets the stubborn wallet's mode, or arms the re-entrant wallet.
    function setWalletMode(uint256 walletSeed, uint256 modeSeed, uint256 planSeed)
        external
        useTime
    {
        if (walletSeed % 2 == 0) {
            WalletActor(payable(actors[STUBBORN])).setMode(WalletActor.Mode(modeSeed % 3));
        } else if (modeSeed % 4 == 0) {
            WalletActor(payable(actors[REENTRANT])).setMode(WalletActor.Mode.Accept);
            plan = Plan.None;
        } else {
            _arm(planSeed);
        }
    }

    /// @notice Time passes.
    function warp(uint256 secondsToWait) external useTime {
        _ifeWatcher();
        vm.warp(block.timestamp + bound(secondsToWait, 1, 2 * mep));
    }

    // ============================================================ end of a run

    /// @notice Mass exit: every live output exits and every queue drains, first with the
    ///         receivers as they are (rejecting, burning gas, re-entering), then once more for
    ///         what re-entrant deposits and exits added; every credit is withdrawn. Afterwards
    ///         Plasma holds nothing but locked bonds and abandoned or unpaid censored value.
    function settle() external useTime {
        if (pendingTxIds.length != 0) _submitPending();
        _exitEverything();
        WalletActor(payable(actors[STUBBORN])).setMode(WalletActor.Mode.Accept);
        WalletActor(payable(actors[REENTRANT])).setMode(WalletActor.Mode.Accept);
        plan = Plan.None;
        _exitEverything();
        vm.assertEq(plasma.exitQueueSize(address(0)), 0, "ETH queue not drained");
        vm.assertEq(plasma.exitQueueSize(address(token)), 0, "token queue not drained");
        for (uint256 a; a < HONEST; ++a) {
            _withdrawAll(a, address(0));
            _withdrawAll(a, address(token));
        }
        uint256 stuckEth = ghostLockedBonds + ghostAbandoned[address(0)];
        stuckEth += _unpaidCensored(address(0));
        vm.assertEq(address(plasma).balance, stuckEth, "ETH left after a mass exit");
        vm.assertEq(ghostIfeBonds + ghostPbBonds, 0, "in-flight bonds left after a mass exit");
        vm.assertEq(
            token.balanceOf(address(plasma)),
            ghostAbandoned[address(token)] + _unpaidCensored(address(token)),
            "tokens left after a mass exit"
        );
        checkActors();
    }

    function _exitEverything() internal {
        _ifeWatcher();
        _watcherChallengesAll();
        _ifeSettleCensored();
        uint256 latest = _ifeSettleTime();
        for (uint256 id; id < outputs.length; ++id) {
            Output storage o = outputs[id];
            bool exitable = o.exit == ExitState.None && o.flag == 0 && o.censoredBy == 0;
            if (o.committed && !o.spent && exitable) _startExit(id);
            if (o.queued && o.exitableAt > latest) latest = o.exitableAt;
        }
        vm.warp(latest);
        _ifeWatcher();
        _ifeDeleteAll();
        _processExits(actors[0], address(0), ghostQueue[address(0)].length + 1, false);
        _processExits(actors[1], address(token), ghostQueue[address(token)].length + 1, false);
    }

    // ============================================================ invariants (views)

    /// @notice Per token: balance - credits = deposits - exited (+ bonds held for ETH) = live outputs (+ bonds), and it covers every valid active exit.
    function checkSolvency() public view {
        _checkSolvency(address(0), address(plasma).balance);
        _checkSolvency(address(token), token.balanceOf(address(plasma)));
    }

    /// @notice Per token: every credit is backed and the rest backs every live honest output
    ///         and bond (a later depositor can always exit; `_checkCreditsBacked`).
    function checkCreditsBacked() public view {
        _checkCreditsBacked(address(0), address(plasma).balance);
        _checkCreditsBacked(address(token), token.balanceOf(address(plasma)));
    }

    /// @notice Every actor holds (balance + credit) exactly what the model says it is owed: no
    ///         payout lost, none gained, whatever it did when paid. EOAs are never credited (a
    ///         payout to them cannot fail); mallory never receives any unbacked amount.
    function checkActors() public view {
        for (uint256 a; a < HONEST; ++a) {
            address who = actors[a];
            vm.assertEq(who.balance + plasma.withdrawable(who, address(0)), ghostEth[a], "ETH owed");
            vm.assertEq(
                token.balanceOf(who) + plasma.withdrawable(who, address(token)),
                ghostTok[a],
                "tokens owed"
            );
            if (a < EOAS) {
                vm.assertEq(plasma.withdrawable(who, address(0)), 0, "EOA credited ETH");
                vm.assertEq(plasma.withdrawable(who, address(token)), 0, "EOA credited tokens");
            }
        }
        vm.assertEq(actors[MALLORY].balance, ghostEth[MALLORY], "mallory's ETH");
        vm.assertEq(token.balanceOf(actors[MALLORY]), 0, "mallory got tokens");
    }

    /// @notice Each output was finalized (paid or credited) at most once, only after an exit
    ///         that was never challenged, and the contract's exit statuses match the model.
    function checkPaidOnce() public view {
        for (uint256 id; id < outputs.length; ++id) {
            Output storage o = outputs[id];
            uint256 n = o.phantom ? 0 : payouts[o.pos];
            vm.assertLe(n + o.ifePaid, 1, "an output was paid twice (standard, in flight)");
            bool finalized = o.exit == ExitState.Finalized && !o.overwritten;
            vm.assertEq(n, finalized ? 1 : 0, "paid without a final exit");
            if (!o.phantom) _assertExitStatus(id);
        }
    }

    /// @notice Blocks only come from the operator: nextChildBlock counts its submissions and
    ///         every committed root is one it submitted.
    function checkBlocks() public view {
        vm.assertEq(plasma.nextChildBlock(), 1000 * (ghostSubmits + 1), "block count");
        for (uint256 i; i < submittedBlknums.length; ++i) {
            uint256 blknum = submittedBlknums[i];
            (bytes32 root, uint256 ts) = plasma.getBlock(blknum);
            vm.assertEq(root, submittedRoots[blknum] & ~bytes32(uint256(0xffffffff)), "root");
            vm.assertEq(ts, blockTimestamps[blknum], "block timestamp");
        }
        (bytes32 next, uint256 nextTs) = plasma.getBlock(plasma.nextChildBlock());
        vm.assertEq(next, bytes32(0), "a block past nextChildBlock");
        vm.assertEq(nextTs, 0, "a block past nextChildBlock");
    }

    /// @notice Each queue holds exactly the model's started, not yet popped exits, and its top
    ///         is the model's highest-priority one.
    function checkQueues() public view {
        _checkQueue(address(0));
        _checkQueue(address(token));
    }

    /// @notice The names of the counters in `stats` (see `PlasmaInvariantTest.afterInvariant`).
    function statNames() public pure virtual returns (string[] memory names) {
        names = new string[](19);
        names[0] = "deposits";
        names[1] = "transfers";
        names[2] = "blocks";
        names[3] = "byzantineMints";
        names[4] = "strangerSubmitsRejected";
        names[5] = "exitsStarted";
        names[6] = "exitsRefused";
        names[7] = "challenges";
        names[8] = "challengesRefused";
        names[9] = "exitsFinalized";
        names[10] = "payoutsCredited";
        names[11] = "withdrawals";
        names[12] = "reentries";
        names[13] = "reentriesBlocked";
        names[14] = "reentrantDeposits";
        names[15] = "reentrantExits";
        names[16] = "unbackedExitsFinalized";
        names[17] = "partialWithdrawals";
        names[18] = "feeClaims";
    }

    /// @notice A counter by name.
    function stat(string calldata name) external view returns (uint256) {
        return stats[bytes32(bytes(name))];
    }
}
