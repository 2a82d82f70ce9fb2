// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

/// @title ExitQueue
/// @notice A binary min-heap of exit priorities (`exitableAt << 192 | utxoPos`) kept in a storage
///         array. Elements are read and written at `keccak256(slot) + i` directly (same layout as
///         a Solidity `uint256[]`) to skip bounds checks and zero-initialising pushes.
library ExitQueue {
    /// @notice Inserts `priority` (must be nonzero and not already present).
    function insert(uint256[] storage heap, uint256 priority) internal {
        uint256 base = _base(heap);
        uint256 i;
        assembly ("memory-safe") {
            i := sload(heap.slot)
            sstore(heap.slot, add(i, 1))
        }
        unchecked {
            while (i != 0) {
                uint256 parent = (i - 1) >> 1;
                uint256 pv;
                assembly ("memory-safe") {
                    pv := sload(add(base, parent))
                }
                if (pv < priority) break;
                assembly ("memory-safe") {
                    sstore(add(base, i), pv)
                }
                i = parent;
            }
        }
        assembly ("memory-safe") {
            sstore(add(base, i), priority)
        }
    }

    /// @notice Removes and returns the smallest priority. The caller checks the heap is non-empty.
    function removeMin(uint256[] storage heap) internal returns (uint256 top_) {
        uint256 base = _base(heap);
        uint256 n;
        uint256 last;
        assembly ("memory-safe") {
            n := sub(sload(heap.slot), 1)
            sstore(heap.slot, n)
            top_ := sload(base)
            last := sload(add(base, n))
            sstore(add(base, n), 0)
        }
        if (n == 0) return top_;
        unchecked {
            uint256 i;
            while (true) {
                uint256 c = 2 * i + 1;
                if (c >= n) break;
                uint256 cv;
                assembly ("memory-safe") {
                    cv := sload(add(base, c))
                }
                if (c + 1 < n) {
                    uint256 rv;
                    assembly ("memory-safe") {
                        rv := sload(add(base, add(c, 1)))
                    }
                    if (rv < cv) {
                        cv = rv;
                        ++c;
                    }
                }
                if (cv >= last) break;
                assembly ("memory-safe") {
                    sstore(add(base, i), cv)
                }
                i = c;
            }
            assembly ("memory-safe") {
                sstore(add(base, i), last)
            }
        }
    }

    /// @notice The smallest priority, or 0 when the heap is empty.
    function min(uint256[] storage heap) internal view returns (uint256 t) {
        if (heap.length == 0) return 0;
        uint256 base = _base(heap);
        assembly ("memory-safe") {
            t := sload(base)
        }
    }

    function _base(uint256[] storage heap) private pure returns (uint256 base) {
        assembly ("memory-safe") {
            mstore(0, heap.slot)
            base := keccak256(0, 32)
        }
    }
}
