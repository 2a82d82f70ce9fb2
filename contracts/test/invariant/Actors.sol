// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

/// @notice Receives token transfers (called by `HookToken` on registered recipients).
interface TokenReceiver {
    function onTokenTransfer(address from, uint256 amount) external;
}

/// @notice An ERC20 that calls `onTokenTransfer` on registered recipients (as ERC777/ERC1363
///         tokens do), so a receiver can reject, burn gas or re-enter during a token payout. A
///         hook's revert fails the transfer.
contract HookToken {
    mapping(address => uint256) public balanceOf;
    mapping(address => mapping(address => uint256)) public allowance;
    mapping(address => bool) public hooked;

    function setHooked(address account, bool on) external {
        hooked[account] = on;
    }

    /// @notice Mints without calling a hook.
    function mint(address to, uint256 amount) external {
        balanceOf[to] += amount;
    }

    function approve(address spender, uint256 amount) external returns (bool) {
        allowance[msg.sender][spender] = amount;
        return true;
    }

    function transfer(address to, uint256 amount) external returns (bool) {
        _move(msg.sender, to, amount);
        return true;
    }

    function transferFrom(address from, address to, uint256 amount) external returns (bool) {
        allowance[from][msg.sender] -= amount;
        _move(from, to, amount);
        return true;
    }

    function _move(address from, address to, uint256 amount) private {
        balanceOf[from] -= amount;
        balanceOf[to] += amount;
        if (hooked[to]) TokenReceiver(to).onTokenTransfer(from, amount);
    }
}

/// @notice Stores bytes as contract code (read back with `extcodecopy`), so a receiver with a
///         50,000-gas stipend can load a long re-entrant call for ~3k gas instead of ~2k a word.
library DataCarrier {
    function store(bytes memory data) internal returns (address carrier) {
        // PUSH2 len+1, DUP1, PUSH1 12, PUSH1 0, CODECOPY, PUSH1 0, RETURN; then 0x00 (STOP, so
        // the code never starts with 0xEF) and the data.
        bytes memory init =
            abi.encodePacked(hex"61", uint16(data.length + 1), hex"80600c6000396000f300", data);
        assembly ("memory-safe") {
            carrier := create(0, add(init, 32), mload(init))
        }
        require(carrier != address(0), "carrier not created");
    }
}

/// @notice The code of a "smart account" actor: installed with `vm.etch` at an address whose key
///         the handler holds (as an EIP-7702 delegation would), so the actor both signs
///         transactions and runs code when Plasma pays it (ETH `receive` or a token hook).
/// @dev    Storage is packed so the receive path costs two cold loads, within a 50k stipend.
contract WalletActor is TokenReceiver {
    enum Mode {
        Accept,
        Revert,
        BurnGas,
        Reenter
    }

    error WalletRejects();

    // slot 0
    Mode public mode;
    address public target;
    bool public reentered;
    bool public reentryOk;
    bytes4 public reentrySelector;
    // slot 1
    address public carrier;
    uint96 public value;

    /// @notice Accept, reject or burn all gas on every receipt.
    function setMode(Mode m) external {
        mode = m;
        target = address(0);
    }

    /// @notice On the next receipt only, call `target_` with `value_` wei and the bytes held by
    ///         `carrier_`, and record the outcome; then accept.
    function arm(address target_, uint96 value_, address carrier_) external {
        mode = Mode.Reenter;
        target = target_;
        value = value_;
        carrier = carrier_;
        reentered = false;
    }

    /// @notice Clears the record of the last re-entry.
    function clearRecord() external {
        reentered = false;
        reentryOk = false;
        reentrySelector = bytes4(0);
    }

    receive() external payable {
        _onReceive();
    }

    function onTokenTransfer(address, uint256) external {
        _onReceive();
    }

    function _onReceive() private {
        Mode m = mode;
        if (m == Mode.Accept) return;
        if (m == Mode.Revert) revert WalletRejects();
        if (m == Mode.BurnGas) {
            assembly {
                invalid() // consumes all the gas the call was given
            }
        }
        address t = target;
        if (t == address(0)) return;
        target = address(0);
        address c = carrier;
        bytes memory data;
        assembly ("memory-safe") {
            let len := sub(extcodesize(c), 1)
            data := mload(0x40)
            mstore(data, len)
            extcodecopy(c, add(data, 32), 1, len)
            mstore(0x40, and(add(add(data, 63), len), not(31)))
        }
        (bool ok, bytes memory ret) = t.call{value: value}(data);
        reentered = true;
        reentryOk = ok;
        reentrySelector = ret.length >= 4 ? bytes4(ret) : bytes4(0);
    }
}
