// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {TestBase} from "./lib/Vm.sol";
import {TxBuilder} from "./lib/TxBuilder.sol";
import {LibHarness} from "./lib/Harness.sol";
import {TestToken, Receiver} from "./lib/Mocks.sol";
import {Plasma} from "../src/Plasma.sol";
import {PaymentTx} from "../src/lib/PaymentTx.sol";

contract PlasmaTestBase is TestBase {
    event BlockSubmitted(uint256 indexed blknum, bytes32 root);
    event DepositCreated(
        address indexed owner, uint256 indexed blknum, address indexed token, uint256 amount
    );
    event ExitStarted(
        uint256 indexed utxoPos,
        address indexed owner,
        address indexed token,
        uint256 amount,
        uint256 exitableAt
    );
    event ExitChallenged(
        uint256 indexed utxoPos, address indexed challenger, bytes32 spendingTxHash
    );
    event ExitFinalized(
        uint256 indexed utxoPos,
        address indexed owner,
        address indexed token,
        uint256 amount,
        bool paid
    );

    uint256 internal constant MEP = 7 days;
    uint256 internal constant BOND = 0.1 ether;
    uint256 internal constant ALICE_KEY = 0xA11CE;
    uint256 internal constant BOB_KEY = 0xB0B;
    address internal constant OPERATOR = address(0x0905);

    Plasma internal plasma;
    TestToken internal token;
    address internal alice;
    address internal bob;

    function setUp() public virtual {
        vm.warp(1_700_000_000);
        plasma = new Plasma(OPERATOR, MEP, BOND, BOND, BOND);
        token = new TestToken();
        alice = vm.addr(ALICE_KEY);
        bob = vm.addr(BOB_KEY);
        vm.deal(alice, 100 ether);
        vm.deal(bob, 100 ether);
    }

    function _depositEth(address owner, uint256 amount)
        internal
        returns (uint256 blknum, bytes memory txBytes)
    {
        blknum = plasma.nextChildBlock() - 1000 + plasma.nextDepositBlock();
        txBytes = TxBuilder.depositTx(owner, address(0), amount);
        vm.deal(address(this), address(this).balance + amount);
        plasma.deposit{value: amount}(txBytes);
    }

    function _depositToken(address owner, uint256 amount)
        internal
        returns (uint256 blknum, bytes memory txBytes)
    {
        blknum = plasma.nextChildBlock() - 1000 + plasma.nextDepositBlock();
        txBytes = TxBuilder.depositTx(owner, address(token), amount);
        token.mint(address(this), amount);
        token.approve(address(plasma), amount);
        plasma.depositFrom(txBytes);
    }

    function _submit(bytes[] memory txs) internal returns (uint256 blknum) {
        blknum = plasma.nextChildBlock();
        bytes32[] memory leaves = new bytes32[](txs.length);
        for (uint256 i; i < txs.length; ++i) {
            leaves[i] = TxBuilder.leaf(txs[i]);
        }
        (bytes32 root,) = TxBuilder.rootAndProof(leaves, 0);
        vm.prank(OPERATOR);
        plasma.submitBlock(root);
    }

    function _proof(bytes[] memory txs, uint256 index) internal pure returns (bytes memory proof) {
        bytes32[] memory leaves = new bytes32[](txs.length);
        for (uint256 i; i < txs.length; ++i) {
            leaves[i] = TxBuilder.leaf(txs[i]);
        }
        (, proof) = TxBuilder.rootAndProof(leaves, index);
    }

    function _singleProof(bytes memory txBytes) internal pure returns (bytes memory) {
        bytes[] memory txs = new bytes[](1);
        txs[0] = txBytes;
        return _proof(txs, 0);
    }

    /// @dev Deposits `amount` ETH for alice and starts its exit as alice.
    function _exitDeposit(address owner, uint256 amount) internal returns (uint256 utxoPos) {
        (uint256 blknum, bytes memory txBytes) = _depositEth(owner, amount);
        utxoPos = blknum * 1e6;
        vm.prank(owner);
        plasma.startStandardExit{value: BOND}(utxoPos, txBytes, _singleProof(txBytes));
    }

    /// @dev alice's signed spend of `utxoPos` to bob.
    function _spend(uint256 utxoPos, uint256 key)
        internal
        view
        returns (bytes memory txBytes, bytes memory sig)
    {
        uint256[] memory ins = TxBuilder.one(utxoPos);
        TxBuilder.Out[] memory outs = TxBuilder.oneOut(bob, address(0), 1);
        txBytes = TxBuilder.transferTx(ins, outs);
        bytes32 digest = TxBuilder.signingHash(
            TxBuilder.domainSeparator(address(plasma), block.chainid), ins, outs, bytes32(0)
        );
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(key, digest);
        sig = abi.encodePacked(r, s, v);
    }

    function _status(uint256 exitId) internal view returns (Plasma.ExitStatus status) {
        (,,,,, status) = plasma.exits(exitId);
    }
}

