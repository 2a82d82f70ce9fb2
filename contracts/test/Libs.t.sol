// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {TestBase} from "./lib/Vm.sol";
import {TxBuilder} from "./lib/TxBuilder.sol";
import {LibHarness} from "./lib/Harness.sol";

contract MerkleTest is TestBase {
    LibHarness internal h;

    function setUp() public {
        h = new LibHarness();
    }

    /// @notice The empty height-16 root, computed independently (js-sha3) from the spec.
    function test_emptyRoot_matchesIndependentValue() public pure {
        vm.assertEq(
            TxBuilder.emptyHash(16),
            0xf609befdfe9066fe14e743b3623eae878fbc468005608816832c9d460f2a95d2
        );
    }

    function test_leaf_prefixesZeroByte() public view {
        bytes memory b = TxBuilder.depositTx(address(1), address(0), 1);
        vm.assertEq(h.leaf(b), keccak256(abi.encodePacked(bytes1(0), b)));
    }

    function testFuzz_singleLeafRoot_matchesBuilder(bytes32 leafHash) public view {
        bytes32[] memory leaves = new bytes32[](1);
        leaves[0] = leafHash;
        (bytes32 root, bytes memory proof) = TxBuilder.rootAndProof(leaves, 0);
        vm.assertEq(h.singleLeafRoot(leafHash), root);
        vm.assertEq(h.rootFromProof(leafHash, 0, proof), root);
    }

    /// @notice Proofs of random leaves of random small trees verify; a wrong index or a tampered
    ///         sibling does not.
    function testFuzz_proof(uint256 seed, uint256 n, uint256 index, uint256 tamper) public view {
        n = bound(n, 1, 12);
        index = bound(index, 0, n - 1);
        bytes32[] memory leaves = new bytes32[](n);
        for (uint256 i; i < n; ++i) {
            leaves[i] = keccak256(abi.encode(seed, i));
        }
        (bytes32 root, bytes memory proof) = TxBuilder.rootAndProof(leaves, index);
        vm.assertEq(proof.length, 512);
        vm.assertEq(h.rootFromProof(leaves[index], index, proof), root);
        vm.assertTrue(h.rootFromProof(leaves[index], index ^ (1 << (tamper % 16)), proof) != root);
        proof[tamper % 512] = bytes1(uint8(proof[tamper % 512]) ^ 0x01);
        vm.assertTrue(h.rootFromProof(leaves[index], index, proof) != root);
    }

    /// @notice A lone leaf at any of the 65,536 indexes.
    function testFuzz_proofAtAnyIndex(bytes32 leafHash, uint256 index) public view {
        index = bound(index, 0, 65_535);
        bytes memory proof;
        bytes32 h0 = leafHash;
        for (uint256 k; k < 16; ++k) {
            bytes32 z = TxBuilder.emptyHash(k);
            proof = bytes.concat(proof, z);
            h0 = (index >> k) & 1 == 0 ? TxBuilder.node(h0, z) : TxBuilder.node(z, h0);
        }
        vm.assertEq(h.rootFromProof(leafHash, index, proof), h0);
    }
}

contract ExitQueueTest is TestBase {
    LibHarness internal h;

    function setUp() public {
        h = new LibHarness();
    }

    function test_emptyMinIsZero() public view {
        vm.assertEq(h.min(), 0);
        vm.assertEq(h.size(), 0);
    }

    /// @notice Any insertion order comes out sorted.
    function testFuzz_popsInPriorityOrder(uint256 seed, uint8 count) public {
        uint256 n = bound(count, 1, 40);
        for (uint256 i; i < n; ++i) {
            // distinct priorities with frequent equal exitableAt
            uint256 exitableAt = uint256(keccak256(abi.encode(seed, i))) % 5;
            h.insert(
                exitableAt << 192 | (uint256(keccak256(abi.encode(seed, "p", i))) % 1e18) << 8
                    | i + 1
            );
        }
        vm.assertEq(h.size(), n);
        uint256 prev;
        for (uint256 i; i < n; ++i) {
            uint256 m = h.min();
            vm.assertEq(h.removeMin(), m);
            vm.assertGt(m, prev);
            prev = m;
        }
        vm.assertEq(h.size(), 0);
        vm.assertEq(h.min(), 0);
    }

    /// @notice Interleaved inserts and removals keep the heap property.
    function testFuzz_interleaved(uint256 seed) public {
        uint256 live;
        uint256 floor;
        for (uint256 i; i < 30; ++i) {
            uint256 r = uint256(keccak256(abi.encode(seed, i)));
            if (live == 0 || r % 3 != 0) {
                h.insert(floor + 1 + (r >> 8) % 1000 << 16 | i);
                ++live;
            } else {
                uint256 m = h.removeMin();
                vm.assertGt(m, floor);
                floor = m >> 16;
                --live;
            }
        }
        vm.assertEq(h.size(), live);
    }
}
