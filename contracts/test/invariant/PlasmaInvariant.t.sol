// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {TestBase} from "../lib/Vm.sol";
import {Console} from "../lib/Console.sol";
import {Plasma} from "../../src/Plasma.sol";
import {HookToken} from "./Actors.sol";
import {PlasmaHandler} from "./PlasmaHandler.sol";
import {InFlightHandler} from "./InFlightHandler.sol";

/// @notice Invariant campaign over Plasma: `PlasmaHandler` drives random sequences of deposits
///         (ETH and a hooked ERC20, by EOAs and smart accounts), transfers signed by their owners
///         in operator blocks with real Merkle roots, exits of real outputs (valid and spent),
///         challenges with real signed spends, exit processing after time passes, withdrawals,
///         byzantine mints, non-operator block submissions, receivers that reject, burn gas or
///         re-enter; and `InFlightHandler`'s in-flight actors (exits of honest, censored,
///         double-spending and already-exited spends, piggybacks, canonicity challenges with
///         included or in-flight competitors, responses, spent challenges, deletions), kept honest
///         by a watcher. After every call the invariants below hold; after every run `settle`
///         makes everyone exit (in flight too) and checks that all backed money comes out.
///
///         Quick by default (foundry.toml `[invariant]`); the long campaign:
///         `FOUNDRY_PROFILE=long tools/forge test --match-contract PlasmaInvariantTest`.
contract PlasmaInvariantTest is TestBase {
    struct FuzzSelector {
        address addr;
        bytes4[] selectors;
    }

    address internal constant OPERATOR = address(0x0905);
    uint256 internal constant MEP = 7 days;
    uint256 internal constant BOND = 0.1 ether;
    uint256 internal constant IFE_BOND = 0.3 ether;
    uint256 internal constant PB_BOND = 0.07 ether;

    Plasma internal plasma;
    HookToken internal token;
    InFlightHandler internal handler;

    function setUp() public {
        vm.warp(1_700_000_000);
        plasma = new Plasma(OPERATOR, MEP, BOND, IFE_BOND, PB_BOND);
        token = new HookToken();
        handler = new InFlightHandler(plasma, token, OPERATOR);
    }

    function targetContracts() public view returns (address[] memory targets) {
        targets = new address[](1);
        targets[0] = address(handler);
    }

    function targetSelectors() public view returns (FuzzSelector[] memory targets) {
        bytes4[] memory selectors = new bytes4[](25);
        selectors[0] = PlasmaHandler.depositEth.selector;
        selectors[1] = PlasmaHandler.depositToken.selector;
        selectors[2] = PlasmaHandler.transfer.selector;
        selectors[3] = PlasmaHandler.byzantineMint.selector;
        selectors[4] = PlasmaHandler.submitBlock.selector;
        selectors[5] = PlasmaHandler.submitBlockAsStranger.selector;
        selectors[6] = PlasmaHandler.startExit.selector;
        selectors[7] = PlasmaHandler.startExitRejected.selector;
        selectors[8] = PlasmaHandler.challenge.selector;
        selectors[9] = PlasmaHandler.challengeRejected.selector;
        selectors[10] = PlasmaHandler.processExits.selector;
        selectors[11] = PlasmaHandler.withdraw.selector;
        selectors[12] = PlasmaHandler.setWalletMode.selector;
        selectors[13] = PlasmaHandler.warp.selector;
        selectors[14] = InFlightHandler.ifeDoubleSpend.selector;
        selectors[15] = InFlightHandler.ifeSpendExited.selector;
        selectors[16] = InFlightHandler.ifeStart.selector;
        selectors[17] = InFlightHandler.ifeStartRejected.selector;
        selectors[18] = InFlightHandler.ifePiggyback.selector;
        selectors[19] = InFlightHandler.ifePiggybackRejected.selector;
        selectors[20] = InFlightHandler.ifeChallenge.selector;
        selectors[21] = InFlightHandler.ifeRespond.selector;
        selectors[22] = InFlightHandler.ifeChallengeSpent.selector;
        selectors[23] = InFlightHandler.ifeDelete.selector;
        selectors[24] = InFlightHandler.ifeCensored.selector;
        targets = new FuzzSelector[](1);
        targets[0] = FuzzSelector(address(handler), selectors);
    }

    /// @notice Checked after every call (one campaign: forge runs each `invariant_` function
    ///         as its own campaign over the same sequences, so one function checks them all):
    ///         - solvent: per token, the balance covers all deposits minus exits (plus credits
    ///           and bonds), i.e. every live child-chain output, hence every valid active exit;
    ///         - every credit is backed and the rest backs every live output and bond: no
    ///           credit (none is made for an unbacked exit) is a claim on later deposits;
    ///         - actors get what they are owed, paid or credited: a receiver that rejects, burns
    ///           all gas or re-enters gains and loses nothing; unbacked outputs pay nothing;
    ///         - no output is finalized (paid) twice, and exit statuses match the model;
    ///         - blocks and roots only change through the operator's submissions;
    ///         - the exit queues hold exactly the pending exits, best priority on top;
    ///         - in-flight exits are as the model says; no output is paid twice through any mix
    ///           of standard and in-flight exits (by position or outputKey); every bond is held,
    ///           refunded or paid to a successful challenger (none locked); and the solvency
    ///           and payout checks above count in-flight payouts and bonds.
    ///         `_processExits` also checks that processExits never leaves a due exit queued.
    function invariant_plasma() public view {
        handler.checkSolvency();
        handler.checkCreditsBacked();
        handler.checkActors();
        handler.checkPaidOnce();
        handler.checkBlocks();
        handler.checkQueues();
        handler.checkInFlight();
    }

    /// @notice After each run: everyone exits, queues drain, credits are withdrawn, and Plasma
    ///         keeps only locked bonds and abandoned or unpaid censored value.
    function afterInvariant() public {
        handler.settle();
        _logCampaignTotals();
    }

    /// @dev Adds this run's counters to totals kept in environment variables (the only state
    ///      that outlives a run) and logs them: `forge test -vv` prints the last run's logs, so
    ///      the campaign's totals.
    function _logCampaignTotals() internal {
        string[] memory names = handler.statNames();
        for (uint256 i; i < names.length; ++i) {
            string memory key = string.concat("PLASMA_INVARIANT_", names[i]);
            uint256 total = vm.envOr(key, uint256(0)) + handler.stat(names[i]);
            vm.setEnv(key, vm.toString(total));
            Console.log(names[i], total);
        }
    }
}
