package io.plasmanode.node.operator;

import io.plasmanode.core.ledger.VerifiedTransaction;
import io.plasmanode.core.types.Hash32;
import io.plasmanode.storage.chain.TxBytes;

/**
 * A decoded transaction with its recovered signers, its hash, its Merkle leaf and its bytes as
 * stored: everything a block needs per transaction, computed by the {@link TxVerifier} before the
 * producer's lock is taken.
 */
record CheckedTx(VerifiedTransaction vtx, Hash32 txHash, Hash32 leaf, TxBytes stored) {}
