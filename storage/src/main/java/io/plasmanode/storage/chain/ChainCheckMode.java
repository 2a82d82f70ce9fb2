package io.plasmanode.storage.chain;

import java.util.Locale;

/** How much of a chain database {@link ChainCheck} verifies. */
public enum ChainCheckMode {
  /**
   * Recomputes the UTXO set from the deposits and every stored block and compares it, the owner
   * index, the transaction index and every block's root with what is stored. Reads the whole
   * database once: seconds per million transactions.
   */
  FULL,

  /**
   * The structure (height against the blocks present, commit statuses, pending commits) and the
   * effects of the last block on the UTXO set and both indexes; cost independent of the chain's
   * length apart from one small entry per block. What the operator runs at start by default.
   */
  QUICK,

  /** Nothing. */
  OFF;

  /** {@code full}, {@code quick} or {@code off}, any case. */
  public static ChainCheckMode parse(String text) {
    try {
      return valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "'%s' is not a database check mode: use full, quick or off".formatted(text), e);
    }
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
