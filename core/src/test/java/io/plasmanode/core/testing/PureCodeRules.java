package io.plasmanode.core.testing;

import static com.tngtech.archunit.core.domain.JavaCall.Predicates.target;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.assignableTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.type;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.nameMatching;
import static com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.lang.ArchRule;
import java.time.Clock;
import java.util.Random;

/** Architecture rules shared by the modules that hold the chain's pure rules (core, exit-game). */
public final class PureCodeRules {
  private PureCodeRules() {}

  /**
   * The classes in {@code packageIdentifier} (e.g. {@code "io.plasmanode.core.."}) read no hidden
   * input: no clock ({@link Clock}, {@code Instant.now()}, {@code System.currentTimeMillis()}), no
   * randomness they create themselves ({@code new Random()}, {@code new SecureRandom()}), no
   * environment or system property, no thread or process of their own, and they never exit the JVM.
   */
  public static ArchRule takeNoHiddenInputs(String packageIdentifier) {
    return noClasses()
        .that()
        .resideInAPackage(packageIdentifier)
        .should()
        .dependOnClassesThat()
        .belongToAnyOf(Clock.class, Thread.class, Runtime.class, ProcessBuilder.class)
        .orShould()
        .callMethodWhere(
            target(owner(type(System.class)))
                .and(
                    target(
                        nameMatching(
                            "currentTimeMillis|nanoTime|getenv|getProperty|getProperties"
                                + "|setProperty|exit"))))
        .orShould()
        .callMethodWhere(
            target(owner(resideInAPackage("java.time"))).and(target(nameMatching("now"))))
        .orShould()
        .callConstructorWhere(target(owner(assignableTo(Random.class))))
        .because(
            "the chain's rules are deterministic: time, randomness and configuration come in as"
                + " parameters (STYLE.md, 'Values and rules'), so every node computes the same"
                + " result and tests step time instead of sleeping");
  }
}
