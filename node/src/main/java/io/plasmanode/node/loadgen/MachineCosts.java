package io.plasmanode.node.loadgen;

import static com.google.common.base.Preconditions.checkArgument;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What this machine's kernel charges for the work of the operator that is not computing: the ratios
 * ({@link RecoveryBaseline}) remove the speed of one core, not these, and they differ by an order
 * of magnitude between kinds of VM (a VM whose page tables the hypervisor shadows in software pays
 * tens of microseconds per page fault). LevelDB (leveldbjni 1.8) writes its log and tables through
 * memory-mapped files, one page fault per new 4 KiB page; every hand-off between the operator's
 * threads (HTTP, verification, the journal, the block writer) is a futex wake-up.
 *
 * @param mappedPageFaultMicros first write to a page of a memory-mapped file, per 4 KiB page
 * @param syscallMicros one cheap system call ({@code lseek})
 * @param handOffMicros waking a parked thread and being woken back, per one-way hand-off
 */
public record MachineCosts(
    double mappedPageFaultMicros, double syscallMicros, double handOffMicros) {
  /** What the figures are for, printed and written with them. */
  public static final String MEANING = "what storage and thread hand-offs cost here; not in ratios";

  public MachineCosts {
    checkArgument(
        mappedPageFaultMicros > 0 && syscallMicros > 0 && handOffMicros > 0,
        "kernel costs must be positive, got %s, %s, %s",
        mappedPageFaultMicros,
        syscallMicros,
        handOffMicros);
  }

  /** Written into the JSON next to the figures. */
  @JsonProperty("meaning")
  public String meaning() {
    return MEANING;
  }

  /** The line for people. */
  public String summary() {
    return "page fault on a mapped file %.2f us, system call %.2f us, thread hand-off %.2f us (%s)"
        .formatted(mappedPageFaultMicros, syscallMicros, handOffMicros, MEANING);
  }
}
