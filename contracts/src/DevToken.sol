// SPDX-License-Identifier: MIT
pragma solidity ^0.8.30;

/// @title DevToken
/// @notice A plain ERC20 (18 decimals, fixed supply minted in the constructor) that the devnet
///         deploys and gives its demo accounts, to try ERC20 deposits (`plasma deposit --token`).
///         Not for any real network: it has no owner and no further minting.
contract DevToken {
    /// @notice The token's name.
    string public constant name = "Plasma Devnet Token";
    /// @notice The token's symbol.
    string public constant symbol = "DEV";
    /// @notice The token's decimals: amounts are in units of 10^-18 DEV.
    uint8 public constant decimals = 18;

    /// @notice All tokens in existence.
    uint256 public immutable totalSupply;
    /// @notice The tokens each account holds.
    mapping(address => uint256) public balanceOf;
    /// @notice What a spender may still take from an owner with `transferFrom`.
    mapping(address => mapping(address => uint256)) public allowance;

    /// @notice `value` tokens moved from `from` to `to` (from 0 when minted).
    event Transfer(address indexed from, address indexed to, uint256 value);
    /// @notice `owner` allowed `spender` to take up to `value` tokens.
    event Approval(address indexed owner, address indexed spender, uint256 value);

    /// @notice The sender holds (or the owner allowed) fewer tokens than the transfer moves.
    error InsufficientBalance(address from, uint256 balance, uint256 needed);
    /// @notice The spender's allowance is below the amount it tries to move.
    error InsufficientAllowance(address owner, address spender, uint256 allowance, uint256 needed);
    /// @notice Tokens cannot be sent to (or allowed for) the zero address.
    error ZeroAddress();

    /// @notice Mints `amountEach` tokens to each of `holders`.
    /// @param holders the accounts that start with tokens
    /// @param amountEach what each of them gets, in base units
    constructor(address[] memory holders, uint256 amountEach) {
        for (uint256 i = 0; i < holders.length; i++) {
            if (holders[i] == address(0)) revert ZeroAddress();
            balanceOf[holders[i]] += amountEach;
            emit Transfer(address(0), holders[i], amountEach);
        }
        totalSupply = amountEach * holders.length;
    }

    /// @notice Moves `value` of the sender's tokens to `to`.
    /// @param to the receiver
    /// @param value the amount in base units
    /// @return true (failures revert)
    function transfer(address to, uint256 value) external returns (bool) {
        _move(msg.sender, to, value);
        return true;
    }

    /// @notice Lets `spender` take up to `value` of the sender's tokens (replacing any allowance).
    /// @param spender the account allowed to call `transferFrom`
    /// @param value the allowance in base units
    /// @return true (failures revert)
    function approve(address spender, uint256 value) external returns (bool) {
        if (spender == address(0)) revert ZeroAddress();
        allowance[msg.sender][spender] = value;
        emit Approval(msg.sender, spender, value);
        return true;
    }

    /// @notice Moves `value` of `from`'s tokens to `to` within the sender's allowance (an
    ///         allowance of 2^256 - 1 is never decreased).
    /// @param from the owner of the tokens
    /// @param to the receiver
    /// @param value the amount in base units
    /// @return true (failures revert)
    function transferFrom(address from, address to, uint256 value) external returns (bool) {
        uint256 allowed = allowance[from][msg.sender];
        if (allowed != type(uint256).max) {
            if (allowed < value) revert InsufficientAllowance(from, msg.sender, allowed, value);
            allowance[from][msg.sender] = allowed - value;
        }
        _move(from, to, value);
        return true;
    }

    function _move(address from, address to, uint256 value) private {
        if (to == address(0)) revert ZeroAddress();
        uint256 balance = balanceOf[from];
        if (balance < value) revert InsufficientBalance(from, balance, value);
        unchecked {
            balanceOf[from] = balance - value;
        }
        balanceOf[to] += value;
        emit Transfer(from, to, value);
    }
}
