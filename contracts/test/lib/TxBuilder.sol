// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

/// @notice Test-side RLP encoder, written independently of the contract's decoder.
library Rlp {
    function encodeBytes(bytes memory b) internal pure returns (bytes memory) {
        if (b.length == 1 && uint8(b[0]) < 0x80) return b;
        return bytes.concat(prefix(b.length, 0x80), b);
    }

    function encodeUint(uint256 v) internal pure returns (bytes memory) {
        return encodeBytes(minimalBytes(v));
    }

    function encodeList(bytes[] memory items) internal pure returns (bytes memory out) {
        for (uint256 i; i < items.length; ++i) {
            out = bytes.concat(out, items[i]);
        }
        out = bytes.concat(prefix(out.length, 0xc0), out);
    }

    function prefix(uint256 len, uint8 offset) internal pure returns (bytes memory) {
        if (len < 56) return abi.encodePacked(uint8(offset + len));
        bytes memory l = minimalBytes(len);
        return bytes.concat(abi.encodePacked(uint8(offset + 55 + l.length)), l);
    }

    function minimalBytes(uint256 v) internal pure returns (bytes memory b) {
        uint256 n;
        for (uint256 x = v; x != 0; x >>= 8) {
            ++n;
        }
        b = new bytes(n);
        for (uint256 i; i < n; ++i) {
            b[n - 1 - i] = bytes1(uint8(v >> (8 * i)));
        }
    }

    function list2(bytes memory a, bytes memory b) internal pure returns (bytes memory) {
        bytes[] memory items = new bytes[](2);
        items[0] = a;
        items[1] = b;
        return encodeList(items);
    }

    function list3(bytes memory a, bytes memory b, bytes memory c)
        internal
        pure
        returns (bytes memory)
    {
        bytes[] memory items = new bytes[](3);
        items[0] = a;
        items[1] = b;
        items[2] = c;
        return encodeList(items);
    }

    function list5(bytes memory a, bytes memory b, bytes memory c, bytes memory d, bytes memory e)
        internal
        pure
        returns (bytes memory)
    {
        bytes[] memory items = new bytes[](5);
        items[0] = a;
        items[1] = b;
        items[2] = c;
        items[3] = d;
        items[4] = e;
        return encodeList(items);
    }
}

