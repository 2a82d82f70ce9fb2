// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {TxBuilder} from "./lib/TxBuilder.sol";
import {PlasmaTestBase} from "./Plasma.t.sol";
import {InFlightTestBase} from "./lib/InFlightBase.sol";
import {Console} from "./lib/Console.sol";
import {Plasma} from "../src/Plasma.sol";
import {IPlasmaInFlightExits} from "../src/IPlasmaInFlightExits.sol";

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
        plasma.challengeStandardExit(depositPos, spend, 0, sig, _senderData(bob));
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

/// @notice One realistic call per in-flight exit function, measured as a whole transaction. The
///         module runs behind Plasma's `fallback`, which `--gas-report` lumps into one row, so
///         each test runs isolated (every top-level call its own transaction: cold storage,
///         21,000 base, calldata, refunds) and reads the call's gas with `lastCallGas`; the two
///         calibration tests reproduce `--gas-report`'s figures for `startStandardExit` (child
///         block) and `processExits` (one standard exit). Shown with -vv; in contracts/GAS.md.
///         The exit: alice's 10 ether deposit spent to bob (4) and back to alice (6).
/// forge-config: default.isolate = true
contract PlasmaInFlightGasTest is InFlightTestBase {
    Utxo internal oA;

    function setUp() public override {
        super.setUp();
        oA = _ethUtxo(alice, 10 ether);
    }

    function _tx1() internal view returns (InFlight memory) {
        return _inFlight(_one(oA), _outs2(bob, address(0), 4 ether, alice, address(0), 6 ether));
    }

    /// @dev Calls Plasma with `data` as `from` (an isolated transaction) and returns its gas.
    function _measure(string memory name, address from, uint256 value, bytes memory data)
        internal
        returns (uint256 txGas)
    {
        vm.prank(from);
        (bool ok, bytes memory ret) = address(plasma).call{value: value}(data);
        if (!ok) {
            assembly {
                revert(add(ret, 32), mload(ret))
            }
        }
        txGas = vmx.lastCallGas().gasTotalUsed;
        Console.log(name, txGas);
    }

    /// @notice Against `--gas-report`: the `startStandardExit` (child block) max of PlasmaGasTest.
    function test_gas_calibration() public {
        bytes[] memory txs = new bytes[](2);
        TxBuilder.Out[] memory outs = new TxBuilder.Out[](2);
        outs[0] = TxBuilder.Out(bob, address(0), 0.4 ether);
        outs[1] = TxBuilder.Out(alice, address(0), 0.6 ether);
        txs[0] = TxBuilder.transferTx(TxBuilder.one(oA.pos), outs);
        txs[1] = TxBuilder.transferTx(TxBuilder.one(5e6), outs);
        _submit(txs);
        uint256 g = _measure(
            "startStandardExit (child block)",
            alice,
            BOND,
            abi.encodeCall(Plasma.startStandardExit, (1000e6 + 1, txs[0], _proof(txs, 0)))
        );
        vm.assertLe(g, 161_000, "138,044 before the outputKey marker (+22.6k)");
    }

    /// @notice Against `--gas-report`: `processExits` of PlasmaGasTest (refunds included).
    function test_gas_calibrationProcess() public {
        vm.prank(alice);
        plasma.startStandardExit{value: BOND}(oA.pos, oA.txBytes, oA.proof);
        vm.warp(block.timestamp + MEP);
        _measure(
            "processExits (1 SE)",
            bob,
            0,
            abi.encodeCall(Plasma.processExits, (address(0), oA.pos, 1))
        );
    }

    /// @dev A child block [alice's payment leaving a 0.1 ether fee, carol's fee claim of it];
    ///      returns the claim's output (issue 15).
    function _feeClaimUtxo() internal returns (Utxo memory) {
        bytes[] memory txs = new bytes[](2);
        txs[0] = TxBuilder.transferTx(TxBuilder.one(oA.pos), _outs1(bob, address(0), 9.9 ether));
        uint256 blknum = plasma.nextChildBlock();
        txs[1] = TxBuilder.feeClaim(blknum, carol, address(0), 0.1 ether);
        _submit(txs);
        return Utxo(blknum * 1e6 + 10, txs[1], _proof(txs, 1), carol, address(0), 0.1 ether);
    }

    function test_gas_startExit_feeClaimOutput() public {
        Utxo memory c = _feeClaimUtxo();
        _measure(
            "startStandardExit (fee-claim output)",
            carol,
            BOND,
            abi.encodeCall(Plasma.startStandardExit, (c.pos, c.txBytes, c.proof))
        );
    }

    function test_gas_startInFlightExit_feeClaimInput() public {
        Utxo memory c = _feeClaimUtxo();
        InFlight memory f = _inFlight(_one(c), _outs1(dave, address(0), 0.1 ether));
        _measure("startInFlightExit (1 fee-claim input)", STARTER, IFE_BOND, _startData(f));
    }

    function _startData(InFlight memory f) internal pure returns (bytes memory) {
        return abi.encodeCall(
            IPlasmaInFlightExits.startInFlightExit,
            (f.txBytes, f.inputTxs, f.inputPos, f.proofs, f.sigs)
        );
    }

    function test_gas_startInFlightExit_depositInput() public {
        _measure("startInFlightExit (1 deposit input)", STARTER, IFE_BOND, _startData(_tx1()));
    }

    function test_gas_startInFlightExit_childBlockInput() public {
        Utxo memory c =
            _childUtxo(oA, _outs2(bob, address(0), 3 ether, carol, address(0), 7 ether), 1, 1);
        InFlight memory f =
            _inFlight(_one(c), _outs2(dave, address(0), 5 ether, carol, address(0), 2 ether));
        _measure("startInFlightExit (1 child-block input)", STARTER, IFE_BOND, _startData(f));
    }

    function test_gas_startInFlightExit_twoInputs() public {
        Utxo memory oB = _ethUtxo(bob, 5 ether);
        InFlight memory f =
            _inFlight(_two(oA, oB), _outs2(carol, address(0), 12 ether, dave, address(0), 3 ether));
        _measure("startInFlightExit (2 deposit inputs)", STARTER, IFE_BOND, _startData(f));
    }

    function test_gas_piggybackInput_first() public {
        InFlight memory f = _tx1();
        _start(f);
        _measure(
            "piggybackInFlightExitOnInput (first: enqueues)",
            alice,
            PB_BOND,
            abi.encodeCall(IPlasmaInFlightExits.piggybackInFlightExitOnInput, (f.txBytes, 0))
        );
    }

    function test_gas_piggybackOutput_first() public {
        InFlight memory f = _tx1();
        _start(f);
        _measure(
            "piggybackInFlightExitOnOutput (first: enqueues)",
            bob,
            PB_BOND,
            abi.encodeCall(IPlasmaInFlightExits.piggybackInFlightExitOnOutput, (f.txBytes, 0))
        );
    }

    function test_gas_piggybackOutput_second() public {
        InFlight memory f = _tx1();
        _start(f);
        _piggyIn(f, 0);
        _measure(
            "piggybackInFlightExitOnOutput (token already queued)",
            bob,
            PB_BOND,
            abi.encodeCall(IPlasmaInFlightExits.piggybackInFlightExitOnOutput, (f.txBytes, 0))
        );
    }

    function test_gas_challengeNotCanonical_inFlightCompetitor() public {
        InFlight memory f = _tx1();
        _start(f);
        (bytes memory c, bytes memory sig) =
            _signedTx(TxBuilder.one(oA.pos), _outs1(carol, address(0), 10 ether), ALICE_KEY);
        uint256 g = _measure(
            "challengeInFlightExitNotCanonical (in-flight competitor)",
            CHALLENGER,
            0,
            abi.encodeCall(
                IPlasmaInFlightExits.challengeInFlightExitNotCanonical,
                (f.txBytes, 0, c, 0, 0, "", sig, _senderData(CHALLENGER))
            )
        );
        vm.assertLe(g, 120_000, "well under the 185k the IFE bond prices");
    }

    function test_gas_challengeNotCanonical_includedCompetitor() public {
        InFlight memory f = _tx1();
        _start(f);
        (bytes memory c, bytes memory sig) =
            _signedTx(TxBuilder.one(oA.pos), _outs1(carol, address(0), 10 ether), ALICE_KEY);
        (uint256 pos, bytes memory proof) = _include(c, 1);
        uint256 g = _measure(
            "challengeInFlightExitNotCanonical (included competitor)",
            CHALLENGER,
            0,
            abi.encodeCall(
                IPlasmaInFlightExits.challengeInFlightExitNotCanonical,
                (f.txBytes, 0, c, 0, pos, proof, sig, _senderData(CHALLENGER))
            )
        );
        vm.assertLe(g, 120_000, "well under the 185k the IFE bond prices");
    }

    function test_gas_respond() public {
        InFlight memory f = _tx1();
        (uint256 txPos, bytes memory proof) = _include(f.txBytes, 1);
        _start(f);
        _challengeInFlight(f, 0);
        _measure(
            "respondToNonCanonicalChallenge",
            RESPONDER,
            0,
            abi.encodeCall(
                IPlasmaInFlightExits.respondToNonCanonicalChallenge,
                (f.txBytes, txPos, proof, _senderData(RESPONDER))
            )
        );
    }

    function test_gas_challengeInputSpent() public {
        InFlight memory f = _tx1();
        _start(f);
        _piggyIn(f, 0);
        (bytes memory spend, bytes memory sig) =
            _signedTx(TxBuilder.one(oA.pos), _outs1(carol, address(0), 10 ether), ALICE_KEY);
        uint256 g = _measure(
            "challengeInFlightExitInputSpent",
            CHALLENGER,
            0,
            abi.encodeCall(
                IPlasmaInFlightExits.challengeInFlightExitInputSpent,
                (f.txBytes, 0, spend, 0, sig, _senderData(CHALLENGER))
            )
        );
        vm.assertLe(g, 100_000, "well under the 140k the piggyback bond prices");
    }

    function test_gas_challengeOutputSpent() public {
        InFlight memory f = _tx1();
        (uint256 txPos, bytes memory proof) = _include(f.txBytes, 1);
        _start(f);
        _piggyOut(f, 0);
        (bytes memory spend, bytes memory sig) =
            _signedTx(TxBuilder.one(txPos), _outs1(carol, address(0), 4 ether), BOB_KEY);
        uint256 g = _measure(
            "challengeInFlightExitOutputSpent",
            CHALLENGER,
            0,
            abi.encodeCall(
                IPlasmaInFlightExits.challengeInFlightExitOutputSpent,
                (f.txBytes, txPos, proof, 0, spend, 0, sig, _senderData(CHALLENGER))
            )
        );
        vm.assertLe(g, 100_000, "well under the 140k the piggyback bond prices");
    }

    function test_gas_deleteNonPiggybacked() public {
        InFlight memory f = _tx1();
        _start(f);
        vm.warp(block.timestamp + MEP / 2);
        _measure(
            "deleteNonPiggybackedInFlightExit",
            CHALLENGER,
            0,
            abi.encodeCall(IPlasmaInFlightExits.deleteNonPiggybackedInFlightExit, (f.id))
        );
    }

    function test_gas_processInFlightExit_oneOutput() public {
        InFlight memory f = _tx1();
        _start(f);
        _piggyOut(f, 0);
        vm.warp(_exitableAt(f.id));
        _measure(
            "processExits (1 IFE, 1 output piggyback)",
            CHALLENGER,
            0,
            abi.encodeCall(Plasma.processExits, (address(0), f.id, 1))
        );
    }

    function test_gas_processInFlightExit_inputAndOutput() public {
        InFlight memory f = _tx1();
        _start(f);
        _piggyIn(f, 0);
        _piggyOut(f, 0);
        vm.warp(_exitableAt(f.id));
        _measure(
            "processExits (1 IFE, input + output piggybacks)",
            CHALLENGER,
            0,
            abi.encodeCall(Plasma.processExits, (address(0), f.id, 1))
        );
    }
}
