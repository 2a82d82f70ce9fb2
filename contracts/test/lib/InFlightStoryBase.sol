// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {TestBase} from "./Vm.sol";
import {TxBuilder} from "./TxBuilder.sol";
import {Plasma} from "../../src/Plasma.sol";
import {IPlasmaInFlightExits} from "../../src/IPlasmaInFlightExits.sol";

/// @notice A base for in-flight exit stories: a Plasma with bonds of distinct sizes (so every
///         balance check says which bond moved), keyed actors, signed txs, blocks the operator
///         commits (published or withheld: the test holds the contents either way), and the game
///         called through `IPlasmaInFlightExits(address(plasma))`.
abstract contract InFlightStoryBase is TestBase {
    uint256 internal constant MEP = 7 days;
    uint256 internal constant BOND = 0.1 ether;
    uint256 internal constant IFE_BOND = 0.3 ether;
    uint256 internal constant PB_BOND = 0.07 ether;
    uint256 internal constant START_ETH = 100 ether;
    uint256 internal constant ALICE_KEY = 0xA11CE;
    uint256 internal constant BOB_KEY = 0xB0B;
    uint256 internal constant CAROL_KEY = 0xCA201;
    uint256 internal constant EVE_KEY = 0xE7E;
    uint256 internal constant WATCHER_KEY = 0x3A7C4;
    address internal constant OPERATOR = address(0x0905);
    uint256 internal constant T0 = 1_700_000_000;

    Plasma internal plasma;
    IPlasmaInFlightExits internal ife;
    address internal alice;
    address internal bob;
    address internal carol;
    address internal eve;
    address internal watcher;

    /// @dev A tx as its signers see it: bytes and the parts the EIP-712 hash is built from.
    struct Tx {
        bytes raw;
        uint256[] inputs;
        TxBuilder.Out[] outs;
        bytes32 metadata;
    }

    /// @dev A committed block's contents (the operator's copy, whether published or not).
    struct Block {
        uint256 blknum;
        bytes[] txs;
    }

    function setUp() public virtual {
        vm.warp(T0);
        plasma = new Plasma(OPERATOR, MEP, BOND, IFE_BOND, PB_BOND);
        ife = IPlasmaInFlightExits(address(plasma));
        alice = _actor(ALICE_KEY, "alice");
        bob = _actor(BOB_KEY, "bob");
        carol = _actor(CAROL_KEY, "carol");
        eve = _actor(EVE_KEY, "eve");
        watcher = _actor(WATCHER_KEY, "watcher");
        vm.deal(OPERATOR, START_ETH);
    }

    function _actor(uint256 key, string memory name) internal returns (address a) {
        a = vm.addr(key);
        vm.label(a, name);
        vm.deal(a, START_ETH);
    }

    // ------------------------------------------------------------ txs

    function _tx(uint256[] memory inputs, TxBuilder.Out[] memory outs, bytes32 metadata)
        internal
        pure
        returns (Tx memory t)
    {
        t = Tx(TxBuilder.encode(inputs, outs, metadata), inputs, outs, metadata);
    }

    /// @dev `input` (one output) to `to`, `amount` of ETH; `metadata` tells retries apart.
    function _pay(uint256 input, address to, uint256 amount, bytes32 metadata)
        internal
        pure
        returns (Tx memory)
    {
        return _tx(TxBuilder.one(input), TxBuilder.oneOut(to, address(0), amount), metadata);
    }

    function _sign(uint256 key, Tx memory t) internal view returns (bytes memory) {
        bytes32 digest =
            TxBuilder.signingHash(plasma.domainSeparator(), t.inputs, t.outs, t.metadata);
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(key, digest);
        return abi.encodePacked(r, s, v);
    }

    function _outs2(address a, uint256 x, address b, uint256 y)
        internal
        pure
        returns (TxBuilder.Out[] memory o)
    {
        o = new TxBuilder.Out[](2);
        o[0] = TxBuilder.Out(a, address(0), x);
        o[1] = TxBuilder.Out(b, address(0), y);
    }

    function _ins2(uint256 a, uint256 b) internal pure returns (uint256[] memory i) {
        i = new uint256[](2);
        i[0] = a;
        i[1] = b;
    }

    // ------------------------------------------------------------ chain

    /// @dev `owner` deposits `amount` ETH from its own balance; returns the deposit's position.
    function _deposit(address owner, uint256 amount)
        internal
        returns (uint256 pos, bytes memory txBytes)
    {
        pos = (plasma.nextChildBlock() - 1000 + plasma.nextDepositBlock()) * 1e6;
        txBytes = TxBuilder.depositTx(owner, address(0), amount);
        vm.prank(owner);
        plasma.deposit{value: amount}(txBytes);
    }

    function _depositProof(bytes memory txBytes) internal pure returns (bytes memory) {
        bytes[] memory one = new bytes[](1);
        one[0] = txBytes;
        return _proof(one, 0);
    }

    /// @dev The operator commits a block of `txs` (its root only: whether the contents are
    ///      published is up to the story).
    function _commit(bytes[] memory txs) internal returns (Block memory b) {
        b.blknum = plasma.nextChildBlock();
        b.txs = txs;
        bytes32 root = TxBuilder.emptyHash(16);
        if (txs.length != 0) (root,) = TxBuilder.rootAndProof(_leaves(txs), 0);
        vm.prank(OPERATOR);
        plasma.submitBlock(root);
    }

    function _commit2(bytes memory a, bytes memory b) internal returns (Block memory) {
        bytes[] memory txs = new bytes[](2);
        txs[0] = a;
        txs[1] = b;
        return _commit(txs);
    }

    function _commit1(bytes memory a) internal returns (Block memory) {
        bytes[] memory txs = new bytes[](1);
        txs[0] = a;
        return _commit(txs);
    }

    function _proof(bytes[] memory txs, uint256 index) internal pure returns (bytes memory p) {
        (, p) = TxBuilder.rootAndProof(_leaves(txs), index);
    }

    function _proofIn(Block memory b, uint256 index) internal pure returns (bytes memory) {
        return _proof(b.txs, index);
    }

    function _posIn(Block memory b, uint256 txindex, uint256 oindex)
        internal
        pure
        returns (uint256)
    {
        return TxBuilder.pos(b.blknum, txindex, oindex);
    }

    function _leaves(bytes[] memory txs) private pure returns (bytes32[] memory leaves) {
        leaves = new bytes32[](txs.length);
        for (uint256 i; i < txs.length; ++i) {
            leaves[i] = TxBuilder.leaf(txs[i]);
        }
    }

    // ------------------------------------------------------------ game

    /// @dev `starter` starts the in-flight exit of `t` (one input, a deposit: `depositTx`).
    function _startIfe1(address starter, Tx memory t, bytes memory depositTx, bytes memory sig)
        internal
        returns (uint256 exitId)
    {
        bytes[] memory inTxs = new bytes[](1);
        inTxs[0] = depositTx;
        bytes[] memory proofs = new bytes[](1);
        proofs[0] = _depositProof(depositTx);
        bytes[] memory sigs = new bytes[](1);
        sigs[0] = sig;
        return _startIfe(starter, t, inTxs, proofs, sigs);
    }

    function _startIfe(
        address starter,
        Tx memory t,
        bytes[] memory inputTxs,
        bytes[] memory proofs,
        bytes[] memory sigs
    ) internal returns (uint256 exitId) {
        vm.prank(starter);
        ife.startInFlightExit{value: IFE_BOND}(t.raw, inputTxs, t.inputs, proofs, sigs);
        exitId = ife.inFlightExitId(t.raw);
        vm.assertEq(exitId, _exitIdOf(t.raw), "exit id");
    }

    function _piggybackInput(address owner, Tx memory t, uint8 index) internal {
        vm.prank(owner);
        ife.piggybackInFlightExitOnInput{value: PB_BOND}(t.raw, index);
    }

    function _piggybackOutput(address owner, Tx memory t, uint8 index) internal {
        vm.prank(owner);
        ife.piggybackInFlightExitOnOutput{value: PB_BOND}(t.raw, index);
    }

    /// @dev `challenger` shows `competitor` (spending the exit's input 0 as its input
    ///      `competitorInput`), in flight (`b.blknum == 0`) or included at `b`'s tx `txindex`.
    function _challengeNonCanonical(
        address challenger,
        Tx memory t,
        uint8 inputIndex,
        Tx memory competitor,
        uint8 competitorInput,
        bytes memory competitorSig,
        Block memory b,
        uint256 txindex
    ) internal {
        _challengeAt(
            Challenge({
                challenger: challenger,
                raw: t.raw,
                inputIndex: inputIndex,
                competitorRaw: competitor.raw,
                competitorInput: competitorInput,
                competitorSig: competitorSig,
                cpos: b.blknum == 0 ? 0 : _posIn(b, txindex, 0),
                proof: b.blknum == 0 ? bytes("") : _proofIn(b, txindex)
            })
        );
    }

    /// @dev A canonicity challenge's arguments (one stack slot for `_challengeAt`).
    struct Challenge {
        address challenger;
        bytes raw;
        uint8 inputIndex;
        bytes competitorRaw;
        uint8 competitorInput;
        bytes competitorSig;
        uint256 cpos;
        bytes proof;
    }

    function _challengeAt(Challenge memory c) private {
        bytes32 senderData = _senderData(c.challenger);
        vm.prank(c.challenger);
        ife.challengeInFlightExitNotCanonical(
            c.raw,
            c.inputIndex,
            c.competitorRaw,
            c.competitorInput,
            c.cpos,
            c.proof,
            c.competitorSig,
            senderData
        );
    }

    function _respond(address responder, Tx memory t, Block memory b, uint256 txindex) internal {
        vm.prank(responder);
        ife.respondToNonCanonicalChallenge(
            t.raw, _posIn(b, txindex, 0), _proofIn(b, txindex), _senderData(responder)
        );
    }

    /// @dev Anyone processes every due ETH exit.
    function _processAll() internal {
        vm.prank(watcher);
        plasma.processExits(address(0), 0, 64);
    }

    function _exitIdOf(bytes memory raw) internal pure returns (uint256) {
        return uint256(keccak256(raw)) >> 128 | (1 << 127);
    }

    function _outputKey(bytes memory raw, uint8 oindex) internal pure returns (uint256) {
        return uint256(keccak256(abi.encodePacked(keccak256(raw), oindex))) | (1 << 255);
    }

    function _isCanonical(uint256 exitId) internal view returns (bool canonical) {
        (,,,,,,, canonical,,) = ife.inFlightExits(exitId);
    }

    function _ifeStatus(uint256 exitId)
        internal
        view
        returns (IPlasmaInFlightExits.InFlightExitStatus status)
    {
        (status,,,,,,,,,) = ife.inFlightExits(exitId);
    }

    function _bondOwner(uint256 exitId) internal view returns (address owner) {
        (,, owner,,,,,,,) = ife.inFlightExits(exitId);
    }

    function _exitableAt(uint256 exitId) internal view returns (uint256 at) {
        (,,,, at,,,,,) = ife.inFlightExits(exitId);
    }

    /// @dev What `who` holds in ETH, counting its Plasma credit.
    function _worth(address who) internal view returns (uint256) {
        return who.balance + plasma.withdrawable(who, address(0));
    }

    function _warpTo(uint256 t) internal {
        if (t > block.timestamp) vm.warp(t);
    }
}