/// @notice Builds payment transactions, Merkle trees/proofs and EIP-712 hashes for tests.
library TxBuilder {
    struct Out {
        address owner;
        address token;
        uint256 amount;
    }

    function pos(uint256 blknum, uint256 txindex, uint256 oindex) internal pure returns (uint256) {
        return blknum * 1_000_000 + txindex * 10 + oindex;
    }

    function input(uint256 utxoPos) internal pure returns (bytes memory) {
        return Rlp.encodeBytes(abi.encode(utxoPos));
    }

    function output(Out memory o) internal pure returns (bytes memory) {
        return typedOutput(1, o);
    }

    /// @notice `RLP[outputType, RLP[owner, token, amount]]` of any outputType.
    function typedOutput(uint256 outputType, Out memory o) internal pure returns (bytes memory) {
        return Rlp.list2(
            Rlp.encodeUint(outputType),
            Rlp.list3(
                Rlp.encodeBytes(abi.encodePacked(o.owner)),
                Rlp.encodeBytes(abi.encodePacked(o.token)),
                Rlp.encodeUint(o.amount)
            )
        );
    }

    function encode(uint256[] memory inputs, Out[] memory outputs, bytes32 metadata)
        internal
        pure
        returns (bytes memory)
    {
        return encodeTyped(1, inputs, 1, outputs, metadata);
    }

    /// @notice A tx of any txType whose outputs all have `outputType` (a fee claim is txType 3
    ///         with one output of outputType 2; other combinations are malformed).
    function encodeTyped(
        uint256 txType,
        uint256[] memory inputs,
        uint256 outputType,
        Out[] memory outputs,
        bytes32 metadata
    ) internal pure returns (bytes memory) {
        bytes[] memory ins = new bytes[](inputs.length);
        for (uint256 i; i < inputs.length; ++i) {
            ins[i] = input(inputs[i]);
        }
        bytes[] memory outs = new bytes[](outputs.length);
        for (uint256 i; i < outputs.length; ++i) {
            outs[i] = typedOutput(outputType, outputs[i]);
        }
        return Rlp.list5(
            Rlp.encodeUint(txType),
            Rlp.encodeList(ins),
            Rlp.encodeList(outs),
            Rlp.encodeUint(0),
            Rlp.encodeBytes(abi.encode(metadata))
        );
    }

    function depositTx(address owner, address token, uint256 amount)
        internal
        pure
        returns (bytes memory)
    {
        Out[] memory outs = new Out[](1);
        outs[0] = Out(owner, token, amount);
        return encode(new uint256[](0), outs, bytes32(0));
    }

    /// @notice The fee-claim nonce of block `blknum` and `token`: `keccak256(abi.encode(blknum,
    ///         token))` (docs/spec.md "Fee-claim transaction").
    function feeClaimNonce(uint256 blknum, address token) internal pure returns (bytes32) {
        return keccak256(abi.encode(blknum, token));
    }

    /// @notice The fee claim of block `blknum`: `RLP[3, [], [RLP[2, RLP[claimer, token,
    ///         amount]]], 0, nonce]`.
    function feeClaim(uint256 blknum, address claimer, address token, uint256 amount)
        internal
        pure
        returns (bytes memory)
    {
        return encodeTyped(
            3, new uint256[](0), 2, oneOut(claimer, token, amount), feeClaimNonce(blknum, token)
        );
    }

    function transferTx(uint256[] memory inputs, Out[] memory outputs)
        internal
        pure
        returns (bytes memory)
    {
        return encode(inputs, outputs, bytes32(0));
    }

    function one(uint256 a) internal pure returns (uint256[] memory r) {
        r = new uint256[](1);
        r[0] = a;
    }

    function oneOut(address owner, address token, uint256 amount)
        internal
        pure
        returns (Out[] memory r)
    {
        r = new Out[](1);
        r[0] = Out(owner, token, amount);
    }

    // ------------------------------------------------------------ Merkle

    function leaf(bytes memory txBytes) internal pure returns (bytes32) {
        return keccak256(abi.encodePacked(bytes1(0x00), txBytes));
    }

    function node(bytes32 l, bytes32 r) internal pure returns (bytes32) {
        return keccak256(abi.encodePacked(bytes1(0x01), l, r));
    }

    function emptyHash(uint256 level) internal pure returns (bytes32 z) {
        z = keccak256(abi.encodePacked(bytes1(0x00), bytes32(0)));
        for (uint256 k; k < level; ++k) {
            z = node(z, z);
        }
    }

    /// @notice Root of the height-16 tree with `leaves` at 0..n-1, and the proof of `index`.
    function rootAndProof(bytes32[] memory leaves, uint256 index)
        internal
        pure
        returns (bytes32 root, bytes memory proof)
    {
        bytes32[] memory level = leaves;
        bytes32 z = emptyHash(0);
        for (uint256 k; k < 16; ++k) {
            uint256 sib = index ^ 1;
            proof = bytes.concat(proof, sib < level.length ? level[sib] : z);
            bytes32[] memory next = new bytes32[]((level.length + 1) / 2);
            for (uint256 i; i < next.length; ++i) {
                next[i] = node(level[2 * i], 2 * i + 1 < level.length ? level[2 * i + 1] : z);
            }
            level = next;
            index >>= 1;
            z = node(z, z);
        }
        root = level[0];
    }

    // ------------------------------------------------------------ EIP-712

    bytes32 internal constant TX_TYPEHASH = keccak256(
        "Transaction(uint256 txType,Input input0,Input input1,Input input2,Input input3,Output output0,Output output1,Output output2,Output output3,uint256 txData,bytes32 metadata)Input(uint256 blknum,uint256 txindex,uint256 oindex)Output(uint256 outputType,bytes20 outputGuard,address currency,uint256 amount)"
    );

    function domainSeparator(address verifyingContract, uint256 chainId)
        internal
        pure
        returns (bytes32)
    {
        return keccak256(
            abi.encode(
                keccak256(
                    "EIP712Domain(string name,string version,address verifyingContract,bytes32 salt)"
                ),
                keccak256("Plasma Node"),
                keccak256("1"),
                verifyingContract,
                bytes32(chainId)
            )
        );
    }

    function signingHash(
        bytes32 domain,
        uint256[] memory inputs,
        Out[] memory outputs,
        bytes32 metadata
    ) internal pure returns (bytes32) {
        bytes32[4] memory ih;
        bytes32[4] memory oh;
        for (uint256 i; i < 4; ++i) {
            uint256 p = i < inputs.length ? inputs[i] : 0;
            ih[i] = keccak256(
                abi.encode(
                    keccak256("Input(uint256 blknum,uint256 txindex,uint256 oindex)"),
                    p / 1_000_000,
                    (p % 1_000_000) / 10,
                    p % 10
                )
            );
            Out memory o = i < outputs.length ? outputs[i] : Out(address(0), address(0), 0);
            oh[i] = keccak256(
                abi.encode(
                    keccak256(
                        "Output(uint256 outputType,bytes20 outputGuard,address currency,uint256 amount)"
                    ),
                    i < outputs.length ? 1 : 0,
                    bytes20(o.owner),
                    o.token,
                    o.amount
                )
            );
        }
        bytes32 hs = keccak256(
            bytes.concat(
                abi.encode(TX_TYPEHASH, uint256(1), ih[0], ih[1], ih[2], ih[3]),
                abi.encode(oh[0], oh[1], oh[2], oh[3], uint256(0), metadata)
            )
        );
        return keccak256(abi.encodePacked(bytes2(0x1901), domain, hs));
    }
}
