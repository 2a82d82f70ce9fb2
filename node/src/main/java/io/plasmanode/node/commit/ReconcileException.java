package io.plasmanode.node.commit;

/**
 * The database and the L1 contract disagree in a way the committer must not paper over (the
 * contract has blocks the database lacks, or a block's roots differ): the node refuses to start.
 * The message names the blocks and what to do.
 */
public final class ReconcileException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ReconcileException(String message) {
    super(message);
  }
}
