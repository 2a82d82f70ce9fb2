// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {TxBuilder} from "./lib/TxBuilder.sol";
import {UtxoPosHarness} from "./lib/UtxoPosHarness.sol";
import {Receiver} from "./lib/Mocks.sol";
import {PlasmaTestBase} from "./Plasma.t.sol";
import {Plasma} from "../src/Plasma.sol";

/// @notice The chain's end (MAX_BLKNUM): no block and no deposit past it, every block up to it
///         exits. `vm.store` puts the counters slot near the bound.
contract PlasmaBoundsTest is PlasmaTestBase {
    uint256 internal constant MAX_BLKNUM = 9_000_000_000_000;
    /// @dev `_counters` (nextChildBlock | nextDepositBlock << 128) is Plasma's first slot.
    bytes32 internal constant COUNTERS_SLOT = bytes32(0);

    UtxoPosHarness internal harness;

    function setUp() public override {
        super.setUp();
        harness = new UtxoPosHarness();
    }

    function _setCounters(uint256 nextChild, uint256 nextDeposit) internal {
        vm.store(address(plasma), COUNTERS_SLOT, bytes32(nextChild | nextDeposit << 128));
    }

    function _submitRoot(bytes32 root) internal {
        vm.prank(OPERATOR);
        plasma.submitBlock(root);
    }

    function test_bound_isTheLibrarysAndAChildBlock() public view {
        vm.assertEq(harness.maxBlknum(), MAX_BLKNUM);
        vm.assertEq(MAX_BLKNUM % 1000, 0);
        // the largest position fits a signed 64-bit integer (Java's long)
        vm.assertLe(TxBuilder.pos(MAX_BLKNUM, 65_535, 3), uint256(uint64(type(int64).max)));
    }

    function test_counters_slotIsTheOneTheTestsWrite() public {
        _setCounters(5000, 7);
        vm.assertEq(plasma.nextChildBlock(), 5000);
        vm.assertEq(plasma.nextDepositBlock(), 7);
    }

    function test_submitBlock_upToLastBlockThenChainFull() public {
        _setCounters(MAX_BLKNUM - 1000, 1);
        _submitRoot(keccak256("second to last"));
        _submitRoot(keccak256("last"));
        (bytes32 root,) = plasma.getBlock(MAX_BLKNUM);
        vm.assertEq(root, keccak256("last") & ~bytes32(uint256(0xffffffff)));
        vm.assertEq(plasma.nextChildBlock(), MAX_BLKNUM + 1000);
        vm.prank(OPERATOR);
        vm.expectRevert(Plasma.ChainFull.selector);
        plasma.submitBlock(keccak256("past the end"));
        (root,) = plasma.getBlock(MAX_BLKNUM + 1000);
        vm.assertEq(root, bytes32(0));
    }

    function test_deposit_lastSlotThenChainFull() public {
        _setCounters(MAX_BLKNUM, 999);
        (uint256 blknum,) = _depositEth(alice, 1 ether);
        vm.assertEq(blknum, MAX_BLKNUM - 1);
        _submitRoot(keccak256("last"));

        bytes memory txBytes = TxBuilder.depositTx(alice, address(0), 1 ether);
        uint256 held = address(plasma).balance;
        vm.prank(alice);
        vm.expectRevert(Plasma.ChainFull.selector);
        plasma.deposit{value: 1 ether}(txBytes);
        vm.assertEq(address(plasma).balance, held);
        vm.assertEq(plasma.nextDepositBlock(), 1);
    }

    function test_depositFrom_chainFull() public {
        _setCounters(MAX_BLKNUM + 1000, 1);
        bytes memory txBytes = TxBuilder.depositTx(alice, address(token), 5);
        token.mint(alice, 5);
        vm.prank(alice);
        token.approve(address(plasma), 5);
        vm.prank(alice);
        vm.expectRevert(Plasma.ChainFull.selector);
        plasma.depositFrom(txBytes);
        vm.assertEq(token.balanceOf(alice), 5);
        vm.assertEq(token.balanceOf(address(plasma)), 0);
    }

    function test_startExit_atTheLastBlocks() public {
        _setCounters(MAX_BLKNUM, 999);
        (uint256 depositBlknum, bytes memory depositTx) = _depositEth(alice, 1 ether);
        uint256 depositPos = TxBuilder.pos(depositBlknum, 0, 0);
        vm.prank(alice);
        plasma.startStandardExit{value: BOND}(depositPos, depositTx, _singleProof(depositTx));
        vm.assertTrue(_status(depositPos) == Plasma.ExitStatus.Active);

        // the last child block: an output at its last oindex
        TxBuilder.Out[] memory outs = new TxBuilder.Out[](4);
        for (uint256 i; i < 4; ++i) {
            outs[i] = TxBuilder.Out(alice, address(0), 0.25 ether);
        }
        bytes[] memory blockTxs = new bytes[](2);
        blockTxs[0] = TxBuilder.transferTx(TxBuilder.one(TxBuilder.pos(7000, 0, 0)), outs);
        blockTxs[1] = TxBuilder.transferTx(TxBuilder.one(depositPos), outs);
        vm.assertEq(_submit(blockTxs), MAX_BLKNUM);
        uint256 lastPos = TxBuilder.pos(MAX_BLKNUM, 1, 3);
        vm.prank(alice);
        plasma.startStandardExit{value: BOND}(lastPos, blockTxs[1], _proof(blockTxs, 1));
        vm.assertTrue(_status(lastPos) == Plasma.ExitStatus.Active);
        vm.prank(alice);
        vm.expectRevert(Plasma.InvalidUtxoPos.selector);
        plasma.startStandardExit{value: BOND}(
            TxBuilder.pos(MAX_BLKNUM + 1, 0, 0), blockTxs[1], _proof(blockTxs, 1)
        );
    }
}

