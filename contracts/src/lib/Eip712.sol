// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {PaymentTx} from "./PaymentTx.sol";
import {UtxoPosLib} from "./UtxoPosLib.sol";

/// @title Eip712
/// @notice The EIP-712 signing hash of a payment transaction (docs/spec.md). Domain: name
///         "Plasma Node", version "1", verifyingContract, salt = bytes32(chainid).
library Eip712 {
    bytes32 internal constant DOMAIN_TYPEHASH = keccak256(
        "EIP712Domain(string name,string version,address verifyingContract,bytes32 salt)"
    );
    bytes32 internal constant NAME_HASH = keccak256("Plasma Node");
    bytes32 internal constant VERSION_HASH = keccak256("1");
    bytes32 internal constant TX_TYPEHASH = keccak256(
        "Transaction(uint256 txType,Input input0,Input input1,Input input2,Input input3,Output output0,Output output1,Output output2,Output output3,uint256 txData,bytes32 metadata)Input(uint256 blknum,uint256 txindex,uint256 oindex)Output(uint256 outputType,bytes20 outputGuard,address currency,uint256 amount)"
    );
    bytes32 internal constant INPUT_TYPEHASH =
        keccak256("Input(uint256 blknum,uint256 txindex,uint256 oindex)");
    bytes32 internal constant OUTPUT_TYPEHASH =
        keccak256("Output(uint256 outputType,bytes20 outputGuard,address currency,uint256 amount)");

    function domainSeparator(address verifyingContract, uint256 chainId)
        internal
        pure
        returns (bytes32)
    {
        return keccak256(
            abi.encode(
                DOMAIN_TYPEHASH, NAME_HASH, VERSION_HASH, verifyingContract, bytes32(chainId)
            )
        );
    }

    /// @notice `keccak256(0x19 0x01 || domainSeparator || hashStruct(tx))`.
    function signingHash(bytes32 domainSep, PaymentTx.Tx memory t) internal pure returns (bytes32) {
        return keccak256(abi.encodePacked(hex"1901", domainSep, hashStruct(t)));
    }

    /// @dev Only payments (txType 1, outputs of outputType 1) are signed: a fee claim has no
    ///      inputs, so no path of the contract recovers a signer over one.
    function hashStruct(PaymentTx.Tx memory t) internal pure returns (bytes32 h) {
        bytes32[12] memory words;
        words[0] = TX_TYPEHASH;
        words[1] = bytes32(uint256(1));
        for (uint256 i; i < 4; ++i) {
            words[2 + i] = hashInput(i < t.inputCount ? t.inputs[i] : 0);
            words[6 + i] = i < t.outputCount
                ? hashOutput(t.outputs[i])
                : keccak256(abi.encode(OUTPUT_TYPEHASH, 0, bytes20(0), address(0), 0));
        }
        // words[10] = txData = 0
        words[11] = t.metadata;
        assembly ("memory-safe") {
            h := keccak256(words, 384)
        }
    }

    /// @notice `Input(blknum, txindex, oindex)`; position 0 is the missing input `Input(0,0,0)`.
    function hashInput(uint256 pos) internal pure returns (bytes32) {
        return keccak256(
            abi.encode(
                INPUT_TYPEHASH,
                UtxoPosLib.blknum(pos),
                UtxoPosLib.txindex(pos),
                UtxoPosLib.oindex(pos)
            )
        );
    }

    /// @notice `Output(1, bytes20(owner), token, amount)`.
    function hashOutput(PaymentTx.Output memory o) internal pure returns (bytes32) {
        return
            keccak256(abi.encode(OUTPUT_TYPEHASH, uint256(1), bytes20(o.owner), o.token, o.amount));
    }
}
