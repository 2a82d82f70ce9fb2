// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {Merkle} from "./lib/Merkle.sol";
import {UtxoPosLib} from "./lib/UtxoPosLib.sol";

/// @title PlasmaBase
/// @notice The storage layout, constants and low-level helpers that `Plasma` and its in-flight
///         exit module `PlasmaInFlightExits` share. The module runs by DELEGATECALL in Plasma's
///         storage, so both must see the same variables in the same slots: they are declared
///         here only, and neither contract declares storage of its own.
/// @dev Errors are declared by `Plasma` and the module themselves (so `Plasma.X.selector` keeps
///      working for its callers); the helpers here revert with the same selectors by value.
abstract contract PlasmaBase {
    /// @dev Two slots. Slot 0: owner | exitableAt << 160 | status << 224. Slot 1: token |
    ///      amount << 160, where an amount >= 2^96 - 1 is stored as 2^96 - 1 and in full in
    ///      `_bigAmounts`. `status` is a `Plasma.ExitStatus` (EXIT_* below). The same map is the
    ///      shared "finalized" place of the in-flight exits: an in-flight exit that pays an
    ///      output, or flags an input, writes slot 0 = exitId | EXIT_FINALIZED << 224 (exitableAt
    ///      0), at the output's position or at its `outputKey`.
    struct ExitData {
        address owner;
        uint64 exitableAt;
        uint8 status;
        address token;
        uint96 amount;
    }

    /// @dev An in-flight exit (IPlasmaInFlightExits.inFlightExits). Slot 0: bondOwner,
    ///      startedAt, status, isCanonical, inputCount, piggybacked (bits 0..3 inputs, 4..7
    ///      outputs), everPiggybacked (the same bits, never cleared), canonicityFixed (set by the
    ///      first processing pass; no response after it). Slot 1: exitableAt (before the first
    ///      piggyback: the youngest input's maturity, youngest block time + 2 * MEP), positions,
    ///      `groups` (2 bits per slot, inputs at 0..7, outputs at 8..15: the first input index of
    ///      the slot's token), `enqueued` (bit g: the token of group g is in its queue),
    ///      outputCount. Slot 2: txHash.
    struct InFlightExit {
        address bondOwner;
        uint48 startedAt;
        uint8 status;
        bool isCanonical;
        uint8 inputCount;
        uint8 piggybacked;
        uint8 everPiggybacked;
        bool canonicityFixed;
        uint64 exitableAt;
        uint64 youngestInputPos;
        uint64 oldestCompetitorPos;
        uint16 groups;
        uint8 enqueued;
        uint8 outputCount;
        bytes32 txHash;
        InFlightInput[4] inputs;
        InFlightOutput[4] outputs;
    }

    /// @dev An input of an in-flight exit, as its input tx created it (amount spills like an
    ///      exit's, keyed by `pos`). `key` is the input's other name, the `outputKey` of its tx
    ///      and oindex, for an input from a child block (0 for a deposit's output): an in-flight
    ///      exit of that tx may have paid it under that name.
    struct InFlightInput {
        address owner;
        uint96 amount;
        address token;
        uint64 pos;
        uint256 key;
    }

    /// @dev An output of an in-flight exit, stored at its first piggyback (amount spills keyed
    ///      by its `outputKey`).
    struct InFlightOutput {
        address owner;
        uint96 amount;
        address token;
    }

    uint8 internal constant EXIT_NONE = 0;
    uint8 internal constant EXIT_ACTIVE = 1;
    uint8 internal constant EXIT_CHALLENGED = 2;
    uint8 internal constant EXIT_FINALIZED = 3;

    uint256 internal constant CHILD_BLOCK_INTERVAL = 1000;
    /// @dev The last block number a position can hold (docs/spec.md "Positions"); a literal so
    ///      that assembly can use it; the boundary tests (PlasmaBoundsTest) pin it to
    ///      `UtxoPosLib.MAX_BLKNUM`.
    uint256 internal constant MAX_BLKNUM = 9_000_000_000_000;
    uint256 internal constant TIMESTAMP_MASK = 0xffffffff;
    uint256 internal constant BIG_AMOUNT = type(uint96).max;
    /// @dev A queue entry: exitableAt << 192 | position << 128 | ifeId (0 for a standard exit).
    uint256 internal constant POSITION_SHIFT = 128;
    uint256 internal constant POSITION_MASK = 0xffffffffffffffff;
    uint256 internal constant IFE_ID_MASK = type(uint128).max;
    /// @dev secp256k1n / 2 (EIP-2).
    uint256 internal constant HALF_N =
        0x7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0;
    uint256 internal constant ETH_STIPEND = 50_000;
    uint256 internal constant TOKEN_STIPEND = 100_000;

    bytes4 internal constant ERR_REENTRANCY = bytes4(keccak256("Reentrancy()"));
    bytes4 internal constant ERR_INSUFFICIENT_GAS = bytes4(keccak256("InsufficientGasForPayout()"));
    bytes4 internal constant ERR_MALFORMED_SIGNATURE = bytes4(keccak256("MalformedSignature()"));
    bytes4 internal constant ERR_INVALID_SIGNATURE = bytes4(keccak256("InvalidSignature()"));
    bytes4 internal constant ERR_HIGH_S = bytes4(keccak256("HighSSignature()"));
    bytes4 internal constant ERR_BLOCK_NOT_FOUND = bytes4(keccak256("BlockNotFound()"));
    bytes4 internal constant ERR_INVALID_PROOF = bytes4(keccak256("InvalidInclusionProof()"));
    bytes4 internal constant ERR_SENDER_DATA = bytes4(keccak256("SenderDataMismatch()"));

    /// @dev nextChildBlock | nextDepositBlock << 128, one slot.
    uint256 internal _counters;
    /// @dev blknum => high 224 bits of the root | block.timestamp mod 2^32 (`_blockTimestamp`).
    mapping(uint256 => uint256) internal _blocks;
    /// @dev Standard exits by position, and the shared "finalized" place (see `ExitData`).
    mapping(uint256 => ExitData) internal _exits;
    mapping(uint256 => uint256) internal _bigAmounts;
    /// @dev token => binary min-heap of queue entries (ExitQueue).
    mapping(address => uint256[]) internal _queues;
    /// @dev Payouts that failed (or a challenger's bond), per owner and token.
    mapping(address => mapping(address => uint256)) internal _withdrawable;
    /// @dev In-flight exits by exit id.
    mapping(uint256 => InFlightExit) internal _inFlightExits;
    /// @dev token => the sum of `_withdrawable[*][token]`: balance reserved for credits, which no
    ///      payout may use (appended last: the storage layout before it is unchanged).
    mapping(address => uint256) internal _credited;

    bool internal transient _locked;
    /// @dev Set by `Plasma.processExits` right before it delegates the processing of an
    ///      in-flight exit; the module's process function consumes (clears) it first thing.
    bool internal transient _processingInFlightExit;

    modifier nonReentrant() {
        if (_locked) _revertWith(ERR_REENTRANCY);
        _locked = true;
        _;
        _locked = false;
    }

    /// @dev Reverts with the 4-byte custom error `selector` (no arguments).
    function _revertWith(bytes4 selector) internal pure {
        assembly ("memory-safe") {
            mstore(0, selector)
            revert(0, 4)
        }
    }

    /// @dev Reverts SenderDataMismatch unless `senderData == keccak256(abi.encodePacked(
    ///      msg.sender))` (the 20 address bytes, as OMG plasma-contracts v1.0.2): a call that pays
    ///      or rewards its caller names the caller in its arguments, so a bot that replays a
    ///      pending call's data from its own account reverts (docs/spec.md "Front-running").
    function _checkSenderData(bytes32 senderData) internal view {
        bytes32 expected;
        assembly ("memory-safe") {
            mstore(0, shl(96, caller()))
            expected := keccak256(0, 20)
        }
        if (expected != senderData) _revertWith(ERR_SENDER_DATA);
    }

    /// @dev Reverts BlockNotFound / InvalidInclusionProof unless `txBytes` is the leaf at the tx
    ///      index of `pos` in the committed block of `pos`; returns that block's word.
    function _checkIncluded(uint256 pos, bytes calldata txBytes, bytes calldata proof)
        internal
        view
        returns (uint256 blockWord)
    {
        blockWord = _blocks[UtxoPosLib.blknum(pos)];
        if (blockWord == 0) _revertWith(ERR_BLOCK_NOT_FOUND);
        if (proof.length != Merkle.PROOF_LENGTH) _revertWith(ERR_INVALID_PROOF);
        bytes32 root = Merkle.rootFromProof(Merkle.leaf(txBytes), UtxoPosLib.txindex(pos), proof);
        if ((uint256(root) ^ blockWord) > TIMESTAMP_MASK) _revertWith(ERR_INVALID_PROOF);
    }

    /// @dev The full timestamp of a block from the 32 bits its word keeps (`block.timestamp mod
    ///      2^32` when it was stored): the latest time <= now congruent to them mod 2^32. Exact for
    ///      a block younger than 2^32 s (136 years); an older one comes out younger, which only
    ///      makes its exits mature later. (A stored time ahead of now, which only a clock running
    ///      backwards makes, is taken as it is.)
    function _blockTimestamp(uint256 blockWord) internal view returns (uint256) {
        unchecked {
            uint256 age = (block.timestamp - blockWord) & TIMESTAMP_MASK;
            // forge-lint: disable-next-line(block-timestamp)
            return age <= block.timestamp ? block.timestamp - age : blockWord & TIMESTAMP_MASK;
        }
    }

    /// @dev `outputKey(txHash, oindex)`: where an in-flight tx's output is marked in `_exits`.
    function _outputKey(bytes32 txHash, uint256 oindex) internal pure returns (uint256 key) {
        assembly ("memory-safe") {
            mstore(0, txHash)
            mstore8(32, oindex)
            key := or(keccak256(0, 33), shl(255, 1))
        }
    }

    /// @dev The signer of `digest`; reverts MalformedSignature (not 65 bytes), InvalidSignature
    ///      (v not 27/28, r or s zero, no signer) or HighSSignature (EIP-2), never returns 0.
    function _recover(bytes32 digest, bytes calldata signature) internal pure returns (address) {
        if (signature.length != 65) _revertWith(ERR_MALFORMED_SIGNATURE);
        bytes32 r = bytes32(signature[0:32]);
        bytes32 s = bytes32(signature[32:64]);
        uint8 v = uint8(signature[64]);
        if ((v != 27 && v != 28) || r == 0 || s == 0) _revertWith(ERR_INVALID_SIGNATURE);
        if (uint256(s) > HALF_N) _revertWith(ERR_HIGH_S);
        address signer = ecrecover(digest, v, r, s);
        if (signer == address(0)) _revertWith(ERR_INVALID_SIGNATURE);
        return signer;
    }

    /// @dev Pays `amount` of `token` to `to` with a bounded gas stipend when the available
    ///      balance (`_available`) backs it; credits `_withdrawable` (reserving the amount) when a
    ///      backed transfer fails. An unbacked amount (only a byzantine operator's output makes
    ///      one) is neither paid nor credited: it could only be paid from funds that arrive later
    ///      and belong to others. Returns whether it was paid. Reverts InsufficientGasForPayout
    ///      when the remaining gas could not give each call its full stipend, so a processor can
    ///      neither force failures nor make a backed amount look unbacked by under-funding.
    function _payout(address to, address token, uint256 amount) internal returns (bool ok) {
        if (amount == 0) return true;
        uint256 stipend = token == address(0) ? ETH_STIPEND : TOKEN_STIPEND;
        if (amount > _available(token, stipend)) return false;
        if (gasleft() < stipend + stipend / 63 + 40_000) _revertWith(ERR_INSUFFICIENT_GAS);
        ok = token == address(0)
            ? _sendEth(to, amount, stipend)
            : _callToken(token, abi.encodeWithSelector(0xa9059cbb, to, amount), stipend);
        if (!ok) _credit(to, token, amount);
    }

    /// @dev Pays an exit's `amount` of `token` and its `bond` (ETH) to `to`; whether the amount
    ///      was paid. For ETH both go in one transfer when the available balance backs both;
    ///      otherwise each goes alone, the amount first, when backed (an unbacked one is dropped).
    ///      "Paid" means both went out (neither credited nor dropped).
    function _payoutWithBond(address to, address token, uint256 amount, uint256 bond)
        internal
        returns (bool paid)
    {
        if (token == address(0)) {
            uint256 available = _available(address(0), 0);
            unchecked {
                uint256 total = amount + bond;
                if (total >= amount && total <= available) return _payout(to, token, total);
            }
        }
        paid = _payout(to, token, amount);
        paid = _payout(to, address(0), bond) && paid;
    }

    /// @dev Pays `amount` of ETH to `to` with all the gas (the caller only hurts itself) when the
    ///      available balance backs it, crediting it when the transfer fails; a challenger's bond.
    function _payCaller(uint256 amount) internal {
        if (amount > _available(address(0), 0)) return;
        if (!_sendEth(msg.sender, amount, gasleft())) _credit(msg.sender, address(0), amount);
    }

    /// @dev Credits a backed payout that failed and reserves it. Callers credit only an amount
    ///      `_available` backs, so `_credited[token]` stays <= the balance and neither sum can
    ///      overflow.
    function _credit(address to, address token, uint256 amount) internal {
        _withdrawable[to][token] += amount;
        _credited[token] += amount;
    }

    /// @dev The balance of `token` no credit reserves: the contract's balance (`balanceOf`, read
    ///      with `stipend` gas; 0 when that call fails or returns garbage) minus
    ///      `_credited[token]`, floored at 0. Forced ether only raises it. Reverts
    ///      InsufficientGasForPayout when the gas left could not give `balanceOf` its stipend.
    function _available(address token, uint256 stipend) internal view returns (uint256 bal) {
        if (token == address(0)) {
            bal = address(this).balance;
        } else {
            if (gasleft() < stipend + stipend / 63 + 40_000) _revertWith(ERR_INSUFFICIENT_GAS);
            assembly ("memory-safe") {
                let ptr := mload(0x40)
                mstore(ptr, shl(224, 0x70a08231))
                mstore(add(ptr, 4), address())
                let ok := staticcall(stipend, token, ptr, 36, ptr, 32)
                bal := mul(mload(ptr), and(ok, gt(returndatasize(), 31)))
            }
        }
        uint256 reserved = _credited[token];
        unchecked {
            bal = bal > reserved ? bal - reserved : 0;
        }
    }

    /// @dev Sends `amount` wei to `to` with `gasLimit` gas; whether the call succeeded.
    function _sendEth(address to, uint256 amount, uint256 gasLimit) internal returns (bool ok) {
        assembly ("memory-safe") {
            ok := call(gasLimit, to, amount, 0, 0, 0, 0)
        }
    }

    /// @dev A token call that succeeds when it does not revert and returns nothing (from a
    ///      contract) or a first word of 1. Copies at most 32 bytes of return data.
    function _callToken(address token, bytes memory data, uint256 gasLimit)
        internal
        returns (bool ok)
    {
        assembly ("memory-safe") {
            mstore(0, 0)
            ok := call(gasLimit, token, 0, add(data, 32), mload(data), 0, 32)
            switch returndatasize()
            case 0 { ok := and(ok, gt(extcodesize(token), 0)) }
            default { ok := and(ok, and(gt(returndatasize(), 31), eq(mload(0), 1))) }
        }
    }
}
