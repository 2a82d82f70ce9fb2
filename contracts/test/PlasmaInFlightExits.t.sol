// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {TxBuilder, Rlp} from "./lib/TxBuilder.sol";
import {InFlightTestBase} from "./lib/InFlightBase.sol";
import {Plasma} from "../src/Plasma.sol";
import {PlasmaInFlightExits} from "../src/PlasmaInFlightExits.sol";
import {IPlasmaInFlightExits} from "../src/IPlasmaInFlightExits.sol";
import {PaymentTx} from "../src/lib/PaymentTx.sol";
import {RLPReader} from "../src/lib/RLPReader.sol";

/// @notice startInFlightExit, the piggybacks, deletion and the views: each rule (MOREVP notes
///         S1-S9, P1-P3, B3) and each rejection.
contract PlasmaInFlightStartTest is InFlightTestBase {
    Utxo internal oA;

    function setUp() public override {
        super.setUp();
        oA = _ethUtxo(alice, 10 ether);
    }

    /// @dev alice's 10 ether deposit spent to bob (4) and back to alice (6).
    function _tx1() internal view returns (InFlight memory) {
        return _inFlight(_one(oA), _outs2(bob, address(0), 4 ether, alice, address(0), 6 ether));
    }

    // ------------------------------------------------------------ start

    function test_start_storesTheExit() public {
        InFlight memory f = _tx1();
        vm.expectEmit(address(plasma));
        emit IPlasmaInFlightExits.InFlightExitStarted(
            f.id, STARTER, keccak256(f.txBytes), oA.pos, f.txBytes, f.sigs[0]
        );
        _start(f);
        _assertHeader(f.id, keccak256(f.txBytes), oA.pos);
        (uint256 pos, address owner, address tok, uint256 amount) = ife.inFlightExitInput(f.id, 0);
        vm.assertEq(pos, oA.pos);
        vm.assertEq(owner, alice);
        vm.assertEq(tok, address(0));
        vm.assertEq(amount, 10 ether);
        (owner, tok, amount) = ife.inFlightExitOutput(f.id, 0);
        vm.assertEq(owner, address(0), "outputs are stored at their first piggyback");
        vm.assertEq(address(plasma).balance, 10 ether + IFE_BOND);
        vm.assertEq(plasma.exitQueueSize(address(0)), 0, "P2: not enqueued at start");
    }

    function _assertHeader(uint256 id, bytes32 hash, uint256 youngestPos) internal view {
        (
            IPlasmaInFlightExits.InFlightExitStatus status,
            bytes32 txHash,
            address bondOwner,
            uint256 startedAt,
            uint256 exitableAt,
            uint256 youngest,
            uint256 oldest,
            bool isCanonical,
            uint8 inputCount,
            uint8 piggybacked
        ) = ife.inFlightExits(id);
        vm.assertTrue(status == IPlasmaInFlightExits.InFlightExitStatus.Active);
        vm.assertEq(txHash, hash);
        vm.assertEq(bondOwner, STARTER);
        vm.assertEq(startedAt, block.timestamp);
        vm.assertEq(exitableAt, 0, "exitableAt is 0 until the first piggyback");
        vm.assertEq(youngest, youngestPos);
        vm.assertEq(oldest, 0);
        vm.assertTrue(isCanonical);
        vm.assertEq(inputCount, 1);
        vm.assertEq(piggybacked, 0);
    }

    /// @notice S9: an in-flight exit id has bit 127 set (a position is < 2^63) and is the high
    ///         128 bits of the tx hash.
    function test_S9_idLayout() public view {
        InFlight memory f = _tx1();
        uint256 id = ife.inFlightExitId(f.txBytes);
        vm.assertEq(id, uint256(keccak256(f.txBytes)) >> 128 | 1 << 127);
        vm.assertEq(id >> 127, 1);
        vm.assertLt(TxBuilder.pos(9_000_000_000_000, 65_535, 3), 1 << 63);
    }

    function test_start_revertsOnWrongBond() public {
        InFlight memory f = _tx1();
        vm.prank(STARTER);
        vm.expectRevert(PlasmaInFlightExits.WrongBond.selector);
        ife.startInFlightExit{value: IFE_BOND - 1}(
            f.txBytes, f.inputTxs, f.inputPos, f.proofs, f.sigs
        );
        vm.prank(STARTER);
        vm.expectRevert(PlasmaInFlightExits.WrongBond.selector);
        ife.startInFlightExit{value: PB_BOND}(f.txBytes, f.inputTxs, f.inputPos, f.proofs, f.sigs);
    }

    /// @notice S3: a deposit has no inputs; it exits with a standard exit only.
    function test_S3_depositCannotExitInFlight() public {
        vm.prank(STARTER);
        vm.expectRevert(IPlasmaInFlightExits.DepositCannotExitInFlight.selector);
        ife.startInFlightExit{value: IFE_BOND}(
            oA.txBytes, new bytes[](0), new uint256[](0), new bytes[](0), new bytes[](0)
        );
    }

    /// @notice S3: each argument array has exactly one entry per input.
    function test_S3_inputCountMismatch() public {
        InFlight memory f = _tx1();
        bytes[] memory none = new bytes[](0);
        bytes[] memory two = new bytes[](2);
        vm.startPrank(STARTER);
        vm.expectRevert(IPlasmaInFlightExits.InputCountMismatch.selector);
        ife.startInFlightExit{value: IFE_BOND}(f.txBytes, none, f.inputPos, f.proofs, f.sigs);
        vm.expectRevert(IPlasmaInFlightExits.InputCountMismatch.selector);
        ife.startInFlightExit{value: IFE_BOND}(
            f.txBytes, f.inputTxs, new uint256[](2), f.proofs, f.sigs
        );
        vm.expectRevert(IPlasmaInFlightExits.InputCountMismatch.selector);
        ife.startInFlightExit{value: IFE_BOND}(f.txBytes, f.inputTxs, f.inputPos, two, f.sigs);
        vm.expectRevert(IPlasmaInFlightExits.InputCountMismatch.selector);
        ife.startInFlightExit{value: IFE_BOND}(f.txBytes, f.inputTxs, f.inputPos, f.proofs, none);
        vm.stopPrank();
    }

    /// @notice S3: inputUtxosPos[i] must be the tx's input i: order matters.
    function test_S3_inputPositionMismatch() public {
        Utxo memory oB = _ethUtxo(bob, 1 ether);
        InFlight memory g = _inFlight(_two(oA, oB), _outs1(carol, address(0), 11 ether));
        (g.inputPos[0], g.inputPos[1]) = (g.inputPos[1], g.inputPos[0]);
        (g.inputTxs[0], g.inputTxs[1]) = (g.inputTxs[1], g.inputTxs[0]);
        vm.prank(STARTER);
        vm.expectRevert(IPlasmaInFlightExits.InputPositionMismatch.selector);
        ife.startInFlightExit{value: IFE_BOND}(g.txBytes, g.inputTxs, g.inputPos, g.proofs, g.sigs);
    }

    /// @notice S3: witness i must be input i's owner's signature (a swapped pair fails).
    function test_S3_witnessesInInputOrder() public {
        Utxo memory oB = _ethUtxo(bob, 1 ether);
        InFlight memory g = _inFlight(_two(oA, oB), _outs1(carol, address(0), 11 ether));
        (g.sigs[0], g.sigs[1]) = (g.sigs[1], g.sigs[0]);
        vm.prank(STARTER);
        vm.expectRevert(IPlasmaInFlightExits.WitnessNotInputOwner.selector);
        ife.startInFlightExit{value: IFE_BOND}(g.txBytes, g.inputTxs, g.inputPos, g.proofs, g.sigs);
    }

    function test_start_revertsOnWitnessOfAnotherKey() public {
        InFlight memory f = _tx1();
        f.sigs[0] = _sign(BOB_KEY, f.ins, f.outs);
        vm.prank(STARTER);
        vm.expectRevert(IPlasmaInFlightExits.WitnessNotInputOwner.selector);
        ife.startInFlightExit{value: IFE_BOND}(f.txBytes, f.inputTxs, f.inputPos, f.proofs, f.sigs);
    }

    /// @notice S8: a malformed signature never passes as the zero address's.
    function test_S8_zeroSignerRejected() public {
        InFlight memory f = _tx1();
        f.sigs[0] = abi.encodePacked(bytes32(uint256(1)), bytes32(uint256(1)), uint8(29));
        vm.prank(STARTER);
        vm.expectRevert(Plasma.InvalidSignature.selector);
        ife.startInFlightExit{value: IFE_BOND}(f.txBytes, f.inputTxs, f.inputPos, f.proofs, f.sigs);
        f.sigs[0] = hex"1234";
        vm.prank(STARTER);
        vm.expectRevert(Plasma.MalformedSignature.selector);
        ife.startInFlightExit{value: IFE_BOND}(f.txBytes, f.inputTxs, f.inputPos, f.proofs, f.sigs);
    }

    function test_start_revertsOnHighS() public {
        InFlight memory f = _tx1();
        bytes memory sig = f.sigs[0];
        bytes32 r;
        bytes32 s;
        uint8 v = uint8(sig[64]);
        assembly {
            r := mload(add(sig, 32))
            s := mload(add(sig, 64))
        }
        uint256 n = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141;
        f.sigs[0] = abi.encodePacked(r, bytes32(n - uint256(s)), v == 27 ? uint8(28) : uint8(27));
        vm.prank(STARTER);
        vm.expectRevert(Plasma.HighSSignature.selector);
        ife.startInFlightExit{value: IFE_BOND}(f.txBytes, f.inputTxs, f.inputPos, f.proofs, f.sigs);
    }

    /// @notice S1: a tx of another type cannot exit through the payment game.
    function test_S1_foreignTxTypeRejected() public {
        InFlight memory f = _tx1();
        bytes memory t2 = Rlp.list5(
            Rlp.encodeUint(2),
            Rlp.encodeList(_items(TxBuilder.input(oA.pos))),
            Rlp.encodeList(_items(TxBuilder.output(TxBuilder.Out(bob, address(0), 1)))),
            Rlp.encodeUint(0),
            Rlp.encodeBytes(abi.encode(bytes32(0)))
        );
        vm.prank(STARTER);
        vm.expectRevert(PaymentTx.WrongTxType.selector);
        ife.startInFlightExit{value: IFE_BOND}(t2, f.inputTxs, f.inputPos, f.proofs, f.sigs);
    }

    /// @notice S2: a tx naming one input twice is rejected (one input cannot fund two).
    function test_S2_duplicateInputsRejected() public {
        uint256[] memory ins = new uint256[](2);
        ins[0] = oA.pos;
        ins[1] = oA.pos;
        bytes memory dup = TxBuilder.transferTx(ins, _outs1(bob, address(0), 20 ether));
        vm.prank(STARTER);
        vm.expectRevert(PaymentTx.DuplicateInputs.selector);
        ife.startInFlightExit{value: IFE_BOND}(
            dup, new bytes[](2), ins, new bytes[](2), new bytes[](2)
        );
    }

    /// @notice S5: a position whose txindex is 2^16 (aliasing txindex 0 in a 16-level tree) is
    ///         not a position.
    function test_S5_aliasedPositionRejected() public {
        InFlight memory f = _tx1();
        uint256 aliased = oA.pos + 65_536 * 10;
        bytes memory t = TxBuilder.transferTx(TxBuilder.one(aliased), _outs1(bob, address(0), 1));
        vm.prank(STARTER);
        vm.expectRevert(PaymentTx.InvalidInputPos.selector);
        ife.startInFlightExit{value: IFE_BOND}(
            t, f.inputTxs, TxBuilder.one(aliased), f.proofs, f.sigs
        );
    }

    /// @notice S6: a non-canonical re-encoding of the signed tx (amount 0x05 as 0x8105) would get
    ///         another id for the same signature: the decoder rejects it.
    function test_S6_nonCanonicalEncodingRejected() public {
        InFlight memory f = _tx1();
        bytes memory out = Rlp.list2(
            Rlp.encodeUint(1),
            Rlp.list3(
                Rlp.encodeBytes(abi.encodePacked(bob)),
                Rlp.encodeBytes(abi.encodePacked(address(0))),
                hex"8105"
            )
        );
        bytes memory t = Rlp.list5(
            Rlp.encodeUint(1),
            Rlp.encodeList(_items(TxBuilder.input(oA.pos))),
            Rlp.encodeList(_items(out)),
            Rlp.encodeUint(0),
            Rlp.encodeBytes(abi.encode(bytes32(0)))
        );
        f.sigs[0] = _sign(ALICE_KEY, f.ins, _outs1(bob, address(0), 5));
        vm.prank(STARTER);
        vm.expectRevert(RLPReader.RlpNonCanonical.selector);
        ife.startInFlightExit{value: IFE_BOND}(t, f.inputTxs, f.inputPos, f.proofs, f.sigs);
    }

    /// @notice S4: the input's block must be committed.
    function test_S4_inputBlockNotFound() public {
        InFlight memory f = _tx1();
        uint256 ghost = 5000 * 1e6;
        bytes memory t = TxBuilder.transferTx(TxBuilder.one(ghost), _outs1(bob, address(0), 1));
        bytes[] memory sigs = new bytes[](1);
        sigs[0] = _sign(ALICE_KEY, TxBuilder.one(ghost), _outs1(bob, address(0), 1));
        vm.prank(STARTER);
        vm.expectRevert(Plasma.BlockNotFound.selector);
        ife.startInFlightExit{value: IFE_BOND}(t, f.inputTxs, TxBuilder.one(ghost), f.proofs, sigs);
    }

    /// @notice S4: the input tx must be proven included at the input's tx position.
    function test_S4_inputNotIncluded() public {
        InFlight memory f = _tx1();
        f.inputTxs[0] = TxBuilder.depositTx(alice, address(0), 11 ether);
        vm.prank(STARTER);
        vm.expectRevert(Plasma.InvalidInclusionProof.selector);
        ife.startInFlightExit{value: IFE_BOND}(f.txBytes, f.inputTxs, f.inputPos, f.proofs, f.sigs);
        f.inputTxs[0] = oA.txBytes;
        f.proofs[0] = new bytes(511);
        vm.prank(STARTER);
        vm.expectRevert(Plasma.InvalidInclusionProof.selector);
        ife.startInFlightExit{value: IFE_BOND}(f.txBytes, f.inputTxs, f.inputPos, f.proofs, f.sigs);
    }

    /// @notice S4: the input's oindex must be an output of its tx.
    function test_S4_inputOutputNotFound() public {
        InFlight memory f = _tx1();
        uint256 pos = oA.pos + 1;
        bytes memory t = TxBuilder.transferTx(TxBuilder.one(pos), _outs1(bob, address(0), 1));
        bytes[] memory sigs = new bytes[](1);
        sigs[0] = _sign(ALICE_KEY, TxBuilder.one(pos), _outs1(bob, address(0), 1));
        vm.prank(STARTER);
        vm.expectRevert(Plasma.OutputNotFound.selector);
        ife.startInFlightExit{value: IFE_BOND}(t, f.inputTxs, TxBuilder.one(pos), f.proofs, sigs);
    }

    /// @notice C1's twin at start: the owner is read at the input's oindex (1 here), not at
    ///         the input's index in the in-flight tx.
    function test_start_ownerReadAtTheInputsOindex() public {
        Utxo memory c =
            _childUtxo(oA, _outs2(bob, address(0), 3 ether, carol, address(0), 7 ether), 2, 1);
        InFlight memory g = _inFlight(_one(c), _outs1(dave, address(0), 7 ether));
        _start(g);
        (uint256 pos, address owner,, uint256 amount) = ife.inFlightExitInput(g.id, 0);
        vm.assertEq(pos, c.pos);
        vm.assertEq(owner, carol);
        vm.assertEq(amount, 7 ether);
    }

    /// @notice S7: per token, outputs above inputs are rejected.
    function test_S7_outputsExceedInputs() public {
        InFlight memory g = _inFlight(_one(oA), _outs1(bob, address(0), 10 ether + 1));
        vm.prank(STARTER);
        vm.expectRevert(IPlasmaInFlightExits.OutputsExceedInputs.selector);
        ife.startInFlightExit{value: IFE_BOND}(g.txBytes, g.inputTxs, g.inputPos, g.proofs, g.sigs);
    }

    /// @notice S7: an output of a token no input has is rejected (per-token sums).
    function test_S7_outputOfAnotherToken() public {
        InFlight memory g = _inFlight(_one(oA), _outs1(bob, address(token), 1));
        vm.prank(STARTER);
        vm.expectRevert(IPlasmaInFlightExits.OutputsExceedInputs.selector);
        ife.startInFlightExit{value: IFE_BOND}(g.txBytes, g.inputTxs, g.inputPos, g.proofs, g.sigs);
    }

    /// @notice S7: inputs whose sum overflows are rejected, not wrapped.
    function test_S7_inputSumOverflowRejected() public {
        uint256 big = type(uint256).max / 2 + 1;
        Utxo memory u1 = _unbacked(alice, big, 0);
        Utxo memory u2 = _unbacked(alice, big, 1);
        InFlight memory g = _inFlight(_two(u1, u2), _outs1(bob, address(0), 1));
        vm.prank(STARTER);
        vm.expectRevert(IPlasmaInFlightExits.OutputsExceedInputs.selector);
        ife.startInFlightExit{value: IFE_BOND}(g.txBytes, g.inputTxs, g.inputPos, g.proofs, g.sigs);
    }

    /// @notice S7: several inputs and outputs of two tokens, each exactly balanced, start; an
    ///         amount >= 2^96 - 1 is stored in full.
    function test_S7_twoTokensBalanced() public {
        Utxo memory t1 = _tokenUtxo(bob, 500);
        Utxo memory big = _unbacked(carol, uint256(type(uint96).max) + 5, 0);
        Utxo[] memory ins = new Utxo[](3);
        ins[0] = oA;
        ins[1] = t1;
        ins[2] = big;
        TxBuilder.Out[] memory outs = new TxBuilder.Out[](3);
        outs[0] = TxBuilder.Out(bob, address(0), 10 ether);
        outs[1] = TxBuilder.Out(alice, address(token), 500);
        outs[2] = TxBuilder.Out(dave, address(0), uint256(type(uint96).max) + 5);
        InFlight memory g = _inFlight(ins, outs);
        _start(g);
        (,,, uint256 amount) = ife.inFlightExitInput(g.id, 2);
        vm.assertEq(amount, uint256(type(uint96).max) + 5);
        vm.prank(dave);
        ife.piggybackInFlightExitOnOutput{value: PB_BOND}(g.txBytes, 2);
        (address owner, address tok, uint256 a) = ife.inFlightExitOutput(g.id, 2);
        vm.assertEq(owner, dave);
        vm.assertEq(tok, address(0));
        vm.assertEq(a, uint256(type(uint96).max) + 5);
    }

    /// @notice F3/F8: a tx can exit in flight once; a second start reverts.
    function test_start_revertsWhenAlreadyStarted() public {
        InFlight memory f = _tx1();
        _start(f);
        vm.prank(STARTER);
        vm.expectRevert(IPlasmaInFlightExits.InFlightExitAlreadyStarted.selector);
        ife.startInFlightExit{value: IFE_BOND}(f.txBytes, f.inputTxs, f.inputPos, f.proofs, f.sigs);
    }

    /// @notice F3/F8: a deleted exit cannot restart.
    function test_F8_restartAfterDeleteForbidden() public {
        InFlight memory f = _tx1();
        _start(f);
        vm.warp(block.timestamp + MEP / 2);
        ife.deleteNonPiggybackedInFlightExit(f.id);
        vm.prank(STARTER);
        vm.expectRevert(IPlasmaInFlightExits.InFlightExitAlreadyStarted.selector);
        ife.startInFlightExit{value: IFE_BOND}(f.txBytes, f.inputTxs, f.inputPos, f.proofs, f.sigs);
    }

    /// @notice The module refuses calls made to its own address.
    function test_module_onlyThroughPlasma() public {
        InFlight memory f = _tx1();
        // Plasma's first CREATE (nonce 1): keccak256(rlp([plasma, 1]))
        PlasmaInFlightExits module = PlasmaInFlightExits(
            address(
                uint160(uint256(keccak256(abi.encodePacked(hex"d694", address(plasma), hex"01"))))
            )
        );
        vm.assertEq(module.plasma(), address(plasma));
        vm.prank(STARTER);
        vm.expectRevert(IPlasmaInFlightExits.OnlyThroughPlasma.selector);
        module.startInFlightExit{value: IFE_BOND}(
            f.txBytes, f.inputTxs, f.inputPos, f.proofs, f.sigs
        );
        vm.expectRevert(IPlasmaInFlightExits.OnlyThroughPlasma.selector);
        module.piggybackInFlightExitOnInput{value: PB_BOND}(f.txBytes, 0);
        vm.expectRevert(IPlasmaInFlightExits.OnlyThroughPlasma.selector);
        module.deleteNonPiggybackedInFlightExit(f.id);
        vm.expectRevert(PlasmaInFlightExits.OnlyProcessExits.selector);
        module.processInFlightExit(f.id, address(0));
    }

    /// @notice A call Plasma does not know and the module has no function for reverts; so does
    ///         plain ETH.
    function test_fallback_unknownCallsRevert() public {
        (bool ok,) = address(plasma).call(abi.encodeWithSignature("nope()"));
        vm.assertFalse(ok);
        (ok,) = address(plasma).call{value: 1}("");
        vm.assertFalse(ok);
    }

    function test_views_bonds() public view {
        InFlight memory f = _tx1();
        vm.assertEq(ife.inFlightExitBond(), IFE_BOND);
        vm.assertEq(ife.piggybackBond(), PB_BOND);
        (,,,, uint256 e,,,,,) = ife.inFlightExits(123);
        vm.assertEq(e, 0);
        (uint256 pos,,,) = ife.inFlightExitInput(f.id, 7);
        vm.assertEq(pos, 0);
        (address o,,) = ife.inFlightExitOutput(f.id, 9);
        vm.assertEq(o, address(0));
    }

    // ------------------------------------------------------------ piggybacks

    function test_piggyback_inputAndOutput() public {
        InFlight memory f = _tx1();
        _start(f);
        vm.expectEmit(address(plasma));
        emit IPlasmaInFlightExits.InFlightExitInputPiggybacked(f.id, alice, 0);
        _piggyIn(f, 0);
        vm.expectEmit(address(plasma));
        emit IPlasmaInFlightExits.InFlightExitOutputPiggybacked(f.id, bob, 0);
        _piggyOut(f, 0);
        vm.assertEq(_piggybacked(f.id), 1 | 1 << 4);
        (address owner, address tok, uint256 amount) = ife.inFlightExitOutput(f.id, 0);
        vm.assertEq(owner, bob);
        vm.assertEq(tok, address(0));
        vm.assertEq(amount, 4 ether);
        vm.assertEq(plasma.exitQueueSize(address(0)), 1, "one entry per token");
        (uint256 top,) = plasma.topExit(address(0));
        vm.assertEq(top, f.id);
    }

    /// @notice F7: exitableAt = max(youngest input's block time + 2 MEP, first piggyback + MEP);
    ///         a deposit youngest input gets no shortcut.
    function test_F7_exitableAtFromYoungestBlock() public {
        InFlight memory f = _tx1();
        uint256 depositTime = block.timestamp;
        _start(f);
        vm.warp(block.timestamp + 1 hours);
        _piggyIn(f, 0);
        vm.assertEq(_exitableAt(f.id), depositTime + 2 * MEP);
        (, uint256 at) = plasma.topExit(address(0));
        vm.assertEq(at, depositTime + 2 * MEP);
    }

    function test_F7_exitableAtFromFirstPiggyback() public {
        InFlight memory f = _tx1();
        vm.warp(block.timestamp + 3 * MEP);
        _start(f);
        vm.warp(block.timestamp + 1 hours);
        uint256 first = block.timestamp;
        _piggyIn(f, 0);
        vm.warp(block.timestamp + 1 hours);
        _piggyOut(f, 0);
        vm.assertEq(_exitableAt(f.id), first + MEP, "fixed by the first piggyback");
    }

    /// @notice F7: an SE and an IFE with the same exitableAt order by position; the ids in the
    ///         queue are the SE's position and the IFE's id.
    function test_F7_sameExitableAtOrdersByPosition() public {
        Utxo memory young = _ethUtxo(bob, 1 ether); // a younger deposit
        InFlight memory g = _inFlight(_one(young), _outs1(carol, address(0), 1 ether));
        _start(g);
        vm.prank(bob);
        ife.piggybackInFlightExitOnInput{value: PB_BOND}(g.txBytes, 0);
        // the older deposit's SE, started one MEP later so its exitableAt matches
        (, uint256 at) = plasma.topExit(address(0));
        vm.warp(at - MEP);
        vm.prank(alice);
        plasma.startStandardExit{value: BOND}(oA.pos, oA.txBytes, oA.proof);
        (uint256 top, uint256 at2) = plasma.topExit(address(0));
        vm.assertEq(at2, at);
        vm.assertEq(top, oA.pos, "the older position first");
        vm.warp(at);
        plasma.processExits(address(0), oA.pos, 1);
        (top,) = plasma.topExit(address(0));
        vm.assertEq(top, g.id);
        vm.expectRevert(Plasma.TopExitMismatch.selector);
        plasma.processExits(address(0), oA.pos, 1);
        plasma.processExits(address(0), g.id, 1);
        vm.assertTrue(_isFinalized(g.id));
    }

    /// @notice P1: only the slot's owner piggybacks.
    function test_P1_notSlotOwner() public {
        InFlight memory f = _tx1();
        _start(f);
        vm.prank(bob);
        vm.expectRevert(IPlasmaInFlightExits.NotSlotOwner.selector);
        ife.piggybackInFlightExitOnInput{value: PB_BOND}(f.txBytes, 0);
        vm.prank(alice);
        vm.expectRevert(IPlasmaInFlightExits.NotSlotOwner.selector);
        ife.piggybackInFlightExitOnOutput{value: PB_BOND}(f.txBytes, 0);
    }

    /// @notice P1/B3: the exact piggyback bond.
    function test_P1_wrongPiggybackBond() public {
        InFlight memory f = _tx1();
        _start(f);
        vm.prank(alice);
        vm.expectRevert(IPlasmaInFlightExits.WrongPiggybackBond.selector);
        ife.piggybackInFlightExitOnInput{value: PB_BOND + 1}(f.txBytes, 0);
        vm.prank(bob);
        vm.expectRevert(IPlasmaInFlightExits.WrongPiggybackBond.selector);
        ife.piggybackInFlightExitOnOutput{value: 0}(f.txBytes, 0);
    }

    /// @notice P1: only slots that exist.
    function test_P1_slotNotFound() public {
        InFlight memory f = _tx1();
        _start(f);
        vm.prank(alice);
        vm.expectRevert(IPlasmaInFlightExits.SlotNotFound.selector);
        ife.piggybackInFlightExitOnInput{value: PB_BOND}(f.txBytes, 1);
        vm.prank(alice);
        vm.expectRevert(IPlasmaInFlightExits.SlotNotFound.selector);
        ife.piggybackInFlightExitOnOutput{value: PB_BOND}(f.txBytes, 2);
    }

    /// @notice P1: once per slot.
    function test_P1_alreadyPiggybacked() public {
        InFlight memory f = _tx1();
        _start(f);
        _piggyIn(f, 0);
        _piggyOut(f, 1);
        vm.prank(alice);
        vm.expectRevert(IPlasmaInFlightExits.AlreadyPiggybacked.selector);
        ife.piggybackInFlightExitOnInput{value: PB_BOND}(f.txBytes, 0);
        vm.prank(alice);
        vm.expectRevert(IPlasmaInFlightExits.AlreadyPiggybacked.selector);
        ife.piggybackInFlightExitOnOutput{value: PB_BOND}(f.txBytes, 1);
    }

    /// @notice P1: phase 1 only.
    function test_P1_phaseOneOver() public {
        InFlight memory f = _tx1();
        _start(f);
        vm.warp(block.timestamp + MEP / 2 - 1);
        _piggyIn(f, 0);
        vm.warp(block.timestamp + 1);
        vm.prank(bob);
        vm.expectRevert(IPlasmaInFlightExits.PhaseOneOver.selector);
        ife.piggybackInFlightExitOnOutput{value: PB_BOND}(f.txBytes, 0);
    }

    function test_piggyback_revertsOnUnknownExit() public {
        InFlight memory f = _tx1();
        vm.prank(alice);
        vm.expectRevert(IPlasmaInFlightExits.InFlightExitNotActive.selector);
        ife.piggybackInFlightExitOnInput{value: PB_BOND}(f.txBytes, 0);
    }

    /// @notice A 128-bit id collision: another tx whose id matches a stored exit cannot act on
    ///         it (the full hash is checked). The collision is made by copying the exit's record
    ///         to the other tx's id.
    function test_S9_idCollisionIsTxMismatch() public {
        InFlight memory f = _tx1();
        _start(f);
        InFlight memory other = _inFlight(_one(oA), _outs1(carol, address(0), 10 ether));
        for (uint256 i; i < 8; ++i) {
            bytes32 v = vmx.load(address(plasma), bytes32(uint256(_recordSlot(f.id)) + i));
            vm.store(address(plasma), bytes32(uint256(_recordSlot(other.id)) + i), v);
        }
        vm.prank(alice);
        vm.expectRevert(IPlasmaInFlightExits.TxMismatch.selector);
        ife.piggybackInFlightExitOnInput{value: PB_BOND}(other.txBytes, 0);
        vm.prank(carol);
        vm.expectRevert(IPlasmaInFlightExits.TxMismatch.selector);
        ife.piggybackInFlightExitOnOutput{value: PB_BOND}(other.txBytes, 0);
        vm.prank(STARTER);
        vm.expectRevert(IPlasmaInFlightExits.InFlightExitAlreadyStarted.selector);
        ife.startInFlightExit{value: IFE_BOND}(
            other.txBytes, other.inputTxs, other.inputPos, other.proofs, other.sigs
        );
    }

    /// @notice P3: an exit with ETH and token piggybacks has an entry in each queue (same
    ///         priority); both process, the second finalizes.
    function test_P3_twoTokensTwoEntries() public {
        Utxo memory t1 = _tokenUtxo(bob, 500);
        InFlight memory g =
            _inFlight(_two(oA, t1), _outs2(bob, address(0), 10 ether, alice, address(token), 500));
        _start(g);
        _piggyOut(g, 0);
        _piggyOut(g, 1);
        vm.prank(bob);
        ife.piggybackInFlightExitOnInput{value: PB_BOND}(g.txBytes, 1);
        vm.assertEq(plasma.exitQueueSize(address(0)), 1);
        vm.assertEq(plasma.exitQueueSize(address(token)), 1);
        vm.warp(_exitableAt(g.id));
        uint256 bobBefore = bob.balance;
        vm.expectEmit(address(plasma));
        emit IPlasmaInFlightExits.InFlightExitProcessed(g.id, address(token), true, 1 << 5, false);
        _processAll(address(token));
        vm.assertEq(token.balanceOf(alice), 500);
        vm.assertEq(bob.balance, bobBefore + PB_BOND, "B1: bob's input bond (token) refunded");
        vm.assertTrue(_isActive(g.id));
        uint256 starterBefore = STARTER.balance;
        _processAll(address(0));
        vm.assertEq(bob.balance, bobBefore + PB_BOND + 10 ether + PB_BOND);
        vm.assertTrue(_isFinalized(g.id));
        vm.assertEq(STARTER.balance, starterBefore + IFE_BOND);
    }

    // ------------------------------------------------------------ delete

    /// @notice P2: an exit nobody piggybacked is deleted after phase 1; its bond goes to its
    ///         bond owner.
    function test_P2_deleteNonPiggybacked() public {
        InFlight memory f = _tx1();
        _start(f);
        vm.warp(block.timestamp + MEP / 2 - 1);
        vm.expectRevert(IPlasmaInFlightExits.PhaseOneNotOver.selector);
        ife.deleteNonPiggybackedInFlightExit(f.id);
        vm.warp(block.timestamp + 1);
        uint256 before = STARTER.balance;
        vm.expectEmit(address(plasma));
        emit IPlasmaInFlightExits.InFlightExitDeleted(f.id);
        ife.deleteNonPiggybackedInFlightExit(f.id);
        vm.assertEq(STARTER.balance, before + IFE_BOND);
        vm.assertTrue(_isFinalized(f.id));
        vm.expectRevert(IPlasmaInFlightExits.InFlightExitNotActive.selector);
        ife.deleteNonPiggybackedInFlightExit(f.id);
    }

    /// @notice P2/B2: after a challenge the challenger is the bond owner and gets it.
    function test_B2_deletePaysTheChallenger() public {
        InFlight memory f = _tx1();
        _start(f);
        _challengeInFlight(f, 0);
        vm.warp(block.timestamp + MEP / 2);
        uint256 before = CHALLENGER.balance;
        ife.deleteNonPiggybackedInFlightExit(f.id);
        vm.assertEq(CHALLENGER.balance, before + IFE_BOND);
    }

    /// @notice F8: an exit that had a piggyback (even one challenged away) is not deleted; its
    ///         queue entry processes it.
    function test_F8_hasPiggybacksEvenAfterChallenge() public {
        InFlight memory f = _tx1();
        _start(f);
        _piggyIn(f, 0);
        (bytes memory spend, bytes memory sig) =
            _signedTx(f.ins, _outs1(carol, address(0), 10 ether), ALICE_KEY);
        vm.prank(CHALLENGER);
        ife.challengeInFlightExitInputSpent(f.txBytes, 0, spend, 0, sig, _senderData(CHALLENGER));
        vm.assertEq(_piggybacked(f.id), 0);
        vm.warp(block.timestamp + MEP / 2);
        vm.expectRevert(IPlasmaInFlightExits.HasPiggybacks.selector);
        ife.deleteNonPiggybackedInFlightExit(f.id);
        vm.warp(_exitableAt(f.id));
        uint256 before = STARTER.balance;
        _processAll(address(0));
        vm.assertTrue(_isFinalized(f.id));
        vm.assertEq(STARTER.balance, before + IFE_BOND);
        vm.prank(STARTER);
        vm.expectRevert(IPlasmaInFlightExits.InFlightExitAlreadyStarted.selector);
        ife.startInFlightExit{value: IFE_BOND}(f.txBytes, f.inputTxs, f.inputPos, f.proofs, f.sigs);
    }

    function test_delete_creditsARevertingBondOwner() public {
        InFlight memory f = _tx1();
        vm.prank(STARTER);
        ife.startInFlightExit{value: IFE_BOND}(f.txBytes, f.inputTxs, f.inputPos, f.proofs, f.sigs);
        vm.etch(STARTER, hex"60006000fd"); // a bond owner whose receive reverts
        vm.warp(block.timestamp + MEP / 2);
        ife.deleteNonPiggybackedInFlightExit(f.id);
        vm.assertEq(plasma.withdrawable(STARTER, address(0)), IFE_BOND);
        vm.etch(STARTER, "");
    }

    // ------------------------------------------------------------ helpers

    function _items(bytes memory a) internal pure returns (bytes[] memory r) {
        r = new bytes[](1);
        r[0] = a;
    }

    /// @dev An output no deposit backs (a byzantine operator's), at tx `txIndex` of a new block.
    function _unbacked(address owner, uint256 amount, uint256 salt)
        internal
        returns (Utxo memory u)
    {
        bytes memory t = TxBuilder.transferTx(
            TxBuilder.one(TxBuilder.pos(8_000_000, salt, 0)), _outs1(owner, address(0), amount)
        );
        (uint256 txPos, bytes memory proof) = _include(t, 0);
        u = Utxo(txPos, t, proof, owner, address(0), amount);
    }

    /// @dev The storage slot of `_inFlightExits[id]` (mapping at slot 6 of PlasmaBase).
    function _recordSlot(uint256 id) internal pure returns (bytes32) {
        return keccak256(abi.encode(id, uint256(6)));
    }
}
