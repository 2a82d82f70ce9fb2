// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {TestBase, Vm} from "../lib/Vm.sol";
import {TxBuilder} from "../lib/TxBuilder.sol";
import {Plasma} from "../../src/Plasma.sol";
import {HookToken, WalletActor, DataCarrier} from "./Actors.sol";

/// @notice The model behind `PlasmaHandler`: the child chain as the handler built it (every
///         output, the tx that created it, its Merkle proof, the signed tx that spends it, its
///         exit), ghost accounts of what Plasma must hold and what each actor is owed, and the
///         operations that call Plasma and check each call against the model.
///
///         Actors 0-3 are EOAs; 4 ("stubborn") and 5 ("reentrant") are keyed addresses running
///         `WalletActor` code (an EIP-7702 account): 4 accepts, rejects or burns all gas on every
///         payout, 5 re-enters Plasma once per arming. They all deposit, transfer, exit and
///         challenge. Actor 6 (mallory) owns only the outputs a byzantine operator mints from
///         nothing with amounts no balance can back. An honest watcher challenges every exit of a
///         spent output before exits are processed; without it, Plasma's security assumption
///         (someone challenges within the exit period) would not hold and nothing could be said.
abstract contract PlasmaModel is TestBase {
    enum ExitState {
        None,
        Active,
        Challenged,
        Finalized
    }

    /// @dev What the re-entrant wallet calls when it is next paid.
    enum Plan {
        None,
        ProcessExits,
        Challenge,
        Withdraw,
        DepositFrom,
        Deposit,
        StartExit
    }

    enum Want {
        Spendable,
        Exitable,
        Challengeable,
        Committed,
        ExitStarted,
        ReentrantExitable
    }

    struct Output {
        uint256 pos;
        address token;
        uint256 amount;
        uint8 owner;
        bool bogus;
        bool committed;
        bool spent;
        ExitState exit;
        bool queued;
        uint64 exitableAt;
        uint32 txId;
        uint32 spendTxId;
        uint8 spendInput;
        uint8 spendInputCount;
        bytes proof;
        bytes spendSig;
        /// @dev The exit that paid it or marked it spent in Plasma's shared "finalized" map: its
        ///      position (its standard exit was finalized) or an in-flight exit id; 0 if none.
        uint256 flag;
        /// @dev An in-flight exit's output never committed (a double spend's): only a piggyback
        ///      reaches it.
        bool phantom;
        /// @dev Piggybacked as an in-flight exit's output: the child chain no longer spends it.
        bool frozen;
        /// @dev Its active standard exit was overwritten by an in-flight exit's mark (the exit
        ///      is skipped by processExits and its bond is locked).
        bool overwritten;
        /// @dev Times an in-flight exit paid it.
        uint8 ifePaid;
        /// @dev 1 + the id of a tx its owner signed that the operator never includes (it stays
        ///      unspent on the child chain, frozen: it leaves only by an in-flight exit or a
        ///      standard exit nobody challenges; the watcher challenges those, as the operator).
        uint32 censoredBy;
    }

    struct Snapshot {
        uint256[7] eth;
        uint256[7] tok;
        uint256[7] ethCredit;
        uint256[7] tokCredit;
        uint256 depositBlknum;
        WalletActor.Mode stubbornMode;
    }

    uint256 internal constant EOAS = 4;
    uint256 internal constant STUBBORN = 4;
    uint256 internal constant REENTRANT = 5;
    uint256 internal constant HONEST = 6;
    uint256 internal constant MALLORY = 6;
    uint256 internal constant ACTORS = 7;
    uint256 internal constant INITIAL_ETH = 1e9 ether;
    uint256 internal constant MAX_PENDING_TXS = 16;
    uint256 internal constant MAX_DEPOSITS = 999;
    /// @dev A processor's gas budget: the worst exit (a token exit whose receiver burns both
    ///      stipends, 100k + 50k, and is credited twice) costs ~300k with a deep heap. A
    ///      receiver that could burn more than its stipend would exhaust it and fail the run.
    uint256 internal constant PROCESS_GAS_BASE = 100_000;
    uint256 internal constant PROCESS_GAS_PER_EXIT = 400_000;
    /// @dev An in-flight exit pays or refunds up to 8 piggybacks and its bond (a token payout
    ///      and a bond each): ~16 stipends.
    uint256 internal constant PROCESS_GAS_PER_IFE = 2_000_000;
    /// @dev A queue entry of the model: an output id (standard exit) or IFE_ENTRY | an index in
    ///      `InFlightModel.ifes`.
    uint256 internal constant IFE_ENTRY = 1 << 255;

    Plasma public immutable plasma;
    HookToken public immutable token;
    address public immutable operator;
    uint256 internal immutable bond;
    uint256 internal immutable mep;
    bytes32 internal immutable domain;

    address[7] public actors;
    uint256[7] internal keys;
    bytes internal depositProof;
    uint256 public currentTime;

    Output[] internal outputs;
    bytes[] internal txs;
    uint256[] internal pendingTxIds;
    uint256[] internal pendingOutputIds;
    uint256[] internal submittedBlknums;
    mapping(uint256 => bytes32) internal submittedRoots;
    mapping(uint256 => uint256) internal blockTimestamps;
    mapping(address => uint256[]) internal ghostQueue;

    /// @notice Honest deposits per token.
    mapping(address => uint256) public ghostDeposited;
    /// @notice Amounts of finalized honest exits per token (paid or credited).
    mapping(address => uint256) public ghostExited;
    /// @notice Value of censored txs whose in-flight exit spent it without paying all of it
    ///         (outputs nobody piggybacked): it stays in Plasma for good.
    mapping(address => uint256) public ghostAbandoned;
    /// @notice Fees the pending block's transfers left, per token, for its fee claim.
    mapping(address => uint256) public pendingFees;
    /// @notice Bonds of active exits.
    uint256 public ghostBondsHeld;
    /// @notice What each actor must hold in ETH / tokens, counting its Plasma credit.
    uint256[7] public ghostEth;
    uint256[7] public ghostTok;
    uint256 public ghostSubmits;
    /// @notice ExitFinalized events seen per position.
    mapping(uint256 => uint256) public payouts;

    Plan internal plan;
    bytes internal planDepositTx;
    uint8 internal planDepositOwner;
    uint256 internal planValue;
    uint256 internal planOutput;

    /// @notice Counters of what the campaign did (see `summary`).
    mapping(bytes32 => uint256) internal stats;

    modifier useTime() {
        vm.warp(currentTime);
        _;
        currentTime = block.timestamp;
    }

    constructor(Plasma plasma_, HookToken token_, address operator_) {
        plasma = plasma_;
        token = token_;
        operator = operator_;
        bond = plasma_.exitBond();
        mep = plasma_.minExitPeriod();
        domain = plasma_.domainSeparator();
        currentTime = block.timestamp;
        for (uint256 i; i < ACTORS; ++i) {
            keys[i] = 0xAC7000 + i;
            actors[i] = vm.addr(keys[i]);
            vm.deal(actors[i], INITIAL_ETH);
            ghostEth[i] = INITIAL_ETH;
        }
        for (uint256 i = STUBBORN; i <= REENTRANT; ++i) {
            vm.etch(actors[i], type(WalletActor).runtimeCode);
            token_.setHooked(actors[i], true);
        }
        bytes32[] memory one = new bytes32[](1);
        (, depositProof) = TxBuilder.rootAndProof(one, 0);
        _arm(0);
    }

    // ============================================================ internals: model

    function _recordDeposit(
        uint256 blknum,
        uint256 owner,
        address tok,
        uint256 amount,
        bytes memory txBytes
    ) internal {
        (bytes32 root,) = plasma.getBlock(blknum);
        bytes32[] memory leaves = new bytes32[](1);
        leaves[0] = TxBuilder.leaf(txBytes);
        (bytes32 expected,) = TxBuilder.rootAndProof(leaves, 0);
        vm.assertEq(root, expected & ~bytes32(uint256(0xffffffff)), "deposit block root");
        ghostDeposited[tok] += amount;
        blockTimestamps[blknum] = block.timestamp;
        txs.push(txBytes);
        uint256 id = _addOutput(blknum * 1e6, tok, amount, owner, txs.length - 1, true);
        outputs[id].proof = depositProof;
        stats["deposits"]++;
    }

    function _addOutput(
        uint256 pos,
        address tok,
        uint256 amount,
        uint256 owner,
        uint256 txId,
        bool committed
    ) internal returns (uint256 id) {
        id = outputs.length;
        Output storage o = outputs.push();
        o.pos = pos;
        o.token = tok;
        o.amount = amount;
        o.owner = uint8(owner);
        o.txId = uint32(txId);
        o.committed = committed;
    }

    function _addSignedTx(uint256 seed, uint256[] memory inputIds) internal {
        address tok = outputs[inputIds[0]].token;
        uint256[] memory ins = new uint256[](inputIds.length);
        uint256 total;
        for (uint256 i; i < inputIds.length; ++i) {
            ins[i] = outputs[inputIds[i]].pos;
            total += outputs[inputIds[i]].amount;
        }
        // one transfer in three leaves a fee (up to half its inputs) for the block's fee claim
        uint256 fee;
        if ((seed >> 40) % 3 == 0 && total >= 2) fee = 1 + (seed >> 48) % (total / 2);
        pendingFees[tok] += fee;
        TxBuilder.Out[] memory outs = _splitOutputs(seed, tok, total - fee);
        uint256 txId = _pushPendingTx(TxBuilder.transferTx(ins, outs));
        uint256 firstOutput = outputs.length;
        bytes32 digest = TxBuilder.signingHash(domain, ins, outs, bytes32(0));
        for (uint256 i; i < inputIds.length; ++i) {
            Output storage o = outputs[inputIds[i]];
            (uint8 v, bytes32 r, bytes32 s) = vm.sign(keys[o.owner], digest);
            o.spent = true;
            o.spendTxId = uint32(txId);
            o.spendInput = uint8(i);
            o.spendInputCount = uint8(inputIds.length);
            o.spendSig = abi.encodePacked(r, s, v);
        }
        uint256 txindex = pendingTxIds.length - 1;
        for (uint256 k; k < outs.length; ++k) {
            uint256 owner = uint256(keccak256(abi.encode(seed, "owner", k))) % HONEST;
            pendingOutputIds.push(
                _addOutput(_pendingPos(txindex, k), tok, outs[k].amount, owner, txId, false)
            );
        }
        _onSignedTx(txId, inputIds, firstOutput, outs.length);
    }

    /// @dev A transfer was signed (its inputs' `spendSig`s) and joined the pending block; its
    ///      outputs are `firstOutput ..+ count`.
    function _onSignedTx(
        uint256 txId,
        uint256[] memory inputIds,
        uint256 firstOutput,
        uint256 count
    ) internal virtual;

    /// @dev 1-3 outputs of `total`, each at least 1, owners drawn like `_addSignedTx` does.
    function _splitOutputs(uint256 seed, address tok, uint256 total)
        internal
        view
        returns (TxBuilder.Out[] memory outs)
    {
        uint256 k = 1 + (seed >> 16) % 3;
        if (k > total) k = total;
        outs = new TxBuilder.Out[](k);
        uint256 remaining = total;
        for (uint256 i; i < k; ++i) {
            uint256 amount = remaining;
            if (i + 1 < k) {
                amount = 1 + uint256(keccak256(abi.encode(seed, i))) % (remaining - (k - 1 - i));
            }
            remaining -= amount;
            uint256 owner = uint256(keccak256(abi.encode(seed, "owner", i))) % HONEST;
            outs[i] = TxBuilder.Out(actors[owner], tok, amount);
        }
    }

    function _pushPendingTx(bytes memory txBytes) internal returns (uint256 txId) {
        txs.push(txBytes);
        txId = txs.length - 1;
        pendingTxIds.push(txId);
    }

    function _pendingPos(uint256 txindex, uint256 oindex) internal view returns (uint256) {
        return TxBuilder.pos(plasma.nextChildBlock(), txindex, oindex);
    }

    /// @dev The operator's fee claims (issue 15), after every payment of the pending block: one
    ///      per token whose transfers left fees, of exactly those fees, to a claimer drawn from
    ///      the honest actors; the claim's output is an ordinary output from then on.
    function _appendFeeClaims() internal {
        uint256 blknum = plasma.nextChildBlock();
        uint256 claimer = (blknum / 1000) % HONEST;
        address[2] memory toks = [address(0), address(token)];
        for (uint256 i; i < 2; ++i) {
            uint256 fee = pendingFees[toks[i]];
            if (fee == 0) continue;
            uint256 txId = _pushPendingTx(TxBuilder.feeClaim(blknum, actors[claimer], toks[i], fee));
            uint256 id = _addOutput(
                _pendingPos(pendingTxIds.length - 1, 0), toks[i], fee, claimer, txId, false
            );
            pendingOutputIds.push(id);
            pendingFees[toks[i]] = 0;
            stats["feeClaims"]++;
        }
    }

    function _submitPending() internal {
        _appendFeeClaims();
        uint256 n = pendingTxIds.length;
        bytes32[] memory leaves = new bytes32[](n);
        for (uint256 i; i < n; ++i) {
            leaves[i] = TxBuilder.leaf(txs[pendingTxIds[i]]);
        }
        bytes32 root = TxBuilder.emptyHash(16);
        if (n != 0) (root,) = TxBuilder.rootAndProof(leaves, 0);
        uint256 blknum = plasma.nextChildBlock();
        vm.prank(operator);
        plasma.submitBlock(root);
        ghostSubmits++;
        stats["blocks"]++;
        submittedBlknums.push(blknum);
        submittedRoots[blknum] = root;
        blockTimestamps[blknum] = block.timestamp;
        bytes[] memory proofs = new bytes[](n);
        for (uint256 i; i < pendingOutputIds.length; ++i) {
            Output storage o = outputs[pendingOutputIds[i]];
            uint256 txindex = (o.pos % 1e6) / 10;
            if (proofs[txindex].length == 0) {
                (, proofs[txindex]) = TxBuilder.rootAndProof(leaves, txindex);
            }
            o.proof = proofs[txindex];
            o.committed = true;
        }
        delete pendingTxIds;
        delete pendingOutputIds;
        vm.assertEq(plasma.nextChildBlock(), blknum + 1000);
        vm.assertEq(plasma.nextDepositBlock(), 1);
    }

    function _startExit(uint256 id) internal {
        Output storage o = outputs[id];
        uint256 exitableAt = _expectedExitableAt(o.pos);
        bytes memory txBytes = txs[o.txId];
        vm.prank(actors[o.owner]);
        plasma.startStandardExit{value: bond}(o.pos, txBytes, o.proof);
        ghostEth[o.owner] -= bond;
        _exitStarted(id, exitableAt);
    }

    function _exitStarted(uint256 id, uint256 exitableAt) internal {
        Output storage o = outputs[id];
        ghostBondsHeld += bond;
        o.exit = ExitState.Active;
        o.queued = true;
        o.exitableAt = uint64(exitableAt);
        ghostQueue[o.token].push(id);
        (address owner, address tok, uint256 amount, uint256 b, uint256 at,) = plasma.exits(o.pos);
        vm.assertEq(owner, actors[o.owner], "exit owner");
        vm.assertEq(tok, o.token, "exit token");
        vm.assertEq(amount, o.amount, "exit amount");
        vm.assertEq(b, bond, "exit bond");
        vm.assertEq(at, exitableAt, "exitableAt");
        _assertExitStatus(id);
        stats["exitsStarted"]++;
    }

    function _expectedExitableAt(uint256 pos) internal view returns (uint256 at) {
        uint256 blknum = pos / 1e6;
        at = block.timestamp + mep;
        if (blknum % 1000 == 0 && blockTimestamps[blknum] + 2 * mep > at) {
            at = blockTimestamps[blknum] + 2 * mep;
        }
    }

    function _challenge(uint256 id, uint256 challenger) internal {
        Output storage o = outputs[id];
        bytes memory spend = txs[o.spendTxId];
        Snapshot memory s = _snapshot();
        vm.prank(actors[challenger]);
        plasma.challengeStandardExit(
            o.pos, spend, o.spendInput, o.spendSig, _senderData(actors[challenger])
        );
        o.exit = ExitState.Challenged;
        ghostBondsHeld -= bond;
        ghostEth[challenger] += bond;
        _assertExitStatus(id);
        stats["challenges"]++;
        _afterPayouts(s);
    }

    function _watcherChallengesAll() internal {
        for (uint256 id; id < outputs.length; ++id) {
            Output storage o = outputs[id];
            if (o.exit == ExitState.Active && (o.spent || o.censoredBy != 0)) _challenge(id, 0);
        }
    }

    function _processExits(address caller, address tok, uint256 maxExits, bool useTopId) internal {
        uint256 topExitId;
        if (useTopId) {
            (bool any, uint256 topEntry) = _ghostTop(tok);
            if (any) topExitId = _entryExitId(topEntry);
        }
        uint256[] memory popped = new uint256[](maxExits);
        uint256 n;
        uint256 gas = PROCESS_GAS_BASE + PROCESS_GAS_PER_EXIT * maxExits;
        while (n < maxExits) {
            (bool due, uint256 entry) = _popDue(tok);
            if (!due) break;
            popped[n++] = entry;
            if (entry & IFE_ENTRY != 0) gas += PROCESS_GAS_PER_IFE;
        }
        Snapshot memory s = _snapshot();
        vm.recordLogs();
        vm.prank(caller);
        plasma.processExits{gas: gas}(tok, topExitId, maxExits);
        _checkFinalized(vm.getRecordedLogs(), popped, n, s.stubbornMode);
        _afterPayouts(s);
        if (n < maxExits) {
            (uint256 id, uint256 at) = plasma.topExit(tok);
            vm.assertTrue(id == 0 || at > block.timestamp, "a due exit was left in the queue");
        }
        vm.assertEq(plasma.exitQueueSize(tok), ghostQueue[tok].length, "queue size");
    }

    /// @dev Matches the ExitFinalized events with the model's pops (priority order, challenged
    ///      ones skipped) and credits what each owner is owed.
    function _checkFinalized(
        Vm.Log[] memory logs,
        uint256[] memory popped,
        uint256 n,
        WalletActor.Mode stubbornMode
    ) internal {
        uint256 e;
        for (uint256 i; i < n; ++i) {
            if (popped[i] & IFE_ENTRY != 0) {
                e = _checkInFlightProcessed(logs, e, popped[i] & ~IFE_ENTRY);
                continue;
            }
            Output storage o = outputs[popped[i]];
            if (o.exit == ExitState.Challenged || o.overwritten) continue;
            vm.assertTrue(o.exit == ExitState.Active, "popped an exit that is not active");
            e = _nextFinalizedEvent(logs, e);
            vm.assertTrue(e < logs.length, "an exit due in priority order was not finalized");
            vm.assertEq(logs[e].topics[0], Plasma.ExitFinalized.selector, "exits out of order");
            vm.assertEq(uint256(logs[e].topics[1]), o.pos, "exits finalized out of order");
            vm.assertEq(address(uint160(uint256(logs[e].topics[2]))), actors[o.owner]);
            (uint256 amount, bool paid) = abi.decode(logs[e].data, (uint256, bool));
            vm.assertEq(amount, o.amount, "finalized amount");
            _expectPaid(o, paid, stubbornMode);
            ++e;
            payouts[o.pos]++;
            vm.assertEq(payouts[o.pos] + o.ifePaid, 1, "an output was paid twice");
            o.exit = ExitState.Finalized;
            if (o.flag == 0) o.flag = o.pos;
            ghostBondsHeld -= bond;
            _owe(o);
            stats["exitsFinalized"]++;
            if (!paid) stats["payoutsCredited"]++;
            if (o.bogus) stats["unbackedExitsFinalized"]++;
        }
        vm.assertTrue(_nextFinalizedEvent(logs, e) == logs.length, "an unexpected exit finalized");
    }

    /// @dev The next ExitFinalized or InFlightExitProcessed event from `from` (or logs.length).
    function _nextFinalizedEvent(Vm.Log[] memory logs, uint256 from)
        internal
        view
        returns (uint256 i)
    {
        for (i = from; i < logs.length; ++i) {
            if (logs[i].emitter != address(plasma)) continue;
            bytes32 topic = logs[i].topics[0];
            if (topic == Plasma.ExitFinalized.selector || topic == IN_FLIGHT_PROCESSED) return i;
        }
    }

    /// @dev IPlasmaInFlightExits.InFlightExitProcessed's topic.
    bytes32 internal constant IN_FLIGHT_PROCESSED =
        keccak256("InFlightExitProcessed(uint256,address,bool,uint8,bool)");

    /// @dev Matches the processing of in-flight exit `ife` (popped from the queue) with the event
    ///      at or after `e` and applies it to the model; returns the next event index.
    function _checkInFlightProcessed(Vm.Log[] memory logs, uint256 e, uint256 ife)
        internal
        virtual
        returns (uint256);

    /// @dev The priority of a queue entry (exitableAt << 192 | position << 128 | ifeId).
    function _entryPriority(uint256 entry) internal view virtual returns (uint256) {
        Output storage o = outputs[entry];
        return uint256(o.exitableAt) << 192 | o.pos << 128;
    }

    /// @dev The exit id `topExit` and `processExits` use for a queue entry.
    function _entryExitId(uint256 entry) internal view virtual returns (uint256) {
        return outputs[entry].pos;
    }

    /// @dev The entry left the queue.
    function _entryPopped(uint256 entry) internal virtual {
        outputs[entry].queued = false;
    }

    function _expectPaid(Output storage o, bool paid, WalletActor.Mode stubbornMode) internal view {
        if (o.bogus) {
            vm.assertFalse(paid, "an unbacked exit was paid");
        } else if (o.owner < EOAS) {
            vm.assertTrue(paid, "a payout to an EOA failed");
        } else if (o.owner == STUBBORN && stubbornMode != WalletActor.Mode.Accept) {
            vm.assertFalse(paid, "a rejecting receiver was paid");
        }
    }

    /// @dev What a finalized exit owes its owner (the contract pays it or credits it).
    function _owe(Output storage o) internal {
        if (o.bogus) {
            ghostEth[MALLORY] += bond; // the unbacked amount is dropped, the bond paid alone
            return;
        }
        ghostExited[o.token] += o.amount;
        if (o.token == address(0)) {
            ghostEth[o.owner] += o.amount + bond;
        } else {
            ghostTok[o.owner] += o.amount;
            ghostEth[o.owner] += bond;
        }
    }

    function _popDue(address tok) internal returns (bool, uint256) {
        (bool any, uint256 entry, uint256 index) = _ghostMin(tok);
        if (!any || _entryPriority(entry) >> 192 > block.timestamp) return (false, 0);
        uint256[] storage q = ghostQueue[tok];
        q[index] = q[q.length - 1];
        q.pop();
        _entryPopped(entry);
        return (true, entry);
    }

    function _ghostTop(address tok) internal view returns (bool any, uint256 id) {
        (any, id,) = _ghostMin(tok);
    }

    function _ghostMin(address tok) internal view returns (bool any, uint256 id, uint256 index) {
        uint256[] storage q = ghostQueue[tok];
        uint256 best = type(uint256).max;
        for (uint256 i; i < q.length; ++i) {
            uint256 priority = _entryPriority(q[i]);
            if (priority < best) {
                best = priority;
                id = q[i];
                index = i;
                any = true;
            }
        }
    }

    function _withdrawAll(uint256 a, address tok) internal {
        uint256 credit = plasma.withdrawable(actors[a], tok);
        if (credit == 0) return;
        vm.prank(actors[a]);
        plasma.withdraw(tok, credit);
        vm.assertEq(plasma.withdrawable(actors[a], tok), 0);
        stats["withdrawals"]++;
    }

    // ============================================================ internals: re-entry

    /// @dev Arms the re-entrant wallet with one call for its next receipt.
    function _arm(uint256 seed) internal {
        Plan p = Plan(1 + seed % 6);
        address tok = (seed >> 8) % 2 == 0 ? address(0) : address(token);
        bytes memory data;
        uint256 value;
        if (p == Plan.ProcessExits) {
            data = abi.encodeCall(Plasma.processExits, (tok, 0, 8));
        } else if (p == Plan.Challenge) {
            data = _reentrantChallenge(seed);
        } else if (p == Plan.Withdraw) {
            data = abi.encodeCall(Plasma.withdraw, (tok, 1));
        } else if (p == Plan.DepositFrom) {
            bytes memory d = TxBuilder.depositTx(actors[REENTRANT], address(token), 1);
            data = abi.encodeCall(Plasma.depositFrom, (d));
        } else if (p == Plan.StartExit) {
            (bool found, uint256 id) = _find(seed >> 16, Want.ReentrantExitable);
            if (found) {
                Output storage o = outputs[id];
                data = abi.encodeCall(Plasma.startStandardExit, (o.pos, txs[o.txId], o.proof));
                value = bond;
                planOutput = id;
            } else {
                p = Plan.Deposit;
            }
        }
        if (p == Plan.Deposit) {
            planDepositOwner = uint8((seed >> 24) % HONEST);
            value = 1 + (seed >> 32) % 1 ether;
            planDepositTx = TxBuilder.depositTx(actors[planDepositOwner], address(0), value);
            data = abi.encodeCall(Plasma.deposit, (planDepositTx));
        }
        plan = p;
        planValue = value;
        WalletActor(payable(actors[REENTRANT]))
            .arm(address(plasma), uint96(value), DataCarrier.store(data));
    }

    function _reentrantChallenge(uint256 seed) internal view returns (bytes memory) {
        (bool found, uint256 id) = _find(seed >> 16, Want.Challengeable);
        if (!found) {
            return abi.encodeCall(
                Plasma.challengeStandardExit, (1e6, "", 0, "", _senderData(actors[REENTRANT]))
            );
        }
        Output storage o = outputs[id];
        return abi.encodeCall(
            Plasma.challengeStandardExit,
            (o.pos, txs[o.spendTxId], o.spendInput, o.spendSig, _senderData(actors[REENTRANT]))
        );
    }

    function _snapshot() internal view returns (Snapshot memory s) {
        for (uint256 a; a < ACTORS; ++a) {
            s.eth[a] = actors[a].balance;
            s.tok[a] = token.balanceOf(actors[a]);
            s.ethCredit[a] = plasma.withdrawable(actors[a], address(0));
            s.tokCredit[a] = plasma.withdrawable(actors[a], address(token));
        }
        s.depositBlknum = _nextDepositBlknum();
        s.stubbornMode = _stubbornMode();
    }

    /// @dev After a call that pays out: accounts for what the re-entrant wallet did, and checks
    ///      the documented payout behaviour: a payout to an account without code is never
    ///      credited, and a receiver that rejects or burns gas is credited, never paid.
    function _afterPayouts(Snapshot memory s) internal {
        _settleReentry(s);
        for (uint256 a; a < EOAS; ++a) {
            vm.assertEq(plasma.withdrawable(actors[a], address(0)), s.ethCredit[a], "EOA credit");
            vm.assertEq(plasma.withdrawable(actors[a], address(token)), s.tokCredit[a]);
        }
        if (s.stubbornMode != WalletActor.Mode.Accept) {
            address w = actors[STUBBORN];
            vm.assertEq(w.balance, s.eth[STUBBORN], "a rejecting receiver got ETH");
            vm.assertEq(token.balanceOf(w), s.tok[STUBBORN], "a rejecting receiver got tokens");
        }
    }

    function _settleReentry(Snapshot memory s) internal {
        WalletActor w = WalletActor(payable(actors[REENTRANT]));
        if (!w.reentered()) return;
        Plan p = plan;
        plan = Plan.None;
        bool ok = w.reentryOk();
        bytes4 selector = w.reentrySelector();
        w.clearRecord();
        stats["reentries"]++;
        _applyReentry(s, p, ok, selector);
        _arm(uint256(keccak256(abi.encode(stats["reentries"], block.timestamp, outputs.length))));
    }

    function _applyReentry(Snapshot memory s, Plan p, bool ok, bytes4 selector) internal {
        if (p == Plan.Deposit) {
            if (!ok) return;
            ghostEth[REENTRANT] -= planValue;
            _recordDeposit(s.depositBlknum, planDepositOwner, address(0), planValue, planDepositTx);
            stats["reentrantDeposits"]++;
        } else if (p == Plan.StartExit) {
            if (!ok) return;
            ghostEth[REENTRANT] -= bond;
            _exitStarted(planOutput, _expectedExitableAt(outputs[planOutput].pos));
            stats["reentrantExits"]++;
        } else {
            // every payout happens inside a nonReentrant function
            vm.assertFalse(ok, "re-entered a locked function");
            vm.assertEq(selector, Plasma.Reentrancy.selector, "re-entry not stopped by the lock");
            stats["reentriesBlocked"]++;
        }
    }

    // ============================================================ internals: helpers

    function _find(uint256 seed, Want want) internal view returns (bool, uint256) {
        uint256 n = outputs.length;
        if (n == 0) return (false, 0);
        uint256 start = seed % n;
        for (uint256 i; i < n; ++i) {
            uint256 id = (start + i) % n;
            if (_matches(outputs[id], want)) return (true, id);
        }
        return (false, 0);
    }

    function _findSecondInput(uint256 seed, uint256 first) internal view returns (uint256) {
        uint256 n = outputs.length;
        uint256 start = seed % n;
        for (uint256 i; i < n; ++i) {
            uint256 id = (start + i) % n;
            Output storage o = outputs[id];
            if (id != first && o.token == outputs[first].token && _matches(o, Want.Spendable)) {
                return id;
            }
        }
        return type(uint256).max;
    }

    function _matches(Output storage o, Want want) internal view returns (bool) {
        if (!o.committed) return false;
        if (want == Want.Spendable) {
            return !o.spent && !o.bogus && !o.frozen && o.flag == 0
                && (o.exit == ExitState.None || o.exit == ExitState.Active);
        }
        if (want == Want.Exitable) return o.exit == ExitState.None && o.flag == 0;
        if (want == Want.Challengeable) return o.exit == ExitState.Active && o.spent;
        if (want == Want.ExitStarted) return o.exit != ExitState.None;
        if (want == Want.ReentrantExitable) {
            // not a spent or censored one: an in-flight exit processed in the same call would
            // spend it under the exit (InFlightScenarios: its bond is then locked)
            return o.exit == ExitState.None && o.flag == 0 && !o.spent && o.censoredBy == 0
                && o.owner == REENTRANT;
        }
        return true; // Committed
    }

    function _forgedSpend(uint256 pos, address tok, uint256 signer)
        internal
        view
        returns (bytes memory spend, bytes memory sig)
    {
        uint256[] memory ins = TxBuilder.one(pos);
        TxBuilder.Out[] memory outs = TxBuilder.oneOut(actors[signer], tok, 1);
        spend = TxBuilder.transferTx(ins, outs);
        (uint8 v, bytes32 r, bytes32 s) =
            vm.sign(keys[signer], TxBuilder.signingHash(domain, ins, outs, bytes32(0)));
        sig = abi.encodePacked(r, s, v);
    }

    function _assertExitStatus(uint256 id) internal view {
        (,,,,, Plasma.ExitStatus status) = plasma.exits(outputs[id].pos);
        vm.assertEq(uint256(status), uint256(outputs[id].exit), "exit status");
    }

    function _checkSolvency(address tok, uint256 balance) internal view {
        uint256 credits = _allCredits(tok);
        uint256 held = tok == address(0) ? ghostBondsHeld + _ifeBondsHeld() : 0;
        vm.assertEq(
            balance,
            ghostDeposited[tok] - ghostExited[tok] + credits + held,
            "balance != deposits - exits (+ credits, bonds)"
        );
        uint256 live;
        uint256 claims;
        for (uint256 id; id < outputs.length; ++id) {
            Output storage o = outputs[id];
            if (o.bogus || o.phantom || o.token != tok) continue;
            if (!o.spent && o.exit != ExitState.Finalized && o.flag == 0) live += o.amount;
            if (o.exit == ExitState.Active && !o.spent) claims += o.amount;
        }
        // fees of pending transfers: the block's fee claim will hold them
        live += ghostAbandoned[tok] + pendingFees[tok];
        vm.assertEq(balance, live + credits + held, "the child chain is not fully backed");
        vm.assertLe(claims + credits + held, balance, "valid exits claim more than the balance");
    }

    /// @dev The credits of every actor (mallory included) of `tok`.
    function _allCredits(address tok) internal view returns (uint256 credits) {
        for (uint256 a; a <= MALLORY; ++a) {
            credits += plasma.withdrawable(actors[a], tok);
        }
    }

    /// @dev Every credit is backed, and what no credit reserves backs every live honest output
    ///      and bond, so a later depositor can always exit: no credit (least of all one of an
    ///      unbacked exit) is a claim on ETH or tokens that arrive after it. Mallory is never
    ///      credited (her bogus amounts are dropped; her bonds reach her EOA).
    function _checkCreditsBacked(address tok, uint256 balance) internal view {
        uint256 credits = _allCredits(tok);
        vm.assertEq(plasma.withdrawable(actors[MALLORY], tok), 0, "mallory credited");
        vm.assertLe(credits, balance, "credits exceed the balance");
        uint256 live = ghostAbandoned[tok] + pendingFees[tok];
        for (uint256 id; id < outputs.length; ++id) {
            Output storage o = outputs[id];
            if (o.bogus || o.phantom || o.token != tok) continue;
            if (!o.spent && o.exit != ExitState.Finalized && o.flag == 0) live += o.amount;
        }
        uint256 held = tok == address(0) ? ghostBondsHeld + _ifeBondsHeld() : 0;
        vm.assertLe(live + held, balance - credits, "a later depositor is not backed");
    }

    function _checkQueue(address tok) internal view {
        vm.assertEq(plasma.exitQueueSize(tok), ghostQueue[tok].length, "queue size");
        (bool any, uint256 entry) = _ghostTop(tok);
        (uint256 topId, uint256 at) = plasma.topExit(tok);
        vm.assertEq(topId, any ? _entryExitId(entry) : 0, "queue top");
        vm.assertEq(at, any ? _entryPriority(entry) >> 192 : 0, "queue top exitableAt");
    }

    /// @dev In-flight exit and piggyback bonds Plasma holds.
    function _ifeBondsHeld() internal view virtual returns (uint256);

    function _expectError(bytes memory err, bytes4 selector) internal pure {
        vm.assertEq(err, abi.encodePacked(selector), "unexpected revert");
    }

    function _depositsFull() internal view returns (bool) {
        return plasma.nextDepositBlock() > MAX_DEPOSITS;
    }

    function _nextDepositBlknum() internal view returns (uint256) {
        return plasma.nextChildBlock() - 1000 + plasma.nextDepositBlock();
    }

    function _stubbornMode() internal view returns (WalletActor.Mode) {
        return WalletActor(payable(actors[STUBBORN])).mode();
    }

    /// @dev Usually an actor holding a credit of `tok` (if any), else any actor.
    function _creditedActor(uint256 seed, address tok) internal view returns (uint256) {
        if ((seed >> 128) % 4 != 0) {
            for (uint256 i; i < ACTORS; ++i) {
                uint256 a = (seed % ACTORS + i) % ACTORS;
                if (plasma.withdrawable(actors[a], tok) != 0) return a;
            }
        }
        return seed % ACTORS;
    }

    function _stranger(uint256 seed) internal view returns (address caller) {
        uint256 k = seed % 10;
        if (k < ACTORS) return actors[k];
        if (k == 7) return address(this);
        if (k == 8) return address(plasma);
        caller = address(uint160(seed >> 8));
        if (caller == operator) caller = actors[0];
    }
}
