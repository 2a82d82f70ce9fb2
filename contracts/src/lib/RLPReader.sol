// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

/// @title RLPReader
/// @notice Strict RLP item headers read straight from calldata (no copying). Offsets are absolute
///         calldata offsets; `end` bounds the enclosing item. Rejects every non-canonical form
///         listed in docs/spec.md.
library RLPReader {
    /// @notice A declared length runs past the end of the enclosing item, or there is no item.
    error RlpTruncated();
    /// @notice Not the canonical encoding (long form for a short payload, length with leading
    ///         zeros, single byte < 0x80 wrapped as a string).
    error RlpNonCanonical();

    /// @notice Reads the header of the item at `ptr`.
    /// @return payload offset of the payload
    /// @return len payload length in bytes
    /// @return isList whether the item is a list
    function header(uint256 ptr, uint256 end)
        internal
        pure
        returns (uint256 payload, uint256 len, bool isList)
    {
        if (ptr >= end) revert RlpTruncated();
        uint256 b0;
        assembly ("memory-safe") {
            b0 := byte(0, calldataload(ptr))
        }
        unchecked {
            if (b0 < 0x80) return (ptr, 1, false);
            if (b0 < 0xb8) {
                len = b0 - 0x80;
                payload = ptr + 1;
                if (len == 1) {
                    if (payload >= end) revert RlpTruncated();
                    uint256 b1;
                    assembly ("memory-safe") {
                        b1 := byte(0, calldataload(payload))
                    }
                    if (b1 < 0x80) revert RlpNonCanonical();
                }
            } else if (b0 < 0xc0) {
                (payload, len) = _longLength(ptr, end, b0 - 0xb7);
            } else if (b0 < 0xf8) {
                isList = true;
                len = b0 - 0xc0;
                payload = ptr + 1;
            } else {
                isList = true;
                (payload, len) = _longLength(ptr, end, b0 - 0xf7);
            }
            // len < 2^64 and offsets < 2^32: no overflow.
            if (payload + len > end) revert RlpTruncated();
        }
    }

    function _longLength(uint256 ptr, uint256 end, uint256 lenOfLen)
        private
        pure
        returns (uint256 payload, uint256 len)
    {
        unchecked {
            payload = ptr + 1 + lenOfLen;
            if (payload > end) revert RlpTruncated();
            uint256 word;
            assembly ("memory-safe") {
                word := calldataload(add(ptr, 1))
            }
            if (word >> 248 == 0) revert RlpNonCanonical();
            len = word >> (256 - 8 * lenOfLen);
            if (len < 56) revert RlpNonCanonical();
        }
    }
}
