package io.plasmanode.node.cli;

import io.plasmanode.p2p.rpc.JsonRpcTransportException;
import java.util.Optional;
import java.util.function.Function;

/**
 * Asks the operator, and a watcher when the operator cannot be reached: what the read-only wallet
 * commands ({@code balance}, {@code utxos}) do, so a user still sees their outputs with the
 * operator down. An error answer from the operator is an answer and is not retried elsewhere.
 */
final class OperatorOrWatcher {
  private final RpcOptions rpc;
  private final WatcherOptions watcher;

  OperatorOrWatcher(RpcOptions rpc, WatcherOptions watcher) {
    this.rpc = rpc;
    this.watcher = watcher;
  }

  /**
   * An answer and, when the watcher gave it, the sentence that says so.
   *
   * @param fallback e.g. "operator at ... unreachable (...); answered by the watcher at ..."
   */
  record Answer<T>(T value, Optional<String> fallback) {}

  /**
   * {@code fromOperator}'s answer; if the operator is unreachable, {@code fromWatcher}'s.
   *
   * @throws CliException naming both endpoints and why when neither can be reached
   */
  <T> Answer<T> ask(
      Function<OperatorClient, T> fromOperator, Function<WatcherClient, T> fromWatcher) {
    JsonRpcTransportException operatorDown;
    try (OperatorClient operator = rpc.client()) {
      return new Answer<>(fromOperator.apply(operator), Optional.empty());
    } catch (JsonRpcTransportException e) {
      operatorDown = e;
    }
    String operatorReason = WatcherClient.reason(operatorDown);
    try (WatcherClient client = watcher.client()) {
      T value = fromWatcher.apply(client);
      return new Answer<>(
          value,
          Optional.of(
              "operator at %s unreachable (%s); answered by the watcher at %s"
                  .formatted(rpc.rpc(), operatorReason, watcher.watcher())));
    } catch (CliException e) {
      if (!(e.getCause() instanceof JsonRpcTransportException watcherDown)) {
        throw e;
      }
      throw new CliException(
          ("cannot reach the operator at %s (%s) nor the watcher at %s (%s): is either running?"
                  + " see --rpc and --watcher (or watcher= in the config file)")
              .formatted(
                  rpc.rpc(), operatorReason, watcher.watcher(), WatcherClient.reason(watcherDown)),
          e);
    }
  }
}
