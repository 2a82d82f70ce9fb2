// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

/// @title Merkle
/// @notice The fixed-height (16) block tree of docs/spec.md: `leaf = keccak(0x00 || txBytes)`,
///         `node = keccak(0x01 || left || right)`, proof = 16 siblings (512 bytes), leaf level first.
library Merkle {
    uint256 internal constant HEIGHT = 16;
    uint256 internal constant PROOF_LENGTH = 512;

    /// @notice `keccak256(0x00 || txBytes)`, hashed in place in scratch memory past the free pointer.
    function leaf(bytes calldata txBytes) internal pure returns (bytes32 h) {
        assembly ("memory-safe") {
            let ptr := mload(0x40)
            mstore8(ptr, 0)
            calldatacopy(add(ptr, 1), txBytes.offset, txBytes.length)
            h := keccak256(ptr, add(txBytes.length, 1))
        }
    }

    /// @notice The root of the tree whose leaf `index` is `leafHash` with the siblings in `proof`.
    ///         The caller checks `index < 2^16` and `proof.length == 512`.
    function rootFromProof(bytes32 leafHash, uint256 index, bytes calldata proof)
        internal
        pure
        returns (bytes32 h)
    {
        assembly ("memory-safe") {
            let ptr := mload(0x40)
            mstore8(ptr, 1)
            let l := add(ptr, 1)
            let r := add(ptr, 33)
            h := leafHash
            let off := proof.offset
            for { let k := 0 } lt(k, 16) { k := add(k, 1) } {
                let sib := calldataload(add(off, shl(5, k)))
                switch and(shr(k, index), 1)
                case 0 {
                    mstore(l, h)
                    mstore(r, sib)
                }
                default {
                    mstore(l, sib)
                    mstore(r, h)
                }
                h := keccak256(ptr, 65)
            }
        }
    }

    /// @notice The root of a tree whose only non-empty leaf is `leafHash` at index 0 (a deposit
    ///         block), folded with the precomputed empty-subtree hashes Z0..Z15.
    function singleLeafRoot(bytes32 leafHash) internal pure returns (bytes32 h) {
        assembly ("memory-safe") {
            let ptr := mload(0x40)
            mstore8(ptr, 1)
            let l := add(ptr, 1)
            let r := add(ptr, 33)
            function fold(p, a, b, x, z) -> y {
                mstore(a, x)
                mstore(b, z)
                y := keccak256(p, 65)
            }
            h := fold(
                ptr,
                l,
                r,
                leafHash,
                0xf39a869f62e75cf5f0bf914688a6b289caf2049435d8e68c5c5e6d05e44913f3
            )
            h := fold(
                ptr,
                l,
                r,
                h,
                0x4ed5c02d6d48c8932486c99d3ad999e5d8949dc3be3b3058cc2979690c3e3a62
            )
            h := fold(
                ptr,
                l,
                r,
                h,
                0x1c792b14bf66f82af36f00f5fba7014fa0c1e2ff3c7c273bfe523c1acf67dc3f
            )
            h := fold(
                ptr,
                l,
                r,
                h,
                0x5fa080a686a5a0d05c3d4822fd54d632dc9cc04b1616046eba2ce499eb9af79f
            )
            h := fold(
                ptr,
                l,
                r,
                h,
                0x5eb949690a0404abf4cebafc7cfffa382191b7dd9e7df778581e6fb78efab35f
            )
            h := fold(
                ptr,
                l,
                r,
                h,
                0xd364c9d5dadad4569b6dd47f7feabafa3571f842434425548335ac6e690dd071
            )
            h := fold(
                ptr,
                l,
                r,
                h,
                0x68d8bc5b77979c1a6702334f529f5783f79e942fd2cd03f6e55ac2cf496e849f
            )
            h := fold(
                ptr,
                l,
                r,
                h,
                0xde9c446fab46a8d27db1e3100f275a777d385b44e3cbc045cabac9da36cae040
            )
            h := fold(
                ptr,
                l,
                r,
                h,
                0xad516082324c96127cf29f4535eb5b7ebacfe2a1d6d3aab8ec0483d32079a859
            )
            h := fold(
                ptr,
                l,
                r,
                h,
                0xff70f9215970a8beebb1c164c474e82438174c8eeb6fbc8cb4594b88c9448f1d
            )
            h := fold(
                ptr,
                l,
                r,
                h,
                0x40b09beaecac5b45db6e41434a122b695c5a85862d8eae40b3268f6f37e41433
            )
            h := fold(
                ptr,
                l,
                r,
                h,
                0x7be38eba7ab5bbf303d01f4b7ae07fd73edc2f3be05e43948a34418a3272509c
            )
            h := fold(
                ptr,
                l,
                r,
                h,
                0x43c2811a821e5c982ba51874ac7dc9dd79a80cc2f05f6f664c9dbb2e45443513
            )
            h := fold(
                ptr,
                l,
                r,
                h,
                0x7da06ce44de45532a56a3a7007a2d0c6b435f726f95104bfa6e707046fc154ba
            )
            h := fold(
                ptr,
                l,
                r,
                h,
                0xe91898d03a1a0ac6f9b45e471646e2555ac79e3fe87eb1781e26f20500240c37
            )
            h := fold(
                ptr,
                l,
                r,
                h,
                0x9274fe91096e60d1545a8045571fdab9b530d0d6e7e8746e78bf9f20f4e86f06
            )
        }
    }
}
