// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

import {PaymentTx} from "./lib/PaymentTx.sol";
import {Merkle} from "./lib/Merkle.sol";
import {Eip712} from "./lib/Eip712.sol";
import {ExitQueue} from "./lib/ExitQueue.sol";
import {UtxoPosLib} from "./lib/UtxoPosLib.sol";
import {PlasmaBase} from "./PlasmaBase.sol";
import {PlasmaInFlightExits} from "./PlasmaInFlightExits.sol";

/// @title Plasma
/// @notice The L1 side of plasma-node (docs/spec.md): block commitments, ETH and ERC20 deposits,
///         standard exits with a challenge by a signed spend, and per-token exit queues. The
///         in-flight exit game (IPlasmaInFlightExits) is a module, `PlasmaInFlightExits`, that
///         this contract deploys in its constructor and runs by DELEGATECALL from `fallback`,
///         so every function of IPlasmaInFlightExits is called on this contract's address.
contract Plasma is PlasmaBase {
    using ExitQueue for uint256[];

    enum ExitStatus {
        None,
        Active,
        Challenged,
        Finalized
    }

    /// @notice minExitPeriod does not fit 32 bits.
    error InvalidMinExitPeriod();
    /// @notice Only the operator may submit blocks.
    error NotOperator();
    /// @notice The deposit tx is not a payment (a fee claim: no deposit block holds one), has
    ///         inputs (it is a transfer) or nonzero metadata. A deposit tx is thus fully
    ///         determined by its DepositCreated event (owner, token, amount), so anyone watching
    ///         L1 can rebuild the exact bytes an exit of it needs.
    error InvalidDepositTx();
    /// @notice ETH deposit of a token, or token deposit of ETH.
    error DepositTokenMismatch();
    /// @notice msg.value differs from the deposit amount.
    error DepositValueMismatch();
    /// @notice transferFrom/balanceOf failed or returned false, or the token has no code.
    error TokenTransferFailed();
    /// @notice The contract received a different amount than the deposit says (fee-on-transfer).
    error TransferAmountMismatch();
    /// @notice 999 deposits already made since the last child block.
    error TooManyDeposits();
    /// @notice The block (child or deposit) would be numbered past MAX_BLKNUM: no position of it
    ///         could ever exit, so the contract takes no block, and no money, past the bound.
    error ChainFull();
    /// @notice The position has an invalid shape.
    error InvalidUtxoPos();
    /// @notice The position's block was never committed.
    error BlockNotFound();
    /// @notice oindex is past the last output of the tx.
    error OutputNotFound();
    /// @notice Only the output owner can start its exit.
    error NotOutputOwner();
    /// @notice The proof is not 512 bytes or does not lead to the block root.
    error InvalidInclusionProof();
    /// @notice msg.value differs from exitBond.
    error WrongBond();
    /// @notice The output is already exiting or was exited.
    error ExitAlreadyStarted();
    /// @notice The output had an exit that was challenged; it can never exit again.
    error ExitWasChallenged();
    /// @notice The exit does not exist or is no longer active.
    error ExitNotActive();
    /// @notice inputIndex is past the last input of the spending tx.
    error InputNotFound();
    /// @notice The spending tx input at inputIndex is another output.
    error NotSpendingExitingOutput();
    /// @notice The signature is not 65 bytes.
    error MalformedSignature();
    /// @notice v not 27/28, r or s zero, or no signer recoverable.
    error InvalidSignature();
    /// @notice s is in the upper half of the curve order (EIP-2).
    error HighSSignature();
    /// @notice The spending tx was not signed by the exiting output owner.
    error SignerNotExitOwner();
    /// @notice topExitId is not the exit at the top of the queue.
    error TopExitMismatch();
    /// @notice Not enough gas left to give a payout its full stipend.
    error InsufficientGasForPayout();
    /// @notice No credited payout for the caller and token.
    error NothingToWithdraw();
    /// @notice The amount to withdraw is zero or more than the caller's credit of the token.
    error InvalidWithdrawAmount();
    /// @notice The withdrawal transfer failed (the credit is kept).
    error WithdrawFailed();
    /// @notice A state-changing function was re-entered.
    error Reentrancy();
    /// @notice `senderData` is not `keccak256(abi.encodePacked(msg.sender))`: the call was made
    ///         for another sender (a copied challenge).
    error SenderDataMismatch();

    event BlockSubmitted(uint256 indexed blknum, bytes32 root);
    event DepositCreated(
        address indexed owner, uint256 indexed blknum, address indexed token, uint256 amount
    );
    event ExitStarted(
        uint256 indexed utxoPos,
        address indexed owner,
        address indexed token,
        uint256 amount,
        uint256 exitableAt
    );
    event ExitChallenged(
        uint256 indexed utxoPos, address indexed challenger, bytes32 spendingTxHash
    );
    event ExitFinalized(
        uint256 indexed utxoPos,
        address indexed owner,
        address indexed token,
        uint256 amount,
        bool paid
    );

    /// @notice Gas forwarded to an ETH exit payout: enough for contract wallets (a Safe's receive
    ///         costs well under 10k), bounded so a receiver cannot burn the processor's gas. A
    ///         payout that fails within it is credited to `withdrawable`.
    uint256 public constant ETH_PAYOUT_GAS = ETH_STIPEND;
    /// @notice Gas forwarded to an ERC20 `transfer` exit payout (a cold transfer to a new holder
    ///         costs ~35k; hooks get the rest). A failure is credited to `withdrawable`.
    uint256 public constant TOKEN_PAYOUT_GAS = TOKEN_STIPEND;

    /// @notice The only address that may submit child blocks.
    address public immutable operator;
    /// @notice Seconds an exit waits before it can be processed (see `startStandardExit`).
    uint256 public immutable minExitPeriod;
    /// @notice The ETH bond an exit must post; returned on finalization, paid to a challenger.
    uint256 public immutable exitBond;

    uint256 private immutable _cachedChainId;
    bytes32 private immutable _cachedDomainSeparator;

    /// @notice The in-flight exit module this contract delegates to (deployed by the
    ///         constructor, bound to this contract).
    address internal immutable _inFlightExitModule;

    /// @param operator_ the address allowed to submit blocks
    /// @param minExitPeriod_ the minimum exit period in seconds (at most 2^32 - 1)
    /// @param exitBond_ the exit bond in wei
    /// @param inFlightExitBond_ the in-flight exit bond in wei
    /// @param piggybackBond_ the piggyback bond in wei
    constructor(
        address operator_,
        uint256 minExitPeriod_,
        uint256 exitBond_,
        uint256 inFlightExitBond_,
        uint256 piggybackBond_
    ) {
        // exitableAt must fit the 64 bits it has in the exit slot and in the queue priority.
        if (minExitPeriod_ > type(uint32).max) revert InvalidMinExitPeriod();
        operator = operator_;
        minExitPeriod = minExitPeriod_;
        exitBond = exitBond_;
        _cachedChainId = block.chainid;
        bytes32 separator = Eip712.domainSeparator(address(this), block.chainid);
        _cachedDomainSeparator = separator;
        _counters = CHILD_BLOCK_INTERVAL | (1 << 128);
        _inFlightExitModule = address(
            new PlasmaInFlightExits(
                address(this),
                minExitPeriod_,
                exitBond_,
                inFlightExitBond_,
                piggybackBond_,
                separator
            )
        );
    }

    // ---------------------------------------------------------------- blocks

    /// @notice Commits child block `nextChildBlock` with Merkle root `root` (operator only). Stores
    ///         the root's high 224 bits with the timestamp in one fresh slot. Reverts `ChainFull`
    ///         past block MAX_BLKNUM.
    /// @param root the block's Merkle root
    function submitBlock(bytes32 root) external {
        if (msg.sender != operator) revert NotOperator();
        // Assembly: one mapping-slot hash, no checked math or free-pointer setup (~50 gas less).
        bytes32 topic = BlockSubmitted.selector;
        bytes4 full = ChainFull.selector;
        assembly ("memory-safe") {
            let blknum := and(sload(_counters.slot), 0xffffffffffffffffffffffffffffffff)
            if gt(blknum, MAX_BLKNUM) {
                mstore(0x00, full)
                revert(0x00, 0x04)
            }
            mstore(0x00, blknum)
            mstore(0x20, _blocks.slot)
            sstore(
                keccak256(0x00, 0x40),
                or(and(root, not(TIMESTAMP_MASK)), and(timestamp(), TIMESTAMP_MASK))
            )
            // nextChildBlock += 1000, nextDepositBlock = 1
            sstore(_counters.slot, or(add(blknum, CHILD_BLOCK_INTERVAL), shl(128, 1)))
            mstore(0x00, root)
            log2(0x00, 0x20, topic, blknum)
        }
    }

    /// @notice Deposits ETH: `depositTx` must be a deposit (no inputs, one output) of token 0 and
    ///         amount `msg.value`. Creates the next deposit block (`ChainFull` past MAX_BLKNUM).
    /// @param depositTx the unsigned deposit transaction (RLP)
    function deposit(bytes calldata depositTx) external payable {
        PaymentTx.Output memory o = _decodeDeposit(depositTx);
        if (o.token != address(0)) revert DepositTokenMismatch();
        if (o.amount != msg.value) revert DepositValueMismatch();
        _createDepositBlock(depositTx, o);
    }

    /// @notice Deposits an ERC20: `depositTx` must be a deposit of a nonzero token; pulls `amount`
    ///         from the caller with `transferFrom` (approve first) and rejects tokens that deliver
    ///         a different amount (fee-on-transfer). Creates the next deposit block (`ChainFull`
    ///         past MAX_BLKNUM).
    /// @param depositTx the unsigned deposit transaction (RLP)
    function depositFrom(bytes calldata depositTx) external nonReentrant {
        PaymentTx.Output memory o = _decodeDeposit(depositTx);
        if (o.token == address(0)) revert DepositTokenMismatch();
        uint256 before = _balanceOf(o.token);
        if (!_callToken(
                o.token,
                abi.encodeWithSelector(0x23b872dd, msg.sender, address(this), o.amount),
                gasleft()
            )) {
            revert TokenTransferFailed();
        }
        uint256 received = _balanceOf(o.token);
        if (received < before || received - before != o.amount) revert TransferAmountMismatch();
        _createDepositBlock(depositTx, o);
    }

    function _decodeDeposit(bytes calldata depositTx)
        private
        pure
        returns (PaymentTx.Output memory)
    {
        PaymentTx.Tx memory t = PaymentTx.decode(depositTx);
        if (t.txType != PaymentTx.TX_TYPE_PAYMENT || t.inputCount != 0 || t.metadata != 0) {
            revert InvalidDepositTx();
        }
        return t.outputs[0];
    }

    function _createDepositBlock(bytes calldata depositTx, PaymentTx.Output memory o) private {
        uint256 counters = _counters;
        uint256 nextDeposit = counters >> 128;
        if (nextDeposit == CHILD_BLOCK_INTERVAL) revert TooManyDeposits();
        uint256 blknum;
        unchecked {
            blknum = (counters & type(uint128).max) - CHILD_BLOCK_INTERVAL + nextDeposit;
        }
        // Only after the last child block: its deposits would get positions that cannot exit.
        if (blknum > MAX_BLKNUM) revert ChainFull();
        unchecked {
            _counters = counters + (1 << 128);
        }
        bytes32 root = Merkle.singleLeafRoot(Merkle.leaf(depositTx));
        _blocks[blknum] = (uint256(root) & ~TIMESTAMP_MASK) | uint32(block.timestamp);
        emit DepositCreated(o.owner, blknum, o.token, o.amount);
    }

    // ---------------------------------------------------------------- exits

    /// @notice Starts the exit of output `utxoPos` (the caller must own it), posting `exitBond`.
    ///         exitableAt = now + minExitPeriod for deposits, else
    ///         max(blockTimestamp + 2 * minExitPeriod, now + minExitPeriod).
    /// @param utxoPos the output's position; also the exit id
    /// @param txBytes the unsigned transaction that created the output (RLP)
    /// @param inclusionProof the 16 sibling hashes (512 bytes) of the tx's leaf in its block
    function startStandardExit(
        uint256 utxoPos,
        bytes calldata txBytes,
        bytes calldata inclusionProof
    ) external payable {
        if (msg.value != exitBond) revert WrongBond();
        if (!UtxoPosLib.isValid(utxoPos)) revert InvalidUtxoPos();
        uint256 blknum = UtxoPosLib.blknum(utxoPos);
        uint256 blockWord = _blocks[blknum];
        if (blockWord == 0) revert BlockNotFound();

        PaymentTx.Output memory o = _exitingOutput(utxoPos, txBytes);
        if (msg.sender != o.owner) revert NotOutputOwner();
        if (inclusionProof.length != Merkle.PROOF_LENGTH) revert InvalidInclusionProof();
        bytes32 root =
            Merkle.rootFromProof(Merkle.leaf(txBytes), UtxoPosLib.txindex(utxoPos), inclusionProof);
        if ((uint256(root) ^ blockWord) > TIMESTAMP_MASK) revert InvalidInclusionProof();

        ExitData storage e = _exits[utxoPos];
        uint8 status = e.status;
        if (status == EXIT_CHALLENGED) revert ExitWasChallenged();
        if (status != EXIT_NONE) revert ExitAlreadyStarted();

        uint256 exitableAt = block.timestamp + minExitPeriod;
        if (!UtxoPosLib.isDepositBlock(blknum)) {
            uint256 matured = _blockTimestamp(blockWord) + 2 * minExitPeriod;
            if (matured > exitableAt) exitableAt = matured;
            _markOutputKey(utxoPos, txBytes);
        }
        _queues[o.token].insert(exitableAt << 192 | utxoPos << POSITION_SHIFT);
        _storeExit(e, utxoPos, o, exitableAt);
        emit ExitStarted(utxoPos, o.owner, o.token, o.amount, exitableAt);
    }

    /// @dev A transfer's output is also known to the in-flight exits by its `outputKey`: mark it
    ///      there as standard-exited (status Active, owner field = the position), so an in-flight
    ///      exit of the same tx never pays it; reverts ExitAlreadyStarted when an in-flight exit
    ///      paid it. (A tx a byzantine operator included twice keeps the first position's marker;
    ///      its standard exits behave as before.)
    function _markOutputKey(uint256 utxoPos, bytes calldata txBytes) private {
        ExitData storage marker = _exits[_outputKey(keccak256(txBytes), UtxoPosLib.oindex(utxoPos))];
        uint8 status = marker.status;
        if (status == EXIT_FINALIZED) revert ExitAlreadyStarted();
        if (status != EXIT_NONE) return;
        uint256 word = utxoPos | uint256(EXIT_ACTIVE) << 224;
        assembly ("memory-safe") {
            sstore(marker.slot, word)
        }
    }

    function _exitingOutput(uint256 utxoPos, bytes calldata txBytes)
        private
        pure
        returns (PaymentTx.Output memory)
    {
        PaymentTx.Tx memory t = PaymentTx.decode(txBytes);
        uint256 oindex = UtxoPosLib.oindex(utxoPos);
        if (oindex >= t.outputCount) revert OutputNotFound();
        return t.outputs[oindex];
    }

    function _storeExit(
        ExitData storage e,
        uint256 utxoPos,
        PaymentTx.Output memory o,
        uint256 exitableAt
    ) private {
        uint256 amount = o.amount;
        if (amount >= BIG_AMOUNT) {
            _bigAmounts[utxoPos] = amount;
            amount = BIG_AMOUNT;
        }
        uint256 word0 = uint160(o.owner) | exitableAt << 160 | uint256(EXIT_ACTIVE) << 224;
        uint256 word1 = uint160(o.token) | amount << 160;
        assembly ("memory-safe") {
            sstore(e.slot, word0)
            sstore(add(e.slot, 1), word1)
        }
    }

    /// @notice Cancels an active exit with a transaction that spends the exiting output, signed
    ///         by the output's owner (EIP-712, low s). The bond goes to the caller, who names
    ///         itself in `senderData` (a copy of the call from another account reverts).
    /// @param exitId the exit (= the output's utxoPos)
    /// @param spendingTxBytes the unsigned spending transaction (RLP)
    /// @param inputIndex the index of the input of `spendingTxBytes` that is `exitId`
    /// @param signature the owner's 65-byte signature r || s || v over the tx's EIP-712 hash
    /// @param senderData `keccak256(abi.encodePacked(msg.sender))` (SenderDataMismatch otherwise)
    function challengeStandardExit(
        uint256 exitId,
        bytes calldata spendingTxBytes,
        uint256 inputIndex,
        bytes calldata signature,
        bytes32 senderData
    ) external nonReentrant {
        _checkSenderData(senderData);
        ExitData storage e = _exits[exitId];
        if (e.status != EXIT_ACTIVE) revert ExitNotActive();
        PaymentTx.Tx memory t = PaymentTx.decode(spendingTxBytes);
        if (inputIndex >= t.inputCount) revert InputNotFound();
        if (t.inputs[inputIndex] != exitId) revert NotSpendingExitingOutput();
        address signer = _recover(Eip712.signingHash(domainSeparator(), t), signature);
        if (signer != e.owner) revert SignerNotExitOwner();

        e.status = EXIT_CHALLENGED;
        emit ExitChallenged(exitId, msg.sender, keccak256(spendingTxBytes));
        _payCaller(exitBond);
    }

    /// @notice Finalizes up to `maxExits` exits of `token` whose exitableAt has passed, in priority
    ///         order, skipping challenged ones. Pays amount + bond to each owner; a payout that
    ///         fails is credited to `withdrawable` (and reserved) so the queue never blocks. An
    ///         amount the available balance (balance minus credits) does not back (a byzantine
    ///         operator's output) is neither paid nor credited; its bond is paid alone.
    ///         An in-flight exit's entry is processed by the module (its piggybacks of `token`,
    ///         IPlasmaInFlightExits); an exit no longer active is skipped.
    /// @param token the queue's token (address(0) for ETH)
    /// @param topExitId 0, or the exit id expected at the top of the queue (front-running guard):
    ///        a position for a standard exit, the exit id for an in-flight exit
    /// @param maxExits the maximum number of queue entries to pop (challenged ones included)
    function processExits(address token, uint256 topExitId, uint256 maxExits)
        external
        nonReentrant
    {
        uint256[] storage queue = _queues[token];
        if (topExitId != 0 && _exitIdOf(queue.min()) != topExitId) revert TopExitMismatch();
        for (uint256 i; i < maxExits; ++i) {
            uint256 top = queue.min();
            // forge-lint: disable-next-line(block-timestamp)
            if (top == 0 || top >> 192 > block.timestamp) break;
            queue.removeMin();
            uint256 ifeId = top & IFE_ID_MASK;
            if (ifeId == 0) _finalize(top >> POSITION_SHIFT & POSITION_MASK, token);
            else _processInFlightExit(ifeId, token);
        }
    }

    /// @dev The exit id of a queue entry: the in-flight exit id, or the position of a standard
    ///      exit.
    function _exitIdOf(uint256 entry) private pure returns (uint256 id) {
        id = entry & IFE_ID_MASK;
        if (id == 0) id = entry >> POSITION_SHIFT & POSITION_MASK;
    }

    /// @dev Delegates the processing of an in-flight exit's `token` piggybacks to the module,
    ///      through the one-shot `_processingInFlightExit` flag (the module's process function
    ///      is reachable only this way). Bubbles up a revert (InsufficientGasForPayout).
    function _processInFlightExit(uint256 ifeId, address token) private {
        _processingInFlightExit = true;
        (bool ok, bytes memory ret) = _inFlightExitModule.delegatecall(
            abi.encodeCall(PlasmaInFlightExits.processInFlightExit, (ifeId, token))
        );
        if (!ok) {
            assembly ("memory-safe") {
                revert(add(ret, 32), mload(ret))
            }
        }
    }

    /// @notice Runs every other call (the functions of IPlasmaInFlightExits) in the in-flight
    ///         exit module by DELEGATECALL, in this contract's storage; returns its return data
    ///         or reverts with its revert data.
    fallback() external payable {
        address module = _inFlightExitModule;
        assembly {
            calldatacopy(0, 0, calldatasize())
            let ok := delegatecall(gas(), module, 0, calldatasize(), 0, 0)
            returndatacopy(0, 0, returndatasize())
            if iszero(ok) { revert(0, returndatasize()) }
            return(0, returndatasize())
        }
    }

    function _finalize(uint256 exitId, address token) private {
        ExitData storage e = _exits[exitId];
        if (e.status != EXIT_ACTIVE) return; // challenged or flagged by an in-flight exit
        e.status = EXIT_FINALIZED;
        address owner = e.owner;
        uint256 amount = _amountOf(e, exitId);
        bool paid = _payoutWithBond(owner, token, amount, exitBond);
        emit ExitFinalized(exitId, owner, token, amount, paid);
    }

    /// @notice Withdraws `amount` of the caller's credited payouts of `token` (address(0) for
    ///         ETH); the rest stays credited. Every credit is backed: it was reserved from the
    ///         balance when it was made, and withdrawing releases that reservation.
    /// @param token the token to withdraw
    /// @param amount how much: 1 .. withdrawable[msg.sender][token]
    function withdraw(address token, uint256 amount) external nonReentrant {
        uint256 credit = _withdrawable[msg.sender][token];
        if (credit == 0) revert NothingToWithdraw();
        if (amount == 0 || amount > credit) revert InvalidWithdrawAmount();
        unchecked {
            _withdrawable[msg.sender][token] = credit - amount;
            _credited[token] -= amount;
        }
        bool ok = token == address(0)
            ? _sendEth(msg.sender, amount, gasleft())
            : _callToken(token, abi.encodeWithSelector(0xa9059cbb, msg.sender, amount), gasleft());
        if (!ok) revert WithdrawFailed();
    }

    // ---------------------------------------------------------------- low-level calls

    function _balanceOf(address token) private view returns (uint256 bal) {
        (bool ok, bytes memory ret) =
            token.staticcall(abi.encodeWithSelector(0x70a08231, address(this)));
        if (!ok || ret.length < 32) revert TokenTransferFailed();
        bal = abi.decode(ret, (uint256));
    }

    function _amountOf(ExitData storage e, uint256 exitId) private view returns (uint256 amount) {
        amount = e.amount;
        if (amount == BIG_AMOUNT) amount = _bigAmounts[exitId];
    }

    // ---------------------------------------------------------------- views

    /// @notice Payouts that failed in `processExits` (or a challenger's bond), per owner and
    ///         token, for `withdraw`.
    function withdrawable(address owner, address token) external view returns (uint256) {
        return _withdrawable[owner][token];
    }

    /// @notice The next child block number (a multiple of 1000).
    function nextChildBlock() external view returns (uint256) {
        return _counters & type(uint128).max;
    }

    /// @notice The index (1..999) the next deposit takes after `nextChildBlock - 1000`.
    function nextDepositBlock() external view returns (uint256) {
        return _counters >> 128;
    }

    /// @notice The EIP-712 domain separator (salt = chain id), recomputed after a fork.
    function domainSeparator() public view returns (bytes32) {
        if (block.chainid == _cachedChainId) return _cachedDomainSeparator;
        return Eip712.domainSeparator(address(this), block.chainid);
    }

    /// @notice A block's commitment: the root with its low 32 bits zeroed, and its full timestamp
    ///         (rebuilt from the 32 bits kept: exact for blocks younger than 2^32 s). Both are zero
    ///         for a block that does not exist.
    /// @param blknum the child or deposit block number
    function getBlock(uint256 blknum)
        external
        view
        returns (bytes32 rootHigh224, uint256 timestamp)
    {
        uint256 word = _blocks[blknum];
        if (word == 0) return (0, 0);
        return (bytes32(word & ~TIMESTAMP_MASK), _blockTimestamp(word));
    }

    /// @notice An exit's data; all zero (status None) for an exit that was never started. `bond`
    ///         is the immutable `exitBond`.
    /// @param exitId the exit id (= utxoPos)
    function exits(uint256 exitId)
        external
        view
        returns (
            address owner,
            address token,
            uint256 amount,
            uint256 bond,
            uint256 exitableAt,
            ExitStatus status
        )
    {
        ExitData storage e = _exits[exitId];
        status = ExitStatus(e.status);
        if (status == ExitStatus.None) return (address(0), address(0), 0, 0, 0, status);
        return (e.owner, e.token, _amountOf(e, exitId), exitBond, e.exitableAt, status);
    }

    /// @notice Entries in `token`'s exit queue, including challenged ones not yet popped.
    /// @param token the queue's token
    function exitQueueSize(address token) external view returns (uint256) {
        return _queues[token].length;
    }

    /// @notice The exit at the top of `token`'s queue (possibly challenged), or (0, 0) when the
    ///         queue is empty: a position for a standard exit, the exit id of an in-flight exit.
    /// @param token the queue's token
    function topExit(address token) external view returns (uint256 exitId, uint256 exitableAt) {
        uint256 top = _queues[token].min();
        return (_exitIdOf(top), top >> 192);
    }
}
