package io.plasmanode.node.api;

import io.plasmanode.core.ledger.Utxo;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import io.plasmanode.exitgame.ChallengeData;
import java.util.List;

/** What a watcher's JSON-RPC API reads from the watcher. Thread-safe. */
public interface WatcherQueries {
  WatcherStatus status();

  /** The challenge of an exit of {@code utxoPos}, or why there is none. */
  ChallengeData challengeData(UtxoPos utxoPos);

  /** {@code owner}'s outputs in the validated chain that can start an exit. */
  List<Utxo> exitableUtxos(Address owner);
}
