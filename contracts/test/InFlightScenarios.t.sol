// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {TxBuilder} from "./lib/TxBuilder.sol";
import {InFlightStoryBase} from "./lib/InFlightStoryBase.sol";
import {Plasma} from "../src/Plasma.sol";
import {IPlasmaInFlightExits} from "../src/IPlasmaInFlightExits.sol";

/// @notice What every story checks at its end: who gained or lost what (balance + credit), and
///         that Plasma pays out no more than it took in.
abstract contract InFlightStory is InFlightStoryBase {
    /// @dev What eve gains from her bogus exit when it finds no ETH to take: her bond back (the
    ///      unbacked 1 ETH is neither paid nor credited).
    int256 internal constant EVE_GAIN = int256(BOND);

    /// @dev Worth (balance + credit) of alice, bob, carol, eve, operator, watcher at a point.
    struct Worths {
        uint256[6] worth;
        uint256 plasmaBalance;
    }

    function _worths() internal view returns (Worths memory w) {
        address[6] memory who = [alice, bob, carol, eve, OPERATOR, watcher];
        for (uint256 i; i < 6; ++i) {
            w.worth[i] = _worth(who[i]);
        }
        w.plasmaBalance = address(plasma).balance;
    }

    function _expect(Worths memory before, int256[6] memory delta) internal view {
        Worths memory now_ = _worths();
        string[6] memory names = ["alice", "bob", "carol", "eve", "operator", "watcher"];
        for (uint256 i; i < 6; ++i) {
            vm.assertEq(
                int256(now_.worth[i]) - int256(before.worth[i]),
                delta[i],
                string.concat(names[i], "'s balance + credit")
            );
        }
    }

    /// @dev Eve's exit of a bogus output ran after the honest exits: it found only her own bond
    ///      (she gets that back, nothing of anyone else's); the unbacked 1 ETH is not credited, so
    ///      it is no claim on ETH deposited later, and Plasma is left empty.
    function _assertEveGotNothing(uint256 eveWorthAtStart) internal {
        vm.assertEq(plasma.withdrawable(eve, address(0)), 0, "eve's unbacked amount not credited");
        vm.assertEq(eve.balance, eveWorthAtStart, "eve got back her bond, nothing more");
        vm.assertEq(address(plasma).balance, 0);
        vm.prank(eve);
        vm.expectRevert(Plasma.NothingToWithdraw.selector);
        plasma.withdraw(address(0), 1);
    }
}