contract PlasmaBlocksTest is PlasmaTestBase {
    function test_views_afterConstruction() public view {
        vm.assertEq(plasma.operator(), OPERATOR);
        vm.assertEq(plasma.minExitPeriod(), MEP);
        vm.assertEq(plasma.exitBond(), BOND);
        vm.assertEq(plasma.nextChildBlock(), 1000);
        vm.assertEq(plasma.nextDepositBlock(), 1);
        vm.assertEq(
            plasma.domainSeparator(), TxBuilder.domainSeparator(address(plasma), block.chainid)
        );
        (bytes32 root, uint256 ts) = plasma.getBlock(1000);
        vm.assertEq(root, bytes32(0));
        vm.assertEq(ts, 0);
    }

    function test_constructor_revertsOnHugeExitPeriod() public {
        vm.expectRevert(Plasma.InvalidMinExitPeriod.selector);
        new Plasma(OPERATOR, uint256(type(uint32).max) + 1, BOND, BOND, BOND);
    }

    function test_domainSeparator_followsChainId() public {
        vm.chainId(4242);
        vm.assertEq(plasma.domainSeparator(), TxBuilder.domainSeparator(address(plasma), 4242));
    }

    function test_submitBlock_storesHigh224AndTimestamp() public {
        bytes32 root = keccak256("root");
        vm.expectEmit(address(plasma));
        emit BlockSubmitted(1000, root);
        vm.prank(OPERATOR);
        plasma.submitBlock(root);
        (bytes32 stored, uint256 ts) = plasma.getBlock(1000);
        vm.assertEq(stored, root & ~bytes32(uint256(0xffffffff)));
        vm.assertEq(ts, block.timestamp);
        vm.assertEq(plasma.nextChildBlock(), 2000);
        vm.assertEq(plasma.nextDepositBlock(), 1);
    }

    function test_submitBlock_resetsDepositCounter() public {
        _depositEth(alice, 1);
        _depositEth(alice, 1);
        vm.assertEq(plasma.nextDepositBlock(), 3);
        vm.prank(OPERATOR);
        plasma.submitBlock(keccak256("a"));
        vm.assertEq(plasma.nextDepositBlock(), 1);
        (uint256 blknum,) = _depositEth(alice, 1);
        vm.assertEq(blknum, 1001);
    }

    function test_submitBlock_revertsForNonOperator() public {
        vm.expectRevert(Plasma.NotOperator.selector);
        plasma.submitBlock(keccak256("root"));
    }
}

contract PlasmaDepositTest is PlasmaTestBase {
    function test_deposit_eth() public {
        bytes memory txBytes = TxBuilder.depositTx(alice, address(0), 1 ether);
        vm.expectEmit(address(plasma));
        emit DepositCreated(alice, 1, address(0), 1 ether);
        vm.prank(alice);
        plasma.deposit{value: 1 ether}(txBytes);
        (bytes32 root, uint256 ts) = plasma.getBlock(1);
        bytes32[] memory leaves = new bytes32[](1);
        leaves[0] = TxBuilder.leaf(txBytes);
        (bytes32 expected,) = TxBuilder.rootAndProof(leaves, 0);
        vm.assertEq(root, expected & ~bytes32(uint256(0xffffffff)));
        vm.assertEq(ts, block.timestamp);
        vm.assertEq(plasma.nextDepositBlock(), 2);
        vm.assertEq(address(plasma).balance, 1 ether);
    }

    function testFuzz_deposit_anyAmount(uint256 amount, address owner) public {
        vm.assume(owner != address(0));
        amount = bound(amount, 1, type(uint128).max);
        (uint256 blknum,) = _depositEth(owner, amount);
        vm.assertEq(blknum, 1);
        vm.assertEq(address(plasma).balance, amount);
    }

    function test_deposit_revertsOnTransferTx() public {
        bytes memory txBytes =
            TxBuilder.transferTx(TxBuilder.one(1e6), TxBuilder.oneOut(alice, address(0), 1));
        vm.expectRevert(Plasma.InvalidDepositTx.selector);
        plasma.deposit{value: 1}(txBytes);
    }

    function test_deposit_revertsOnNonzeroMetadata() public {
        TxBuilder.Out[] memory outs = TxBuilder.oneOut(alice, address(0), 1);
        bytes memory txBytes = TxBuilder.encode(new uint256[](0), outs, bytes32(uint256(1)));
        vm.expectRevert(Plasma.InvalidDepositTx.selector);
        plasma.deposit{value: 1}(txBytes);
    }

    function test_deposit_revertsOnTokenDeposit() public {
        vm.expectRevert(Plasma.DepositTokenMismatch.selector);
        plasma.deposit{value: 1}(TxBuilder.depositTx(alice, address(token), 1));
    }

    function test_deposit_revertsOnValueMismatch() public {
        vm.expectRevert(Plasma.DepositValueMismatch.selector);
        plasma.deposit{value: 2}(TxBuilder.depositTx(alice, address(0), 1));
    }

    function test_deposit_revertsOnMalformedTx() public {
        vm.expectRevert(PaymentTx.ZeroAmount.selector);
        plasma.deposit(TxBuilder.depositTx(alice, address(0), 0));
    }

    function test_deposit_revertsAfter999Deposits() public {
        bytes memory txBytes = TxBuilder.depositTx(alice, address(0), 1);
        vm.deal(address(this), 1000);
        for (uint256 i; i < 999; ++i) {
            plasma.deposit{value: 1}(txBytes);
        }
        vm.assertEq(plasma.nextDepositBlock(), 1000);
        vm.expectRevert(Plasma.TooManyDeposits.selector);
        plasma.deposit{value: 1}(txBytes);
    }

    function test_depositFrom_token() public {
        bytes memory txBytes = TxBuilder.depositTx(alice, address(token), 500);
        token.mint(bob, 500);
        vm.startPrank(bob);
        token.approve(address(plasma), 500);
        vm.expectEmit(address(plasma));
        emit DepositCreated(alice, 1, address(token), 500);
        plasma.depositFrom(txBytes);
        vm.stopPrank();
        vm.assertEq(token.balanceOf(address(plasma)), 500);
        vm.assertEq(token.balanceOf(bob), 0);
    }

    function test_depositFrom_tokenWithoutReturnValue() public {
        token.setMode(TestToken.Mode.NoReturn);
        _depositToken(alice, 7);
        vm.assertEq(token.balanceOf(address(plasma)), 7);
    }

    function test_depositFrom_revertsOnEthDeposit() public {
        vm.expectRevert(Plasma.DepositTokenMismatch.selector);
        plasma.depositFrom(TxBuilder.depositTx(alice, address(0), 1));
    }

    function test_depositFrom_revertsWithValue() public {
        (bool ok,) = address(plasma).call{value: 1}(
            abi.encodeCall(Plasma.depositFrom, (TxBuilder.depositTx(alice, address(token), 1)))
        );
        vm.assertFalse(ok);
    }

    function test_depositFrom_revertsWhenTokenReturnsFalse() public {
        token.setMode(TestToken.Mode.ReturnsFalse);
        token.mint(address(this), 5);
        token.approve(address(plasma), 5);
        vm.expectRevert(Plasma.TokenTransferFailed.selector);
        plasma.depositFrom(TxBuilder.depositTx(alice, address(token), 5));
    }

    function test_depositFrom_revertsWithoutAllowance() public {
        token.mint(address(this), 5);
        vm.expectRevert(Plasma.TokenTransferFailed.selector);
        plasma.depositFrom(TxBuilder.depositTx(alice, address(token), 5));
    }

    function test_depositFrom_revertsOnNonContractToken() public {
        vm.expectRevert(Plasma.TokenTransferFailed.selector);
        plasma.depositFrom(TxBuilder.depositTx(alice, address(0xdead), 5));
    }

    function test_depositFrom_rejectsFeeOnTransfer() public {
        token.setMode(TestToken.Mode.FeeOnTransfer);
        token.mint(address(this), 1000);
        token.approve(address(plasma), 1000);
        vm.expectRevert(Plasma.TransferAmountMismatch.selector);
        plasma.depositFrom(TxBuilder.depositTx(alice, address(token), 1000));
    }
}

