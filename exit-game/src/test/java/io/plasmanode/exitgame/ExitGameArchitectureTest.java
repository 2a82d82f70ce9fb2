package io.plasmanode.exitgame;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.plasmanode.core.testing.ProductionClasses;
import io.plasmanode.core.testing.PureCodeRules;

/** Locks {@code exit-game} as pure rules: exit validity, challenges, withholding; no I/O. */
@AnalyzeClasses(packages = "io.plasmanode.exitgame", importOptions = ProductionClasses.class)
class ExitGameArchitectureTest {

  /**
   * An allow-list, as strict as exit-game is today: core, the JDK's language, collections, big
   * numbers and time values, Guava (preconditions), and slf4j, the one exception to "no I/O":
   * {@code ExitGame} logs an error line when it meets a broken invariant (a spent output whose
   * spend was not recorded). No other module of plasma-node, no Netty, LevelDB, web3j, files,
   * sockets or {@code java.util.concurrent}.
   */
  @ArchTest
  static final ArchRule exitGame_dependsOnlyOnCoreAndPureLibraries =
      classes()
          .that()
          .resideInAPackage("io.plasmanode.exitgame..")
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage(
              "io.plasmanode.exitgame..",
              "io.plasmanode.core..",
              "java.lang",
              "java.lang.invoke",
              "java.lang.runtime",
              "java.math",
              "java.time",
              "java.time.temporal",
              "java.util",
              "java.util.function",
              "java.util.stream",
              "com.google.common..",
              "org.slf4j")
          .because(
              "exit-game holds the rules that decide which exits are invalid and how to challenge"
                  + " them: money depends on every watcher computing the same answer, so they stay"
                  + " I/O-free and testable without L1, storage or the network (the watcher in"
                  + " node does the I/O)");

  @ArchTest
  static final ArchRule exitGame_takesNoHiddenInputs =
      PureCodeRules.takeNoHiddenInputs("io.plasmanode.exitgame..");
}
