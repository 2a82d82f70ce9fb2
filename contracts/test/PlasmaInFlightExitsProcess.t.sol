// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {TxBuilder} from "./lib/TxBuilder.sol";
import {InFlightTestBase} from "./lib/InFlightBase.sol";
import {Receiver} from "./lib/Mocks.sol";
import {Plasma} from "../src/Plasma.sol";
import {PlasmaInFlightExits} from "../src/PlasmaInFlightExits.sol";
import {IPlasmaInFlightExits} from "../src/IPlasmaInFlightExits.sol";

/// @notice Processing and its interplay with standard exits and other in-flight exits (MOREVP
///         notes F1-F9, C4-C6, B1, B2), including the known attacks.
contract PlasmaInFlightProcessTest is InFlightTestBase {
    Utxo internal oA;

    function setUp() public override {
        super.setUp();
        oA = _ethUtxo(alice, 10 ether);
    }

    /// @dev alice's 10 ether deposit spent to bob (4) and back to alice (6), started.
    function _started() internal returns (InFlight memory f) {
        f = _inFlight(_one(oA), _outs2(bob, address(0), 4 ether, alice, address(0), 6 ether));
        _start(f);
    }

    // ------------------------------------------------------------ F1, B1

    /// @notice F1/B1: canonical: the piggybacked output is paid with its bond, every input is
    ///         marked paid by this exit, the input piggyback's bond is refunded; an output nobody
    ///         piggybacked stays free. F3: the tx never exits in flight again.
    function test_F1_canonical() public {
        InFlight memory f = _started();
        _piggyIn(f, 0);
        _piggyOut(f, 0);
        vm.warp(_exitableAt(f.id));
        uint256 aliceBefore = alice.balance;
        uint256 bobBefore = bob.balance;
        uint256 starterBefore = STARTER.balance;
        vm.expectEmit(address(plasma));
        emit IPlasmaInFlightExits.InFlightExitProcessed(f.id, address(0), true, 1 << 4, true);
        _processAll(address(0));
        vm.assertEq(bob.balance, bobBefore + 4 ether + PB_BOND);
        vm.assertEq(alice.balance, aliceBefore + PB_BOND, "B1: input bond refunded");
        vm.assertEq(STARTER.balance, starterBefore + IFE_BOND);
        vm.assertTrue(_isFinalized(f.id));
        vm.assertEq(_piggybacked(f.id), 0);
        vm.assertEq(ife.outputFinalizedBy(oA.pos), f.id);
        vm.assertEq(ife.outputFinalizedBy(_outputKey(f.txBytes, 0)), f.id);
        vm.assertEq(ife.outputFinalizedBy(_outputKey(f.txBytes, 1)), 0);
        vm.assertEq(plasma.exitQueueSize(address(0)), 0);
        // the input is spent for standard exits too
        vm.prank(alice);
        vm.expectRevert(Plasma.ExitAlreadyStarted.selector);
        plasma.startStandardExit{value: BOND}(oA.pos, oA.txBytes, oA.proof);
        // F3: no restart
        vm.prank(STARTER);
        vm.expectRevert(IPlasmaInFlightExits.InFlightExitAlreadyStarted.selector);
        ife.startInFlightExit{value: IFE_BOND}(f.txBytes, f.inputTxs, f.inputPos, f.proofs, f.sigs);
        // F4 (marker): once included, the paid output cannot exit again; the other one can
        (uint256 txPos, bytes memory proof) = _include(f.txBytes, 0);
        vm.prank(bob);
        vm.expectRevert(Plasma.ExitAlreadyStarted.selector);
        plasma.startStandardExit{value: BOND}(txPos, f.txBytes, proof);
        vm.prank(alice);
        plasma.startStandardExit{value: BOND}(txPos + 1, f.txBytes, proof);
    }

    /// @notice F1/B1: non-canonical: the piggybacked input is paid and marked, the output's
    ///         bond refunded; the challenger gets the exit bond (B2).
    function test_F1_nonCanonical() public {
        InFlight memory f = _started();
        _piggyIn(f, 0);
        _piggyOut(f, 0);
        _challengeInFlight(f, 0);
        vm.warp(_exitableAt(f.id));
        uint256 aliceBefore = alice.balance;
        uint256 bobBefore = bob.balance;
        vm.expectEmit(address(plasma));
        emit IPlasmaInFlightExits.InFlightExitProcessed(f.id, address(0), false, 1, true);
        _processAll(address(0));
        vm.assertEq(alice.balance, aliceBefore + 10 ether + PB_BOND);
        vm.assertEq(bob.balance, bobBefore + PB_BOND, "B1: output bond refunded");
        vm.assertEq(CHALLENGER.balance, 1 ether + IFE_BOND);
        vm.assertEq(ife.outputFinalizedBy(oA.pos), f.id);
        vm.assertEq(ife.outputFinalizedBy(_outputKey(f.txBytes, 0)), 0);
        vm.assertFalse(_canonical(f.id));
    }

    /// @notice B2: start -> challenger -> responder; the last is paid at finalization.
    function test_B2_bondOwnerTransitions() public {
        InFlight memory f = _started();
        (uint256 txPos, bytes memory proof) = _include(f.txBytes, 1);
        vm.assertEq(_bondOwner(f.id), STARTER);
        _piggyOut(f, 0);
        _challengeInFlight(f, 0);
        vm.assertEq(_bondOwner(f.id), CHALLENGER);
        vm.prank(RESPONDER);
        ife.respondToNonCanonicalChallenge(f.txBytes, txPos, proof, _senderData(RESPONDER));
        vm.assertEq(_bondOwner(f.id), RESPONDER);
        vm.warp(_exitableAt(f.id));
        _processAll(address(0));
        vm.assertEq(RESPONDER.balance, 1 ether + IFE_BOND);
        vm.assertEq(CHALLENGER.balance, 1 ether);
    }

    // ------------------------------------------------------------ standard exits (C6, F4)

    /// @notice C6/F4: a standard exit of the input, processed first, makes the exit
    ///         non-canonical: neither its output nor the (already paid) input is paid again.
    function test_C6_standardExitOfTheInputFirst() public {
        InFlight memory f = _started();
        vm.prank(alice);
        plasma.startStandardExit{value: BOND}(oA.pos, oA.txBytes, oA.proof);
        _piggyIn(f, 0);
        _piggyOut(f, 0);
        vm.warp(_exitableAt(f.id));
        uint256 aliceBefore = alice.balance;
        uint256 bobBefore = bob.balance;
        vm.expectEmit(address(plasma));
        emit IPlasmaInFlightExits.InFlightExitProcessed(f.id, address(0), false, 0, true);
        _processAll(address(0));
        vm.assertEq(alice.balance, aliceBefore + 10 ether + BOND + PB_BOND, "SE + bond refund");
        vm.assertEq(bob.balance, bobBefore + PB_BOND);
        vm.assertEq(ife.outputFinalizedBy(oA.pos), oA.pos, "paid by the standard exit");
    }

    /// @notice F4: the in-flight exit processed first kills a standard exit of its input (an
    ///         exit of a spent output): that exit's bond goes to the in-flight exit's bond owner,
    ///         as to a challenger.
    function test_F4_inFlightExitFirstKillsTheStandardExit() public {
        InFlight memory f = _started();
        _piggyOut(f, 0);
        vm.warp(block.timestamp + MEP + MEP / 2);
        vm.prank(alice);
        plasma.startStandardExit{value: BOND}(oA.pos, oA.txBytes, oA.proof);
        vm.warp(_exitableAt(f.id));
        uint256 bobBefore = bob.balance;
        uint256 starterBefore = STARTER.balance;
        plasma.processExits(address(0), f.id, 1);
        vm.assertEq(bob.balance, bobBefore + 4 ether + PB_BOND);
        vm.assertEq(STARTER.balance, starterBefore + IFE_BOND + BOND);
        vm.warp(block.timestamp + MEP);
        uint256 aliceBefore = alice.balance;
        plasma.processExits(address(0), oA.pos, 1);
        vm.assertEq(alice.balance, aliceBefore, "the standard exit of a spent input is not paid");
        vm.assertEq(plasma.exitQueueSize(address(0)), 0);
    }

    /// @notice F4: a challenged standard exit of the input does not block the exit.
    function test_F4_challengedStandardExitDoesNotBlock() public {
        InFlight memory f = _started();
        vm.prank(alice);
        plasma.startStandardExit{value: BOND}(oA.pos, oA.txBytes, oA.proof);
        plasma.challengeStandardExit(oA.pos, f.txBytes, 0, f.sigs[0], _senderData(address(this)));
        _piggyOut(f, 0);
        vm.warp(_exitableAt(f.id));
        uint256 bobBefore = bob.balance;
        _processAll(address(0));
        vm.assertEq(bob.balance, bobBefore + 4 ether + PB_BOND);
    }

    /// @notice F4 (marker): an output with an active standard exit (its tx included) is
    ///         piggybacked on its own tx's in-flight exit, which comes first: the in-flight exit
    ///         pays it (its priority is better) and supersedes the standard exit (bond refunded),
    ///         which then pays nothing: paid once.
    function test_F4_activeStandardExitOfTheOutputSuperseded() public {
        InFlight memory f = _started();
        (uint256 txPos, bytes memory proof) = _include(f.txBytes, 0);
        vm.prank(bob);
        plasma.startStandardExit{value: BOND}(txPos, f.txBytes, proof);
        _piggyOut(f, 0);
        vm.warp(_exitableAt(f.id) + MEP);
        uint256 bobBefore = bob.balance;
        vm.expectEmit(address(plasma));
        emit IPlasmaInFlightExits.InFlightExitProcessed(f.id, address(0), true, 1 << 4, true);
        _processAll(address(0));
        vm.assertEq(bob.balance, bobBefore + 4 ether + PB_BOND + BOND);
        vm.assertEq(ife.outputFinalizedBy(_outputKey(f.txBytes, 0)), f.id);
        vm.assertEq(ife.outputFinalizedBy(txPos), f.id);
        vm.assertEq(plasma.exitQueueSize(address(0)), 0);
    }

    /// @notice F4 (marker): the standard exit of the output paid first; the in-flight exit
    ///         does not pay it again (bond refunded).
    function test_F4_standardExitOfTheOutputPaidFirst() public {
        InFlight memory f = _inFlight(_one(oA), _outs1(bob, address(0), 10 ether));
        (uint256 txPos, bytes memory proof) = _include(f.txBytes, 0);
        vm.prank(bob);
        plasma.startStandardExit{value: BOND}(txPos, f.txBytes, proof);
        vm.warp(block.timestamp + MEP + MEP / 5);
        _start(f);
        _piggyOut(f, 0);
        vm.assertGt(_exitableAt(f.id), block.timestamp + MEP - 1);
        vm.warp(block.timestamp + MEP);
        uint256 bobBefore = bob.balance;
        plasma.processExits(address(0), txPos, 1);
        vm.assertEq(bob.balance, bobBefore + 10 ether + BOND);
        vm.warp(_exitableAt(f.id));
        vm.expectEmit(address(plasma));
        emit IPlasmaInFlightExits.InFlightExitProcessed(f.id, address(0), true, 0, true);
        plasma.processExits(address(0), f.id, 1);
        vm.assertEq(bob.balance, bobBefore + 10 ether + BOND + PB_BOND);
    }

    /// @notice F4 (marker): a challenged standard exit of the output (its owner spent it) also
    ///         keeps the in-flight exit from paying it.
    function test_F4_challengedStandardExitOfTheOutputNotPaid() public {
        InFlight memory f = _started();
        (uint256 txPos, bytes memory proof) = _include(f.txBytes, 0);
        vm.prank(bob);
        plasma.startStandardExit{value: BOND}(txPos, f.txBytes, proof);
        (bytes memory spend, bytes memory sig) =
            _signedTx(TxBuilder.one(txPos), _outs1(carol, address(0), 4 ether), BOB_KEY);
        plasma.challengeStandardExit(txPos, spend, 0, sig, _senderData(address(this)));
        _piggyOut(f, 0);
        vm.warp(_exitableAt(f.id));
        uint256 bobBefore = bob.balance;
        vm.expectEmit(address(plasma));
        emit IPlasmaInFlightExits.InFlightExitProcessed(f.id, address(0), true, 0, true);
        _processAll(address(0));
        vm.assertEq(bob.balance, bobBefore + PB_BOND);
    }

    /// @notice A non-canonical exit paying a piggybacked input supersedes its owner's active
    ///         standard exit of it (bond refunded): paid once.
    function test_F4_inputPaidInFlightSupersedesItsStandardExit() public {
        InFlight memory f = _started();
        _piggyIn(f, 0);
        _challengeInFlight(f, 0);
        vm.warp(block.timestamp + MEP + MEP / 2);
        vm.prank(alice);
        plasma.startStandardExit{value: BOND}(oA.pos, oA.txBytes, oA.proof);
        vm.warp(_exitableAt(f.id));
        uint256 aliceBefore = alice.balance;
        plasma.processExits(address(0), f.id, 1);
        vm.assertEq(alice.balance, aliceBefore + 10 ether + PB_BOND + BOND);
        vm.warp(block.timestamp + MEP);
        plasma.processExits(address(0), oA.pos, 1);
        vm.assertEq(alice.balance, aliceBefore + 10 ether + PB_BOND + BOND);
    }

    /// @notice An output of an included tx has two names, its position and its outputKey. Paid
    ///         by the in-flight exit of its tx (outputKey), it is not paid again as the input of
    ///         another in-flight exit (by position): the input's outputKey is checked too.
    function test_outputPaidInFlightThenSpentInFlight_paidOnce() public {
        InFlight memory t1 = _inFlight(_one(oA), _outs1(bob, address(0), 10 ether));
        (uint256 pos1, bytes memory proof1) = _include(t1.txBytes, 0);
        _start(t1);
        _piggyOut(t1, 0);
        vm.warp(_exitableAt(t1.id));
        _processAll(address(0));
        Utxo memory out1 = Utxo(pos1, t1.txBytes, proof1, bob, address(0), 10 ether);
        InFlight memory t2 = _inFlight(_one(out1), _outs1(dave, address(0), 10 ether));
        _start(t2);
        _piggyIn(t2, 0);
        _piggyOut(t2, 0);
        vm.warp(_exitableAt(t2.id));
        uint256 bobBefore = bob.balance;
        uint256 daveBefore = dave.balance;
        vm.expectEmit(address(plasma));
        emit IPlasmaInFlightExits.InFlightExitProcessed(t2.id, address(0), false, 0, true);
        _processAll(address(0));
        vm.assertEq(bob.balance, bobBefore + PB_BOND);
        vm.assertEq(dave.balance, daveBefore + PB_BOND);
    }

    /// @notice The same double name, the other order: the spending tx's exit is processed
    ///         first (canonical: it marks its input under both names); the first tx's exit does
    ///         not pay that output again.
    function test_outputSpentInFlightThenPaidInFlight_paidOnce() public {
        InFlight memory t1 = _inFlight(_one(oA), _outs1(bob, address(0), 10 ether));
        (uint256 pos1, bytes memory proof1) = _include(t1.txBytes, 0);
        Utxo memory out1 = Utxo(pos1, t1.txBytes, proof1, bob, address(0), 10 ether);
        InFlight memory t2 = _inFlight(_one(out1), _outs1(dave, address(0), 10 ether));
        vm.warp(block.timestamp + MEP);
        _start(t2);
        _piggyOut(t2, 0);
        vm.warp(block.timestamp + MEP / 4);
        _start(t1);
        _piggyOut(t1, 0);
        vm.assertLt(_exitableAt(t2.id), _exitableAt(t1.id));
        vm.warp(_exitableAt(t1.id));
        uint256 bobBefore = bob.balance;
        uint256 daveBefore = dave.balance;
        _processAll(address(0));
        vm.assertEq(dave.balance, daveBefore + 10 ether + PB_BOND);
        vm.assertEq(bob.balance, bobBefore + PB_BOND);
        vm.assertEq(ife.outputFinalizedBy(_outputKey(t1.txBytes, 0)), t2.id);
    }

    /// @notice A standard exit of a deposit needs no marker; of a transfer output, its marker
    ///         reads 0 until the exit is paid.
    function test_outputFinalizedBy_markerFollowsTheStandardExit() public {
        InFlight memory f = _inFlight(_one(oA), _outs1(bob, address(0), 10 ether));
        (uint256 txPos, bytes memory proof) = _include(f.txBytes, 0);
        vm.prank(bob);
        plasma.startStandardExit{value: BOND}(txPos, f.txBytes, proof);
        uint256 key = _outputKey(f.txBytes, 0);
        vm.assertEq(ife.outputFinalizedBy(key), 0);
        (bytes32 word) = vmx.load(address(plasma), keccak256(abi.encode(key, uint256(2))));
        vm.assertEq(uint256(word), txPos | 1 << 224, "marker: position, status Active");
        vm.warp(block.timestamp + 2 * MEP);
        _processAll(address(0));
        vm.assertEq(ife.outputFinalizedBy(key), txPos);
    }

    // ------------------------------------------------------------ attacks

    /// @notice C4 (thomalla heist): two double-spends of one input, both in a withheld block,
    ///         each challenged with the other in flight, both answered later with inclusion:
    ///         only one pays.
    function test_C4_thomallaHeist() public {
        (bytes memory tx1,) =
            _signedTx(TxBuilder.one(oA.pos), _outs1(bob, address(0), 10 ether), ALICE_KEY);
        (bytes memory tx2,) =
            _signedTx(TxBuilder.one(oA.pos), _outs1(carol, address(0), 10 ether), ALICE_KEY);
        bytes[] memory txs = new bytes[](2);
        txs[0] = tx1;
        txs[1] = tx2;
        uint256 blknum = _submit(txs);
        InFlight memory f1 = _inFlight(_one(oA), _outs1(bob, address(0), 10 ether));
        InFlight memory f2 = _inFlight(_one(oA), _outs1(carol, address(0), 10 ether));
        _start(f1);
        _start(f2);
        _piggyOut(f1, 0);
        _piggyOut(f2, 0);
        ife.challengeInFlightExitNotCanonical(
            f1.txBytes, 0, f2.txBytes, 0, 0, "", f2.sigs[0], _senderData(address(this))
        );
        ife.challengeInFlightExitNotCanonical(
            f2.txBytes, 0, f1.txBytes, 0, 0, "", f1.sigs[0], _senderData(address(this))
        );
        vm.warp(block.timestamp + MEP);
        ife.respondToNonCanonicalChallenge(
            f1.txBytes, blknum * 1e6, _proof(txs, 0), _senderData(address(this))
        );
        ife.respondToNonCanonicalChallenge(
            f2.txBytes, blknum * 1e6 + 10, _proof(txs, 1), _senderData(address(this))
        );
        vm.assertTrue(_canonical(f1.id) && _canonical(f2.id));
        vm.warp(_exitableAt(f1.id) + 1);
        uint256 bobBefore = bob.balance;
        uint256 carolBefore = carol.balance;
        _processAll(address(0));
        uint256 paid = bob.balance - bobBefore + carol.balance - carolBefore;
        vm.assertEq(paid, 10 ether + 2 * PB_BOND, "one output paid, the other bond refunded");
        vm.assertTrue(_isFinalized(f1.id) && _isFinalized(f2.id));
        vm.assertFalse(_canonical(f1.id) && _canonical(f2.id));
    }

    /// @notice C5 (cross-competing exits): alice and bob sign tx1 (oA, oB); bob double-spends
    ///         oB in an included tx2, whose exit is made canonical and processed first. tx1's
    ///         exit is non-canonical, not skipped: alice gets oA back.
    function test_C5_crossCompetingExits() public {
        Utxo memory oB = _ethUtxo(bob, 5 ether); // younger than oA
        InFlight memory f1 = _inFlight(_two(oA, oB), _outs1(carol, address(0), 15 ether));
        InFlight memory f2 = _inFlight(_one(oB), _outs1(bob, address(0), 5 ether));
        (uint256 pos2, bytes memory proof2) = _include(f2.txBytes, 0);
        _start(f1);
        _start(f2);
        ife.challengeInFlightExitNotCanonical(
            f2.txBytes, 0, f1.txBytes, 1, 0, "", f1.sigs[1], _senderData(address(this))
        );
        ife.respondToNonCanonicalChallenge(f2.txBytes, pos2, proof2, _senderData(address(this)));
        ife.challengeInFlightExitNotCanonical(
            f1.txBytes, 1, f2.txBytes, 0, pos2, proof2, f2.sigs[0], _senderData(address(this))
        );
        _piggyIn(f1, 0);
        _piggyOut(f1, 0);
        _piggyOut(f2, 0);
        vm.warp(_exitableAt(f1.id));
        uint256 aliceBefore = alice.balance;
        uint256 bobBefore = bob.balance;
        uint256 carolBefore = carol.balance;
        _processAll(address(0));
        vm.assertEq(bob.balance, bobBefore + 5 ether + PB_BOND);
        vm.assertEq(alice.balance, aliceBefore + 10 ether + PB_BOND, "oA is not locked");
        vm.assertEq(carol.balance, carolBefore + PB_BOND);
        vm.assertEq(ife.outputFinalizedBy(oB.pos), f2.id);
        vm.assertEq(ife.outputFinalizedBy(oA.pos), f1.id);
    }

    /// @notice F2 (swap): alice's token and carol's ETH pay each other; carol also signs a
    ///         steal of her ETH input back to herself; nobody challenges. ETH queue first.
    function test_F2_swapEthQueueFirst() public {
        (InFlight memory swap, InFlight memory steal) = _swapAndSteal();
        _processAll(address(0));
        _processAll(address(token));
        _assertSwapAtomic(swap, steal);
    }

    /// @notice F2: the same, token queue first.
    function test_F2_swapTokenQueueFirst() public {
        (InFlight memory swap, InFlight memory steal) = _swapAndSteal();
        _processAll(address(token));
        _processAll(address(0));
        _assertSwapAtomic(swap, steal);
    }

    function _swapAndSteal() internal returns (InFlight memory swap, InFlight memory steal) {
        Utxo memory aTok = _tokenUtxo(alice, 100);
        Utxo memory cEth = _ethUtxo(carol, 10 ether);
        swap = _inFlight(
            _two(aTok, cEth), _outs2(alice, address(0), 10 ether, carol, address(token), 100)
        );
        steal = _inFlight(_one(cEth), _outs1(carol, address(0), 10 ether));
        _start(swap);
        _start(steal);
        _piggyIn(swap, 0);
        _piggyOut(swap, 0);
        _piggyOut(swap, 1);
        _piggyOut(steal, 0);
        vm.warp(_exitableAt(swap.id) + 1);
        vm.deal(alice, 0);
        vm.deal(carol, 0);
    }

    /// @dev Either the swap happened (alice has the ETH, carol the token) or it did not (alice
    ///      has her token back, carol her ETH): never carol with both.
    function _assertSwapAtomic(InFlight memory swap, InFlight memory steal) internal view {
        uint256 aliceEth = alice.balance - PB_BOND * 2; // both of alice's bonds come back
        uint256 carolEth = carol.balance - PB_BOND * 2;
        vm.assertTrue(_isFinalized(swap.id) && _isFinalized(steal.id));
        vm.assertEq(aliceEth + carolEth, 10 ether, "the ETH input is paid once");
        vm.assertEq(token.balanceOf(alice) + token.balanceOf(carol), 100, "the token once");
        if (token.balanceOf(carol) == 100) vm.assertEq(aliceEth, 10 ether, "swap executed");
        else vm.assertEq(carolEth, 10 ether, "swap not executed");
    }

    /// @notice A response between two tokens' passes would let a swap's owner be paid her input
    ///         by a non-canonical pass and the other's output by a canonical one: once processing
    ///         began, no response (CanonicityFixed).
    function test_canonicityFixedAfterTheFirstPass() public {
        Utxo memory bTok = _tokenUtxo(bob, 500);
        InFlight memory f = _inFlight(
            _two(oA, bTok), _outs2(bob, address(0), 10 ether, alice, address(token), 500)
        );
        (uint256 txPos, bytes memory proof) = _include(f.txBytes, 0);
        _start(f);
        _piggyIn(f, 0);
        _piggyOut(f, 1);
        vm.prank(bob);
        ife.piggybackInFlightExitOnInput{value: PB_BOND}(f.txBytes, 1);
        _piggyOut(f, 0);
        _challengeInFlight(f, 0); // alice's own double-spend
        vm.warp(_exitableAt(f.id));
        uint256 aliceBefore = alice.balance;
        _processAll(address(0));
        vm.assertEq(alice.balance, aliceBefore + 10 ether + PB_BOND);
        vm.expectRevert(IPlasmaInFlightExits.CanonicityFixed.selector);
        ife.respondToNonCanonicalChallenge(f.txBytes, txPos, proof, _senderData(address(this)));
        _processAll(address(token));
        vm.assertEq(token.balanceOf(alice), 0);
        vm.assertEq(token.balanceOf(bob), 500);
    }

    // ------------------------------------------------------------ F6, F8

    /// @notice F6: each token's pass handles only its piggybacks; when none is left the exit
    ///         finalizes and its other entry is skipped.
    function test_F6_partialProcessingAndStaleEntry() public {
        Utxo memory bTok = _tokenUtxo(bob, 500);
        InFlight memory f = _inFlight(
            _two(oA, bTok), _outs2(bob, address(0), 10 ether, alice, address(token), 500)
        );
        (uint256 txPos, bytes memory proof) = _include(f.txBytes, 0);
        _start(f);
        _piggyOut(f, 0);
        _piggyOut(f, 1);
        (bytes memory spend, bytes memory sig) =
            _signedTx(TxBuilder.one(txPos + 1), _outs1(carol, address(token), 500), ALICE_KEY);
        ife.challengeInFlightExitOutputSpent(
            f.txBytes, txPos, proof, 1, spend, 0, sig, _senderData(address(this))
        );
        vm.warp(_exitableAt(f.id));
        vm.expectEmit(address(plasma));
        emit IPlasmaInFlightExits.InFlightExitProcessed(f.id, address(0), true, 1 << 4, true);
        _processAll(address(0));
        vm.recordLogs();
        _processAll(address(token));
        vm.assertEq(vm.getRecordedLogs().length, 0, "the stale entry is skipped");
        vm.assertEq(plasma.exitQueueSize(address(token)), 0);
        vm.assertEq(token.balanceOf(alice), 0);
    }

    // ------------------------------------------------------------ F9

    /// @notice F9: a payee that reverts is credited; the queue goes on.
    function test_F9_revertingPayeeCredited() public {
        Receiver r = new Receiver();
        InFlight memory f = _inFlight(_one(oA), _outs1(address(r), address(0), 10 ether));
        _start(f);
        vm.deal(address(this), PB_BOND);
        r.call{value: PB_BOND}(
            address(plasma),
            abi.encodeCall(IPlasmaInFlightExits.piggybackInFlightExitOnOutput, (f.txBytes, 0))
        );
        Utxo memory later = _ethUtxo(bob, 1 ether);
        vm.prank(bob);
        plasma.startStandardExit{value: BOND}(later.pos, later.txBytes, later.proof);
        vm.warp(_exitableAt(f.id));
        _processAll(address(0));
        vm.assertEq(plasma.withdrawable(address(r), address(0)), 10 ether + PB_BOND);
        vm.assertEq(plasma.exitQueueSize(address(0)), 0);
        vm.assertTrue(_isFinalized(f.id));
    }

    /// @notice An output piggyback whose amount no unreserved balance backs (the exit's input a
    ///         byzantine operator minted) is neither paid nor credited: only its bond comes back,
    ///         so it is no claim on ETH deposited later, which a later exit takes in full.
    function test_F9_unbackedPayoutDroppedNotCredited() public {
        bytes memory minted = TxBuilder.transferTx(
            TxBuilder.one(TxBuilder.pos(8_000_000, 0, 0)), _outs1(carol, address(0), 1000 ether)
        );
        (uint256 mintedPos, bytes memory proof) = _include(minted, 0);
        Utxo memory u = Utxo(mintedPos, minted, proof, carol, address(0), 1000 ether);
        InFlight memory f = _inFlight(_one(u), _outs1(bob, address(0), 1000 ether));
        _start(f);
        _piggyOut(f, 0);
        vm.warp(_exitableAt(f.id));
        uint256 bobBefore = bob.balance;
        _processAll(address(0));
        vm.assertTrue(_isFinalized(f.id));
        vm.assertEq(bob.balance, bobBefore + PB_BOND, "only the piggyback bond back");
        vm.assertEq(plasma.withdrawable(bob, address(0)), 0, "unbacked amount not credited");

        Utxo memory later = _ethUtxo(dave, 1 ether);
        vm.prank(bob);
        vm.expectRevert(Plasma.NothingToWithdraw.selector);
        plasma.withdraw(address(0), 1 ether);
        vm.prank(dave);
        plasma.startStandardExit{value: BOND}(later.pos, later.txBytes, later.proof);
        vm.warp(block.timestamp + MEP);
        uint256 daveBefore = dave.balance;
        _processAll(address(0));
        vm.assertEq(dave.balance, daveBefore + 1 ether + BOND, "the later depositor paid in full");
    }

    /// @notice F9: a payee re-entering cannot reach the process function nor processExits.
    function test_F9_reentryIntoProcess() public {
        Receiver r = new Receiver();
        r.setAccept(true);
        InFlight memory f = _inFlight(_one(oA), _outs1(address(r), address(0), 10 ether));
        _start(f);
        vm.deal(address(this), PB_BOND);
        r.call{value: PB_BOND}(
            address(plasma),
            abi.encodeCall(IPlasmaInFlightExits.piggybackInFlightExitOnOutput, (f.txBytes, 0))
        );
        r.setReentry(
            address(plasma),
            abi.encodeCall(PlasmaInFlightExits.processInFlightExit, (f.id, address(0)))
        );
        vm.warp(_exitableAt(f.id));
        _processAll(address(0));
        vm.assertEq(
            r.lastError(), abi.encodeWithSelector(PlasmaInFlightExits.OnlyProcessExits.selector)
        );
        vm.assertEq(address(r).balance, 10 ether + PB_BOND, "paid once");
    }

    function test_F9_reentryIntoProcessExits() public {
        Receiver r = new Receiver();
        r.setAccept(true);
        InFlight memory f = _inFlight(_one(oA), _outs1(address(r), address(0), 10 ether));
        _start(f);
        vm.deal(address(this), PB_BOND);
        r.call{value: PB_BOND}(
            address(plasma),
            abi.encodeCall(IPlasmaInFlightExits.piggybackInFlightExitOnOutput, (f.txBytes, 0))
        );
        r.setReentry(address(plasma), abi.encodeCall(Plasma.processExits, (address(0), 0, 1)));
        vm.warp(_exitableAt(f.id));
        _processAll(address(0));
        vm.assertEq(r.lastError(), abi.encodeWithSelector(Plasma.Reentrancy.selector));
    }

    /// @notice F9: every in-flight exit entry point shares Plasma's lock: a payee re-entering
    ///         one during processing is refused.
    function test_F9_reentryIntoAnInFlightExitFunction() public {
        Receiver r = new Receiver();
        r.setAccept(true);
        InFlight memory f = _inFlight(_one(oA), _outs1(address(r), address(0), 10 ether));
        _start(f);
        vm.deal(address(this), PB_BOND);
        r.call{value: PB_BOND}(
            address(plasma),
            abi.encodeCall(IPlasmaInFlightExits.piggybackInFlightExitOnOutput, (f.txBytes, 0))
        );
        r.setReentry(
            address(plasma),
            abi.encodeCall(IPlasmaInFlightExits.deleteNonPiggybackedInFlightExit, (f.id))
        );
        vm.warp(_exitableAt(f.id));
        _processAll(address(0));
        vm.assertEq(r.lastError(), abi.encodeWithSelector(Plasma.Reentrancy.selector));
    }

    /// @notice F9: only processExits reaches the process function.
    function test_F9_outsiderCannotProcess() public {
        InFlight memory f = _started();
        _piggyOut(f, 0);
        vm.warp(_exitableAt(f.id));
        vm.expectRevert(PlasmaInFlightExits.OnlyProcessExits.selector);
        PlasmaInFlightExits(address(plasma)).processInFlightExit(f.id, address(0));
        vm.assertTrue(_isActive(f.id));
    }

    /// @notice F9: processExits reverts rather than under-fund a payout of an in-flight exit.
    function test_F9_insufficientGasReverts() public {
        InFlight memory f = _started();
        _piggyOut(f, 0);
        vm.warp(_exitableAt(f.id));
        vm.expectRevert(Plasma.InsufficientGasForPayout.selector);
        plasma.processExits{gas: 120_000}(address(0), 0, 1);
        vm.assertTrue(_isActive(f.id));
        vm.assertEq(plasma.exitQueueSize(address(0)), 1);
    }
}