/// @notice Issue 14, scenario 1: a withheld block. Alice signs T (her 1 ETH deposit to Bob); the
///         operator commits N = [T, bogus] (bogus pays Eve 1 ETH out of nothing), withholds N and
///         exits bogus at once. Alice cannot know whether T is in N. Alice or Bob must get the
///         1 ETH, Eve none of it, whatever the operator does.
contract WithheldBlockTest is InFlightStory {
    uint256 internal dPos;
    bytes internal dTx;

    function t() internal view returns (Tx memory) {
        return _pay(dPos, bob, 1 ether, 0);
    }

    bytes internal sigA;

    function bogus() internal view returns (Tx memory) {
        // from an output that never existed (block 500_000 was never committed)
        return _pay(TxBuilder.pos(500_000, 0, 0), eve, 1 ether, 0);
    }

    Block internal n;
    uint256 internal eveStart;

    function setUp() public override {
        super.setUp();
        (dPos, dTx) = _deposit(alice, 1 ether);
        vm.warp(T0 + 1 hours);
        sigA = _sign(ALICE_KEY, t());
        n = _commit2(t().raw, bogus().raw); // withheld: only the operator knows the contents
        eveStart = eve.balance;
        vm.prank(eve);
        plasma.startStandardExit{value: BOND}(_posIn(n, 1, 0), bogus().raw, _proofIn(n, 1));
        // a day later nothing is published: alice exits T in flight
        vm.warp(T0 + 1 days);
    }

    /// @dev Both exits are due: eve's (N's block time + 2 MEP) is the later one.
    function _processWhenEveIsDue() internal {
        (,,,, uint256 eveAt,) = plasma.exits(_posIn(n, 1, 0));
        vm.assertEq(eveAt, T0 + 1 hours + 2 * MEP);
        _warpTo(eveAt);
        _processAll();
    }

    function test_bobPiggybacksOutput_bobPaidFirstEveNothing() public {
        Worths memory w0 = _worths();
        uint256 id = _startIfe1(alice, t(), dTx, sigA);
        _piggybackOutput(bob, t(), 0);
        vm.assertEq(_exitableAt(id), T0 + 2 * MEP, "youngest input's time + 2 MEP");
        _operatorCannotTouch(id);
        _processWhenEveIsDue();
        // bob: +1 ETH (his piggyback bond back); alice: her IFE bond back; eve: her bond back,
        // nothing of her unbacked 1 ETH (`_assertEveGotNothing`)
        _expect(w0, [int256(0), 1 ether, 0, EVE_GAIN, 0, 0]);
        vm.assertEq(ife.outputFinalizedBy(_outputKey(t().raw, 0)), id, "T's output paid by the IFE");
        vm.assertEq(ife.outputFinalizedBy(dPos), id, "T's input spent by the IFE");
        vm.assertEq(
            uint256(_ifeStatus(id)), uint256(IPlasmaInFlightExits.InFlightExitStatus.Finalized)
        );
        _assertEveGotNothing(eveStart);
        _depositCannotExitAgain();
    }

    /// @dev Alice piggybacks her input, bob his output; the operator holds a retry alice signed
    ///      (T2: the same deposit to bob) and challenges with it; it then either lets the exit
    ///      stay non-canonical (alice paid) or, after phase 1, answers its own challenge with T's
    ///      inclusion in N (bob paid). Either way the 1 ETH goes to one of them, once.
    function testFuzz_bothSides_operatorChallengesWithRetry(bool respondLate) public {
        Tx memory t2 = _pay(dPos, bob, 1 ether, bytes32("retry"));
        bytes memory sig2 = _sign(ALICE_KEY, t2);
        Block memory where; // the operator keeps T2 in flight
        Worths memory w0 = _worths();
        uint256 id = _startIfe1(alice, t(), dTx, sigA);
        _piggybackInput(alice, t(), 0);
        _piggybackOutput(bob, t(), 0);
        _challengeNonCanonical(OPERATOR, t(), 0, t2, 0, sig2, where, 0);
        vm.assertFalse(_isCanonical(id));
        vm.assertEq(_bondOwner(id), OPERATOR);
        if (respondLate) {
            vm.warp(block.timestamp + MEP / 2 + 1); // phase 2: no new challenge is possible
            _respond(OPERATOR, t(), n, 0);
            vm.assertTrue(_isCanonical(id));
        }
        _processWhenEveIsDue();
        int256 ifeBond = int256(IFE_BOND);
        if (respondLate) {
            _expect(w0, [-ifeBond, 1 ether, 0, EVE_GAIN, ifeBond, 0]);
        } else {
            _expect(w0, [1 ether - ifeBond, 0, 0, EVE_GAIN, ifeBond, 0]);
        }
        vm.assertEq(ife.outputFinalizedBy(dPos), id);
        _assertEveGotNothing(eveStart);
        _depositCannotExitAgain();
    }

    /// @dev MoreVP's rule (MOREVP-NOTES P5: not piggybacking means not exiting): T has no
    ///      competitor, so it is canonical and its input is spent; alice's input piggyback pays
    ///      her bond back and nothing more. The 1 ETH is bob's, and only his piggyback claims it:
    ///      without it, eve's bogus exit, processed later, finds alice's 1 ETH and takes it. So in
    ///      a withheld block the receiver must piggyback (wallets and the watcher must make sure
    ///      he does); the sender's input piggyback helps only against a competitor.
    function test_onlyInputPiggybacked_canonicalTxPaysNoInput_eveTakesBobsMoney() public {
        Worths memory w0 = _worths();
        uint256 id = _startIfe1(alice, t(), dTx, sigA);
        _piggybackInput(alice, t(), 0);
        _warpTo(_exitableAt(id));
        _processAll();
        _expect(w0, [int256(0), 0, 0, 0, 0, 0]);
        vm.assertEq(ife.outputFinalizedBy(dPos), id, "the canonical exit spent its input");
        vm.assertEq(ife.outputFinalizedBy(_outputKey(t().raw, 0)), 0, "bob's output left alone");
        _processWhenEveIsDue();
        vm.assertEq(eve.balance, eveStart + 1 ether, "eve took the 1 ETH nobody claimed");
        vm.assertEq(address(plasma).balance, 0);
        _depositCannotExitAgain();
    }

    /// @dev The operator's moves against a canonical exit whose output is piggybacked, none of
    ///      which may succeed: a competitor it signs itself, a spend of bob's output it signs
    ///      itself, eve piggybacking bob's output, deleting the exit, exiting bogus in flight.
    function _operatorCannotTouch(uint256 id) internal {
        Tx memory forged = _pay(dPos, eve, 1 ether, 0);
        bytes memory forgedSig = _sign(EVE_KEY, forged);
        Block memory none;
        vm.expectRevert(IPlasmaInFlightExits.WitnessNotInputOwner.selector);
        _challengeNonCanonical(OPERATOR, t(), 0, forged, 0, forgedSig, none, 0);
        Tx memory spendBob = _pay(_posIn(n, 0, 0), eve, 1 ether, 0);
        bytes memory evesSig = _sign(EVE_KEY, spendBob);
        vm.prank(OPERATOR);
        vm.expectRevert(Plasma.SignerNotExitOwner.selector);
        ife.challengeInFlightExitOutputSpent(
            t().raw,
            _posIn(n, 0, 0),
            _proofIn(n, 0),
            0,
            spendBob.raw,
            0,
            evesSig,
            _senderData(OPERATOR)
        );
        vm.prank(eve);
        vm.expectRevert(IPlasmaInFlightExits.NotSlotOwner.selector);
        ife.piggybackInFlightExitOnOutput{value: PB_BOND}(t().raw, 0);
        vm.warp(block.timestamp + MEP / 2 + 1);
        vm.expectRevert(IPlasmaInFlightExits.HasPiggybacks.selector);
        ife.deleteNonPiggybackedInFlightExit(id);
        bytes[] memory inTxs = new bytes[](1);
        bytes[] memory proofs = new bytes[](1);
        bytes[] memory sigs = new bytes[](1);
        inTxs[0] = dTx;
        proofs[0] = _depositProof(dTx);
        sigs[0] = _sign(EVE_KEY, bogus());
        vm.prank(eve);
        vm.expectRevert(Plasma.BlockNotFound.selector);
        ife.startInFlightExit{value: IFE_BOND}(bogus().raw, inTxs, bogus().inputs, proofs, sigs);
    }

    /// @dev After the in-flight exit spent it, alice's deposit has no exit left in it.
    function _depositCannotExitAgain() internal {
        vm.prank(alice);
        vm.expectRevert(Plasma.ExitAlreadyStarted.selector);
        plasma.startStandardExit{value: BOND}(dPos, dTx, _depositProof(dTx));
        vm.expectRevert(IPlasmaInFlightExits.InFlightExitAlreadyStarted.selector);
        _startIfe1(alice, t(), dTx, sigA);
    }
}

