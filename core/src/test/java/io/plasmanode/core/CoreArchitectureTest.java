package io.plasmanode.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import io.plasmanode.core.testing.ProductionClasses;
import io.plasmanode.core.testing.PureCodeRules;

/** Locks {@code core} as the chain's pure rules: values, codecs, Merkle, signatures, no I/O. */
@AnalyzeClasses(packages = "io.plasmanode.core", importOptions = ProductionClasses.class)
class CoreArchitectureTest {

  /**
   * An allow-list, as strict as core is today: the JDK's language, collections, big numbers, time
   * values, charsets and {@code java.security} (SHA-256 and the {@code SecureRandom} a caller
   * passes to key generation); Guava (preconditions); BouncyCastle (Keccak and secp256k1 maths).
   * Everything else is out, among it every other plasma-node module, Netty, LevelDB, web3j, slf4j,
   * {@code java.io}, {@code java.nio.file}, {@code java.net} and {@code java.util.concurrent}.
   */
  @ArchTest
  static final ArchRule core_dependsOnlyOnPureLibraries =
      classes()
          .that()
          .resideInAPackage("io.plasmanode.core..")
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage(
              "io.plasmanode.core..",
              "java.lang",
              "java.lang.invoke",
              "java.lang.runtime",
              "java.math",
              "java.nio.charset",
              "java.security",
              "java.time",
              "java.util",
              "java.util.function",
              "java.util.stream",
              "com.google.common..",
              "org.bouncycastle..")
          .because(
              "core holds the chain's rules, which every other module builds on: they must stay"
                  + " I/O-free (no files, sockets, database, L1 client, threads or logging), so"
                  + " they are the same on every node and testable without any of those");

  @ArchTest
  static final ArchRule core_takesNoHiddenInputs =
      PureCodeRules.takeNoHiddenInputs("io.plasmanode.core..");
}
