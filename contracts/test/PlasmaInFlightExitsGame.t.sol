// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {TxBuilder} from "./lib/TxBuilder.sol";
import {InFlightTestBase} from "./lib/InFlightBase.sol";
import {Receiver} from "./lib/Mocks.sol";
import {Plasma} from "../src/Plasma.sol";
import {PlasmaInFlightExits} from "../src/PlasmaInFlightExits.sol";
import {IPlasmaInFlightExits} from "../src/IPlasmaInFlightExits.sol";

/// @notice The canonicity game and the spent challenges (MOREVP notes C1-C3, X1-X3, B2).
contract PlasmaInFlightChallengeTest is InFlightTestBase {
    Utxo internal oA;

    function setUp() public override {
        super.setUp();
        oA = _ethUtxo(alice, 10 ether);
    }

    /// @dev alice's 10 ether deposit spent to bob (4) and back to alice (6), started.
    function _started() internal returns (InFlight memory f) {
        f = _inFlight(_one(oA), _outs2(bob, address(0), 4 ether, alice, address(0), 6 ether));
        _start(f);
    }

    /// @dev alice's competing spend of her deposit, to carol.
    function _competitor() internal view returns (bytes memory c, bytes memory sig) {
        return _signedTx(TxBuilder.one(oA.pos), _outs1(carol, address(0), 10 ether), ALICE_KEY);
    }

    // ------------------------------------------------------------ challenge

    /// @notice C2: an in-flight competitor (position 0) is stored as 2^64 - 1; the exit becomes
    ///         non-canonical and the challenger its bond owner (B2).
    function test_C2_inFlightCompetitor() public {
        InFlight memory f = _started();
        (bytes memory c, bytes memory sig) = _competitor();
        vm.expectEmit(address(plasma));
        emit IPlasmaInFlightExits.InFlightExitChallenged(f.id, CHALLENGER, 0, keccak256(c), 0);
        vm.prank(CHALLENGER);
        ife.challengeInFlightExitNotCanonical(
            f.txBytes, 0, c, 0, 0, "", sig, _senderData(CHALLENGER)
        );
        vm.assertFalse(_canonical(f.id));
        vm.assertEq(_oldest(f.id), IN_FLIGHT_POS);
        vm.assertEq(_bondOwner(f.id), CHALLENGER);
        // C2: the same competitor twice fails
        vm.expectRevert(IPlasmaInFlightExits.CompetitorNotOlder.selector);
        ife.challengeInFlightExitNotCanonical(
            f.txBytes, 0, c, 0, 0, "", sig, _senderData(address(this))
        );
    }

    /// @notice C2: an included competitor (oindex 0, proof) older than the stored one is
    ///         accepted; a younger or equal one is not.
    function test_C2_includedCompetitorMustBeOlder() public {
        InFlight memory f = _started();
        (bytes memory c1, bytes memory sig1) = _competitor();
        (bytes memory c2, bytes memory sig2) =
            _signedTx(TxBuilder.one(oA.pos), _outs1(dave, address(0), 1 ether), ALICE_KEY);
        (uint256 pos1, bytes memory proof1) = _include(c1, 3);
        (uint256 pos2, bytes memory proof2) = _include(c2, 0);
        vm.assertLt(pos1, pos2);
        vm.prank(CHALLENGER);
        ife.challengeInFlightExitNotCanonical(
            f.txBytes, 0, c1, 0, pos1, proof1, sig1, _senderData(CHALLENGER)
        );
        vm.assertEq(_oldest(f.id), pos1);
        vm.expectRevert(IPlasmaInFlightExits.CompetitorNotOlder.selector);
        ife.challengeInFlightExitNotCanonical(
            f.txBytes, 0, c2, 0, pos2, proof2, sig2, _senderData(address(this))
        );
        vm.expectRevert(IPlasmaInFlightExits.CompetitorNotOlder.selector);
        ife.challengeInFlightExitNotCanonical(
            f.txBytes, 0, c2, 0, 0, "", sig2, _senderData(address(this))
        );
        vm.expectRevert(IPlasmaInFlightExits.CompetitorNotOlder.selector);
        ife.challengeInFlightExitNotCanonical(
            f.txBytes, 0, c1, 0, pos1, proof1, sig1, _senderData(address(this))
        );
    }

    function test_C2_competitorOlderThanTheLast() public {
        InFlight memory f = _started();
        (bytes memory c1, bytes memory sig1) = _competitor();
        (uint256 pos1, bytes memory proof1) = _include(c1, 3);
        _challengeInFlight(f, 0);
        vm.prank(bob);
        ife.challengeInFlightExitNotCanonical(
            f.txBytes, 0, c1, 0, pos1, proof1, sig1, _senderData(bob)
        );
        vm.assertEq(_oldest(f.id), pos1);
        vm.assertEq(_bondOwner(f.id), bob, "B2: each challenger becomes the bond owner");
    }

    function test_C2_invalidCompetitorPosition() public {
        InFlight memory f = _started();
        (bytes memory c, bytes memory sig) = _competitor();
        (uint256 pos, bytes memory proof) = _include(c, 1);
        vm.expectRevert(IPlasmaInFlightExits.InvalidTxPos.selector);
        ife.challengeInFlightExitNotCanonical(
            f.txBytes, 0, c, 0, pos + 1, proof, sig, _senderData(address(this))
        );
        vm.expectRevert(IPlasmaInFlightExits.InvalidTxPos.selector);
        ife.challengeInFlightExitNotCanonical(
            f.txBytes, 0, c, 0, 1, proof, sig, _senderData(address(this))
        );
        vm.expectRevert(Plasma.BlockNotFound.selector);
        ife.challengeInFlightExitNotCanonical(
            f.txBytes, 0, c, 0, pos + 1000e6, proof, sig, _senderData(address(this))
        );
        vm.expectRevert(Plasma.InvalidInclusionProof.selector);
        ife.challengeInFlightExitNotCanonical(
            f.txBytes, 0, c, 0, pos - 10, proof, sig, _senderData(address(this))
        );
    }

    /// @notice C1: phase 1 only.
    function test_C1_challengeInPhaseOneOnly() public {
        InFlight memory f = _started();
        (bytes memory c, bytes memory sig) = _competitor();
        vm.warp(block.timestamp + MEP / 2);
        vm.expectRevert(IPlasmaInFlightExits.PhaseOneOver.selector);
        ife.challengeInFlightExitNotCanonical(
            f.txBytes, 0, c, 0, 0, "", sig, _senderData(address(this))
        );
    }

    /// @notice C1: the competitor differs from the exit's tx.
    function test_C1_sameTx() public {
        InFlight memory f = _started();
        vm.expectRevert(IPlasmaInFlightExits.SameTx.selector);
        ife.challengeInFlightExitNotCanonical(
            f.txBytes, 0, f.txBytes, 0, 0, "", f.sigs[0], _senderData(address(this))
        );
    }

    /// @notice C1: the competitor spends the exit's input `inputIndex`, at the index given.
    function test_C1_competitorMustSpendTheInput() public {
        InFlight memory f = _started();
        Utxo memory other = _ethUtxo(alice, 1 ether);
        (bytes memory c, bytes memory sig) =
            _signedTx(TxBuilder.one(other.pos), _outs1(carol, address(0), 1), ALICE_KEY);
        vm.expectRevert(Plasma.NotSpendingExitingOutput.selector);
        ife.challengeInFlightExitNotCanonical(
            f.txBytes, 0, c, 0, 0, "", sig, _senderData(address(this))
        );
        (c, sig) = _competitor();
        vm.expectRevert(Plasma.InputNotFound.selector);
        ife.challengeInFlightExitNotCanonical(
            f.txBytes, 0, c, 1, 0, "", sig, _senderData(address(this))
        );
        vm.expectRevert(IPlasmaInFlightExits.SlotNotFound.selector);
        ife.challengeInFlightExitNotCanonical(
            f.txBytes, 1, c, 0, 0, "", sig, _senderData(address(this))
        );
    }

    /// @notice C1: the competitor is signed by the input's owner, read at the input's oindex
    ///         (1 here: bob owns oindex 0 of the same tx).
    function test_C1_signedByTheOwnerAtTheInputsOindex() public {
        Utxo memory c1 =
            _childUtxo(oA, _outs2(bob, address(0), 3 ether, carol, address(0), 7 ether), 2, 1);
        InFlight memory f = _inFlight(_one(c1), _outs1(dave, address(0), 7 ether));
        _start(f);
        (bytes memory c, bytes memory sig) =
            _signedTx(TxBuilder.one(c1.pos), _outs1(bob, address(0), 7 ether), BOB_KEY);
        vm.expectRevert(IPlasmaInFlightExits.WitnessNotInputOwner.selector);
        ife.challengeInFlightExitNotCanonical(
            f.txBytes, 0, c, 0, 0, "", sig, _senderData(address(this))
        );
        (c, sig) = _signedTx(TxBuilder.one(c1.pos), _outs1(bob, address(0), 7 ether), CAROL_KEY);
        ife.challengeInFlightExitNotCanonical(
            f.txBytes, 0, c, 0, 0, "", sig, _senderData(address(this))
        );
        vm.assertFalse(_canonical(f.id));
    }

    function test_challenge_revertsOnUnknownOrFinalizedExit() public {
        InFlight memory f = _inFlight(_one(oA), _outs1(bob, address(0), 1));
        (bytes memory c, bytes memory sig) = _competitor();
        vm.expectRevert(IPlasmaInFlightExits.InFlightExitNotActive.selector);
        ife.challengeInFlightExitNotCanonical(
            f.txBytes, 0, c, 0, 0, "", sig, _senderData(address(this))
        );
        _start(f);
        vm.warp(block.timestamp + MEP / 2);
        ife.deleteNonPiggybackedInFlightExit(f.id);
        vm.expectRevert(IPlasmaInFlightExits.InFlightExitNotActive.selector);
        ife.respondToNonCanonicalChallenge(
            f.txBytes, 1000e6, new bytes(512), _senderData(address(this))
        );
    }

    // ------------------------------------------------------------ response

    /// @notice C3: the exit's tx included older than the competitor: canonical again, oldest =
    ///         its position, the responder the bond owner (B2).
    function test_C3_response() public {
        InFlight memory f = _started();
        (uint256 txPos, bytes memory proof) = _include(f.txBytes, 2);
        _challengeInFlight(f, 0);
        vm.warp(block.timestamp + MEP); // responses have no phase
        vm.expectEmit(address(plasma));
        emit IPlasmaInFlightExits.InFlightExitChallengeResponded(f.id, RESPONDER, txPos);
        vm.prank(RESPONDER);
        ife.respondToNonCanonicalChallenge(f.txBytes, txPos, proof, _senderData(RESPONDER));
        vm.assertTrue(_canonical(f.id));
        vm.assertEq(_oldest(f.id), txPos);
        vm.assertEq(_bondOwner(f.id), RESPONDER);
        vm.expectRevert(IPlasmaInFlightExits.NotChallenged.selector);
        ife.respondToNonCanonicalChallenge(f.txBytes, txPos, proof, _senderData(address(this)));
    }

    /// @notice C3: after a response only a competitor older than the response re-challenges.
    function test_C3_rechallengeNeedsAnOlderCompetitor() public {
        InFlight memory f = _started();
        (bytes memory c, bytes memory sig) = _competitor();
        (uint256 txPos, bytes memory proof) = _include(f.txBytes, 0);
        (uint256 cPos, bytes memory cProof) = _include(c, 0);
        _challengeInFlight(f, 0);
        ife.respondToNonCanonicalChallenge(f.txBytes, txPos, proof, _senderData(address(this)));
        vm.expectRevert(IPlasmaInFlightExits.CompetitorNotOlder.selector);
        ife.challengeInFlightExitNotCanonical(
            f.txBytes, 0, c, 0, cPos, cProof, sig, _senderData(address(this))
        );
        (bytes memory c2, bytes memory sig2) =
            _signedTx(TxBuilder.one(oA.pos), _outs1(dave, address(0), 1), ALICE_KEY);
        vm.expectRevert(IPlasmaInFlightExits.CompetitorNotOlder.selector);
        ife.challengeInFlightExitNotCanonical(
            f.txBytes, 0, c2, 0, 0, "", sig2, _senderData(address(this))
        );
    }

    function test_C3_responseNotOlder() public {
        InFlight memory f = _started();
        (bytes memory c, bytes memory sig) = _competitor();
        (uint256 cPos, bytes memory cProof) = _include(c, 0);
        (uint256 txPos, bytes memory proof) = _include(f.txBytes, 0);
        ife.challengeInFlightExitNotCanonical(
            f.txBytes, 0, c, 0, cPos, cProof, sig, _senderData(address(this))
        );
        vm.expectRevert(IPlasmaInFlightExits.ResponseNotOlder.selector);
        ife.respondToNonCanonicalChallenge(f.txBytes, txPos, proof, _senderData(address(this)));
    }

    function test_C3_responsePositionChecks() public {
        InFlight memory f = _started();
        (uint256 txPos, bytes memory proof) = _include(f.txBytes, 1);
        _challengeInFlight(f, 0);
        vm.expectRevert(IPlasmaInFlightExits.InvalidTxPos.selector);
        ife.respondToNonCanonicalChallenge(f.txBytes, txPos + 1, proof, _senderData(address(this)));
        vm.expectRevert(IPlasmaInFlightExits.InvalidTxPos.selector);
        ife.respondToNonCanonicalChallenge(f.txBytes, 0, proof, _senderData(address(this)));
        vm.expectRevert(Plasma.BlockNotFound.selector);
        ife.respondToNonCanonicalChallenge(
            f.txBytes, txPos + 1000e6, proof, _senderData(address(this))
        );
        vm.expectRevert(Plasma.InvalidInclusionProof.selector);
        ife.respondToNonCanonicalChallenge(f.txBytes, txPos - 10, proof, _senderData(address(this)));
    }

    // ------------------------------------------------------------ front-running (X4)

    /// @dev A bot that copies pending calls and sends them from its own account.
    address internal constant BOT = address(0xB07);

    /// @notice X4: a canonicity challenge copied by a bot (senderData names the challenger)
    ///         reverts and leaves the exit canonical and its bond owner unchanged; the
    ///         challenger's own call makes it the bond owner.
    function test_X4_copiedCanonicityChallenge_reverts() public {
        InFlight memory f = _started();
        (bytes memory c, bytes memory sig) = _competitor();
        bytes32 challengers = _senderData(CHALLENGER);
        address starter = _bondOwner(f.id);
        vm.prank(BOT);
        vm.expectRevert(IPlasmaInFlightExits.SenderDataMismatch.selector);
        ife.challengeInFlightExitNotCanonical(f.txBytes, 0, c, 0, 0, "", sig, challengers);
        vm.assertTrue(_canonical(f.id));
        vm.assertEq(_bondOwner(f.id), starter);
        vm.prank(CHALLENGER);
        ife.challengeInFlightExitNotCanonical(f.txBytes, 0, c, 0, 0, "", sig, challengers);
        vm.assertEq(_bondOwner(f.id), CHALLENGER);
    }

    /// @notice X4: a copied response reverts; the responder's own call makes it the bond owner.
    function test_X4_copiedResponse_reverts() public {
        InFlight memory f = _started();
        (uint256 txPos, bytes memory proof) = _include(f.txBytes, 2);
        _challengeInFlight(f, 0);
        vm.prank(BOT);
        vm.expectRevert(IPlasmaInFlightExits.SenderDataMismatch.selector);
        ife.respondToNonCanonicalChallenge(f.txBytes, txPos, proof, _senderData(RESPONDER));
        vm.assertFalse(_canonical(f.id));
        vm.assertEq(_bondOwner(f.id), CHALLENGER);
        vm.prank(RESPONDER);
        ife.respondToNonCanonicalChallenge(f.txBytes, txPos, proof, _senderData(RESPONDER));
        vm.assertEq(_bondOwner(f.id), RESPONDER);
    }

    /// @notice X4: a copied input spent challenge reverts and the bot gets no bond; the
    ///         challenger's own call removes the piggyback and pays it.
    function test_X4_copiedInputSpentChallenge_reverts() public {
        InFlight memory f = _started();
        _piggyIn(f, 0);
        (bytes memory spend, bytes memory sig) = _competitor();
        vm.prank(BOT);
        vm.expectRevert(IPlasmaInFlightExits.SenderDataMismatch.selector);
        ife.challengeInFlightExitInputSpent(f.txBytes, 0, spend, 0, sig, _senderData(CHALLENGER));
        vm.assertEq(_piggybacked(f.id), 1);
        vm.assertEq(BOT.balance, 0);
        uint256 before = CHALLENGER.balance;
        vm.prank(CHALLENGER);
        ife.challengeInFlightExitInputSpent(f.txBytes, 0, spend, 0, sig, _senderData(CHALLENGER));
        vm.assertEq(CHALLENGER.balance, before + PB_BOND);
        vm.assertEq(_piggybacked(f.id), 0);
    }

    /// @dev The started exit, its tx included at tx index 4 of a new block, output `k`
    ///      piggybacked.
    function _includedWithOutputPiggyback(uint8 k)
        internal
        returns (InFlight memory f, uint256 txPos, bytes memory proof)
    {
        f = _started();
        (txPos, proof) = _include(f.txBytes, 4);
        _piggyOut(f, k);
    }

    /// @notice X4: a copied output spent challenge reverts and the bot gets no bond.
    function test_X4_copiedOutputSpentChallenge_reverts() public {
        (InFlight memory f, uint256 txPos, bytes memory proof) = _includedWithOutputPiggyback(0);
        (bytes memory spend, bytes memory sig) =
            _signedTx(TxBuilder.one(txPos), _outs1(dave, address(0), 4 ether), BOB_KEY);
        bytes32 challengers = _senderData(CHALLENGER);
        vm.prank(BOT);
        vm.expectRevert(IPlasmaInFlightExits.SenderDataMismatch.selector);
        ife.challengeInFlightExitOutputSpent(f.txBytes, txPos, proof, 0, spend, 0, sig, challengers);
        vm.assertEq(_piggybacked(f.id), 1 << 4);
        vm.assertEq(BOT.balance, 0);
        vm.prank(CHALLENGER);
        ife.challengeInFlightExitOutputSpent(f.txBytes, txPos, proof, 0, spend, 0, sig, challengers);
        vm.assertEq(_piggybacked(f.id), 0);
    }

    // ------------------------------------------------------------ input spent

    /// @notice X1 with distinct non-zero indices: the exit's input 1 is output 2 of its tx, and
    ///         the challenging tx spends it as its input 1. The bond goes to the challenger (X3).
    function test_X1_inputSpent() public {
        (InFlight memory f, Utxo memory c2) = _twoInputExit();
        vm.prank(carol);
        ife.piggybackInFlightExitOnInput{value: PB_BOND}(f.txBytes, 1);
        Utxo memory other = _ethUtxo(carol, 1);
        uint256[] memory ins = new uint256[](2);
        ins[0] = other.pos;
        ins[1] = c2.pos;
        (bytes memory spend, bytes memory sig) =
            _signedTx(ins, _outs1(dave, address(0), 1), CAROL_KEY);
        vm.expectRevert(Plasma.NotSpendingExitingOutput.selector);
        ife.challengeInFlightExitInputSpent(f.txBytes, 1, spend, 0, sig, _senderData(address(this)));
        vm.expectRevert(Plasma.InputNotFound.selector);
        ife.challengeInFlightExitInputSpent(f.txBytes, 1, spend, 2, sig, _senderData(address(this)));
        vm.expectRevert(IPlasmaInFlightExits.NotPiggybacked.selector);
        ife.challengeInFlightExitInputSpent(f.txBytes, 0, spend, 1, sig, _senderData(address(this)));
        vm.expectRevert(IPlasmaInFlightExits.SlotNotFound.selector);
        ife.challengeInFlightExitInputSpent(f.txBytes, 2, spend, 1, sig, _senderData(address(this)));
        uint256 before = CHALLENGER.balance;
        vm.expectEmit(address(plasma));
        emit IPlasmaInFlightExits.InFlightExitInputBlocked(f.id, CHALLENGER, 1);
        vm.prank(CHALLENGER);
        ife.challengeInFlightExitInputSpent(f.txBytes, 1, spend, 1, sig, _senderData(CHALLENGER));
        vm.assertEq(CHALLENGER.balance, before + PB_BOND);
        vm.assertEq(_piggybacked(f.id), 0);
        vm.expectRevert(IPlasmaInFlightExits.NotPiggybacked.selector);
        ife.challengeInFlightExitInputSpent(f.txBytes, 1, spend, 1, sig, _senderData(address(this)));
    }

    /// @dev An exit of a tx whose inputs are alice's deposit and carol's output 2 (of a 3-output
    ///      tx at tx index 3).
    function _twoInputExit() internal returns (InFlight memory f, Utxo memory c2) {
        Utxo memory cd = _ethUtxo(carol, 9 ether);
        TxBuilder.Out[] memory outs = new TxBuilder.Out[](3);
        outs[0] = TxBuilder.Out(bob, address(0), 1 ether);
        outs[1] = TxBuilder.Out(bob, address(0), 1 ether);
        outs[2] = TxBuilder.Out(carol, address(0), 7 ether);
        c2 = _childUtxo(cd, outs, 3, 2);
        f = _inFlight(_two(oA, c2), _outs1(dave, address(0), 17 ether));
        _start(f);
    }

    function test_X1_inputSpentChecks() public {
        (InFlight memory f, Utxo memory c2) = _twoInputExit();
        vm.prank(carol);
        ife.piggybackInFlightExitOnInput{value: PB_BOND}(f.txBytes, 1);
        vm.expectRevert(IPlasmaInFlightExits.SameTx.selector);
        ife.challengeInFlightExitInputSpent(
            f.txBytes, 1, f.txBytes, 1, f.sigs[1], _senderData(address(this))
        );
        (bytes memory spend, bytes memory sig) =
            _signedTx(TxBuilder.one(c2.pos), _outs1(dave, address(0), 1), ALICE_KEY);
        vm.expectRevert(IPlasmaInFlightExits.WitnessNotInputOwner.selector);
        ife.challengeInFlightExitInputSpent(f.txBytes, 1, spend, 0, sig, _senderData(address(this)));
    }

    /// @notice X3: a challenger that cannot take ETH gets a credit.
    function test_X3_challengerCreditedOnFailure() public {
        InFlight memory f = _started();
        _piggyIn(f, 0);
        (bytes memory spend, bytes memory sig) = _competitor();
        Receiver r = new Receiver();
        r.call(
            address(plasma),
            abi.encodeCall(
                IPlasmaInFlightExits.challengeInFlightExitInputSpent,
                (f.txBytes, 0, spend, 0, sig, _senderData(address(r)))
            )
        );
        vm.assertEq(plasma.withdrawable(address(r), address(0)), PB_BOND);
    }

    // ------------------------------------------------------------ output spent

    /// @notice X2: the exit's tx included at txPos; its output 1 spent (as input 1 of the
    ///         challenging tx) by its owner.
    function test_X2_outputSpent() public {
        (InFlight memory f, uint256 txPos, bytes memory proof) = _includedWithOutputPiggyback(1);
        Utxo memory other = _ethUtxo(alice, 1);
        uint256[] memory ins = new uint256[](2);
        ins[0] = other.pos;
        ins[1] = txPos + 1;
        (bytes memory spend, bytes memory sig) =
            _signedTx(ins, _outs1(dave, address(0), 1), ALICE_KEY);
        uint256 before = CHALLENGER.balance;
        vm.expectEmit(address(plasma));
        emit IPlasmaInFlightExits.InFlightExitOutputBlocked(f.id, CHALLENGER, 1);
        vm.prank(CHALLENGER);
        ife.challengeInFlightExitOutputSpent(
            f.txBytes, txPos, proof, 1, spend, 1, sig, _senderData(CHALLENGER)
        );
        vm.assertEq(CHALLENGER.balance, before + PB_BOND);
        vm.assertEq(_piggybacked(f.id), 0);
    }

    function test_X2_outputSpentChecks() public {
        (InFlight memory f, uint256 txPos, bytes memory proof) = _includedWithOutputPiggyback(1);
        (bytes memory spend, bytes memory sig) =
            _signedTx(TxBuilder.one(txPos + 1), _outs1(dave, address(0), 1), ALICE_KEY);
        vm.expectRevert(IPlasmaInFlightExits.NotPiggybacked.selector);
        ife.challengeInFlightExitOutputSpent(
            f.txBytes, txPos, proof, 0, spend, 0, sig, _senderData(address(this))
        );
        vm.expectRevert(IPlasmaInFlightExits.SlotNotFound.selector);
        ife.challengeInFlightExitOutputSpent(
            f.txBytes, txPos, proof, 2, spend, 0, sig, _senderData(address(this))
        );
        vm.expectRevert(IPlasmaInFlightExits.InvalidTxPos.selector);
        ife.challengeInFlightExitOutputSpent(
            f.txBytes, txPos + 1, proof, 1, spend, 0, sig, _senderData(address(this))
        );
        vm.expectRevert(Plasma.InvalidInclusionProof.selector);
        ife.challengeInFlightExitOutputSpent(
            f.txBytes, txPos - 10, proof, 1, spend, 0, sig, _senderData(address(this))
        );
        vm.expectRevert(Plasma.BlockNotFound.selector);
        ife.challengeInFlightExitOutputSpent(
            f.txBytes, txPos + 1000e6, proof, 1, spend, 0, sig, _senderData(address(this))
        );
        vm.expectRevert(Plasma.InputNotFound.selector);
        ife.challengeInFlightExitOutputSpent(
            f.txBytes, txPos, proof, 1, spend, 1, sig, _senderData(address(this))
        );
        (bytes memory wrong, bytes memory wsig) =
            _signedTx(TxBuilder.one(txPos), _outs1(dave, address(0), 1), ALICE_KEY);
        vm.expectRevert(Plasma.NotSpendingExitingOutput.selector);
        ife.challengeInFlightExitOutputSpent(
            f.txBytes, txPos, proof, 1, wrong, 0, wsig, _senderData(address(this))
        );
        (spend, sig) = _signedTx(TxBuilder.one(txPos + 1), _outs1(dave, address(0), 1), BOB_KEY);
        vm.expectRevert(Plasma.SignerNotExitOwner.selector);
        ife.challengeInFlightExitOutputSpent(
            f.txBytes, txPos, proof, 1, spend, 0, sig, _senderData(address(this))
        );
    }
}
