package io.plasmanode.node.commit;

import java.util.List;

/**
 * A snapshot of the root committer.
 *
 * @param lastSubmittedBlock the highest child block sent to L1 by this run (0 if none)
 * @param lastCommittedBlock the highest child block committed on L1 with its confirmations (0 if
 *     none)
 * @param inFlight the submissions sent and not yet mined
 * @param alarms problems that need a person, human-readable; empty when all is well
 */
public record CommitterStatus(
    long lastSubmittedBlock, long lastCommittedBlock, int inFlight, List<String> alarms) {
  public CommitterStatus {
    alarms = List.copyOf(alarms);
  }

  public boolean healthy() {
    return alarms.isEmpty();
  }
}
