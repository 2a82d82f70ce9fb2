package io.plasmanode.node.cli;

import io.plasmanode.contracts.l1.ContractCalls;
import io.plasmanode.contracts.l1.L1Client;
import io.plasmanode.contracts.l1.L1Exception;
import io.plasmanode.contracts.l1.L1Receipt;
import io.plasmanode.contracts.l1.L1Sender;
import io.plasmanode.contracts.l1.Web3jRootChain;
import io.plasmanode.core.crypto.PrivateKey;
import io.plasmanode.core.l1.L1Event;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Hash32;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A user's connection to L1, read-only or signing with their key, over the L1 gateway: sends go
 * through its {@link L1Sender} (simulated first, EIP-1559, waited for). Also ERC20 allowances and
 * approvals, deposits found in receipts, and L1 time. An unreachable L1 is a {@link CliException}
 * that says so.
 */
final class L1Session implements AutoCloseable {
  private final L1Client client;
  private final long chainId;
  private final Optional<L1Sender> sender;

  private L1Session(URI endpoint, Optional<PrivateKey> key) {
    this.client = L1Client.connect(endpoint);
    try {
      this.chainId = read("eth_chainId", client::chainId);
      this.sender = key.map(k -> L1Sender.of(client, k, chainId));
    } catch (RuntimeException e) {
      client.close();
      throw e;
    }
  }

  /** Reads only. */
  static L1Session readOnly(URI endpoint) {
    return new L1Session(endpoint, Optional.empty());
  }

  /** Reads and sends as {@code key}. */
  static L1Session signing(URI endpoint, PrivateKey key) {
    return new L1Session(endpoint, Optional.of(key));
  }

  long chainId() {
    return chainId;
  }

  URI endpoint() {
    return client.endpoint();
  }

  /** The address transactions are sent from. */
  Address sender() {
    return signer().address();
  }

  private L1Sender signer() {
    return sender.orElseThrow(() -> new IllegalStateException("read-only L1 session"));
  }

  /**
   * The Plasma contract at {@code contract}, called as this session's sender; fails clearly if
   * there is no contract there.
   */
  Web3jRootChain rootChain(Address contract) {
    if (!read("eth_getCode", () -> client.hasCode(contract))) {
      throw new CliException(
          "no contract at "
              + contract
              + " on the L1 at "
              + endpoint()
              + " (check --contract, --l1)");
    }
    return sender.isPresent()
        ? Web3jRootChain.signing(sender.get(), contract)
        : Web3jRootChain.readOnly(client, contract);
  }

  /** ERC20 {@code allowance(owner, spender)} of {@code token}, the owner being the sender. */
  BigInteger allowance(Address token, Address spender) {
    return read("allowance", () -> client.erc20Allowance(token, sender(), spender))
        .orElseThrow(
            () -> new CliException(token + " does not answer allowance(): is it an ERC20 token?"));
  }

  /** What {@code holder} holds of {@code token}: its ETH balance, or ERC20 {@code balanceOf}. */
  BigInteger balanceOf(Address token, Address holder) {
    if (token.isZero()) {
      return read("eth_getBalance", () -> client.balance(holder));
    }
    return read("balanceOf", () -> client.erc20Balance(token, holder))
        .orElseThrow(
            () -> new CliException(token + " does not answer balanceOf(): is it an ERC20 token?"));
  }

  /** Sends ERC20 {@code approve(spender, amount)} and waits until it is mined successfully. */
  Hash32 approve(Address token, Address spender, BigInteger amount) {
    try {
      return read(
          "approve",
          () -> signer().execute("approve", ContractCalls.approve(token, spender, amount)));
    } catch (L1Exception e) {
      throw new CliException("approve on " + token + " failed: " + e.getMessage(), e);
    }
  }

  /** The mined receipt of {@code txHash}, with the events {@code contract} emitted in it. */
  L1Receipt receipt(Hash32 txHash, Address contract) {
    return read("eth_getTransactionReceipt", () -> client.receipt(txHash, contract))
        .orElseThrow(() -> new CliException("L1 has no receipt for " + txHash));
  }

  /** The deposit that L1 transaction {@code txHash} created. */
  L1Event.Deposit depositOf(Web3jRootChain rootChain, Hash32 txHash) {
    return receipt(txHash, rootChain.contractAddress()).events().stream()
        .filter(L1Event.Deposit.class::isInstance)
        .map(L1Event.Deposit.class::cast)
        .filter(deposit -> deposit.origin().l1TxHash().equals(txHash))
        .findFirst()
        .orElseThrow(
            () -> new CliException("L1 transaction " + txHash + " emitted no DepositCreated"));
  }

  /** L1's clock: the timestamp of the latest block (what the contract compares exitableAt to). */
  Instant now() {
    return read("eth_getBlockByNumber", client::latestBlockTime);
  }

  Instant blockTime(long block) {
    return read("eth_getBlockByNumber", () -> client.blockTime(block));
  }

  @Override
  public void close() {
    client.close();
  }

  /** Runs an L1 read; an unreachable node becomes a {@link CliException} naming {@code --l1}. */
  <T> T read(String what, Supplier<T> call) {
    try {
      return call.get();
    } catch (L1Exception e) {
      if (e.getCause() instanceof IOException io) {
        throw new CliException(
            "cannot reach L1 at "
                + endpoint()
                + " ("
                + what
                + "): "
                + io.getMessage()
                + "; see --l1",
            e);
      }
      throw e;
    }
  }
}