/// @notice The encoding (docs/spec.md "Positions") as `UtxoPosLib` applies it: a word is valid
///         iff it splits into blknum 1..MAX_BLKNUM, txindex < 65,536, oindex < 4 that encode it
///         back. The Java side checks the same contract against `UtxoPos` (UtxoPosContractIT).
contract UtxoPosLibTest is PlasmaTestBase {
    uint256 internal constant MAX_BLKNUM = 9_000_000_000_000;
    UtxoPosHarness internal harness;

    function setUp() public override {
        super.setUp();
        harness = new UtxoPosHarness();
    }

    function _expectedValid(uint256 word) internal pure returns (bool) {
        uint256 b = word / 1e6;
        return b >= 1 && b <= MAX_BLKNUM && (word % 1e6) / 10 < 65_536 && word % 10 < 4;
    }

    function _check(uint256 word) internal view {
        (bool valid, uint256 b, uint256 t, uint256 o) = harness.parse(word);
        vm.assertEq(valid, _expectedValid(word), "isValid");
        if (valid) vm.assertEq(TxBuilder.pos(b, t, o), word, "round trip");
    }

    function testFuzz_isValid_anyWord(uint256 word) public view {
        _check(word);
    }

    function testFuzz_isValid_anyBitLength(uint256 word, uint8 bits) public view {
        _check(bits == 0 ? 0 : word >> (256 - uint256(bits)));
    }

    function testFuzz_isValid_everyFieldTriple(uint256 b, uint256 t, uint256 o) public view {
        b = bound(b, 1, MAX_BLKNUM);
        t = bound(t, 0, 65_535);
        o = bound(o, 0, 3);
        (bool valid, uint256 pb, uint256 pt, uint256 po) = harness.parse(TxBuilder.pos(b, t, o));
        vm.assertTrue(valid);
        vm.assertEq(pb, b);
        vm.assertEq(pt, t);
        vm.assertEq(po, o);
    }

    function test_isValid_edges() public view {
        uint256 last = TxBuilder.pos(MAX_BLKNUM, 65_535, 3);
        uint256[10] memory valid = [
            uint256(1e6),
            1e6 + 3,
            1e6 + 655_353,
            TxBuilder.pos(1000, 0, 0),
            last - 3,
            last,
            MAX_BLKNUM * 1e6,
            TxBuilder.pos(MAX_BLKNUM - 1, 65_535, 3),
            2e6,
            999_999e6
        ];
        uint256[12] memory invalid = [
            uint256(0),
            1,
            999_999,
            1e6 + 4,
            1e6 + 655_354,
            1e6 + 655_360,
            1e6 + 999_999,
            last + 1,
            (MAX_BLKNUM + 1) * 1e6,
            uint256(uint64(type(int64).max)) + 1,
            type(uint256).max,
            1 << 255
        ];
        for (uint256 i; i < valid.length; ++i) {
            _check(valid[i]);
            (bool ok,,,) = harness.parse(valid[i]);
            vm.assertTrue(ok, "valid edge");
        }
        for (uint256 i; i < invalid.length; ++i) {
            _check(invalid[i]);
            (bool ok,,,) = harness.parse(invalid[i]);
            vm.assertFalse(ok, "invalid edge");
        }
    }
}

