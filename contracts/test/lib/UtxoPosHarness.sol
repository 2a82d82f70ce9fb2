// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {UtxoPosLib} from "../../src/lib/UtxoPosLib.sol";

/// @notice Exposes `UtxoPosLib` to tests: forge's fuzz tests and the Java property test on anvil
///         (`UtxoPosContractIT`), which compares `isValid` with the Java core's `UtxoPos` over
///         many seeded random words.
contract UtxoPosHarness {
    /// @notice The contract's verdict on `pos` and, when valid, its fields.
    function parse(uint256 pos)
        external
        pure
        returns (bool valid, uint256 blknum, uint256 txindex, uint256 oindex)
    {
        return _parse(pos);
    }

    /// @notice `parse` of each word, in one call.
    function parseAll(uint256[] calldata words)
        external
        pure
        returns (
            bool[] memory valid,
            uint256[] memory blknums,
            uint256[] memory txindexes,
            uint256[] memory oindexes
        )
    {
        uint256 n = words.length;
        valid = new bool[](n);
        blknums = new uint256[](n);
        txindexes = new uint256[](n);
        oindexes = new uint256[](n);
        for (uint256 i; i < n; ++i) {
            (valid[i], blknums[i], txindexes[i], oindexes[i]) = _parse(words[i]);
        }
    }

    /// @notice The largest block number a position may hold.
    function maxBlknum() external pure returns (uint256) {
        return UtxoPosLib.MAX_BLKNUM;
    }

    function _parse(uint256 pos)
        private
        pure
        returns (bool valid, uint256 blknum, uint256 txindex, uint256 oindex)
    {
        valid = UtxoPosLib.isValid(pos);
        if (valid) {
            blknum = UtxoPosLib.blknum(pos);
            txindex = UtxoPosLib.txindex(pos);
            oindex = UtxoPosLib.oindex(pos);
        }
    }
}