/// @notice Issue 14, scenario 2: a published invalid block with the honest tx after the bogus
///         one: N = [bogus, T]. Standard exits of both mature together and the position
///         tie-break pays eve first; in flight, T exits with its youngest input's (older)
///         position, so bob is paid first.
contract PublishedInvalidBlockTest is InFlightStory {
    uint256 internal dPos;
    bytes internal dTx;

    function t() internal view returns (Tx memory) {
        return _pay(dPos, bob, 1 ether, 0);
    }

    bytes internal sigA;

    function bogus() internal view returns (Tx memory) {
        // from an output that never existed (block 500_000 was never committed)
        return _pay(TxBuilder.pos(500_000, 0, 0), eve, 1 ether, 0);
    }

    Block internal n;
    uint256 internal eveStart;

    function setUp() public override {
        super.setUp();
        (dPos, dTx) = _deposit(alice, 1 ether);
        sigA = _sign(ALICE_KEY, t());
        n = _commit2(bogus().raw, t().raw); // same second as the deposit: both mature together
        eveStart = eve.balance;
        vm.prank(eve);
        plasma.startStandardExit{value: BOND}(_posIn(n, 0, 0), bogus().raw, _proofIn(n, 0));
    }

    function _bobStandardExit() internal {
        vm.prank(bob);
        plasma.startStandardExit{value: BOND}(_posIn(n, 1, 0), t().raw, _proofIn(n, 1));
    }

    /// @dev The problem in-flight exits solve: with standard exits eve's output (txindex 0) is
    ///      first at the same exitableAt and takes alice's ETH; bob's payout finds only his bond.
    function test_control_standardExitsPayEveFirst() public {
        Worths memory w0 = _worths();
        _bobStandardExit();
        _warpTo(T0 + 2 * MEP);
        _processAll();
        // bob's 1 ETH is no longer backed: he gets his bond back only, no credit; eve has cash
        vm.assertEq(plasma.withdrawable(bob, address(0)), 0, "bob's unbacked amount dropped");
        _expect(w0, [int256(0), 0, 0, 1 ether + int256(BOND), 0, 0]);
        vm.assertEq(eve.balance, eveStart + 1 ether, "eve took alice's ETH");
        vm.assertEq(address(plasma).balance, 0, "nothing left");
    }

    function test_inFlight_bobPaidFirst() public {
        Worths memory w0 = _worths();
        uint256 id = _startIfe1(alice, t(), dTx, sigA);
        _piggybackOutput(bob, t(), 0);
        (,,,,, uint256 youngest,,,,) = ife.inFlightExits(id);
        vm.assertEq(youngest, dPos, "the exit's position is its youngest input's");
        vm.assertEq(_exitableAt(id), T0 + 2 * MEP, "matures with eve's exit");
        _warpTo(T0 + 2 * MEP);
        _processAll();
        _expect(w0, [int256(0), 1 ether, 0, EVE_GAIN, 0, 0]);
        _assertEveGotNothing(eveStart);
    }

    /// @dev Bob also exits his output the standard way (it is in a published block): the IFE
    ///      pays first and marks T's output, so his standard exit pays nothing but his bond.
    function test_inFlightThenStandardExitOfSameOutput_paidOnce() public {
        uint256 id = _startIfe1(alice, t(), dTx, sigA);
        _piggybackOutput(bob, t(), 0);
        _bobStandardExit();
        Worths memory w0 = _worths();
        _warpTo(T0 + 2 * MEP);
        _processAll();
        // bob: 1 ETH once, both bonds back; eve: her bond back, the unbacked 1 ETH dropped
        _expect(w0, [int256(IFE_BOND), 1 ether + int256(PB_BOND + BOND), 0, EVE_GAIN, 0, 0]);
        _assertEveGotNothing(eveStart);
        vm.assertEq(ife.outputFinalizedBy(_outputKey(t().raw, 0)), id);
    }
}

