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
        uint256 err; // 0 ok, 1 truncated, 2 non-canonical
        assembly ("memory-safe") {
            for {} 1 {} {
                if iszero(lt(ptr, end)) {
                    err := 1
                    break
                }
                let w := calldataload(ptr)
                let b0 := byte(0, w)
                if lt(b0, 0x80) {
                    payload := ptr
                    len := 1
                    break
                }
                if lt(b0, 0xb8) {
                    len := sub(b0, 0x80)
                    payload := add(ptr, 1)
                    if eq(len, 1) {
                        if iszero(lt(payload, end)) {
                            err := 1
                            break
                        }
                        // a single byte < 0x80 is its own encoding
                        if lt(byte(1, w), 0x80) {
                            err := 2
                            break
                        }
                    }
                    if gt(add(payload, len), end) { err := 1 }
                    break
                }
                let lenOfLen := 0
                switch lt(b0, 0xc0)
                case 1 { lenOfLen := sub(b0, 0xb7) }
                default {
                    isList := 1
                    if lt(b0, 0xf8) {
                        len := sub(b0, 0xc0)
                        payload := add(ptr, 1)
                        if gt(add(payload, len), end) { err := 1 }
                        break
                    }
                    lenOfLen := sub(b0, 0xf7)
                }
                // long form: 1..8 length bytes, no leading zero, length >= 56
                payload := add(add(ptr, 1), lenOfLen)
                if gt(payload, end) {
                    err := 1
                    break
                }
                if iszero(byte(1, w)) {
                    err := 2
                    break
                }
                len := shr(sub(256, shl(3, lenOfLen)), shl(8, w))
                if lt(len, 56) {
                    err := 2
                    break
                }
                // len < 2^64 and offsets < 2^32: no overflow
                if gt(add(payload, len), end) { err := 1 }
                break
            }
        }
        if (err != 0) {
            if (err == 1) revert RlpTruncated();
            revert RlpNonCanonical();
        }
    }
}
