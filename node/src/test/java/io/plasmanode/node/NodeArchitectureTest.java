package io.plasmanode.node;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaConstructorCall;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.plasmanode.core.testing.ProductionClasses;
import io.plasmanode.node.watcher.WatcherNode;
import java.util.Set;

/**
 * Locks node's package graph, and the rules that span modules: it imports the production classes of
 * every module on node's classpath (core, contracts, p2p, exit-game, storage, node).
 */
@AnalyzeClasses(packages = "io.plasmanode", importOptions = ProductionClasses.class)
class NodeArchitectureTest {

  /** The composition roots: the CLI, the daemons' wiring and the one-process devnet. */
  private static final String[] COMPOSITION_ROOTS = {
    "io.plasmanode.node.cli..", "io.plasmanode.node.daemon..", "io.plasmanode.node.devnet.."
  };

  /**
   * The services: what runs threads, servers or L1 loops, or opens the node's database. Creating
   * one (its constructor, or a static factory that returns one, like {@code OperatorNode.start}) is
   * wiring. By name, as some are package-private; {@link #services_allExist} catches a rename.
   */
  private static final Set<String> SERVICES =
      Set.of(
          "io.plasmanode.node.daemon.OperatorNode",
          "io.plasmanode.node.watcher.WatcherNode",
          "io.plasmanode.node.operator.BlockProducer",
          "io.plasmanode.node.operator.L1EventIngester",
          "io.plasmanode.node.commit.RootCommitter",
          "io.plasmanode.node.watcher.BlockSyncer",
          "io.plasmanode.node.watcher.ExitChallenger",
          "io.plasmanode.contracts.l1.follow.L1EventFollower",
          "io.plasmanode.p2p.rpc.JsonRpcServer",
          "io.plasmanode.p2p.sync.PeerNode",
          "io.plasmanode.storage.chain.ChainStore");

  @ArchTest
  static void services_allExist(JavaClasses classes) {
    assertThat(SERVICES)
        .as("the services the wiring rule names (update SERVICES after a rename)")
        .allSatisfy(name -> assertThat(classes.contain(name)).as(name).isTrue());
  }

  @ArchTest
  static final ArchRule watcher_neverDependsOnOperatorOrCommitter =
      noClasses()
          .that()
          .resideInAPackage("io.plasmanode.node.watcher..")
          .should()
          .dependOnClassesThat(
              resideInAnyPackage("io.plasmanode.node.operator..", "io.plasmanode.node.commit.."))
          .because(
              "a watcher checks the operator: it must run without, and never share code paths"
                  + " with, the operator's block production and root committing, so a bug there"
                  + " cannot blind the watcher");

  @ArchTest
  static final ArchRule compositionRoots_areOnTop =
      noClasses()
          .that()
          .resideOutsideOfPackages(COMPOSITION_ROOTS)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(COMPOSITION_ROOTS)
          .because(
              "cli, daemon and devnet wire the services together; a service that reached back into"
                  + " them would make the graph a cycle and the services untestable alone");

  /**
   * Devnet is a composition root because {@code plasma devnet} runs a whole local network in one
   * process: it starts an operator and a watcher ({@code OperatorNode.start}, {@code
   * WatcherNode.start}). {@link WatcherNode} wires the watcher's services and still lives in the
   * watcher package; the rules above keep it away from the operator's and committer's classes.
   */
  @ArchTest
  static final ArchRule onlyCompositionRoots_wireServices =
      noClasses()
          .that()
          .resideOutsideOfPackages(COMPOSITION_ROOTS)
          .and(not(belongToAnyOf(WatcherNode.class)))
          .should()
          .callCodeUnitWhere(createsAService())
          .because(
              "services are wired by plain constructors in one place (cli, daemon, devnet, and"
                  + " WatcherNode for the watcher), so what runs in a process is visible there and"
                  + " no service starts another behind its back");

  @ArchTest
  static final ArchRule web3j_onlyInTheL1Gateway =
      noClasses()
          .that()
          .resideOutsideOfPackage("io.plasmanode.contracts..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("org.web3j..")
          .because(
              "all of L1 (reads, sends, fee and nonce policy, revert decoding, keystores, event"
                  + " following) is behind the one gateway in contracts, so its outage and fee"
                  + " policy live in one place and the rest of the node is testable without an L1"
                  + " client");

  @ArchTest
  static final ArchRule prometheus_onlyBehindTheMetricsPort =
      noClasses()
          .that()
          .resideOutsideOfPackage("io.plasmanode.node.metrics..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("io.prometheus..")
          .because(
              "services record through the Metrics port they are given by constructor; the"
                  + " Prometheus client (and its static default registry) stays behind it in"
                  + " node.metrics, so core and exit-game stay free of it and tests read values"
                  + " from a registry of their own");

  @ArchTest
  static final ArchRule levelDb_onlyInStorage =
      noClasses()
          .that()
          .resideOutsideOfPackage("io.plasmanode.storage..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("org.iq80.leveldb..", "org.fusesource.leveldbjni..")
          .because(
              "LevelDB lives behind storage's KeyValueStore port (the enforcer bans the dependency"
                  + " elsewhere; this catches a transitive use), so the stores are testable in"
                  + " memory and the database replaceable");

  /** A call to a service's constructor or to a static factory returning one, from another class. */
  private static DescribedPredicate<JavaCall<?>> createsAService() {
    return DescribedPredicate.describe(
        "creates a service " + SERVICES,
        call ->
            SERVICES.contains(call.getTargetOwner().getName())
                && !call.getOriginOwner().equals(call.getTargetOwner())
                && (call instanceof JavaConstructorCall
                    || SERVICES.contains(call.getTarget().getRawReturnType().getName())));
  }
}