/// @notice Block timestamps past 2^32 s (2106): the block word keeps `timestamp mod 2^32` and the
///         contract rebuilds the full time, so the `blockTs + 2 * minExitPeriod` floor holds.
contract PlasmaTimestampWrapTest is PlasmaTestBase {
    uint256 internal constant WRAP = 1 << 32;

    /// @dev A one-tx child block paying alice 1 ether from a made-up input (a byzantine operator's
    ///      block, say): returns the output's position, tx and proof.
    function _aliceBlock()
        internal
        returns (uint256 pos, bytes memory txBytes, bytes memory proof)
    {
        txBytes = TxBuilder.transferTx(
            TxBuilder.one(TxBuilder.pos(7, 0, 0)), TxBuilder.oneOut(alice, address(0), 1 ether)
        );
        bytes[] memory blockTxs = new bytes[](1);
        blockTxs[0] = txBytes;
        pos = TxBuilder.pos(_submit(blockTxs), 0, 0);
        proof = _proof(blockTxs, 0);
    }

    function _exit(uint256 pos, bytes memory txBytes, bytes memory proof)
        internal
        returns (uint256 exitableAt)
    {
        vm.prank(alice);
        plasma.startStandardExit{value: BOND}(pos, txBytes, proof);
        (,,,, exitableAt,) = plasma.exits(pos);
    }

    /// @notice The issue's scenario: a fresh (invalid) block after the wrap. The old code read its
    ///         timestamp as `now mod 2^32`, 136 years in the past, and gave the exit
    ///         now + exitPeriod, ahead of older honest exits.
    function test_blockAfterWrap_keepsTheTwoPeriodFloor() public {
        vm.warp(WRAP + 1000);
        (uint256 pos, bytes memory txBytes, bytes memory proof) = _aliceBlock();
        (, uint256 ts) = plasma.getBlock(pos / 1e6);
        vm.assertEq(ts, WRAP + 1000);
        vm.assertEq(_exit(pos, txBytes, proof), WRAP + 1000 + 2 * MEP);
    }

    function test_blockBeforeWrap_exitedAfterIt() public {
        vm.warp(WRAP - 100);
        (uint256 pos, bytes memory txBytes, bytes memory proof) = _aliceBlock();
        vm.warp(WRAP + 50);
        (, uint256 ts) = plasma.getBlock(pos / 1e6);
        vm.assertEq(ts, WRAP - 100);
        vm.assertEq(_exit(pos, txBytes, proof), WRAP - 100 + 2 * MEP);
    }

    function test_oldBlockAfterWrap_exitsAfterOnePeriod() public {
        vm.warp(WRAP + 1000);
        (uint256 pos, bytes memory txBytes, bytes memory proof) = _aliceBlock();
        vm.warp(WRAP + 1000 + 3 * MEP);
        vm.assertEq(_exit(pos, txBytes, proof), block.timestamp + MEP);
    }

    /// @notice Any block younger than 2^32 s reads back its exact timestamp, whenever it is read.
    function testFuzz_getBlock_exactForBlocksYoungerThan2pow32(uint256 t0, uint256 age) public {
        t0 = bound(t0, 1, 1 << 48);
        age = bound(age, 0, WRAP - 1);
        vm.warp(t0);
        vm.prank(OPERATOR);
        plasma.submitBlock(keccak256(abi.encode(t0)));
        vm.warp(t0 + age);
        (, uint256 ts) = plasma.getBlock(1000);
        vm.assertEq(ts, t0);
    }

    /// @notice A block older than 2^32 s comes out younger (never older): its exits can only
    ///         mature later.
    function test_getBlock_olderThan2pow32ComesOutYounger() public {
        vm.warp(1000);
        vm.prank(OPERATOR);
        plasma.submitBlock(keccak256("ancient"));
        vm.warp(1000 + WRAP + 5);
        (, uint256 ts) = plasma.getBlock(1000);
        vm.assertEq(ts, 1000 + WRAP);
    }
}

