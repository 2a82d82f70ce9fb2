package io.plasmanode.node.api;

import io.plasmanode.core.ledger.Utxo;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import io.plasmanode.exitgame.ChallengeData;
import io.plasmanode.exitgame.TrackedExit;
import java.util.List;

/** What a watcher's JSON-RPC API reads from the watcher. Thread-safe. */
public interface WatcherQueries {
  WatcherStatus status();

  /** The standard exits the watcher follows (started on L1, not finalized), by position. */
  List<TrackedExit> trackedExits();

  /** The challenge of an exit of {@code utxoPos}, or why there is none. */
  ChallengeData challengeData(UtxoPos utxoPos);

  /** {@code owner}'s outputs in the validated chain that can start an exit. */
  List<Utxo> exitableUtxos(Address owner);

  /**
   * {@code owner}'s unspent outputs in the validated chain as the operator lists them ({@code
   * plasma_getUtxos}): those whose exit started left out, those an exit challenge released (spent
   * by no transaction in the chain) included, although the contract never lets them exit.
   */
  List<Utxo> utxos(Address owner);
}