/// @notice Issue 14, scenario 3: the operator never includes T and uses T's signature to cancel
///         alice's standard exit of her deposit. T still exits in flight: the 1 ETH ends where T
///         sends it or back with alice, never frozen.
contract CensorThenChallengeTest is InFlightStory {
    uint256 internal dPos;
    bytes internal dTx;

    function t() internal view returns (Tx memory) {
        return _pay(dPos, bob, 1 ether, 0);
    }

    bytes internal sigA;

    function setUp() public override {
        super.setUp();
        (dPos, dTx) = _deposit(alice, 1 ether);
        sigA = _sign(ALICE_KEY, t());
        _commit(new bytes[](0)); // T is left out
        vm.warp(T0 + 1 days);
        vm.prank(alice);
        plasma.startStandardExit{value: BOND}(dPos, dTx, _depositProof(dTx));
        vm.prank(OPERATOR);
        plasma.challengeStandardExit(dPos, t().raw, 0, sigA, _senderData(OPERATOR));
        vm.prank(alice);
        vm.expectRevert(Plasma.ExitWasChallenged.selector);
        plasma.startStandardExit{value: BOND}(dPos, dTx, _depositProof(dTx));
    }

    function test_bobPiggybacksOutput_bobPaid() public {
        Worths memory w0 = _worths();
        uint256 id = _startIfe1(alice, t(), dTx, sigA);
        _piggybackOutput(bob, t(), 0);
        _warpTo(_exitableAt(id));
        _processAll();
        _expect(w0, [int256(0), 1 ether, 0, 0, 0, 0]);
        vm.assertEq(address(plasma).balance, 0, "nothing frozen");
    }

    /// @dev The operator's other moves against bob's claim: it starts T's exit before alice
    ///      (she then piggybacks nothing: bob piggybacks the operator's exit), and tries to
    ///      remove a piggyback with T itself. Bob is paid; the operator gets its bond back.
    function test_operatorStartsTheExitFirst_bobStillPaid() public {
        Worths memory w0 = _worths();
        uint256 id = _startIfe1(OPERATOR, t(), dTx, sigA);
        vm.expectRevert(IPlasmaInFlightExits.InFlightExitAlreadyStarted.selector);
        _startIfe1(alice, t(), dTx, sigA);
        _piggybackOutput(bob, t(), 0);
        _piggybackInput(alice, t(), 0);
        vm.prank(OPERATOR);
        vm.expectRevert(IPlasmaInFlightExits.SameTx.selector);
        ife.challengeInFlightExitInputSpent(t().raw, 0, t().raw, 0, sigA, _senderData(OPERATOR));
        _warpTo(_exitableAt(id));
        _processAll();
        _expect(w0, [int256(0), 1 ether, 0, 0, 0, 0]);
        vm.assertEq(address(plasma).balance, 0, "nothing frozen");
    }

    /// @dev Bob never shows up: alice signs a competitor herself (back to her), challenges her
    ///      own exit with it and piggybacks her input. T was never included, so nobody can
    ///      answer: if the operator does nothing more, alice gets her 1 ETH back. (Her retry is
    ///      also a spend of her input the operator can show: see the next test.)
    function test_aliceAlone_getsHerMoneyBack() public {
        Worths memory w0 = _worths();
        uint256 id = _startIfe1(alice, t(), dTx, sigA);
        _piggybackInput(alice, t(), 0);
        Tx memory back = _pay(dPos, alice, 1 ether, 0);
        Block memory none;
        _challengeNonCanonical(alice, t(), 0, back, 0, _sign(ALICE_KEY, back), none, 0);
        _warpTo(_exitableAt(id));
        _processAll();
        _expect(w0, [int256(1 ether), 0, 0, 0, 0, 0]);
        vm.assertEq(address(plasma).balance, 0, "nothing frozen");
    }

    /// @dev MoreVP's limit, not a contract bug: once alice signed T the 1 ETH is T's output's
    ///      (bob's), and only bob's piggyback claims it. If alice instead signs a second spend of
    ///      her deposit to claim it back, the operator shows that spend against her input
    ///      piggyback (and against the second tx's exit: T competes with it), and with no output
    ///      piggybacked the 1 ETH stays in Plasma: nobody can take it, nobody gets it.
    function test_aliceAlone_retryIsASpendTheOperatorCanShow_moneyStuckWithoutBob() public {
        Worths memory w0 = _worths();
        uint256 id = _startIfe1(alice, t(), dTx, sigA);
        _piggybackInput(alice, t(), 0);
        Tx memory back = _pay(dPos, alice, 1 ether, 0);
        bytes memory sigBack = _sign(ALICE_KEY, back);
        Block memory none;
        _challengeNonCanonical(alice, t(), 0, back, 0, sigBack, none, 0);
        vm.prank(OPERATOR);
        ife.challengeInFlightExitInputSpent(t().raw, 0, back.raw, 0, sigBack, _senderData(OPERATOR));
        uint256 id2 = _startIfe1(alice, back, dTx, sigBack);
        _piggybackInput(alice, back, 0);
        _piggybackOutput(alice, back, 0);
        _challengeNonCanonical(OPERATOR, back, 0, t(), 0, sigA, none, 0);
        vm.prank(OPERATOR);
        ife.challengeInFlightExitInputSpent(back.raw, 0, t().raw, 0, sigA, _senderData(OPERATOR));
        _warpTo(_exitableAt(id2));
        _processAll();
        vm.assertEq(
            uint256(_ifeStatus(id)), uint256(IPlasmaInFlightExits.InFlightExitStatus.Finalized)
        );
        int256 lost = int256(2 * PB_BOND);
        // alice gets back the bond of T's exit (she challenged it) but loses back's exit bond
        // (the operator challenged it) and two piggyback bonds to the operator
        _expect(w0, [-lost - int256(IFE_BOND), 0, 0, 0, lost + int256(IFE_BOND), 0]);
        vm.assertEq(address(plasma).balance, 1 ether, "alice's 1 ETH: no claim left");
    }

    /// @dev The operator's counter: it now includes T (in a published block) and answers alice's
    ///      challenge late. T is canonical, alice's input pays nothing, and the 1 ETH is bob's
    ///      output in a published block: bob exits it the standard way.
    function test_aliceAlone_operatorIncludesTAndResponds_bobExitsStandard() public {
        Worths memory w0 = _worths();
        uint256 id = _startIfe1(alice, t(), dTx, sigA);
        _piggybackInput(alice, t(), 0);
        Tx memory back = _pay(dPos, alice, 1 ether, 0);
        Block memory none;
        _challengeNonCanonical(alice, t(), 0, back, 0, _sign(ALICE_KEY, back), none, 0);
        vm.warp(block.timestamp + MEP / 2 + 1);
        Block memory m = _commit1(t().raw);
        _respond(OPERATOR, t(), m, 0);
        vm.prank(bob);
        plasma.startStandardExit{value: BOND}(_posIn(m, 0, 0), t().raw, _proofIn(m, 0));
        _warpTo(block.timestamp + 2 * MEP);
        _processAll();
        // alice: IFE bond to the responder, her piggyback bond back; bob: his 1 ETH
        _expect(w0, [-int256(IFE_BOND), 1 ether, 0, 0, int256(IFE_BOND), 0]);
        vm.assertEq(address(plasma).balance, 0, "nothing frozen");
    }
}