contract PlasmaExitTest is PlasmaTestBase {
    bytes[] internal txs;

    /// @dev A child block with 3 txs; tx 2 gives output 1 to alice (300 wei).
    function _childBlock() internal returns (uint256 blknum, bytes memory txBytes) {
        delete txs;
        txs.push(TxBuilder.transferTx(TxBuilder.one(1e6), TxBuilder.oneOut(bob, address(0), 1)));
        txs.push(TxBuilder.transferTx(TxBuilder.one(2e9), TxBuilder.oneOut(bob, address(0), 2)));
        TxBuilder.Out[] memory outs = new TxBuilder.Out[](2);
        outs[0] = TxBuilder.Out(bob, address(0), 100);
        outs[1] = TxBuilder.Out(alice, address(0), 300);
        txs.push(TxBuilder.transferTx(TxBuilder.one(3e9), outs));
        blknum = _submit(txs);
        txBytes = txs[2];
    }

    function test_startExit_deposit() public {
        (uint256 blknum, bytes memory txBytes) = _depositEth(alice, 1 ether);
        uint256 utxoPos = blknum * 1e6;
        vm.expectEmit(address(plasma));
        emit ExitStarted(utxoPos, alice, address(0), 1 ether, block.timestamp + MEP);
        vm.prank(alice);
        plasma.startStandardExit{value: BOND}(utxoPos, txBytes, _singleProof(txBytes));
        (
            address owner,
            address tok,
            uint256 amount,
            uint256 bond,
            uint256 exitableAt,
            Plasma.ExitStatus status
        ) = plasma.exits(utxoPos);
        vm.assertEq(owner, alice);
        vm.assertEq(tok, address(0));
        vm.assertEq(amount, 1 ether);
        vm.assertEq(bond, BOND);
        vm.assertEq(exitableAt, block.timestamp + MEP);
        vm.assertTrue(status == Plasma.ExitStatus.Active);
        vm.assertEq(plasma.exitQueueSize(address(0)), 1);
        (uint256 id, uint256 at) = plasma.topExit(address(0));
        vm.assertEq(id, utxoPos);
        vm.assertEq(at, block.timestamp + MEP);
    }

    function test_startExit_childBlockOutput_youngBlock() public {
        (uint256 blknum, bytes memory txBytes) = _childBlock();
        uint256 utxoPos = TxBuilder.pos(blknum, 2, 1);
        vm.warp(block.timestamp + 1 days);
        uint256 expected = block.timestamp - 1 days + 2 * MEP;
        vm.expectEmit(address(plasma));
        emit ExitStarted(utxoPos, alice, address(0), 300, expected);
        vm.prank(alice);
        plasma.startStandardExit{value: BOND}(utxoPos, txBytes, _proof(txs, 2));
    }

    function test_startExit_childBlockOutput_oldBlock() public {
        (uint256 blknum, bytes memory txBytes) = _childBlock();
        uint256 utxoPos = TxBuilder.pos(blknum, 2, 1);
        vm.warp(block.timestamp + 30 days);
        vm.prank(alice);
        plasma.startStandardExit{value: BOND}(utxoPos, txBytes, _proof(txs, 2));
        (,,,, uint256 exitableAt,) = plasma.exits(utxoPos);
        vm.assertEq(exitableAt, block.timestamp + MEP);
    }

    function test_startExit_revertsOnWrongBond() public {
        vm.expectRevert(Plasma.WrongBond.selector);
        plasma.startStandardExit{value: BOND - 1}(1e6, "", "");
    }

    function test_startExit_revertsOnInvalidPos() public {
        vm.expectRevert(Plasma.InvalidUtxoPos.selector);
        plasma.startStandardExit{value: BOND}(1e6 + 4, "", "");
        vm.expectRevert(Plasma.InvalidUtxoPos.selector);
        plasma.startStandardExit{value: BOND}(0, "", "");
    }

    function test_startExit_revertsOnMissingBlock() public {
        vm.expectRevert(Plasma.BlockNotFound.selector);
        plasma.startStandardExit{value: BOND}(1000e9, "", "");
    }

    function test_startExit_revertsOnMissingOutput() public {
        (uint256 blknum, bytes memory txBytes) = _depositEth(alice, 1);
        vm.prank(alice);
        vm.expectRevert(Plasma.OutputNotFound.selector);
        plasma.startStandardExit{value: BOND}(blknum * 1e6 + 1, txBytes, _singleProof(txBytes));
    }

    function test_startExit_revertsForNonOwner() public {
        (uint256 blknum, bytes memory txBytes) = _childBlock();
        vm.prank(bob);
        vm.expectRevert(Plasma.NotOutputOwner.selector);
        plasma.startStandardExit{value: BOND}(TxBuilder.pos(blknum, 2, 1), txBytes, _proof(txs, 2));
    }

    function test_startExit_revertsOnBadProof() public {
        (uint256 blknum, bytes memory txBytes) = _childBlock();
        uint256 utxoPos = TxBuilder.pos(blknum, 2, 1);
        bytes memory proof = _proof(txs, 2);
        vm.startPrank(alice);
        // wrong index
        vm.expectRevert(Plasma.InvalidInclusionProof.selector);
        plasma.startStandardExit{value: BOND}(TxBuilder.pos(blknum, 1, 1), txBytes, proof);
        // wrong length
        vm.expectRevert(Plasma.InvalidInclusionProof.selector);
        plasma.startStandardExit{value: BOND}(utxoPos, txBytes, bytes.concat(proof, hex"00"));
        // tampered sibling
        proof[100] = bytes1(uint8(proof[100]) ^ 1);
        vm.expectRevert(Plasma.InvalidInclusionProof.selector);
        plasma.startStandardExit{value: BOND}(utxoPos, txBytes, proof);
        vm.stopPrank();
    }

    function test_startExit_revertsOnMalformedTx() public {
        _depositEth(alice, 1);
        vm.expectRevert(PaymentTx.MalformedTxStructure.selector);
        plasma.startStandardExit{value: BOND}(1e6, hex"80", "");
    }

    function test_startExit_revertsWhenAlreadyStarted() public {
        (uint256 blknum, bytes memory txBytes) = _depositEth(alice, 1);
        bytes memory proof = _singleProof(txBytes);
        vm.startPrank(alice);
        plasma.startStandardExit{value: BOND}(blknum * 1e6, txBytes, proof);
        vm.expectRevert(Plasma.ExitAlreadyStarted.selector);
        plasma.startStandardExit{value: BOND}(blknum * 1e6, txBytes, proof);
        vm.stopPrank();
    }

    function test_challenge_cancelsExitAndPaysBond() public {
        uint256 utxoPos = _exitDeposit(alice, 1 ether);
        (bytes memory spend, bytes memory sig) = _spend(utxoPos, ALICE_KEY);
        address challenger = address(0xC0FFEE);
        vm.expectEmit(address(plasma));
        emit ExitChallenged(utxoPos, challenger, keccak256(spend));
        vm.prank(challenger);
        plasma.challengeStandardExit(utxoPos, spend, 0, sig, _senderData(challenger));
        vm.assertEq(challenger.balance, BOND);
        vm.assertTrue(_status(utxoPos) == Plasma.ExitStatus.Challenged);
    }

    /// @notice X4 (front-running): a bot that copies a pending challenge (its calldata, the
    ///         senderData naming the watcher) and sends it from its own account first reverts
    ///         SenderDataMismatch and changes nothing; the watcher's own call then pays it.
    function test_challenge_copiedByAnotherSender_reverts() public {
        uint256 utxoPos = _exitDeposit(alice, 1 ether);
        (bytes memory spend, bytes memory sig) = _spend(utxoPos, ALICE_KEY);
        address watcher = address(0xC0FFEE);
        address bot = address(0xB07);
        vm.prank(bot);
        vm.expectRevert(Plasma.SenderDataMismatch.selector);
        plasma.challengeStandardExit(utxoPos, spend, 0, sig, _senderData(watcher));
        vm.assertTrue(_status(utxoPos) == Plasma.ExitStatus.Active);
        vm.assertEq(bot.balance, 0);
        // neither another encoding of the sender (padded to 32 bytes) nor a zero word pass
        vm.prank(watcher);
        vm.expectRevert(Plasma.SenderDataMismatch.selector);
        plasma.challengeStandardExit(utxoPos, spend, 0, sig, keccak256(abi.encode(watcher)));
        vm.prank(watcher);
        vm.expectRevert(Plasma.SenderDataMismatch.selector);
        plasma.challengeStandardExit(utxoPos, spend, 0, sig, bytes32(0));
        vm.prank(watcher);
        plasma.challengeStandardExit(utxoPos, spend, 0, sig, _senderData(watcher));
        vm.assertEq(watcher.balance, BOND);
        vm.assertTrue(_status(utxoPos) == Plasma.ExitStatus.Challenged);
    }

    /// @notice X4: whoever sends a challenge naming someone else, it reverts.
    function testFuzz_challenge_senderDataMustNameTheCaller(address caller, address named) public {
        vm.assume(caller != named);
        uint256 utxoPos = _exitDeposit(alice, 1 ether);
        (bytes memory spend, bytes memory sig) = _spend(utxoPos, ALICE_KEY);
        vm.prank(caller);
        vm.expectRevert(Plasma.SenderDataMismatch.selector);
        plasma.challengeStandardExit(utxoPos, spend, 0, sig, _senderData(named));
        vm.assertTrue(_status(utxoPos) == Plasma.ExitStatus.Active);
    }

    function test_challenge_bondCreditedWhenChallengerRejectsEth() public {
        uint256 utxoPos = _exitDeposit(alice, 1 ether);
        (bytes memory spend, bytes memory sig) = _spend(utxoPos, ALICE_KEY);
        Receiver r = new Receiver();
        r.call(
            address(plasma),
            abi.encodeCall(
                Plasma.challengeStandardExit, (utxoPos, spend, 0, sig, _senderData(address(r)))
            )
        );
        vm.assertEq(plasma.withdrawable(address(r), address(0)), BOND);
        vm.assertTrue(_status(utxoPos) == Plasma.ExitStatus.Challenged);
    }

    function test_challenge_contractHashMatchesIndependentHash() public {
        LibHarness h = new LibHarness();
        uint256[] memory ins = new uint256[](3);
        ins[0] = TxBuilder.pos(1000, 3, 2);
        ins[1] = TxBuilder.pos(5, 0, 0);
        ins[2] = TxBuilder.pos(2000, 65_535, 3);
        TxBuilder.Out[] memory outs = new TxBuilder.Out[](2);
        outs[0] = TxBuilder.Out(alice, address(token), 12_345);
        outs[1] = TxBuilder.Out(bob, address(0), type(uint256).max);
        bytes32 meta = keccak256("meta");
        bytes32 domain = plasma.domainSeparator();
        vm.assertEq(
            h.signingHash(domain, TxBuilder.encode(ins, outs, meta)),
            TxBuilder.signingHash(domain, ins, outs, meta)
        );
    }

    function test_restartAfterChallenge_impossible() public {
        (uint256 blknum, bytes memory txBytes) = _depositEth(alice, 1 ether);
        uint256 utxoPos = blknum * 1e6;
        bytes memory proof = _singleProof(txBytes);
        vm.prank(alice);
        plasma.startStandardExit{value: BOND}(utxoPos, txBytes, proof);
        (bytes memory spend, bytes memory sig) = _spend(utxoPos, ALICE_KEY);
        plasma.challengeStandardExit(utxoPos, spend, 0, sig, _senderData(address(this)));
        vm.prank(alice);
        vm.expectRevert(Plasma.ExitWasChallenged.selector);
        plasma.startStandardExit{value: BOND}(utxoPos, txBytes, proof);
        vm.expectRevert(Plasma.ExitNotActive.selector);
        plasma.challengeStandardExit(utxoPos, spend, 0, sig, _senderData(address(this)));
    }

    function test_challenge_revertsOnUnknownExit() public {
        (bytes memory spend, bytes memory sig) = _spend(1e6, ALICE_KEY);
        vm.expectRevert(Plasma.ExitNotActive.selector);
        plasma.challengeStandardExit(1e6, spend, 0, sig, _senderData(address(this)));
    }

    function test_challenge_revertsOnMissingInput() public {
        uint256 utxoPos = _exitDeposit(alice, 1 ether);
        (bytes memory spend, bytes memory sig) = _spend(utxoPos, ALICE_KEY);
        vm.expectRevert(Plasma.InputNotFound.selector);
        plasma.challengeStandardExit(utxoPos, spend, 1, sig, _senderData(address(this)));
    }

    function test_challenge_revertsOnOtherInput() public {
        uint256 utxoPos = _exitDeposit(alice, 1 ether);
        (bytes memory spend, bytes memory sig) = _spend(utxoPos + 1e6, ALICE_KEY);
        vm.expectRevert(Plasma.NotSpendingExitingOutput.selector);
        plasma.challengeStandardExit(utxoPos, spend, 0, sig, _senderData(address(this)));
    }

    function test_challenge_revertsOnBadSignatures() public {
        uint256 utxoPos = _exitDeposit(alice, 1 ether);
        (bytes memory spend, bytes memory sig) = _spend(utxoPos, ALICE_KEY);
        (bytes32 r, bytes32 s) = abi.decode(sig, (bytes32, bytes32));
        uint8 v = uint8(sig[64]);

        vm.expectRevert(Plasma.MalformedSignature.selector);
        plasma.challengeStandardExit(
            utxoPos, spend, 0, bytes.concat(sig, hex"00"), _senderData(address(this))
        );
        vm.expectRevert(Plasma.InvalidSignature.selector);
        plasma.challengeStandardExit(
            utxoPos, spend, 0, abi.encodePacked(r, s, uint8(29)), _senderData(address(this))
        );
        vm.expectRevert(Plasma.InvalidSignature.selector);
        plasma.challengeStandardExit(
            utxoPos, spend, 0, abi.encodePacked(bytes32(0), s, v), _senderData(address(this))
        );
        uint256 n = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141;
        vm.expectRevert(Plasma.HighSSignature.selector);
        plasma.challengeStandardExit(
            utxoPos,
            spend,
            0,
            abi.encodePacked(r, bytes32(n - uint256(s)), v == 27 ? 28 : 27),
            _senderData(address(this))
        );
        (, bytes memory bobSig) = _spend(utxoPos, BOB_KEY);
        vm.expectRevert(Plasma.SignerNotExitOwner.selector);
        plasma.challengeStandardExit(utxoPos, spend, 0, bobSig, _senderData(address(this)));
    }
}

