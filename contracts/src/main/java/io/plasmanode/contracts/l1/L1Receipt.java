package io.plasmanode.contracts.l1;

import static java.util.Objects.requireNonNull;

import io.plasmanode.core.l1.L1Event;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Hash32;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;

/**
 * The receipt of a mined L1 transaction.
 *
 * @param txHash the transaction
 * @param l1Block the L1 block it was mined in
 * @param success status 1; false means it reverted (and used its nonce anyway)
 * @param gasUsed the gas it used
 * @param fee what it cost its sender: gas used times the effective gas price (0 if not reported)
 * @param contractAddress the contract it created, if it was a deployment
 * @param events the Plasma contract's events among its logs (of the contract asked about)
 */
public record L1Receipt(
    Hash32 txHash,
    long l1Block,
    boolean success,
    long gasUsed,
    BigInteger fee,
    Optional<Address> contractAddress,
    List<L1Event> events) {
  public L1Receipt {
    requireNonNull(txHash, "txHash");
    requireNonNull(fee, "fee");
    requireNonNull(contractAddress, "contractAddress");
    events = List.copyOf(events);
  }
}
