package io.plasmanode.node.api;

import java.util.List;

/**
 * Takes signed transactions into the child block being built. Thread-safe: called from the JSON-RPC
 * executor threads concurrently.
 */
public interface TransactionSubmitter {
  /** Decodes, verifies and, when valid, appends {@code signedTxBytes} to the open block. */
  SubmitResult submit(byte[] signedTxBytes);

  /**
   * Submits many transactions; result {@code i} is for transaction {@code i}. They are appended in
   * list order, so a later one may spend an output of an earlier one.
   */
  List<SubmitResult> submitAll(List<byte[]> signedTxBytes);
}