contract PlasmaProcessTest is PlasmaTestBase {
    receive() external payable {}

    function test_processExits_paysEthExit() public {
        uint256 utxoPos = _exitDeposit(alice, 1 ether);
        uint256 before = alice.balance;
        vm.warp(block.timestamp + MEP);
        vm.expectEmit(address(plasma));
        emit ExitFinalized(utxoPos, alice, address(0), 1 ether, true);
        plasma.processExits(address(0), utxoPos, 1);
        vm.assertEq(alice.balance, before + 1 ether + BOND);
        vm.assertTrue(_status(utxoPos) == Plasma.ExitStatus.Finalized);
        vm.assertEq(plasma.exitQueueSize(address(0)), 0);
        (uint256 id, uint256 at) = plasma.topExit(address(0));
        vm.assertEq(id, 0);
        vm.assertEq(at, 0);
    }

    function test_processExits_waitsForExitableAt() public {
        uint256 utxoPos = _exitDeposit(alice, 1 ether);
        vm.warp(block.timestamp + MEP - 1);
        plasma.processExits(address(0), 0, 10);
        vm.assertTrue(_status(utxoPos) == Plasma.ExitStatus.Active);
        vm.assertEq(plasma.exitQueueSize(address(0)), 1);
    }

    function test_processExits_revertsOnTopMismatch() public {
        uint256 utxoPos = _exitDeposit(alice, 1 ether);
        vm.expectRevert(Plasma.TopExitMismatch.selector);
        plasma.processExits(address(0), utxoPos + 1e6, 1);
        vm.expectRevert(Plasma.TopExitMismatch.selector);
        plasma.processExits(address(token), utxoPos, 1);
    }

    function test_processExits_emptyQueueIsNoop() public {
        plasma.processExits(address(0), 0, 5);
        vm.assertEq(plasma.exitQueueSize(address(0)), 0);
    }

    function test_processExits_skipsChallenged() public {
        uint256 first = _exitDeposit(alice, 1 ether);
        uint256 second = _exitDeposit(bob, 2 ether);
        (bytes memory spend, bytes memory sig) = _spend(first, ALICE_KEY);
        plasma.challengeStandardExit(first, spend, 0, sig, _senderData(address(this)));
        vm.warp(block.timestamp + MEP);
        uint256 aliceBefore = alice.balance;
        plasma.processExits(address(0), first, 10);
        vm.assertEq(alice.balance, aliceBefore);
        vm.assertTrue(_status(first) == Plasma.ExitStatus.Challenged);
        vm.assertTrue(_status(second) == Plasma.ExitStatus.Finalized);
        vm.assertEq(plasma.exitQueueSize(address(0)), 0);
    }

    function test_processExits_neverPaysTwice() public {
        (uint256 blknum, bytes memory txBytes) = _depositEth(alice, 1 ether);
        uint256 utxoPos = blknum * 1e6;
        bytes memory proof = _singleProof(txBytes);
        vm.prank(alice);
        plasma.startStandardExit{value: BOND}(utxoPos, txBytes, proof);
        vm.warp(block.timestamp + MEP);
        plasma.processExits(address(0), 0, 1);
        uint256 balance = address(plasma).balance;
        plasma.processExits(address(0), 0, 1);
        vm.assertEq(address(plasma).balance, balance);
        vm.prank(alice);
        vm.expectRevert(Plasma.ExitAlreadyStarted.selector);
        plasma.startStandardExit{value: BOND}(utxoPos, txBytes, proof);
    }

    function test_processExits_tokenExitPaysTokenAndBond() public {
        (uint256 blknum, bytes memory txBytes) = _depositToken(alice, 700);
        vm.prank(alice);
        plasma.startStandardExit{value: BOND}(blknum * 1e6, txBytes, _singleProof(txBytes));
        vm.warp(block.timestamp + MEP);
        uint256 ethBefore = alice.balance;
        vm.expectEmit(address(plasma));
        emit ExitFinalized(blknum * 1e6, alice, address(token), 700, true);
        plasma.processExits(address(token), 0, 1);
        vm.assertEq(token.balanceOf(alice), 700);
        vm.assertEq(alice.balance, ethBefore + BOND);
    }

    function test_processExits_hugeTokenAmount() public {
        uint256 amount = uint256(type(uint96).max) + 5;
        (uint256 blknum, bytes memory txBytes) = _depositToken(alice, amount);
        vm.prank(alice);
        plasma.startStandardExit{value: BOND}(blknum * 1e6, txBytes, _singleProof(txBytes));
        (,, uint256 stored,,,) = plasma.exits(blknum * 1e6);
        vm.assertEq(stored, amount);
        vm.warp(block.timestamp + MEP);
        plasma.processExits(address(token), 0, 1);
        vm.assertEq(token.balanceOf(alice), amount);
    }

    function test_processExits_revertingReceiverIsCreditedAndQueueContinues() public {
        Receiver r = new Receiver();
        (uint256 blknum, bytes memory txBytes) = _depositEth(address(r), 1 ether);
        r.call{value: BOND}(
            address(plasma),
            abi.encodeCall(Plasma.startStandardExit, (blknum * 1e6, txBytes, _singleProof(txBytes)))
        );
        uint256 second = _exitDeposit(alice, 2 ether);
        vm.warp(block.timestamp + MEP);
        uint256 aliceBefore = alice.balance;
        vm.expectEmit(address(plasma));
        emit ExitFinalized(blknum * 1e6, address(r), address(0), 1 ether, false);
        plasma.processExits(address(0), 0, 2);
        vm.assertEq(plasma.withdrawable(address(r), address(0)), 1 ether + BOND);
        vm.assertEq(alice.balance, aliceBefore + 2 ether + BOND);
        vm.assertTrue(_status(second) == Plasma.ExitStatus.Finalized);

        // withdraw fails while the receiver still reverts, then succeeds
        vm.expectRevert(Plasma.WithdrawFailed.selector);
        r.call(address(plasma), abi.encodeCall(Plasma.withdraw, (address(0), 1 ether + BOND)));
        r.setAccept(true);
        r.call(address(plasma), abi.encodeCall(Plasma.withdraw, (address(0), 1 ether + BOND)));
        vm.assertEq(address(r).balance, 1 ether + BOND);
        vm.assertEq(plasma.withdrawable(address(r), address(0)), 0);
        vm.expectRevert(Plasma.NothingToWithdraw.selector);
        r.call(address(plasma), abi.encodeCall(Plasma.withdraw, (address(0), 1)));
    }

    function test_processExits_tokenReturningFalseIsCredited() public {
        (uint256 blknum, bytes memory txBytes) = _depositToken(alice, 700);
        vm.prank(alice);
        plasma.startStandardExit{value: BOND}(blknum * 1e6, txBytes, _singleProof(txBytes));
        vm.warp(block.timestamp + MEP);
        token.setMode(TestToken.Mode.ReturnsFalse);
        vm.expectEmit(address(plasma));
        emit ExitFinalized(blknum * 1e6, alice, address(token), 700, false);
        plasma.processExits(address(token), 0, 1);
        vm.assertEq(plasma.withdrawable(alice, address(token)), 700);
        token.setMode(TestToken.Mode.Normal);
        vm.prank(alice);
        plasma.withdraw(address(token), 700);
        vm.assertEq(token.balanceOf(alice), 700);
    }

    /// @dev A byzantine operator's block minting `amount` of `tok` to alice, who exits it.
    function _exitUnbacked(address tok, uint256 amount) internal returns (uint256 utxoPos) {
        bytes[] memory txs = new bytes[](1);
        txs[0] = TxBuilder.transferTx(TxBuilder.one(9e18), TxBuilder.oneOut(alice, tok, amount));
        utxoPos = _submit(txs) * 1e6;
        vm.prank(alice);
        plasma.startStandardExit{value: BOND}(utxoPos, txs[0], _proof(txs, 0));
    }

    /// @notice amount + bond used to overflow for an ETH output near 2^256 (only a byzantine
    ///         operator can make one): processExits reverted forever at that exit, freezing every
    ///         exit queued behind it. The unbacked amount is now dropped (neither paid nor
    ///         credited); its backed bond goes back alone.
    function test_processExits_unbackedHugeEthExitDoesNotBlockQueue() public {
        uint256 bogus = _exitUnbacked(address(0), type(uint256).max - 1);
        vm.warp(block.timestamp + MEP);
        uint256 honest = _exitDeposit(bob, 1 ether);
        vm.warp(block.timestamp + 2 * MEP);
        uint256 bobBefore = bob.balance;
        uint256 aliceBefore = alice.balance;
        vm.expectEmit(address(plasma));
        emit ExitFinalized(bogus, alice, address(0), type(uint256).max - 1, false);
        plasma.processExits(address(0), bogus, 2);
        vm.assertEq(bob.balance, bobBefore + 1 ether + BOND);
        vm.assertEq(alice.balance, aliceBefore + BOND);
        vm.assertTrue(_status(honest) == Plasma.ExitStatus.Finalized);
        vm.assertEq(plasma.withdrawable(alice, address(0)), 0);
        vm.assertEq(plasma.exitQueueSize(address(0)), 0);
        vm.assertEq(address(plasma).balance, 0);
    }

    /// @notice Unbacked exits of amounts whose sum overflows (once credited, they overflowed the
    ///         owner's credit and blocked the queue) are dropped, ETH and token alike; every bond
    ///         goes back and nothing is credited.
    function test_processExits_unbackedAmountsAreDroppedNotCredited() public {
        uint256 half = 1 << 255;
        _exitUnbacked(address(0), half);
        _exitUnbacked(address(0), half);
        _exitUnbacked(address(token), half);
        _exitUnbacked(address(token), half);
        vm.warp(block.timestamp + 2 * MEP);
        uint256 aliceBefore = alice.balance;
        plasma.processExits(address(0), 0, 2);
        plasma.processExits(address(token), 0, 2);
        vm.assertEq(plasma.withdrawable(alice, address(0)), 0);
        vm.assertEq(plasma.withdrawable(alice, address(token)), 0);
        vm.assertEq(alice.balance, aliceBefore + 4 * BOND);
        vm.assertEq(plasma.exitQueueSize(address(0)), 0);
        vm.assertEq(plasma.exitQueueSize(address(token)), 0);
        vm.prank(alice);
        vm.expectRevert(Plasma.NothingToWithdraw.selector);
        plasma.withdraw(address(0), 1);
    }

    /// @notice The attack: eve's bogus exit matures while Plasma holds only her bond. It must not
    ///         become a claim on bob's later deposit: eve gets her bond back, no credit, and bob's
    ///         exit is paid in full.
    function test_attack_unbackedExitCannotTakeALaterDeposit() public {
        address eve = address(0xE7E);
        bytes[] memory txs = new bytes[](1);
        txs[0] =
            TxBuilder.transferTx(TxBuilder.one(9e18), TxBuilder.oneOut(eve, address(0), 1 ether));
        uint256 bogus = _submit(txs) * 1e6;
        vm.deal(eve, BOND);
        vm.prank(eve);
        plasma.startStandardExit{value: BOND}(bogus, txs[0], _proof(txs, 0));
        vm.warp(block.timestamp + 2 * MEP);
        vm.expectEmit(address(plasma));
        emit ExitFinalized(bogus, eve, address(0), 1 ether, false);
        plasma.processExits(address(0), 0, 1);
        vm.assertEq(eve.balance, BOND, "eve's bond back");
        vm.assertEq(plasma.withdrawable(eve, address(0)), 0, "eve credited nothing");

        uint256 honest = _exitDeposit(bob, 1 ether); // bob deposits after eve's exit matured
        vm.prank(eve);
        vm.expectRevert(Plasma.NothingToWithdraw.selector);
        plasma.withdraw(address(0), 1 ether);
        vm.warp(block.timestamp + MEP);
        uint256 bobBefore = bob.balance;
        plasma.processExits(address(0), honest, 1);
        vm.assertEq(bob.balance, bobBefore + 1 ether + BOND, "bob paid in full");
        vm.assertEq(address(plasma).balance, 0);
    }

    /// @notice When the available balance backs an honest exit's amount but not its bond too
    ///         (a byzantine exit drained the rest), the amount goes out and the bond is dropped:
    ///         the owner gets what is backed, nothing unbacked is credited.
    function test_processExits_backedAmountPaidWhenItsBondIsNot() public {
        uint256 bogus = _exitUnbacked(address(0), BOND); // first in the queue: takes BOND of
        vm.warp(block.timestamp + 2 * MEP); // bob's bond
        uint256 honest = _exitDeposit(bob, 1 ether);
        vm.warp(block.timestamp + MEP);
        uint256 bobBefore = bob.balance;
        vm.expectEmit(address(plasma));
        emit ExitFinalized(honest, bob, address(0), 1 ether, false);
        plasma.processExits(address(0), bogus, 2);
        vm.assertEq(bob.balance, bobBefore + 1 ether, "bob's backed amount, not his bond");
        vm.assertEq(plasma.withdrawable(bob, address(0)), 0);
        vm.assertEq(address(plasma).balance, 0);
    }

    /// @notice A backed payout the receiver refuses stays reserved: a later exit cannot take its
    ///         ether (it is left unbacked and dropped), and the receiver withdraws it in full.
    function test_attack_refusedPayoutStaysReservedFromLaterExits() public {
        address eve = address(0xE7E);
        Receiver r = new Receiver();
        (uint256 blknum, bytes memory txBytes) = _depositEth(address(r), 1 ether);
        r.call{value: BOND}(
            address(plasma),
            abi.encodeCall(Plasma.startStandardExit, (blknum * 1e6, txBytes, _singleProof(txBytes)))
        );
        vm.warp(block.timestamp + MEP);
        plasma.processExits(address(0), 0, 1);
        vm.assertEq(plasma.withdrawable(address(r), address(0)), 1 ether + BOND);
        // a byzantine exit of 1 ETH matures while only r's reserved ether is there
        bytes[] memory txs = new bytes[](1);
        txs[0] =
            TxBuilder.transferTx(TxBuilder.one(9e18), TxBuilder.oneOut(eve, address(0), 1 ether));
        uint256 bogus = _submit(txs) * 1e6;
        vm.deal(eve, BOND);
        vm.prank(eve);
        plasma.startStandardExit{value: BOND}(bogus, txs[0], _proof(txs, 0));
        vm.warp(block.timestamp + 2 * MEP);
        vm.expectEmit(address(plasma));
        emit ExitFinalized(bogus, eve, address(0), 1 ether, false);
        plasma.processExits(address(0), bogus, 1);
        vm.assertEq(eve.balance, BOND, "eve got only her bond");
        vm.assertEq(address(plasma).balance, 1 ether + BOND, "r's credit still backed");
        r.setAccept(true);
        r.call(address(plasma), abi.encodeCall(Plasma.withdraw, (address(0), 1 ether + BOND)));
        vm.assertEq(address(r).balance, 1 ether + BOND);
        vm.assertEq(address(plasma).balance, 0);
    }

    /// @notice A refused token payout stays reserved too: a later unbacked token exit is dropped.
    function test_attack_refusedTokenPayoutStaysReserved() public {
        (uint256 blknum, bytes memory txBytes) = _depositToken(alice, 700);
        vm.prank(alice);
        plasma.startStandardExit{value: BOND}(blknum * 1e6, txBytes, _singleProof(txBytes));
        vm.warp(block.timestamp + MEP);
        token.setMode(TestToken.Mode.ReturnsFalse);
        plasma.processExits(address(token), 0, 1);
        token.setMode(TestToken.Mode.Normal);
        uint256 bogus = _exitUnbacked(address(token), 700);
        vm.warp(block.timestamp + 2 * MEP);
        vm.expectEmit(address(plasma));
        emit ExitFinalized(bogus, alice, address(token), 700, false);
        plasma.processExits(address(token), bogus, 1);
        vm.assertEq(token.balanceOf(alice), 0);
        vm.assertEq(plasma.withdrawable(alice, address(token)), 700);
        vm.prank(alice);
        plasma.withdraw(address(token), 700);
        vm.assertEq(token.balanceOf(alice), 700);
    }

    /// @notice Forced ether (selfdestruct) only raises the available balance: an exit it backs is
    ///         paid.
    function test_forcedEtherBacksAPayout() public {
        uint256 bogus = _exitUnbacked(address(0), 1 ether);
        vm.deal(address(plasma), address(plasma).balance + 1 ether);
        vm.warp(block.timestamp + 2 * MEP);
        uint256 aliceBefore = alice.balance;
        plasma.processExits(address(0), bogus, 1);
        vm.assertEq(alice.balance, aliceBefore + 1 ether + BOND);
    }

    function test_processExits_revertsWithoutGasForPayout() public {
        uint256 utxoPos = _exitDeposit(alice, 1 ether);
        vm.warp(block.timestamp + MEP);
        vm.expectRevert(Plasma.InsufficientGasForPayout.selector);
        plasma.processExits{gas: 80_000}(address(0), 0, 1);
        vm.assertTrue(_status(utxoPos) == Plasma.ExitStatus.Active);
    }

    function test_processExits_blocksReentrancy() public {
        Receiver r = new Receiver();
        (uint256 blknum, bytes memory txBytes) = _depositEth(address(r), 1 ether);
        r.call{value: BOND}(
            address(plasma),
            abi.encodeCall(Plasma.startStandardExit, (blknum * 1e6, txBytes, _singleProof(txBytes)))
        );
        r.setAccept(true);
        r.setReentry(address(plasma), abi.encodeCall(Plasma.processExits, (address(0), 0, 1)));
        vm.warp(block.timestamp + MEP);
        plasma.processExits(address(0), 0, 1);
        vm.assertEq(r.lastError(), abi.encodeWithSelector(Plasma.Reentrancy.selector));
        vm.assertEq(address(r).balance, 1 ether + BOND);
    }

    function test_processExits_respectsMaxExits() public {
        _exitDeposit(alice, 1);
        _exitDeposit(alice, 2);
        _exitDeposit(alice, 3);
        vm.warp(block.timestamp + MEP);
        plasma.processExits(address(0), 0, 2);
        vm.assertEq(plasma.exitQueueSize(address(0)), 1);
    }

    /// @notice Exits started in random order are finalized by (exitableAt, utxoPos).
    function testFuzz_processExits_priorityOrder(uint256 seed) public {
        uint256 n = 6;
        for (uint256 i; i < n; ++i) {
            _depositEth(alice, 1 + i);
        }
        uint256[] memory order = new uint256[](n);
        for (uint256 i; i < n; ++i) {
            order[i] = i + 1;
        }
        for (uint256 i = n - 1; i > 0; --i) {
            uint256 j = uint256(keccak256(abi.encode(seed, i))) % (i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
        for (uint256 i; i < n; ++i) {
            // two exits may share a timestamp; then the older output wins
            if (uint256(keccak256(abi.encode(seed, "t", i))) % 2 == 0) {
                vm.warp(block.timestamp + 1);
            }
            uint256 blknum = order[i];
            bytes memory txBytes = TxBuilder.depositTx(alice, address(0), blknum);
            vm.prank(alice);
            plasma.startStandardExit{value: BOND}(blknum * 1e6, txBytes, _singleProof(txBytes));
        }
        vm.warp(block.timestamp + MEP);
        uint256 prev;
        for (uint256 i; i < n; ++i) {
            (uint256 id, uint256 at) = plasma.topExit(address(0));
            uint256 priority = at << 192 | id;
            vm.assertGt(priority, prev);
            prev = priority;
            plasma.processExits(address(0), id, 1);
            vm.assertTrue(_status(id) == Plasma.ExitStatus.Finalized);
        }
        vm.assertEq(plasma.exitQueueSize(address(0)), 0);
    }
}
