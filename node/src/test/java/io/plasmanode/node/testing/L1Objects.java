package io.plasmanode.node.testing;

import io.plasmanode.contracts.generated.DevToken;
import io.plasmanode.contracts.generated.Plasma;
import io.plasmanode.contracts.testing.AnvilChain;
import io.plasmanode.core.crypto.PrivateKey;
import io.plasmanode.core.types.Address;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.time.Duration;
import java.util.List;
import org.web3j.protocol.core.methods.response.EthSendTransaction;
import org.web3j.tx.RawTransactionManager;

/**
 * The one place node's test support builds L1 objects (anvil with the Plasma contract, contract
 * wrappers, the ERC20 test token): the rest of the test support goes through these methods or
 * {@link AnvilChain}.
 */
public final class L1Objects {
  private L1Objects() {}

  /** anvil with Plasma deployed by {@code operator}, its operator, with these exit rules. */
  public static AnvilChain startAnvil(PrivateKey operator, Duration exitPeriod, BigInteger bond) {
    return AnvilChain.start(operator, exitPeriod, bond);
  }

  /**
   * Sends {@code submitBlock(root)} from {@code key} without waiting for the receipt (anvil with
   * automine mines it at once; about 20x faster than waiting for receipts).
   */
  public static void submitBlockNoWait(AnvilChain l1, PrivateKey key, byte[] root) {
    RawTransactionManager manager = l1.manager(key);
    Plasma plasma = Plasma.load(l1.contract().toHex(), l1.web3j(), manager, AnvilChain.GAS);
    String data = plasma.submitBlock(root).encodeFunctionCall();
    try {
      EthSendTransaction sent =
          manager.sendTransaction(
              AnvilChain.GAS.getGasPrice(),
              AnvilChain.GAS.getGasLimit(),
              l1.contract().toHex(),
              data,
              BigInteger.ZERO);
      if (sent.hasError()) {
        throw new IllegalStateException("submitBlock: " + sent.getError().getMessage());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Deploys the ERC20 test token from {@code from}, {@code amountEach} minted to each holder. */
  public static Address deployToken(
      AnvilChain l1, PrivateKey from, List<PrivateKey> holders, BigInteger amountEach) {
    List<String> addresses = holders.stream().map(key -> key.address().toHex()).toList();
    try {
      DevToken token =
          DevToken.deploy(l1.web3j(), l1.manager(from), AnvilChain.GAS, addresses, amountEach)
              .send();
      return Address.fromHex(token.getContractAddress());
    } catch (Exception e) {
      throw new IllegalStateException("deploying the test token", e);
    }
  }

  /** {@code owner} lets the Plasma contract take {@code amount} of {@code token}. */
  public static void approve(AnvilChain l1, PrivateKey owner, Address token, BigInteger amount) {
    try {
      DevToken.load(token.toHex(), l1.web3j(), l1.manager(owner), AnvilChain.GAS)
          .approve(l1.contract().toHex(), amount)
          .send();
    } catch (Exception e) {
      throw new IllegalStateException("approving the Plasma contract", e);
    }
  }

  /** {@code owner}'s balance of {@code token} on L1. */
  public static BigInteger tokenBalance(AnvilChain l1, PrivateKey owner, Address token) {
    try {
      return DevToken.load(token.toHex(), l1.web3j(), l1.manager(owner), AnvilChain.GAS)
          .balanceOf(owner.address().toHex())
          .send();
    } catch (Exception e) {
      throw new IllegalStateException("reading a token balance", e);
    }
  }
}
