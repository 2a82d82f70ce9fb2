package io.plasmanode.node.wallet;

import static java.util.Objects.requireNonNull;

import io.plasmanode.core.tx.UtxoPos;
import java.util.List;

/**
 * An earlier sent transaction that spends some of the same inputs as a new one (MoreVP: never sign
 * a second spend of an input while the first may still be included, W9).
 *
 * @param earlier the earlier transaction, accepted or unanswered
 * @param sharedInputs the inputs both spend
 */
public record RespendConflict(SentTx earlier, List<UtxoPos> sharedInputs) {
  public RespendConflict {
    requireNonNull(earlier, "earlier");
    sharedInputs = List.copyOf(sharedInputs);
  }

  /**
   * Whether {@code --force-respend} may override it: only for an earlier transaction that got no
   * answer. One the operator accepted is out there, whatever happened since: a second spend of its
   * inputs is a double spend (the earlier one wins, or both are contested on L1); it is exited in
   * flight, never re-spent.
   */
  public boolean overridable() {
    return earlier.status() == SentTx.Status.UNANSWERED;
  }
}
