// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {RLPReader} from "./RLPReader.sol";
import {UtxoPosLib} from "./UtxoPosLib.sol";

/// @title PaymentTx
/// @notice Strict decoder of the unsigned transactions of docs/spec.md:
///         `RLP[txType, inputs, outputs, txData, metadata]`, a payment (txType 1, outputs of
///         outputType 1) or a fee claim (txType 3: no inputs, exactly one output of outputType
///         2, the metadata its nonce). It accepts exactly the canonical encodings, so
///         `encode(decode(b)) == b` for every accepted `b` (the Java core accepts the same set).
///         Error names mirror the Java `Rejection` enum.
library PaymentTx {
    /// @notice A list where a string is expected or the reverse, or a list with the wrong item count.
    error MalformedTxStructure();
    /// @notice Bytes follow the top-level item.
    error RlpTrailingBytes();
    /// @notice txType is neither 1 (payment) nor 3 (fee claim).
    error WrongTxType();
    /// @notice An output's outputType is not its tx's: 1 in a payment, 2 in a fee claim.
    error WrongOutputType();
    /// @notice A fee claim with inputs, or with more than one output.
    error MalformedFeeClaim();
    /// @notice An integer with leading zero bytes or longer than 32 bytes.
    error MalformedInteger();
    /// @notice An input is not a 32-byte string.
    error MalformedInput();
    /// @notice An input word is not a valid utxo position.
    error InvalidInputPos();
    /// @notice More than 4 inputs.
    error TooManyInputs();
    /// @notice More than 4 outputs.
    error TooManyOutputs();
    /// @notice No outputs.
    error NoOutputs();
    /// @notice A deposit (no inputs) with more than one output.
    error MalformedDeposit();
    /// @notice Two inputs are the same position.
    error DuplicateInputs();
    /// @notice An owner or token that is not a 20-byte string.
    error MalformedAddress();
    /// @notice An output owned by the zero address.
    error ZeroOwner();
    /// @notice An output of amount 0.
    error ZeroAmount();
    /// @notice txData is not 0.
    error NonzeroTxData();
    /// @notice metadata is not a 32-byte string.
    error MalformedMetadata();

    uint256 internal constant MAX_INPUTS = 4;
    uint256 internal constant MAX_OUTPUTS = 4;
    uint256 internal constant TX_TYPE_PAYMENT = 1;
    uint256 internal constant TX_TYPE_FEE_CLAIM = 3;

    struct Output {
        address owner;
        address token;
        uint256 amount;
    }

    struct Tx {
        uint256 txType;
        uint256 inputCount;
        uint256[4] inputs;
        uint256 outputCount;
        Output[4] outputs;
        bytes32 metadata;
    }

    /// @notice Decodes and validates `txBytes`; reverts with the first rule it breaks.
    function decode(bytes calldata txBytes) internal pure returns (Tx memory t) {
        uint256 ptr;
        uint256 end;
        assembly ("memory-safe") {
            ptr := txBytes.offset
            end := add(ptr, txBytes.length)
        }
        if (ptr >= end) revert RLPReader.RlpTruncated();
        (uint256 p, uint256 len) = _list(ptr, end);
        if (p + len != end) revert RlpTrailingBytes();

        uint256 txType;
        (txType, p) = _readUint(p, end);
        // 1 (payment) or 3 (fee claim): the only values v with v | 2 == 3
        if (txType | 2 != TX_TYPE_FEE_CLAIM) revert WrongTxType();
        t.txType = txType;
        p = _readInputs(t, p, end);
        // the outputType of the tx's outputs: 1 in a payment (txType 1), 2 in a claim (txType 3)
        p = _readOutputs(t, p, end, (txType + 1) >> 1);
        uint256 value;
        (value, p) = _readUint(p, end);
        if (value != 0) revert NonzeroTxData();
        (value, p) = _readWord(p, end);
        t.metadata = bytes32(value);
        if (p != end) revert MalformedTxStructure();
        if (t.inputCount == 0 || txType == TX_TYPE_FEE_CLAIM) {
            if (txType == TX_TYPE_FEE_CLAIM) {
                if (t.inputCount != 0 || t.outputCount != 1) revert MalformedFeeClaim();
            } else if (t.outputCount != 1) {
                revert MalformedDeposit();
            }
        }
    }

    function _readInputs(Tx memory t, uint256 p, uint256 end) private pure returns (uint256) {
        (uint256 q, uint256 len) = _list(p, end);
        uint256 listEnd = q + len;
        uint256 count;
        while (q < listEnd) {
            if (count == MAX_INPUTS) revert TooManyInputs();
            uint256 pos;
            bool fast;
            assembly ("memory-safe") {
                fast := and(eq(byte(0, calldataload(q)), 0xa0), iszero(gt(add(q, 33), listEnd)))
                pos := calldataload(add(q, 1))
            }
            if (!fast) {
                (, uint256 l, bool isL) = RLPReader.header(q, listEnd);
                if (isL || l != 32) revert MalformedInput();
            }
            if (!UtxoPosLib.isValid(pos)) revert InvalidInputPos();
            for (uint256 j; j < count; ++j) {
                if (t.inputs[j] == pos) revert DuplicateInputs();
            }
            t.inputs[count] = pos;
            unchecked {
                ++count;
                q += 33;
            }
        }
        t.inputCount = count;
        return listEnd;
    }

    function _readOutputs(Tx memory t, uint256 p, uint256 end, uint256 outputType)
        private
        pure
        returns (uint256)
    {
        (uint256 q, uint256 len) = _list(p, end);
        uint256 listEnd = q + len;
        uint256 count;
        while (q < listEnd) {
            if (count == MAX_OUTPUTS) revert TooManyOutputs();
            q = _readOutput(t.outputs[count], q, listEnd, outputType);
            unchecked {
                ++count;
            }
        }
        if (count == 0) revert NoOutputs();
        t.outputCount = count;
        return listEnd;
    }

    /// @dev `RLP[outputType, RLP[owner, token, amount]]`, of the given outputType.
    function _readOutput(Output memory o, uint256 p, uint256 end, uint256 outputType)
        private
        pure
        returns (uint256)
    {
        (uint256 q, uint256 len) = _list(p, end);
        uint256 outEnd = q + len;
        uint256 value;
        (value, q) = _readUint(q, outEnd);
        if (value != outputType) revert WrongOutputType();
        (q, len) = _list(q, outEnd);
        uint256 dataEnd = q + len;
        if (dataEnd != outEnd) revert MalformedTxStructure();
        (o.owner, q) = _readAddress(q, dataEnd);
        if (o.owner == address(0)) revert ZeroOwner();
        (o.token, q) = _readAddress(q, dataEnd);
        (o.amount, q) = _readUint(q, dataEnd);
        if (o.amount == 0) revert ZeroAmount();
        if (q != dataEnd) revert MalformedTxStructure();
        return outEnd;
    }

    /// @dev The header of a list item: inline fast path for the short form and the one-byte long
    ///      form; anything else goes through the general reader, which reverts with the reason.
    function _list(uint256 p, uint256 end) private pure returns (uint256 q, uint256 len) {
        assembly ("memory-safe") {
            if lt(p, end) {
                let w := calldataload(p)
                let b0 := byte(0, w)
                if and(gt(b0, 0xbf), lt(b0, 0xf8)) {
                    q := add(p, 1)
                    len := sub(b0, 0xc0)
                }
                if eq(b0, 0xf8) {
                    let l := byte(1, w)
                    if gt(l, 55) {
                        q := add(p, 2)
                        len := l
                    }
                }
                if gt(add(q, len), end) { q := 0 }
            }
        }
        if (q == 0) {
            bool isList;
            (q, len, isList) = _item(p, end);
            if (!isList) revert MalformedTxStructure();
        }
    }

    /// @dev The header of the next item of a list ending at `end`; a missing item is a structure
    ///      error, not truncation.
    function _item(uint256 p, uint256 end)
        private
        pure
        returns (uint256 q, uint256 len, bool isList)
    {
        if (p >= end) revert MalformedTxStructure();
        return RLPReader.header(p, end);
    }

    /// @dev A canonical unsigned integer: a string of 0..32 bytes without leading zeros.
    function _readUint(uint256 p, uint256 end) private pure returns (uint256 value, uint256) {
        // Fast path for the canonical forms: a single byte 0x01..0x7f, the empty string 0x80, or
        // 0x81..0xa0 followed by a nonzero first byte (and >= 0x80 when it is the only one).
        uint256 next;
        assembly ("memory-safe") {
            if lt(p, end) {
                let w := calldataload(p)
                let b0 := byte(0, w)
                switch lt(b0, 0x80)
                case 1 {
                    if b0 {
                        value := b0
                        next := add(p, 1)
                    }
                }
                default {
                    let len := sub(b0, 0x80)
                    if iszero(len) { next := add(p, 1) }
                    if and(iszero(gt(len, 32)), gt(byte(1, w), sub(0x7f, mul(0x7f, gt(len, 1))))) {
                        if iszero(gt(add(add(p, 1), len), end)) {
                            value := shr(sub(256, shl(3, len)), calldataload(add(p, 1)))
                            next := add(add(p, 1), len)
                        }
                    }
                }
            }
        }
        if (next != 0) return (value, next);
        return _readUintSlow(p, end);
    }

    /// @dev The general path: classifies why the fast path did not apply (reverts for every
    ///      non-canonical input).
    function _readUintSlow(uint256 p, uint256 end) private pure returns (uint256 value, uint256) {
        (uint256 q, uint256 len, bool isList) = _item(p, end);
        if (isList) revert MalformedTxStructure();
        if (len > 32) revert MalformedInteger();
        if (len != 0) {
            assembly ("memory-safe") {
                value := calldataload(q)
            }
            if (value >> 248 == 0) revert MalformedInteger();
            unchecked {
                value >>= 256 - 8 * len;
            }
        }
        unchecked {
            return (value, q + len);
        }
    }

    /// @dev A 32-byte string (metadata).
    function _readWord(uint256 p, uint256 end) private pure returns (uint256 value, uint256) {
        bool fast;
        assembly ("memory-safe") {
            fast := and(eq(byte(0, calldataload(p)), 0xa0), iszero(gt(add(p, 33), end)))
            value := calldataload(add(p, 1))
        }
        if (fast) {
            unchecked {
                return (value, p + 33);
            }
        }
        (uint256 q, uint256 len, bool isList) = _item(p, end);
        if (isList || len != 32) revert MalformedMetadata();
        assembly ("memory-safe") {
            value := calldataload(q)
        }
        unchecked {
            return (value, q + 32);
        }
    }

    /// @dev A 20-byte string.
    function _readAddress(uint256 p, uint256 end) private pure returns (address a, uint256) {
        bool fast;
        assembly ("memory-safe") {
            fast := and(eq(byte(0, calldataload(p)), 0x94), iszero(gt(add(p, 21), end)))
            a := shr(96, calldataload(add(p, 1)))
        }
        if (fast) {
            unchecked {
                return (a, p + 21);
            }
        }
        (uint256 q, uint256 len, bool isList) = _item(p, end);
        if (isList || len != 20) revert MalformedAddress();
        assembly ("memory-safe") {
            a := shr(96, calldataload(q))
        }
        unchecked {
            return (a, q + 20);
        }
    }
}
