package io.plasmanode.node.cli;

import io.plasmanode.contracts.l1.L1Exception;
import io.plasmanode.core.crypto.PrivateKey;
import io.plasmanode.core.types.Address;
import io.plasmanode.node.rpc.RpcResults;
import io.plasmanode.p2p.rpc.JsonRpcException;
import io.plasmanode.p2p.rpc.JsonRpcTransportException;
import java.util.Optional;
import picocli.CommandLine.Mixin;

/**
 * What the {@code plasma exit} commands share: where L1 and the contract are (the contract from
 * {@code --contract}, else from the operator's {@code plasma_status}), and contract refusals in
 * plain words.
 */
abstract class ExitCommandBase extends CliCommand {
  @Mixin L1Options l1;
  @Mixin RpcOptions rpc;

  /** The command's work; contract reverts are turned into plain words around it. */
  protected abstract void runExit();

  @Override
  protected final void run() {
    try {
      runExit();
    } catch (L1Exception e) {
      throw ExitReverts.describe(e);
    }
  }

  /** A session that sends as {@code key}. */
  protected ExitL1 connect(PrivateKey key) {
    return connect(Optional.of(key));
  }

  /** A session that only reads. */
  protected ExitL1 connectReadOnly() {
    return connect(Optional.empty());
  }

  private ExitL1 connect(Optional<PrivateKey> key) {
    Optional<RpcResults.Status> status =
        l1.contract().isPresent() ? Optional.empty() : Optional.of(operatorStatus());
    Address contract = l1.contract().orElseGet(() -> status.orElseThrow().contract());
    ExitL1 session =
        key.isPresent()
            ? ExitL1.signing(l1.l1(), contract, key.get())
            : ExitL1.readOnly(l1.l1(), contract);
    if (status.isPresent() && status.get().chainId() != session.chainId()) {
      long l1Chain = session.chainId();
      session.close();
      throw new CliException(
          "the operator at %s runs on chain %d, but the L1 at %s is chain %d: check --l1/--rpc"
              .formatted(rpc.rpc(), status.get().chainId(), l1.l1(), l1Chain));
    }
    return session;
  }

  private RpcResults.Status operatorStatus() {
    try (OperatorClient operator = rpc.client()) {
      return operator.status();
    } catch (JsonRpcTransportException | JsonRpcException e) {
      throw new CliException(
          "cannot learn the contract from the operator at %s (%s): give --contract, or see --rpc"
              .formatted(rpc.rpc(), e.getMessage()),
          e);
    }
  }
}
