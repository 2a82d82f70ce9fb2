package io.plasmanode.core.testing;

import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Runs a property test: the property, a lambda that draws its inputs from a {@link Gen} and checks
 * them with assertions, is run on {@code cases} cases. Case {@code i} of a property gets its own
 * generator, seeded from the run's seed, the property's name (its class and method) and {@code i};
 * so the cases are the same on every run, and a broken case reruns alone with {@code
 * -Dtest=Class#method -Dproperty.case=i} (and {@code -Dproperty.seed=S} when the run was given
 * one). {@code -Dproperty.seed=S} draws another set of cases for every property.
 *
 * <pre>{@code
 * @Test
 * void transactions_roundTrip() {
 *   Cases.check(1000, gen -> {
 *     PaymentTransaction tx = TxGen.paymentTransaction(gen);
 *     assertThat(TxCodec.decode(TxCodec.encode(tx)).get()).isEqualTo(tx);
 *   });
 * }
 * }</pre>
 */
public final class Cases {
  public static final String SEED_PROPERTY = "property.seed";
  public static final String CASE_PROPERTY = "property.case";
  public static final long DEFAULT_SEED = 0x5eed_9a5e_2026L;

  private Cases() {}

  /**
   * Checks {@code property} on {@code cases} cases (only on case {@code -Dproperty.case} when that
   * is set) and returns how many ran.
   *
   * @throws AssertionError naming the property, the case and the seed when a case fails or throws
   */
  public static int check(int cases, Consumer<Gen> property) {
    String name = callerName();
    long seed = Long.getLong(SEED_PROPERTY, DEFAULT_SEED);
    Integer only = Integer.getInteger(CASE_PROPERTY);
    int ran = 0;
    for (int i = 0; i < cases; i++) {
      if (only != null && only != i) {
        continue;
      }
      try {
        property.accept(new Gen(caseSeed(seed, name, i)));
      } catch (AssertionError | RuntimeException e) {
        throw new AssertionError(failure(name, i, cases, seed, e), e);
      }
      ran++;
    }
    return ran;
  }

  /** The seed of case {@code index} of property {@code name}. */
  static long caseSeed(long seed, String name, int index) {
    // SplittableRandom mixes its seed into the first value, so neighbouring cases are unrelated.
    return new SplittableRandom(seed ^ ((long) name.hashCode() << 32) ^ index).nextLong();
  }

  private static String failure(String name, int index, int cases, long seed, Throwable e) {
    return String.format(
        Locale.ROOT,
        "%s broke at case %d of %d (seed %d); rerun it alone with -Dtest=%s -D%s=%d -D%s=%d%n%s",
        name,
        index,
        cases,
        seed,
        name.replace('.', '#'),
        SEED_PROPERTY,
        seed,
        CASE_PROPERTY,
        index,
        e);
  }

  /**
   * {@code SimpleClassName.method} of the test method that called {@link #check} (maybe in a
   * lambda).
   */
  private static String callerName() {
    StackWalker.StackFrame caller =
        StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE)
            .walk(frames -> frames.skip(2).findFirst())
            .orElseThrow();
    String method = caller.getMethodName();
    if (method.startsWith("lambda$")) { // javac names a lambda lambda$<enclosing method>$<n>
      method = method.substring("lambda$".length(), method.lastIndexOf('$'));
    }
    return caller.getDeclaringClass().getSimpleName() + "." + method;
  }
}
