// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

/// @notice A plain ERC20 for tests; `mode` makes it misbehave.
contract TestToken {
    enum Mode {
        Normal,
        ReturnsFalse,
        FeeOnTransfer,
        NoReturn,
        RevertsOnTransfer
    }

    mapping(address => uint256) public balanceOf;
    mapping(address => mapping(address => uint256)) public allowance;
    Mode public mode;

    function setMode(Mode m) external {
        mode = m;
    }

    function mint(address to, uint256 amount) external {
        balanceOf[to] += amount;
    }

    function approve(address spender, uint256 amount) external returns (bool) {
        allowance[msg.sender][spender] = amount;
        return true;
    }

    function transfer(address to, uint256 amount) external returns (bool) {
        if (mode == Mode.RevertsOnTransfer) revert("transfer disabled");
        return _move(msg.sender, to, amount);
    }

    function transferFrom(address from, address to, uint256 amount) external returns (bool) {
        allowance[from][msg.sender] -= amount;
        return _move(from, to, amount);
    }

    function _move(address from, address to, uint256 amount) private returns (bool) {
        if (mode == Mode.ReturnsFalse) return false;
        balanceOf[from] -= amount;
        uint256 received = mode == Mode.FeeOnTransfer ? amount - amount / 100 - 1 : amount;
        balanceOf[to] += received;
        if (mode == Mode.NoReturn) {
            assembly {
                return(0, 0)
            }
        }
        return true;
    }
}

/// @notice A receiver whose ETH `receive` reverts until told otherwise; it can also call back.
contract Receiver {
    bool public accept;
    address public target;
    bytes public callData;
    bytes public lastError;

    function setAccept(bool a) external {
        accept = a;
    }

    /// @notice On the next ETH receipt, call `target` with `data` and record its revert data.
    function setReentry(address t, bytes calldata data) external {
        target = t;
        callData = data;
    }

    function call(address t, bytes calldata data) external payable returns (bytes memory) {
        (bool ok, bytes memory ret) = t.call{value: msg.value}(data);
        if (!ok) {
            assembly {
                revert(add(ret, 32), mload(ret))
            }
        }
        return ret;
    }

    receive() external payable {
        if (target != address(0)) {
            address t = target;
            target = address(0);
            (bool ok, bytes memory ret) = t.call(callData);
            if (!ok) lastError = ret;
        }
        if (!accept) revert("no thanks");
    }
}