/// @notice Withdrawing a part of a credit; an unbacked amount (a byzantine operator's output) is
///         never credited, so every credit is backed and can be withdrawn in full or in parts.
contract PlasmaPartialWithdrawTest is PlasmaTestBase {
    function test_withdraw_unbackedAmountNotCreditedBackedCreditInParts() public {
        Receiver r = new Receiver();
        vm.deal(address(r), 10 ether);
        // r's honest deposit exit, and an exit of 1000 ETH the operator minted to r from nothing
        (uint256 blknum, bytes memory depositTx) = _depositEth(address(r), 1 ether);
        r.call{value: BOND}(
            address(plasma),
            abi.encodeCall(
                Plasma.startStandardExit,
                (TxBuilder.pos(blknum, 0, 0), depositTx, _singleProof(depositTx))
            )
        );
        bytes[] memory txs = new bytes[](1);
        txs[0] = TxBuilder.transferTx(
            TxBuilder.one(TxBuilder.pos(7, 0, 0)),
            TxBuilder.oneOut(address(r), address(0), 1000 ether)
        );
        uint256 bogus = TxBuilder.pos(_submit(txs), 0, 0);
        r.call{value: BOND}(
            address(plasma),
            abi.encodeCall(Plasma.startStandardExit, (bogus, txs[0], _proof(txs, 0)))
        );
        vm.warp(block.timestamp + 2 * MEP);
        // r refuses ETH: its backed payout and the bogus exit's bond are credited, the 1000
        // ETH no balance backs is dropped
        vm.expectEmit(address(plasma));
        emit ExitFinalized(bogus, address(r), address(0), 1000 ether, false);
        plasma.processExits(address(0), 0, 2);
        uint256 credit = 1 ether + 2 * BOND;
        vm.assertEq(plasma.withdrawable(address(r), address(0)), credit);
        vm.assertEq(address(plasma).balance, credit);
        r.setAccept(true);

        uint256 before = address(r).balance;
        r.call(address(plasma), abi.encodeCall(Plasma.withdraw, (address(0), 1 ether)));
        vm.assertEq(address(r).balance, before + 1 ether);
        vm.assertEq(plasma.withdrawable(address(r), address(0)), 2 * BOND);
        r.call(address(plasma), abi.encodeCall(Plasma.withdraw, (address(0), 2 * BOND)));
        vm.assertEq(address(r).balance, before + credit);
        vm.assertEq(address(plasma).balance, 0);
    }

    function test_withdraw_refusesZeroAndMoreThanCredited() public {
        Receiver r = new Receiver();
        (uint256 blknum, bytes memory depositTx) = _depositEth(address(r), 1 ether);
        uint256 pos = TxBuilder.pos(blknum, 0, 0);
        r.call{value: BOND}(
            address(plasma),
            abi.encodeCall(Plasma.startStandardExit, (pos, depositTx, _singleProof(depositTx)))
        );
        vm.warp(block.timestamp + MEP);
        plasma.processExits(address(0), 0, 1);
        r.setAccept(true);
        uint256 credit = 1 ether + BOND;
        vm.expectRevert(Plasma.InvalidWithdrawAmount.selector);
        r.call(address(plasma), abi.encodeCall(Plasma.withdraw, (address(0), 0)));
        vm.expectRevert(Plasma.InvalidWithdrawAmount.selector);
        r.call(address(plasma), abi.encodeCall(Plasma.withdraw, (address(0), credit + 1)));
        r.call(address(plasma), abi.encodeCall(Plasma.withdraw, (address(0), 1)));
        r.call(address(plasma), abi.encodeCall(Plasma.withdraw, (address(0), credit - 1)));
        vm.assertEq(address(r).balance, credit);
        vm.expectRevert(Plasma.NothingToWithdraw.selector);
        r.call(address(plasma), abi.encodeCall(Plasma.withdraw, (address(0), 1)));
    }

    function test_withdraw_nothingCredited() public {
        vm.prank(alice);
        vm.expectRevert(Plasma.NothingToWithdraw.selector);
        plasma.withdraw(address(token), 1);
    }
}
