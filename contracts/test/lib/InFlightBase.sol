// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {TxBuilder} from "./TxBuilder.sol";
import {PlasmaTestBase} from "../Plasma.t.sol";
import {Plasma} from "../../src/Plasma.sol";
import {IPlasmaInFlightExits} from "../../src/IPlasmaInFlightExits.sol";

/// @notice Cheatcodes the in-flight exit tests use beyond test/lib/Vm.sol.
interface VmExtra {
    struct Gas {
        uint64 gasLimit;
        uint64 gasTotalUsed;
        uint64 gasMemoryUsed;
        int64 gasRefunded;
        uint64 gasRemaining;
    }

    function load(address target, bytes32 slot) external view returns (bytes32);
    function lastCallGas() external view returns (Gas memory);
}

/// @notice Builds chains of outputs, in-flight txs and their exits for the in-flight exit tests.
///         Plasma is deployed with three different bonds so a mix-up shows.
abstract contract InFlightTestBase is PlasmaTestBase {
    uint256 internal constant IFE_BOND = 0.3 ether;
    uint256 internal constant PB_BOND = 0.05 ether;
    uint256 internal constant CAROL_KEY = 0xCA401;
    uint256 internal constant DAVE_KEY = 0xDA7E;
    address internal constant STARTER = address(0x57A27);
    address internal constant CHALLENGER = address(0xC4A1);
    address internal constant RESPONDER = address(0x4E5B);
    uint256 internal constant IN_FLIGHT_POS = type(uint64).max;
    VmExtra internal constant vmx = VmExtra(0x7109709ECfa91a80626fF3989D68f67F5b1DD12D);

    IPlasmaInFlightExits internal ife;
    address internal carol;
    address internal dave;

    /// @dev An output on the chain: its position, the tx that made it and that tx's proof.
    struct Utxo {
        uint256 pos;
        bytes txBytes;
        bytes proof;
        address owner;
        address token;
        uint256 amount;
    }

    /// @dev A signed tx and the arguments of its in-flight exit.
    struct InFlight {
        bytes txBytes;
        uint256[] ins;
        TxBuilder.Out[] outs;
        bytes[] inputTxs;
        uint256[] inputPos;
        bytes[] proofs;
        bytes[] sigs;
        uint256 id;
    }

    function setUp() public virtual override {
        super.setUp();
        plasma = new Plasma(OPERATOR, MEP, BOND, IFE_BOND, PB_BOND);
        ife = IPlasmaInFlightExits(address(plasma));
        carol = vm.addr(CAROL_KEY);
        dave = vm.addr(DAVE_KEY);
        vm.deal(carol, 100 ether);
        vm.deal(dave, 100 ether);
        vm.deal(STARTER, 100 ether);
        vm.deal(CHALLENGER, 1 ether);
        vm.deal(RESPONDER, 1 ether);
    }

    function _keyOf(address who) internal view returns (uint256) {
        if (who == alice) return ALICE_KEY;
        if (who == bob) return BOB_KEY;
        if (who == carol) return CAROL_KEY;
        if (who == dave) return DAVE_KEY;
        revert("no key");
    }

    // ------------------------------------------------------------ outputs

    function _ethUtxo(address owner, uint256 amount) internal returns (Utxo memory u) {
        (uint256 blknum, bytes memory txBytes) = _depositEth(owner, amount);
        u = Utxo(blknum * 1e6, txBytes, _singleProof(txBytes), owner, address(0), amount);
    }

    function _tokenUtxo(address owner, uint256 amount) internal returns (Utxo memory u) {
        (uint256 blknum, bytes memory txBytes) = _depositToken(owner, amount);
        u = Utxo(blknum * 1e6, txBytes, _singleProof(txBytes), owner, address(token), amount);
    }

    /// @dev Includes `txBytes` at tx index `txIndex` of a new child block (other leaves are
    ///      fillers); returns its output `oindex` as a Utxo, and the tx position.
    function _include(bytes memory txBytes, uint256 txIndex)
        internal
        returns (uint256 txPos, bytes memory proof)
    {
        bytes[] memory txs = new bytes[](txIndex + 1);
        for (uint256 i; i < txIndex; ++i) {
            txs[i] = abi.encodePacked("filler", i);
        }
        txs[txIndex] = txBytes;
        uint256 blknum = _submit(txs);
        txPos = blknum * 1e6 + txIndex * 10;
        proof = _proof(txs, txIndex);
    }

    /// @dev `u` spent (signed by its owner) into `outs`, included at `txIndex` of a new block;
    ///      returns output `oindex` of it.
    function _childUtxo(Utxo memory u, TxBuilder.Out[] memory outs, uint256 txIndex, uint256 oindex)
        internal
        returns (Utxo memory c)
    {
        bytes memory txBytes = TxBuilder.transferTx(TxBuilder.one(u.pos), outs);
        (uint256 txPos, bytes memory proof) = _include(txBytes, txIndex);
        TxBuilder.Out memory o = outs[oindex];
        c = Utxo(txPos + oindex, txBytes, proof, o.owner, o.token, o.amount);
    }

    // ------------------------------------------------------------ txs and signatures

    function _sign(uint256 key, uint256[] memory ins, TxBuilder.Out[] memory outs)
        internal
        view
        returns (bytes memory)
    {
        bytes32 digest = TxBuilder.signingHash(
            TxBuilder.domainSeparator(address(plasma), block.chainid), ins, outs, bytes32(0)
        );
        (uint8 v, bytes32 r, bytes32 s) = vm.sign(key, digest);
        return abi.encodePacked(r, s, v);
    }

    /// @dev The tx spending `inputs` into `outs`, signed by each input's owner, with the
    ///      arguments of its in-flight exit.
    function _inFlight(Utxo[] memory inputs, TxBuilder.Out[] memory outs)
        internal
        view
        returns (InFlight memory f)
    {
        uint256 n = inputs.length;
        f.ins = new uint256[](n);
        f.inputTxs = new bytes[](n);
        f.inputPos = new uint256[](n);
        f.proofs = new bytes[](n);
        f.sigs = new bytes[](n);
        for (uint256 i; i < n; ++i) {
            f.ins[i] = inputs[i].pos;
            f.inputTxs[i] = inputs[i].txBytes;
            f.inputPos[i] = inputs[i].pos;
            f.proofs[i] = inputs[i].proof;
        }
        f.outs = outs;
        f.txBytes = TxBuilder.transferTx(f.ins, outs);
        for (uint256 i; i < n; ++i) {
            f.sigs[i] = _sign(_keyOf(inputs[i].owner), f.ins, outs);
        }
        f.id = uint256(keccak256(f.txBytes)) >> 128 | 1 << 127;
    }

    function _one(Utxo memory u) internal pure returns (Utxo[] memory r) {
        r = new Utxo[](1);
        r[0] = u;
    }

    function _two(Utxo memory a, Utxo memory b) internal pure returns (Utxo[] memory r) {
        r = new Utxo[](2);
        r[0] = a;
        r[1] = b;
    }

    function _outs1(address o, address tok, uint256 amount)
        internal
        pure
        returns (TxBuilder.Out[] memory)
    {
        return TxBuilder.oneOut(o, tok, amount);
    }

    function _outs2(address o0, address t0, uint256 a0, address o1, address t1, uint256 a1)
        internal
        pure
        returns (TxBuilder.Out[] memory r)
    {
        r = new TxBuilder.Out[](2);
        r[0] = TxBuilder.Out(o0, t0, a0);
        r[1] = TxBuilder.Out(o1, t1, a1);
    }

    /// @dev A tx spending `inputs` into `outs`, signed with `key` (a competitor or a spend).
    function _signedTx(uint256[] memory ins, TxBuilder.Out[] memory outs, uint256 key)
        internal
        view
        returns (bytes memory txBytes, bytes memory sig)
    {
        txBytes = TxBuilder.transferTx(ins, outs);
        sig = _sign(key, ins, outs);
    }

    // ------------------------------------------------------------ game actions

    function _start(InFlight memory f) internal {
        vm.prank(STARTER);
        ife.startInFlightExit{value: IFE_BOND}(f.txBytes, f.inputTxs, f.inputPos, f.proofs, f.sigs);
    }

    /// @dev `f`'s start, by STARTER with the right bond, reverts `err`.
    function _expectStartReverts(InFlight memory f, bytes4 err) internal {
        vm.prank(STARTER);
        vm.expectRevert(err);
        ife.startInFlightExit{value: IFE_BOND}(f.txBytes, f.inputTxs, f.inputPos, f.proofs, f.sigs);
    }

    function _piggyIn(InFlight memory f, uint8 i) internal {
        address owner = _inputOwner(f.id, i);
        vm.prank(owner);
        ife.piggybackInFlightExitOnInput{value: PB_BOND}(f.txBytes, i);
    }

    function _piggyOut(InFlight memory f, uint8 k) internal {
        vm.prank(f.outs[k].owner);
        ife.piggybackInFlightExitOnOutput{value: PB_BOND}(f.txBytes, k);
    }

    /// @dev Challenges `f`'s input `i` with an in-flight competitor spending it to its owner.
    function _challengeInFlight(InFlight memory f, uint8 i) internal {
        address owner = _inputOwner(f.id, i);
        (bytes memory c, bytes memory sig) = _signedTx(
            TxBuilder.one(f.ins[i]), _outs1(owner, _inputToken(f.id, i), 1), _keyOf(owner)
        );
        vm.prank(CHALLENGER);
        ife.challengeInFlightExitNotCanonical(
            f.txBytes, i, c, 0, 0, "", sig, _senderData(CHALLENGER)
        );
    }

    function _processAll(address tok) internal {
        plasma.processExits(tok, 0, 100);
    }

    // ------------------------------------------------------------ reads

    function _inputOwner(uint256 id, uint8 i) internal view returns (address owner) {
        (, owner,,) = ife.inFlightExitInput(id, i);
    }

    function _inputToken(uint256 id, uint8 i) internal view returns (address tok) {
        (,, tok,) = ife.inFlightExitInput(id, i);
    }

    function _ifeStatus(uint256 id)
        internal
        view
        returns (IPlasmaInFlightExits.InFlightExitStatus s)
    {
        (s,,,,,,,,,) = ife.inFlightExits(id);
    }

    function _bondOwner(uint256 id) internal view returns (address o) {
        (,, o,,,,,,,) = ife.inFlightExits(id);
    }

    function _canonical(uint256 id) internal view returns (bool c) {
        (,,,,,,, c,,) = ife.inFlightExits(id);
    }

    function _piggybacked(uint256 id) internal view returns (uint8 p) {
        (,,,,,,,,, p) = ife.inFlightExits(id);
    }

    function _exitableAt(uint256 id) internal view returns (uint256 t) {
        (,,,, t,,,,,) = ife.inFlightExits(id);
    }

    function _oldest(uint256 id) internal view returns (uint256 p) {
        (,,,,,, p,,,) = ife.inFlightExits(id);
    }

    function _outputKey(bytes memory txBytes, uint256 oindex) internal pure returns (uint256) {
        return uint256(keccak256(abi.encodePacked(keccak256(txBytes), uint8(oindex)))) | 1 << 255;
    }

    function _isActive(uint256 id) internal view returns (bool) {
        return _ifeStatus(id) == IPlasmaInFlightExits.InFlightExitStatus.Active;
    }

    function _isFinalized(uint256 id) internal view returns (bool) {
        return _ifeStatus(id) == IPlasmaInFlightExits.InFlightExitStatus.Finalized;
    }
}
