// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {TestBase} from "./lib/Vm.sol";
import {TxBuilder} from "./lib/TxBuilder.sol";
import {DevToken} from "../src/DevToken.sol";
import {Plasma} from "../src/Plasma.sol";

/// @notice The devnet's ERC20: minting, transfers, allowances, and a deposit into Plasma with it.
contract DevTokenTest is TestBase {
    event Transfer(address indexed from, address indexed to, uint256 value);

    address internal constant ALICE = address(0xA11CE);
    address internal constant BOB = address(0xB0B);
    uint256 internal constant EACH = 1_000_000 ether;

    DevToken internal token;

    function setUp() public {
        address[] memory holders = new address[](2);
        holders[0] = ALICE;
        holders[1] = BOB;
        token = new DevToken(holders, EACH);
    }

    function test_constructor_mintsToEachHolder() public view {
        vm.assertEq(token.balanceOf(ALICE), EACH);
        vm.assertEq(token.balanceOf(BOB), EACH);
        vm.assertEq(token.totalSupply(), 2 * EACH);
        vm.assertEq(uint256(token.decimals()), 18);
    }

    function test_constructor_rejectsTheZeroAddress() public {
        address[] memory holders = new address[](1);
        vm.expectRevert(DevToken.ZeroAddress.selector);
        new DevToken(holders, EACH);
    }

    function test_transfer_movesAndEmits() public {
        vm.expectEmit(address(token));
        emit Transfer(ALICE, BOB, 5);
        vm.prank(ALICE);
        vm.assertTrue(token.transfer(BOB, 5));
        vm.assertEq(token.balanceOf(ALICE), EACH - 5);
        vm.assertEq(token.balanceOf(BOB), EACH + 5);
    }

    function test_transfer_revertsBeyondTheBalance() public {
        vm.prank(ALICE);
        vm.expectRevert(
            abi.encodeWithSelector(DevToken.InsufficientBalance.selector, ALICE, EACH, EACH + 1)
        );
        token.transfer(BOB, EACH + 1);
    }

    function test_transferFrom_spendsTheAllowanceOnly() public {
        vm.prank(ALICE);
        token.approve(address(this), 7);
        token.transferFrom(ALICE, BOB, 4);
        vm.assertEq(token.allowance(ALICE, address(this)), 3);
        vm.expectRevert(
            abi.encodeWithSelector(
                DevToken.InsufficientAllowance.selector, ALICE, address(this), 3, 4
            )
        );
        token.transferFrom(ALICE, BOB, 4);
    }

    function test_transferFrom_keepsAnInfiniteAllowance() public {
        vm.prank(ALICE);
        token.approve(address(this), type(uint256).max);
        token.transferFrom(ALICE, BOB, 4);
        vm.assertEq(token.allowance(ALICE, address(this)), type(uint256).max);
    }

    function test_depositFrom_intoPlasma() public {
        Plasma plasma = new Plasma(address(this), 60, 0.01 ether, 0.01 ether, 0.01 ether);
        vm.prank(ALICE);
        token.approve(address(plasma), 100);
        vm.prank(ALICE);
        plasma.depositFrom(TxBuilder.depositTx(ALICE, address(token), 100));
        vm.assertEq(token.balanceOf(address(plasma)), 100);
        vm.assertEq(token.balanceOf(ALICE), EACH - 100);
    }
}
