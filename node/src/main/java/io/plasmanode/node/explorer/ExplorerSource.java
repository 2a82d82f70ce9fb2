package io.plasmanode.node.explorer;

import static java.util.Objects.requireNonNull;

import io.plasmanode.core.crypto.SignerRecovery;
import io.plasmanode.core.eip712.Eip712Domain;
import io.plasmanode.node.api.InFlightQueries;
import io.plasmanode.node.api.OperatorStatus;
import io.plasmanode.node.api.WatcherQueries;
import io.plasmanode.storage.chain.ChainStore;
import java.time.Clock;
import java.util.function.Supplier;

/**
 * What the explorer reads: the node's chain (the operator's, or the watcher's validated one), the
 * node itself (its status; a watcher's exits and events), the signing domain to recover signers and
 * the clock that times exits. The same objects the node's JSON-RPC API reads, so the pages show
 * what JSON-RPC says.
 */
record ExplorerSource(
    ChainStore chain, Node node, Eip712Domain domain, SignerRecovery recovery, Clock clock) {
  ExplorerSource {
    requireNonNull(chain, "chain");
    requireNonNull(node, "node");
    requireNonNull(domain, "domain");
    requireNonNull(recovery, "recovery");
    requireNonNull(clock, "clock");
  }

  /** The node serving the explorer. */
  sealed interface Node {
    /** What the role is called on the pages. */
    String role();
  }

  /** The operator: {@code plasma_status}. */
  record Operator(Supplier<OperatorStatus> status) implements Node {
    public Operator {
      requireNonNull(status, "status");
    }

    @Override
    public String role() {
      return "operator";
    }
  }

  /** A watcher: {@code watcher_status}, its tracked exits and in-flight exits. */
  record Watcher(WatcherQueries queries, InFlightQueries inFlight) implements Node {
    public Watcher {
      requireNonNull(queries, "queries");
      requireNonNull(inFlight, "inFlight");
    }

    @Override
    public String role() {
      return "watcher";
    }
  }
}