/// @notice The attacker's alternatives in the three stories (issue 14): however exits of one
///         piece of money are combined, Plasma pays out no more than it received for it.
contract InFlightAttacksTest is InFlightStory {
    /// @dev T spends alice's and carol's deposits to bob; carol (the operator's accomplice)
    ///      signs a competitor C of her input to eve, which the operator includes in a published
    ///      block, and challenges the exit with it. Carol also piggybacks her input (spent by C):
    ///      the watcher shows it spent. Alice gets her 1 ETH back, eve C's 1 ETH, nobody more.
    function test_coOwnerCompetitor_paysEachDepositOnce() public {
        Worths memory w0 = _worths();
        (uint256 dA, bytes memory dATx) = _deposit(alice, 1 ether);
        (uint256 dC, bytes memory dCTx) = _deposit(carol, 1 ether);
        Tx memory t = _tx(_ins2(dA, dC), TxBuilder.oneOut(bob, address(0), 2 ether), 0);
        Tx memory c = _pay(dC, eve, 1 ether, 0);
        bytes memory sigCc = _sign(CAROL_KEY, c);
        Block memory m = _commit1(c.raw);
        uint256 id = _startIfe2(alice, t, dATx, dCTx);
        _challengeNonCanonical(carol, t, 1, c, 0, sigCc, m, 0);
        vm.assertEq(_bondOwner(id), carol);
        _piggybackInput(alice, t, 0);
        _piggybackOutput(bob, t, 0);
        _piggybackInput(carol, t, 1);
        vm.prank(watcher);
        ife.challengeInFlightExitInputSpent(t.raw, 1, c.raw, 0, sigCc, _senderData(watcher));
        vm.prank(eve);
        plasma.startStandardExit{value: BOND}(_posIn(m, 0, 0), c.raw, _proofIn(m, 0));
        _warpTo(block.timestamp + 2 * MEP);
        _processAll();
        int256 pb = int256(PB_BOND);
        int256 ifeBond = int256(IFE_BOND);
        _expect(w0, [-ifeBond, 0, ifeBond - pb - 1 ether, 1 ether, 0, pb]);
        vm.assertEq(address(plasma).balance, 0, "paid out exactly what came in");
        vm.assertEq(ife.outputFinalizedBy(dA), id);
        vm.assertEq(ife.outputFinalizedBy(dC), 0, "carol's input was not paid");
    }

    /// @dev The thomalla heist (MOREVP-NOTES C4): eve double-spends her deposit in tx1 and
    ///      tx2, each in a withheld block; both exits are challenged with the other in flight in
    ///      phase 1 and both answered with inclusion proofs in phase 2, so both are canonical.
    ///      Only the first processed may pay: alice's 5 ETH stays in Plasma.
    function test_lateResponseHeist_paysTheDepositOnce() public {
        _deposit(alice, 5 ether);
        Worths memory w0 = _worths();
        (uint256 dE, bytes memory dETx) = _deposit(eve, 1 ether);
        Tx memory tx1 = _pay(dE, carol, 1 ether, bytes32("1"));
        Tx memory tx2 = _pay(dE, carol, 1 ether, bytes32("2"));
        (uint256 id1, uint256 id2) = _heist(tx1, tx2, dETx);
        _warpTo(T0 + 2 * MEP);
        _processAll();
        int256 ifeBond = int256(IFE_BOND);
        _expect(w0, [int256(0), 0, 1 ether, -1 ether - 2 * ifeBond, 2 * ifeBond, 0]);
        vm.assertEq(address(plasma).balance, 5 ether, "alice's 5 ETH is still there");
        uint256 paid1 = ife.outputFinalizedBy(_outputKey(tx1.raw, 0));
        uint256 paid2 = ife.outputFinalizedBy(_outputKey(tx2.raw, 0));
        vm.assertTrue((paid1 == id1) != (paid2 == id2), "exactly one tx's output was paid");
        vm.assertEq(paid1 + paid2, ife.outputFinalizedBy(dE), "by the exit that spent dE");
    }

    function _heist(Tx memory tx1, Tx memory tx2, bytes memory dETx)
        internal
        returns (uint256 id1, uint256 id2)
    {
        bytes memory sig1 = _sign(EVE_KEY, tx1);
        bytes memory sig2 = _sign(EVE_KEY, tx2);
        Block memory n1 = _commit1(tx1.raw);
        Block memory n2 = _commit1(tx2.raw);
        id1 = _startIfe1(eve, tx1, dETx, sig1);
        id2 = _startIfe1(eve, tx2, dETx, sig2);
        _piggybackOutput(carol, tx1, 0);
        _piggybackOutput(carol, tx2, 0);
        Block memory none;
        _challengeNonCanonical(eve, tx1, 0, tx2, 0, sig2, none, 0);
        _challengeNonCanonical(eve, tx2, 0, tx1, 0, sig1, none, 0);
        vm.warp(block.timestamp + MEP / 2 + 1);
        _respond(OPERATOR, tx1, n1, 0);
        _respond(OPERATOR, tx2, n2, 0);
        vm.assertTrue(_isCanonical(id1) && _isCanonical(id2));
    }

    /// @dev Alice pays herself and piggybacks both sides; whether or not she then makes the tx
    ///      non-canonical with a competitor of her own, she gets her 1 ETH once.
    function testFuzz_piggybackBothSides_paidOnce(bool nonCanonical) public {
        Worths memory w0 = _worths();
        (uint256 dA, bytes memory dATx) = _deposit(alice, 1 ether);
        Tx memory t = _pay(dA, alice, 1 ether, 0);
        uint256 id = _startIfe1(alice, t, dATx, _sign(ALICE_KEY, t));
        _piggybackInput(alice, t, 0);
        _piggybackOutput(alice, t, 0);
        if (nonCanonical) {
            Tx memory c = _pay(dA, alice, 1 ether, bytes32("competitor"));
            Block memory none;
            _challengeNonCanonical(alice, t, 0, c, 0, _sign(ALICE_KEY, c), none, 0);
        }
        _warpTo(_exitableAt(id));
        _processAll();
        _expect(w0, [int256(0), 0, 0, 0, 0, 0]);
        vm.assertEq(address(plasma).balance, 0);
        vm.assertEq(ife.outputFinalizedBy(_outputKey(t.raw, 0)), nonCanonical ? 0 : id);
        vm.assertEq(ife.outputFinalizedBy(dA), id);
    }

    /// @dev Alice signed T and a retry T2 of the same deposit to bob; both exit in flight and
    ///      nobody challenges either: the first processed pays bob, the second finds its input
    ///      spent by another exit (non-canonical) and pays nothing.
    function test_retryExitedTwice_paysOnce() public {
        Worths memory w0 = _worths();
        (uint256 dA, bytes memory dATx) = _deposit(alice, 1 ether);
        Tx memory t = _pay(dA, bob, 1 ether, 0);
        Tx memory t2 = _pay(dA, bob, 1 ether, bytes32("retry"));
        uint256 id = _startIfe1(alice, t, dATx, _sign(ALICE_KEY, t));
        uint256 id2 = _startIfe1(alice, t2, dATx, _sign(ALICE_KEY, t2));
        _piggybackOutput(bob, t, 0);
        _piggybackOutput(bob, t2, 0);
        _warpTo(_exitableAt(id2));
        _processAll();
        _expect(w0, [-int256(1 ether), 1 ether, 0, 0, 0, 0]);
        vm.assertEq(address(plasma).balance, 0);
        uint256 first = ife.outputFinalizedBy(dA);
        vm.assertTrue(first == id || first == id2);
        vm.assertEq(
            uint256(_ifeStatus(id)), uint256(IPlasmaInFlightExits.InFlightExitStatus.Finalized)
        );
        vm.assertEq(
            uint256(_ifeStatus(id2)), uint256(IPlasmaInFlightExits.InFlightExitStatus.Finalized)
        );
    }

    /// @dev Alice exits her deposit the standard way although T spent it, and nobody challenges
    ///      (the watcher is asleep). Either exit may be processed first; the deposit pays once.
    function testFuzz_standardExitOfInput_eitherOrder_paysOnce(bool standardFirst) public {
        Worths memory w0 = _worths();
        (uint256 dA, bytes memory dATx) = _deposit(alice, 1 ether);
        Tx memory t = _pay(dA, bob, 1 ether, 0);
        uint256 id = _startIfe1(alice, t, dATx, _sign(ALICE_KEY, t));
        _piggybackOutput(bob, t, 0);
        if (!standardFirst) vm.warp(T0 + MEP + 1 hours); // its exitableAt: after the IFE's
        vm.prank(alice);
        plasma.startStandardExit{value: BOND}(dA, dATx, _depositProof(dATx));
        _warpTo(T0 + 2 * MEP + 1 hours);
        _processAll();
        vm.assertEq(ife.outputFinalizedBy(dA), standardFirst ? dA : id);
        if (standardFirst) {
            // the IFE's input went to another exit: non-canonical, bob's output pays nothing
            _expect(w0, [int256(0), 0, 0, 0, 0, 0]);
            vm.assertEq(ife.outputFinalizedBy(_outputKey(t.raw, 0)), 0);
        } else {
            _expect(w0, [-int256(1 ether), 1 ether, 0, 0, 0, 0]);
        }
        vm.assertEq(address(plasma).balance, 0, "the deposit paid once, every bond returned");
    }

    /// @dev Bob's output is in a published block: he exits it the standard way and in flight.
    ///      Whichever is processed first pays him; the other pays nothing.
    function testFuzz_standardExitOfOutput_eitherOrder_paysOnce(bool standardFirst) public {
        Worths memory w0 = _worths();
        (uint256 dA, bytes memory dATx) = _deposit(alice, 1 ether);
        Tx memory t = _pay(dA, bob, 1 ether, 0);
        bytes memory sigA = _sign(ALICE_KEY, t);
        vm.warp(T0 + 1 hours);
        Block memory n = _commit1(t.raw);
        vm.prank(bob);
        plasma.startStandardExit{value: BOND}(_posIn(n, 0, 0), t.raw, _proofIn(n, 0));
        if (standardFirst) vm.warp(T0 + MEP + 2 hours); // a late piggyback: after the SE's
        uint256 id = _startIfe1(alice, t, dATx, sigA);
        _piggybackOutput(bob, t, 0);
        _warpTo(T0 + 2 * MEP + 2 hours);
        _processAll();
        // paid by one of them (which one, when the IFE comes first: see PublishedInvalidBlockTest)
        uint256 paidBy = ife.outputFinalizedBy(_outputKey(t.raw, 0));
        vm.assertTrue(paidBy == _posIn(n, 0, 0) || (!standardFirst && paidBy == id));
        vm.assertEq(ife.outputFinalizedBy(dA), id, "the canonical exit spent its input");
        _expect(w0, [-int256(1 ether), 1 ether, 0, 0, 0, 0]);
        vm.assertEq(address(plasma).balance, 0, "the output paid once, every bond returned");
    }

    /// @dev Bob's output of T1 (in a published block) is paid by T1's in-flight exit; bob then
    ///      spends that same output in T2 and exits T2 in flight: T2's input is an output
    ///      Plasma already paid, so T2 must pay nothing (its start may also be refused).
    ///      Carol's 5 ETH must stay in Plasma.
    function test_outputPaidInFlight_spentByAnotherInFlightTx_paysOnce() public {
        _deposit(carol, 5 ether);
        Worths memory w0 = _worths();
        (uint256 dA, bytes memory dATx) = _deposit(alice, 1 ether);
        Tx memory t1 = _pay(dA, bob, 1 ether, 0);
        Block memory n = _commit1(t1.raw);
        uint256 id1 = _startIfe1(alice, t1, dATx, _sign(ALICE_KEY, t1));
        _piggybackOutput(bob, t1, 0);
        _warpTo(_exitableAt(id1));
        _processAll();
        vm.assertEq(ife.outputFinalizedBy(_outputKey(t1.raw, 0)), id1, "bob paid by the IFE");
        Tx memory t2 = _pay(_posIn(n, 0, 0), bob, 1 ether, 0);
        if (_tryStartIfe1(bob, t2, t1.raw, _proofIn(n, 0), _sign(BOB_KEY, t2))) {
            _piggybackOutput(bob, t2, 0);
            _warpTo(_exitableAt(ife.inFlightExitId(t2.raw)));
            _processAll();
        }
        _expect(w0, [-int256(1 ether), 1 ether, 0, 0, 0, 0]);
        vm.assertEq(address(plasma).balance, 5 ether, "carol's 5 ETH is still there");
    }

    /// @dev Starts the in-flight exit of `t` (one input: `inputTx`'s output 0 at `t`'s input
    ///      position); false when Plasma refuses it.
    function _tryStartIfe1(
        address starter,
        Tx memory t,
        bytes memory inputTx,
        bytes memory proof,
        bytes memory sig
    ) internal returns (bool started) {
        bytes[] memory inTxs = new bytes[](1);
        inTxs[0] = inputTx;
        bytes[] memory proofs = new bytes[](1);
        proofs[0] = proof;
        bytes[] memory sigs = new bytes[](1);
        sigs[0] = sig;
        vm.prank(starter);
        (started,) = address(plasma).call{value: IFE_BOND}(
            abi.encodeCall(ife.startInFlightExit, (t.raw, inTxs, t.inputs, proofs, sigs))
        );
    }

    function _startIfe2(address starter, Tx memory t, bytes memory d0, bytes memory d1)
        internal
        returns (uint256)
    {
        bytes[] memory inTxs = new bytes[](2);
        inTxs[0] = d0;
        inTxs[1] = d1;
        bytes[] memory proofs = new bytes[](2);
        proofs[0] = _depositProof(d0);
        proofs[1] = _depositProof(d1);
        bytes[] memory sigs = new bytes[](2);
        sigs[0] = _sign(ALICE_KEY, t);
        sigs[1] = _sign(CAROL_KEY, t);
        return _startIfe(starter, t, inTxs, proofs, sigs);
    }
}
