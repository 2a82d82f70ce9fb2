// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {TxBuilder} from "./lib/TxBuilder.sol";
import {PlasmaTestBase} from "./Plasma.t.sol";

/// @notice One realistic call per scenario, for `forge test --gas-report --match-contract
///         PlasmaGasTest` (each row's min/max are the scenarios in contracts/GAS.md).
contract PlasmaGasTest is PlasmaTestBase {
    uint256 internal depositPos;
    bytes internal depositTxBytes;

    function setUp() public override {
        super.setUp();
        (uint256 blknum, bytes memory txBytes) = _depositEth(alice, 1 ether);
        depositPos = blknum * 1e6;
        depositTxBytes = txBytes;
    }

    function test_gas_submitBlock() public {
        vm.prank(OPERATOR);
        plasma.submitBlock(keccak256("block"));
    }

    function test_gas_depositFrom() public {
        token.mint(address(plasma), 1); // the token already holds a balance for the plasma
        _depositToken(alice, 500e18);
    }

    function test_gas_startExit_deposit() public {
        vm.prank(alice);
        plasma.startStandardExit{value: BOND}(
            depositPos, depositTxBytes, _singleProof(depositTxBytes)
        );
    }

    function test_gas_startExit_childBlock() public {
        bytes[] memory txs = new bytes[](2);
        TxBuilder.Out[] memory outs = new TxBuilder.Out[](2);
        outs[0] = TxBuilder.Out(bob, address(0), 0.4 ether);
        outs[1] = TxBuilder.Out(alice, address(0), 0.6 ether);
        txs[0] = TxBuilder.transferTx(TxBuilder.one(depositPos), outs);
        txs[1] = TxBuilder.transferTx(TxBuilder.one(5e6), outs);
        vm.prank(OPERATOR);
        bytes32[] memory leaves = new bytes32[](2);
        leaves[0] = TxBuilder.leaf(txs[0]);
        leaves[1] = TxBuilder.leaf(txs[1]);
        (bytes32 root, bytes memory proof) = TxBuilder.rootAndProof(leaves, 0);
        plasma.submitBlock(root);
        vm.prank(alice);
        plasma.startStandardExit{value: BOND}(TxBuilder.pos(1000, 0, 1), txs[0], proof);
    }

    function test_gas_challenge() public {
        vm.prank(alice);
        plasma.startStandardExit{value: BOND}(
            depositPos, depositTxBytes, _singleProof(depositTxBytes)
        );
        (bytes memory spend, bytes memory sig) = _spend(depositPos, ALICE_KEY);
        vm.prank(bob);
        plasma.challengeStandardExit(depositPos, spend, 0, sig);
    }

    function test_gas_processOneExit() public {
        vm.prank(alice);
        plasma.startStandardExit{value: BOND}(
            depositPos, depositTxBytes, _singleProof(depositTxBytes)
        );
        vm.warp(block.timestamp + MEP);
        plasma.processExits(address(0), depositPos, 1);
    }
}
