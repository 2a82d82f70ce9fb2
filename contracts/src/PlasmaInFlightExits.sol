// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {PlasmaBase} from "./PlasmaBase.sol";
import {IPlasmaInFlightExits} from "./IPlasmaInFlightExits.sol";

/// @title PlasmaInFlightExits (skeleton)
contract PlasmaInFlightExits is PlasmaBase, IPlasmaInFlightExits {
    address public immutable plasma;

    constructor(address plasma_, uint256, uint256, uint256, bytes32) {
        plasma = plasma_;
    }

    function processInFlightExit(uint256, address) external {
        revert OnlyThroughPlasma();
    }

    function startInFlightExit(
        bytes calldata inFlightTx,
        bytes[] calldata inputTxs,
        uint256[] calldata inputUtxosPos,
        bytes[] calldata inputTxsInclusionProofs,
        bytes[] calldata inFlightTxWitnesses
    ) external payable {
        revert OnlyThroughPlasma();
    }

    function piggybackInFlightExitOnInput(bytes calldata inFlightTx, uint8 inputIndex)
        external
        payable
    {
        revert OnlyThroughPlasma();
    }

    function piggybackInFlightExitOnOutput(bytes calldata inFlightTx, uint8 outputIndex)
        external
        payable
    {
        revert OnlyThroughPlasma();
    }

    function challengeInFlightExitNotCanonical(
        bytes calldata inFlightTx,
        uint8 inputIndex,
        bytes calldata competingTx,
        uint8 competingTxInputIndex,
        uint256 competingTxPos,
        bytes calldata competingTxInclusionProof,
        bytes calldata competingTxWitness
    ) external {
        revert OnlyThroughPlasma();
    }

    function respondToNonCanonicalChallenge(
        bytes calldata inFlightTx,
        uint256 inFlightTxPos,
        bytes calldata inFlightTxInclusionProof
    ) external {
        revert OnlyThroughPlasma();
    }

    function challengeInFlightExitInputSpent(
        bytes calldata inFlightTx,
        uint8 inputIndex,
        bytes calldata challengingTx,
        uint8 challengingTxInputIndex,
        bytes calldata challengingTxWitness
    ) external {
        revert OnlyThroughPlasma();
    }

    function challengeInFlightExitOutputSpent(
        bytes calldata inFlightTx,
        uint256 inFlightTxPos,
        bytes calldata inFlightTxInclusionProof,
        uint8 outputIndex,
        bytes calldata challengingTx,
        uint8 challengingTxInputIndex,
        bytes calldata challengingTxWitness
    ) external {
        revert OnlyThroughPlasma();
    }

    function deleteNonPiggybackedInFlightExit(uint256 exitId) external {
        revert OnlyThroughPlasma();
    }

    function inFlightExitBond() external view returns (uint256) {
        revert OnlyThroughPlasma();
    }

    function piggybackBond() external view returns (uint256) {
        revert OnlyThroughPlasma();
    }

    function inFlightExitId(bytes calldata inFlightTx) external pure returns (uint256) {
        revert OnlyThroughPlasma();
    }

    function inFlightExits(uint256 exitId)
        external
        view
        returns (
            InFlightExitStatus status,
            bytes32 txHash,
            address bondOwner,
            uint256 startedAt,
            uint256 exitableAt,
            uint256 youngestInputPos,
            uint256 oldestCompetitorPos,
            bool isCanonical,
            uint8 inputCount,
            uint8 piggybacked
        )
    {
        revert OnlyThroughPlasma();
    }

    function inFlightExitInput(uint256 exitId, uint8 index)
        external
        view
        returns (uint256 utxoPos, address owner, address token, uint256 amount)
    {
        revert OnlyThroughPlasma();
    }

    function inFlightExitOutput(uint256 exitId, uint8 index)
        external
        view
        returns (address owner, address token, uint256 amount)
    {
        revert OnlyThroughPlasma();
    }

    function outputFinalizedBy(uint256 key) external view returns (uint256 exitId) {
        revert OnlyThroughPlasma();
    }
}
