package io.plasmanode.contracts.l1;

import static java.util.Objects.requireNonNull;

import io.plasmanode.core.types.Hash32;

/**
 * An EIP-1559 transaction signed here: its hash is known before it is sent.
 *
 * @param txHash the transaction's hash
 * @param rawHex the signed transaction, 0x-prefixed hex, as {@code eth_sendRawTransaction} takes it
 */
public record SignedTx(Hash32 txHash, String rawHex) {
  public SignedTx {
    requireNonNull(txHash, "txHash");
    requireNonNull(rawHex, "rawHex");
  }
}
