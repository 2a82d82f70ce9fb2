// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

/// @title UtxoPosLib
/// @notice Output positions: `utxoPos = blknum * 1e6 + txindex * 10 + oindex` (docs/spec.md).
library UtxoPosLib {
    uint256 internal constant BLOCK_OFFSET = 1_000_000;
    uint256 internal constant TX_OFFSET = 10;
    uint256 internal constant MAX_TXS_PER_BLOCK = 65_536;
    uint256 internal constant MAX_OUTPUTS = 4;
    uint256 internal constant CHILD_BLOCK_INTERVAL = 1000;
    /// @dev The last block number: 9 * 10^12, i.e. 9 * 10^9 child blocks (285 years at one per
    ///      second). The largest position, 9_000_000_000_000_655_353, still fits a signed 64-bit
    ///      value; the Java core (`UtxoPos.MAX_BLKNUM`) uses the same bound, so both accept the
    ///      same positions. `Plasma` creates no block past it (`ChainFull`).
    uint256 internal constant MAX_BLKNUM = 9_000_000_000_000;

    /// @notice Whether `pos` has the shape of a position: blknum 1..MAX_BLKNUM, txindex < 65,536,
    ///         oindex < 4.
    function isValid(uint256 pos) internal pure returns (bool) {
        unchecked {
            uint256 b = pos / BLOCK_OFFSET;
            uint256 rest = pos % BLOCK_OFFSET;
            return b != 0 && b <= MAX_BLKNUM && rest / TX_OFFSET < MAX_TXS_PER_BLOCK
                && rest % TX_OFFSET < MAX_OUTPUTS;
        }
    }

    function blknum(uint256 pos) internal pure returns (uint256) {
        return pos / BLOCK_OFFSET;
    }

    function txindex(uint256 pos) internal pure returns (uint256) {
        return (pos % BLOCK_OFFSET) / TX_OFFSET;
    }

    function oindex(uint256 pos) internal pure returns (uint256) {
        return pos % TX_OFFSET;
    }

    /// @notice Deposit blocks are the numbers between two child blocks.
    function isDepositBlock(uint256 blknum_) internal pure returns (bool) {
        return blknum_ % CHILD_BLOCK_INTERVAL != 0;
    }
}
