package io.plasmanode.node.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.plasmanode.contracts.l1.follow.L1EventFollower;
import io.plasmanode.contracts.l1.follow.L1FollowerConfig;
import io.plasmanode.core.crypto.PrivateKey;
import io.plasmanode.core.eip712.Eip712Domain;
import io.plasmanode.core.l1.RootChain;
import io.plasmanode.core.ledger.Utxo;
import io.plasmanode.core.tx.Output;
import io.plasmanode.core.tx.PaymentTransaction;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import io.plasmanode.node.api.SubmitResult;
import io.plasmanode.node.testing.Payments;
import io.plasmanode.node.testing.Waits;
import io.plasmanode.storage.chain.ChainStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Deposits into a store, producers and ingesters for the operator's unit tests; transactions are
 * built and signed by the ITs' {@link Payments}, for a fixed contract.
 */
final class OperatorFixture {
  static final Address ETH = Payments.ETH;
  static final Address CONTRACT = Address.fromHex("0x5fbdb2315678afecb367f032d93f642f64180aa3");
  static final Eip712Domain DOMAIN = new Eip712Domain(CONTRACT, 31337);
  static final Clock CLOCK = Clock.fixed(Instant.parse("2025-03-04T05:06:07Z"), ZoneOffset.UTC);

  private static final Payments PAYMENTS = Payments.of(DOMAIN);

  private OperatorFixture() {}

  /** A producer that closes blocks only at {@code maxTxs} (its interval is an hour) unless told. */
  static BlockProducerConfig config(int maxTxs) {
    return BlockProducerConfig.defaults(DOMAIN)
        .withMaxTxsPerBlock(maxTxs)
        .withBlockInterval(Duration.ofHours(1))
        .withVerificationThreads(2);
  }

  static Output eth(PrivateKey owner, long amount) {
    return Payments.eth(owner, amount);
  }

  /** Applies a deposit of {@code amount} wei to {@code owner} as deposit block {@code blknum}. */
  static UtxoPos deposit(ChainStore store, long blknum, PrivateKey owner, long amount) {
    UtxoPos pos = new UtxoPos(blknum, 0, 0);
    assertThat(store.applyDeposit(new Utxo(pos, eth(owner, amount)), 1)).isTrue();
    return pos;
  }

  static PaymentTransaction transfer(UtxoPos input, Output... outputs) {
    return Payments.transfer(List.of(input), List.of(outputs));
  }

  /** {@code tx} signed by {@code keys} (one per input), as the signed bytes a client submits. */
  static byte[] signed(PaymentTransaction tx, PrivateKey... keys) {
    return Payments.encode(PAYMENTS.sign(tx, List.of(keys)));
  }

  /** An ingester of {@code l1}'s events into {@code store}, polling every 100 ms. */
  static L1EventFollower ingester(
      RootChain l1, ChainStore store, BlockProducer producer, int confirmations) {
    return ingester(
        l1,
        store,
        producer,
        L1FollowerConfig.defaults(0)
            .withConfirmations(confirmations)
            .withPollInterval(Duration.ofMillis(100)));
  }

  /** An ingester of {@code l1}'s events into {@code store}, following L1 as {@code config} says. */
  static L1EventFollower ingester(
      RootChain l1, ChainStore store, BlockProducer producer, L1FollowerConfig config) {
    return new L1EventFollower(
        l1, new L1EventIngester(l1, store, producer), config, Clock.systemUTC());
  }

  /** The unsigned bytes of the deposit transaction of {@code output}. */
  static byte[] depositTx(Output output) {
    return Payments.depositTx(output);
  }

  static SubmitResult.Accepted accepted(SubmitResult result) {
    assertThat(result).isInstanceOf(SubmitResult.Accepted.class);
    return (SubmitResult.Accepted) result;
  }

  static SubmitResult.Rejected rejected(SubmitResult result) {
    assertThat(result).isInstanceOf(SubmitResult.Rejected.class);
    return (SubmitResult.Rejected) result;
  }

  /** Waits up to {@code timeout} for {@code condition}; fails with {@code what} otherwise. */
  static void await(Duration timeout, String what, BooleanSupplier condition) {
    Waits.await(timeout, what, condition);
  }
}
