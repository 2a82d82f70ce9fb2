// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {PaymentTx} from "../../src/lib/PaymentTx.sol";
import {Merkle} from "../../src/lib/Merkle.sol";
import {Eip712} from "../../src/lib/Eip712.sol";
import {ExitQueue} from "../../src/lib/ExitQueue.sol";

/// @notice Exposes the libraries' internal functions to tests.
contract LibHarness {
    using ExitQueue for uint256[];

    uint256[] internal heap;

    function decode(bytes calldata b) external pure returns (PaymentTx.Tx memory) {
        return PaymentTx.decode(b);
    }

    function signingHash(bytes32 domain, bytes calldata b) external pure returns (bytes32) {
        return Eip712.signingHash(domain, PaymentTx.decode(b));
    }

    function leaf(bytes calldata b) external pure returns (bytes32) {
        return Merkle.leaf(b);
    }

    function rootFromProof(bytes32 leafHash, uint256 index, bytes calldata proof)
        external
        pure
        returns (bytes32)
    {
        return Merkle.rootFromProof(leafHash, index, proof);
    }

    function singleLeafRoot(bytes32 leafHash) external pure returns (bytes32) {
        return Merkle.singleLeafRoot(leafHash);
    }

    function insert(uint256 p) external {
        heap.insert(p);
    }

    function removeMin() external returns (uint256) {
        return heap.removeMin();
    }

    function min() external view returns (uint256) {
        return heap.min();
    }

    function size() external view returns (uint256) {
        return heap.length;
    }
}
