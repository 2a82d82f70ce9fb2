package io.plasmanode.node.cli;

import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.node.rpc.RpcResults.ExitData;
import io.plasmanode.node.rpc.WatcherRpcResults.ChallengeResult;

/**
 * What the CLI checks of an answer beyond its shape (which reading it into its record checks): that
 * it is about what was asked.
 */
final class RpcAnswers {
  private RpcAnswers() {}

  /**
   * {@code data} if it is the exit data of {@code requested}.
   *
   * @throws CliException naming {@code source} when it is for another position
   */
  static ExitData requireFor(ExitData data, UtxoPos requested, String source) {
    if (!data.utxoPos().equals(requested)) {
      throw new CliException(
          "%s sent unusable exit data for %s: it is for utxoPos %s"
              .formatted(source, requested, data.utxoPos()));
    }
    return data;
  }

  /**
   * {@code data} if it is the challenge of exit {@code requested}.
   *
   * @throws CliException naming {@code source} when it is for another exit
   */
  static ChallengeResult requireFor(ChallengeResult data, UtxoPos requested, String source) {
    if (!data.exitId().equals(requested)) {
      throw new CliException(
          "%s sent unusable challenge data for exit %s: it is for exit %s"
              .formatted(source, requested, data.exitId()));
    }
    return data;
  }
}
