package io.plasmanode.core.testing.fuzz;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Runs one fuzz target over many inputs and counts honestly what happened to each: accepted,
 * rejected (per named reason), uncaught exception, or broken property (an {@link AssertionError}
 * thrown by the target's checks). Every input that was executed is counted, whatever its fate.
 *
 * <p>Each input {@code i} is generated from its own {@code Random(seed, i)}, so a failure reruns
 * alone with {@code -Dfuzz.seed=S -Dfuzz.first=i -Dfuzz.tries=1}. The normal build runs the short
 * campaign the test asks for; {@code -Dfuzz.tries=N} runs N inputs instead (scripts/fuzz). At the
 * end the figures are printed and written to {@code target/fuzz/<target>.properties}, and the test
 * fails if any input threw or broke a property.
 */
public final class FuzzCampaign {
  public static final String TRIES_PROPERTY = "fuzz.tries";
  public static final String SEED_PROPERTY = "fuzz.seed";
  public static final String FIRST_PROPERTY = "fuzz.first";
  public static final String REPORT_DIR_PROPERTY = "fuzz.reportDir";

  private static final long DEFAULT_SEED = 0x5eed_f022_2025L;
  private static final long GOLDEN_GAMMA = 0x9E37_79B9_7F4A_7C15L;
  private static final int RECORDED_FAILURES = 5;
  private static final int MAX_FAILURES = 1000;

  private final String target;
  private final long tries;
  private final long first;
  private final long seed;
  private final Map<String, Long> accepted = new TreeMap<>();
  private final Map<String, Long> rejected = new TreeMap<>();
  private final Map<String, String> notes = new LinkedHashMap<>();
  private final List<String> failures = new ArrayList<>();
  private long executed;
  private long uncaught;
  private long violations;

  private FuzzCampaign(String target, long tries, long first, long seed) {
    this.target = requireNonNull(target, "target");
    this.tries = tries;
    this.first = first;
    this.seed = seed;
  }

  /** A campaign of {@code shortTries} inputs, or {@code -Dfuzz.tries} when given. */
  public static FuzzCampaign of(String target, long shortTries) {
    long tries = Long.getLong(TRIES_PROPERTY, shortTries);
    if (tries < 1) {
      throw new IllegalArgumentException(TRIES_PROPERTY + " must be positive, got " + tries);
    }
    return new FuzzCampaign(
        target, tries, Long.getLong(FIRST_PROPERTY, 0), Long.getLong(SEED_PROPERTY, DEFAULT_SEED));
  }

  public long tries() {
    return tries;
  }

  public long seed() {
    return seed;
  }

  /** A generator for the target's own setup (seed pools), derived from the campaign seed. */
  public Random setupRandom() {
    return new Random(seed ^ target.hashCode());
  }

  /** A figure for the report besides the counts, e.g. the largest buffer allocated. */
  public void note(String key, Object value) {
    notes.put(key, String.valueOf(value));
  }

  /**
   * Generates and executes every input. {@code generate} must not throw (it is the harness); {@code
   * execute} runs the code under test and checks its properties with assertions; {@code describe}
   * renders an input for the failure report (hex, JSON...).
   *
   * @throws AssertionError after the campaign when any input threw or broke a property
   */
  public <I> Report run(
      Function<Random, I> generate,
      Function<I, FuzzOutcome> execute,
      Function<I, String> describe) {
    long start = System.nanoTime();
    for (long i = first; i < first + tries && failures() < MAX_FAILURES; i++) {
      I input = generate.apply(inputRandom(i));
      try {
        FuzzOutcome outcome = execute.apply(input);
        count(outcome.isAccepted() ? accepted : rejected, outcome.reason());
      } catch (AssertionError e) {
        violations++;
        record("property broken", i, describe.apply(input), e);
      } catch (Throwable e) { // the point of fuzzing: nothing may escape, not even an Error
        uncaught++;
        record("uncaught " + e.getClass().getSimpleName(), i, describe.apply(input), e);
      } finally {
        executed++;
      }
    }
    Report report = report((System.nanoTime() - start) / 1e9);
    System.out.println(report.summary());
    report.writeTo(Path.of(System.getProperty(REPORT_DIR_PROPERTY, "target/fuzz")));
    if (failures() > 0) {
      throw new AssertionError(report.summary() + "\n" + String.join("\n", failures));
    }
    return report;
  }

  private Random inputRandom(long index) {
    return new Random(seed + index * GOLDEN_GAMMA);
  }

  private long failures() {
    return uncaught + violations;
  }

  private static void count(Map<String, Long> counts, String reason) {
    counts.merge(reason, 1L, Long::sum);
  }

  private void record(String what, long index, String input, Throwable error) {
    if (failures.size() >= RECORDED_FAILURES) {
      return;
    }
    StringWriter trace = new StringWriter();
    error.printStackTrace(new PrintWriter(trace));
    failures.add(
        String.format(
            Locale.ROOT,
            "--- %s at input %d (rerun: -D%s=%d -D%s=%d -D%s=1)%n    input: %s%n%s",
            what,
            index,
            SEED_PROPERTY,
            seed,
            FIRST_PROPERTY,
            index,
            TRIES_PROPERTY,
            input,
            trace));
  }

  private Report report(double seconds) {
    return new Report(
        target,
        executed,
        sum(accepted),
        sum(rejected),
        uncaught,
        violations,
        seconds,
        seed,
        Map.copyOf(accepted),
        Map.copyOf(rejected),
        Map.copyOf(notes));
  }

  private static long sum(Map<String, Long> counts) {
    return counts.values().stream().mapToLong(Long::longValue).sum();
  }

  /** The figures of a finished campaign. */
  public record Report(
      String target,
      long inputs,
      long accepted,
      long rejected,
      long uncaught,
      long violations,
      double seconds,
      long seed,
      Map<String, Long> acceptedByLabel,
      Map<String, Long> rejectedByReason,
      Map<String, String> notes) {

    public String summary() {
      StringBuilder text =
          new StringBuilder(
              String.format(
                  Locale.ROOT,
                  "fuzz %s: %d inputs in %.1f s (seed %d): %d accepted, %d rejected,"
                      + " %d uncaught exceptions, %d broken properties",
                  target,
                  inputs,
                  seconds,
                  seed,
                  accepted,
                  rejected,
                  uncaught,
                  violations));
      text.append("\n  accepted: ").append(new TreeMap<>(acceptedByLabel));
      text.append("\n  rejected: ").append(new TreeMap<>(rejectedByReason));
      notes.forEach((key, value) -> text.append("\n  ").append(key).append(": ").append(value));
      return text.toString();
    }

    void writeTo(Path directory) {
      StringBuilder text = new StringBuilder();
      line(text, "target", target);
      line(text, "inputs", inputs);
      line(text, "accepted", accepted);
      line(text, "rejected", rejected);
      line(text, "uncaught", uncaught);
      line(text, "violations", violations);
      line(text, "seconds", String.format(Locale.ROOT, "%.1f", seconds));
      line(text, "seed", seed);
      new TreeMap<>(rejectedByReason).forEach((reason, n) -> line(text, "rejected." + reason, n));
      new TreeMap<>(acceptedByLabel).forEach((label, n) -> line(text, "accepted." + label, n));
      notes.forEach((key, value) -> line(text, "note." + key, value));
      try {
        Files.createDirectories(directory);
        Files.writeString(directory.resolve(target + ".properties"), text, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write the fuzz report", e);
      }
    }

    private static void line(StringBuilder text, String key, Object value) {
      text.append(key).append('=').append(value).append('\n');
    }
  }
}
