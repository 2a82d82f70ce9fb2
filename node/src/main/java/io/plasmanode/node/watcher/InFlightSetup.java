package io.plasmanode.node.watcher;

import static java.util.Objects.requireNonNull;

import io.plasmanode.core.crypto.SignerRecovery;
import io.plasmanode.core.eip712.Eip712Domain;
import java.util.function.LongSupplier;

/**
 * What the watcher's in-flight exit round needs besides its stores: the EIP-712 domain and signer
 * recovery (an in-flight tx's witnesses count as spends only when they recover to the owner, W7)
 * and the highest child block whose root L1 committed (the game is checked on a caught-up chain).
 */
record InFlightSetup(Eip712Domain domain, SignerRecovery recovery, LongSupplier highestRoot) {
  InFlightSetup {
    requireNonNull(domain, "domain");
    requireNonNull(recovery, "recovery");
    requireNonNull(highestRoot, "highestRoot");
  }
}
