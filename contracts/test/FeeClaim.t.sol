// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {TxBuilder} from "./lib/TxBuilder.sol";
import {InFlightTestBase} from "./lib/InFlightBase.sol";
import {Plasma} from "../src/Plasma.sol";
import {IPlasmaInFlightExits} from "../src/IPlasmaInFlightExits.sol";
import {PaymentTx} from "../src/lib/PaymentTx.sol";

/// @notice Fee claims on L1 (issue 15, docs/spec.md "Fee-claim transaction"): a claim's output
///         (txType 3, one output of outputType 2, oindex 0 of a child-block tx) exits, is
///         challenged and is an in-flight exit's input like any child-block output; a claim itself
///         never exits in flight nor stands in a deposit block; malformed claims and claim outputs
///         in payments are refused by name.
contract FeeClaimTest is InFlightTestBase {
    uint256 internal constant FEE = 0.1 ether;

    Utxo internal oA;
    /// @dev carol's claim of the fee alice's payment left in block `claimBlk` (tx index 1).
    Utxo internal claimOut;
    uint256 internal claimBlk;

    function setUp() public override {
        super.setUp();
        oA = _ethUtxo(alice, 10 ether);
        bytes[] memory txs = new bytes[](2);
        txs[0] =
            TxBuilder.transferTx(TxBuilder.one(oA.pos), _outs1(bob, address(0), 10 ether - FEE));
        claimBlk = plasma.nextChildBlock();
        txs[1] = TxBuilder.feeClaim(claimBlk, carol, address(0), FEE);
        _submit(txs);
        claimOut = Utxo(claimBlk * 1e6 + 10, txs[1], _proof(txs, 1), carol, address(0), FEE);
    }

    /// @dev Includes the raw `txBytes` (anything a byzantine operator commits) alone in a new
    ///      child block; returns its tx position and proof.
    function _commitRaw(bytes memory txBytes) internal returns (uint256 txPos, bytes memory proof) {
        return _include(txBytes, 0);
    }

    function _startExit(address who, Utxo memory u) internal {
        vm.prank(who);
        plasma.startStandardExit{value: BOND}(u.pos, u.txBytes, u.proof);
    }

    // ------------------------------------------------------------ standard exits

    /// @notice The claimer exits the claim output like any child-block output (the child-block
    ///         maturity, never the deposit shortcut) and is paid amount + bond.
    function test_startStandardExit_ofAClaimOutput_paysTheClaimer() public {
        vm.warp(block.timestamp + 1 hours);
        _startExit(carol, claimOut);
        (address owner, address tok, uint256 amount,, uint256 exitableAt, Plasma.ExitStatus st) =
            plasma.exits(claimOut.pos);
        vm.assertEq(owner, carol);
        vm.assertEq(tok, address(0));
        vm.assertEq(amount, FEE);
        vm.assertTrue(st == Plasma.ExitStatus.Active);
        vm.assertEq(exitableAt, block.timestamp - 1 hours + 2 * MEP, "child-block maturity");
        uint256 before = carol.balance;
        vm.warp(exitableAt);
        plasma.processExits(address(0), claimOut.pos, 1);
        vm.assertEq(carol.balance, before + FEE + BOND);
        vm.assertEq(ife.outputFinalizedBy(claimOut.pos), claimOut.pos);
    }

    /// @notice Only the claimer exits it, only at oindex 0, only once.
    function test_startStandardExit_ofAClaimOutput_rules() public {
        vm.prank(bob);
        vm.expectRevert(Plasma.NotOutputOwner.selector);
        plasma.startStandardExit{value: BOND}(claimOut.pos, claimOut.txBytes, claimOut.proof);
        vm.prank(carol);
        vm.expectRevert(Plasma.OutputNotFound.selector);
        plasma.startStandardExit{value: BOND}(claimOut.pos + 1, claimOut.txBytes, claimOut.proof);
        _startExit(carol, claimOut);
        vm.prank(carol);
        vm.expectRevert(Plasma.ExitAlreadyStarted.selector);
        plasma.startStandardExit{value: BOND}(claimOut.pos, claimOut.txBytes, claimOut.proof);
    }

    /// @notice A claim output spent by a payment the claimer signed: its exit is challenged.
    ///         A spend signed by anyone else is not a challenge.
    function test_challengeStandardExit_ofAClaimOutput_byTheClaimersSpend() public {
        _startExit(carol, claimOut);
        (bytes memory forged, bytes memory forgedSig) =
            _signedTx(TxBuilder.one(claimOut.pos), _outs1(dave, address(0), FEE), ALICE_KEY);
        vm.prank(CHALLENGER);
        vm.expectRevert(Plasma.SignerNotExitOwner.selector);
        plasma.challengeStandardExit(claimOut.pos, forged, 0, forgedSig, _senderData(CHALLENGER));
        (bytes memory spend, bytes memory sig) =
            _signedTx(TxBuilder.one(claimOut.pos), _outs1(dave, address(0), FEE), CAROL_KEY);
        uint256 before = CHALLENGER.balance;
        vm.prank(CHALLENGER);
        plasma.challengeStandardExit(claimOut.pos, spend, 0, sig, _senderData(CHALLENGER));
        vm.assertTrue(_status(claimOut.pos) == Plasma.ExitStatus.Challenged);
        vm.assertEq(CHALLENGER.balance, before + BOND);
    }

    /// @notice A claim is never a spending tx: it has no inputs.
    function test_challengeStandardExit_withAClaim_reverts() public {
        uint256 pos = _exitDeposit(alice, 1 ether);
        vm.expectRevert(Plasma.InputNotFound.selector);
        plasma.challengeStandardExit(
            pos, claimOut.txBytes, 0, new bytes(65), _senderData(address(this))
        );
    }

    // ------------------------------------------------------------ deposits

    /// @notice A claim cannot be a deposit, so no deposit block holds one: `deposit` and
    ///         `depositFrom` refuse it (InvalidDepositTx) and create no block.
    function test_deposit_ofAFeeClaim_reverts() public {
        uint256 next = plasma.nextDepositBlock();
        bytes memory claim = TxBuilder.feeClaim(1, alice, address(0), 1 ether);
        vm.prank(alice);
        vm.expectRevert(Plasma.InvalidDepositTx.selector);
        plasma.deposit{value: 1 ether}(claim);
        // even with a zero nonce (a deposit's metadata)
        claim = TxBuilder.encodeTyped(
            3, new uint256[](0), 2, _outs1(alice, address(0), 1 ether), bytes32(0)
        );
        vm.prank(alice);
        vm.expectRevert(Plasma.InvalidDepositTx.selector);
        plasma.deposit{value: 1 ether}(claim);
        bytes memory tokenClaim = TxBuilder.feeClaim(1, address(this), address(token), 5);
        token.mint(address(this), 5);
        token.approve(address(plasma), 5);
        vm.expectRevert(Plasma.InvalidDepositTx.selector);
        plasma.depositFrom(tokenClaim);
        vm.assertEq(plasma.nextDepositBlock(), next);
    }

    // ------------------------------------------------------------ in-flight exits

    /// @notice A claim output is an in-flight exit's input like any other: the exit starts
    ///         (the claim proven at its position, the claimer's witness), its input is the
    ///         claim's output, and the input piggyback is challenged by another spend of it.
    function test_claimOutput_asAnInFlightInput() public {
        InFlight memory f = _inFlight(_one(claimOut), _outs1(dave, address(0), FEE));
        _start(f);
        (uint256 pos, address owner, address tok, uint256 amount) = ife.inFlightExitInput(f.id, 0);
        vm.assertEq(pos, claimOut.pos);
        vm.assertEq(owner, carol);
        vm.assertEq(tok, address(0));
        vm.assertEq(amount, FEE);
        _piggyIn(f, 0);
        (bytes memory spend, bytes memory sig) =
            _signedTx(TxBuilder.one(claimOut.pos), _outs1(carol, address(0), FEE), CAROL_KEY);
        vm.prank(CHALLENGER);
        ife.challengeInFlightExitInputSpent(f.txBytes, 0, spend, 0, sig, _senderData(CHALLENGER));
        vm.assertEq(_piggybacked(f.id), 0);
        // and the same spend is a competitor of the exit
        vm.prank(CHALLENGER);
        ife.challengeInFlightExitNotCanonical(
            f.txBytes, 0, spend, 0, 0, "", sig, _senderData(CHALLENGER)
        );
        vm.assertFalse(_canonical(f.id));
    }

    /// @notice An in-flight exit's witness for a claim input must be the claimer's.
    function test_claimOutput_asAnInFlightInput_needsTheClaimersWitness() public {
        InFlight memory f = _inFlight(_one(claimOut), _outs1(dave, address(0), FEE));
        f.sigs[0] = _sign(ALICE_KEY, f.ins, f.outs);
        _expectStartReverts(f, IPlasmaInFlightExits.WitnessNotInputOwner.selector);
    }

    /// @notice A claim itself never exits in flight (txType must be 1); nor is it an output
    ///         spent challenge's spend (no inputs).
    function test_startInFlightExit_ofAClaim_reverts() public {
        InFlight memory claim; // the claim, no input arrays (it has no inputs)
        claim.txBytes = claimOut.txBytes;
        _expectStartReverts(claim, IPlasmaInFlightExits.FeeClaimCannotExitInFlight.selector);
    }

    // ------------------------------------------------------------ malformed claims

    /// @notice What a byzantine operator may commit but nobody can exit: a claim with inputs, a
    ///         claim with two outputs, a claim whose output is of type 1, a payment with an
    ///         output of type 2. Each is refused by name as an exit's tx and as an in-flight
    ///         input tx.
    function test_malformedClaims_neverExit() public {
        TxBuilder.Out[] memory two = _outs2(carol, address(0), 1, carol, address(0), 1);
        bytes32 nonce = TxBuilder.feeClaimNonce(9000, address(0));
        _expectUnexitable(
            TxBuilder.encodeTyped(3, TxBuilder.one(oA.pos), 2, _outs1(carol, address(0), 1), nonce),
            PaymentTx.MalformedFeeClaim.selector
        );
        _expectUnexitable(
            TxBuilder.encodeTyped(3, new uint256[](0), 2, two, nonce),
            PaymentTx.MalformedFeeClaim.selector
        );
        _expectUnexitable(
            TxBuilder.encodeTyped(3, new uint256[](0), 1, _outs1(carol, address(0), 1), nonce),
            PaymentTx.WrongOutputType.selector
        );
        _expectUnexitable(
            TxBuilder.encodeTyped(1, TxBuilder.one(oA.pos), 2, _outs1(carol, address(0), 1), 0),
            PaymentTx.WrongOutputType.selector
        );
    }

    function _expectUnexitable(bytes memory txBytes, bytes4 err) internal {
        (uint256 txPos, bytes memory proof) = _commitRaw(txBytes);
        vm.prank(carol);
        vm.expectRevert(err);
        plasma.startStandardExit{value: BOND}(txPos, txBytes, proof);
        Utxo memory u = Utxo(txPos, txBytes, proof, carol, address(0), 1);
        _expectStartReverts(_inFlight(_one(u), _outs1(dave, address(0), 1)), err);
    }

    /// @notice Attack: a payment that mints an output of type 2 (a "claim output" made by a
    ///         transfer) is not a tx at all, so it exits neither as itself in flight nor by a
    ///         standard exit, and a spend of such an output challenges nothing.
    function test_attack_paymentWithAClaimOutput_isNoTx() public {
        bytes memory bad = TxBuilder.encodeTyped(
            1, TxBuilder.one(oA.pos), 2, _outs1(alice, address(0), 10 ether), 0
        );
        bytes[] memory inputTxs = new bytes[](1);
        inputTxs[0] = oA.txBytes;
        bytes[] memory proofs = new bytes[](1);
        proofs[0] = oA.proof;
        bytes[] memory sigs = new bytes[](1);
        sigs[0] = new bytes(65);
        vm.prank(alice);
        vm.expectRevert(PaymentTx.WrongOutputType.selector);
        ife.startInFlightExit{value: IFE_BOND}(bad, inputTxs, TxBuilder.one(oA.pos), proofs, sigs);
        uint256 pos = _exitDeposit(alice, 1 ether);
        bytes memory badSpend =
            TxBuilder.encodeTyped(1, TxBuilder.one(pos), 2, _outs1(bob, address(0), 1), 0);
        vm.expectRevert(PaymentTx.WrongOutputType.selector);
        plasma.challengeStandardExit(pos, badSpend, 0, new bytes(65), _senderData(address(this)));
    }

    /// @notice Attack: carol exits her claim output twice, by a standard exit and as the
    ///         piggybacked input of an in-flight spend of it that she makes non-canonical with a
    ///         second spend. Whichever is processed first pays; she nets the fee once.
    function testFuzz_attack_claimExitedByStandardAndInFlightExit_paysOnce(bool standardFirst)
        public
    {
        uint256 t0 = block.timestamp;
        uint256 carol0 = carol.balance;
        uint256 plasma0 = address(plasma).balance;
        InFlight memory f = _inFlight(_one(claimOut), _outs1(dave, address(0), FEE));
        if (standardFirst) _startExit(carol, claimOut);
        _start(f);
        _piggyIn(f, 0);
        (bytes memory spend, bytes memory sig) =
            _signedTx(TxBuilder.one(claimOut.pos), _outs1(carol, address(0), FEE), CAROL_KEY);
        vm.prank(carol);
        ife.challengeInFlightExitNotCanonical(
            f.txBytes, 0, spend, 0, 0, "", sig, _senderData(carol)
        );
        if (!standardFirst) {
            vm.warp(_exitableAt(f.id) + 1); // the standard exit now matures after the IFE
            _startExit(carol, claimOut);
        }
        vm.warp(t0 + 4 * MEP);
        _processAll(address(0));
        vm.assertEq(
            ife.outputFinalizedBy(claimOut.pos), standardFirst ? claimOut.pos : f.id, "first wins"
        );
        // carol: + the fee once, every bond of hers back, + the exit bond as its bond owner
        vm.assertEq(carol.balance, carol0 + FEE + IFE_BOND, "the fee paid once");
        vm.assertEq(address(plasma).balance, plasma0 - FEE, "only the fee left the contract");
    }
}
