// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {TxBuilder} from "./lib/TxBuilder.sol";
import {InFlightTestBase} from "./lib/InFlightBase.sol";
import {Plasma} from "../src/Plasma.sol";
import {IPlasmaInFlightExits} from "../src/IPlasmaInFlightExits.sol";

/// @notice What L1 still pays of an output whose standard exit was challenged with a spend no
///         block holds: the operator releases its lock then (node `ExitChallenges`), asking L1
///         only for payouts (`outputFinalizedBy` of its position) and active in-flight exits
///         spending it, not for a piggyback of it in the in-flight exit of the tx that made it.
///         These pin the contract's side of that: the challenge also ends the output's piggyback
///         (the standard exit's marker at its outputKey), while an in-flight exit spending it
///         may still pay it back, and then marks its position.
contract ChallengedExitInFlightTest is InFlightTestBase {
    Utxo internal oA;

    function setUp() public override {
        super.setUp();
        oA = _ethUtxo(alice, 10 ether);
    }

    /// @notice The attack: bob exits his output of an included in-flight tx both ways (standard
    ///         exit, then a piggyback on the tx's in-flight exit), has the standard exit
    ///         challenged with a spend he signed and never sent (the operator releases the
    ///         output, and he spends it on the child chain), and waits for the in-flight exit to
    ///         pay the piggyback. It pays nothing (the piggyback bond is refunded) and nothing on
    ///         L1 reads paid, so the release is right; the output never exits again.
    function test_outputPiggybackedBeforeItsStandardExitIsChallenged_isNotPaidInFlight() public {
        InFlight memory f =
            _inFlight(_one(oA), _outs2(bob, address(0), 4 ether, alice, address(0), 6 ether));
        (uint256 txPos, bytes memory proof) = _include(f.txBytes, 0);
        vm.prank(bob);
        plasma.startStandardExit{value: BOND}(txPos, f.txBytes, proof);
        _start(f);
        _piggyOut(f, 0);
        _challengeWithUnsentSpend(txPos);

        vm.warp(_exitableAt(f.id) + 2 * MEP);
        uint256 bobBefore = bob.balance;
        vm.expectEmit(address(plasma));
        emit IPlasmaInFlightExits.InFlightExitProcessed(f.id, address(0), true, 0, true);
        _processAll(address(0));

        vm.assertEq(bob.balance, bobBefore + PB_BOND, "only the piggyback bond back");
        vm.assertEq(ife.outputFinalizedBy(txPos), 0);
        vm.assertEq(ife.outputFinalizedBy(_outputKey(f.txBytes, 0)), 0);
        vm.assertEq(plasma.exitQueueSize(address(0)), 0);
        vm.prank(bob);
        vm.expectRevert(Plasma.ExitWasChallenged.selector);
        plasma.startStandardExit{value: BOND}(txPos, f.txBytes, proof);
    }

    /// @notice The other side: alice's output is an input of an in-flight tx. Her standard exit
    ///         of it is challenged with that very tx (she signed it), yet the tx's in-flight
    ///         exit, shown non-canonical, still pays her input piggyback: L1 pays the output
    ///         after the challenge. So the operator keeps the lock while an in-flight exit
    ///         spending it is active, and afterwards reads the payout on the position, which the
    ///         in-flight exit marks.
    function test_inputOfAnInFlightTx_isPaidAfterItsStandardExitWasChallenged_andMarked() public {
        InFlight memory f = _inFlight(_one(oA), _outs1(bob, address(0), 10 ether));
        vm.prank(alice);
        plasma.startStandardExit{value: BOND}(oA.pos, oA.txBytes, oA.proof);
        _start(f);
        _piggyIn(f, 0);
        plasma.challengeStandardExit(oA.pos, f.txBytes, 0, f.sigs[0], _senderData(address(this)));
        (,,,,, Plasma.ExitStatus status) = plasma.exits(oA.pos);
        vm.assertEq(uint8(status), uint8(Plasma.ExitStatus.Challenged));
        _challengeInFlight(f, 0);

        vm.warp(_exitableAt(f.id) + MEP);
        uint256 aliceBefore = alice.balance;
        _processAll(address(0));

        vm.assertEq(alice.balance, aliceBefore + 10 ether + PB_BOND, "paid after the challenge");
        vm.assertEq(ife.outputFinalizedBy(oA.pos), f.id, "the payout the operator reads");
    }

    /// @dev Challenges the standard exit of `pos` (bob's) with a spend of it bob signed.
    function _challengeWithUnsentSpend(uint256 pos) internal {
        (bytes memory spend, bytes memory sig) =
            _signedTx(TxBuilder.one(pos), _outs1(carol, address(0), 4 ether), BOB_KEY);
        plasma.challengeStandardExit(pos, spend, 0, sig, _senderData(address(this)));
    }
}
