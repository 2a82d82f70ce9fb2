package io.plasmanode.node.metrics;

import static java.util.Objects.requireNonNull;

import io.plasmanode.node.api.SubmitResult;
import io.plasmanode.node.api.TransactionSubmitter;
import java.util.List;

/**
 * Counts what becomes of submitted transactions (accepted, or rejected by reason) and times each
 * submit call, around the submitter that decides; what JSON-RPC is given in place of the producer.
 */
public final class MeteredSubmitter implements TransactionSubmitter {
  private final TransactionSubmitter submitter;
  private final OperatorMetrics metrics;

  public MeteredSubmitter(TransactionSubmitter submitter, OperatorMetrics metrics) {
    this.submitter = requireNonNull(submitter, "submitter");
    this.metrics = requireNonNull(metrics, "metrics");
  }

  @Override
  public SubmitResult submit(byte[] signedTxBytes) {
    long start = System.nanoTime();
    SubmitResult result = submitter.submit(signedTxBytes);
    metrics.submitTime().observeSince(start);
    count(result);
    return result;
  }

  @Override
  public List<SubmitResult> submitAll(List<byte[]> signedTxBytes) {
    long start = System.nanoTime();
    List<SubmitResult> results = submitter.submitAll(signedTxBytes);
    metrics.submitTime().observeSince(start);
    results.forEach(this::count);
    return results;
  }

  private void count(SubmitResult result) {
    switch (result) {
      case SubmitResult.Accepted accepted -> metrics.accepted().inc();
      case SubmitResult.Rejected rejected ->
          metrics.rejected().labels(rejected.reason().code()).inc();
    }
  }
}
