package io.plasmanode.exitgame.inflight;

import static com.google.common.base.Preconditions.checkArgument;
import static java.util.Objects.requireNonNull;

import java.util.Comparator;

/**
 * A piggyback slot of an in-flight exit: input {@code index} or output {@code index} of its tx. The
 * contract's {@code piggybacked} bits are 0..3 for inputs and 4..7 for outputs ({@link #bit()}).
 *
 * @param kind input or output
 * @param index 0..3
 */
public record Slot(Kind kind, int index) implements Comparable<Slot> {
  public static final int MAX_INDEX = 3;

  private static final Comparator<Slot> ORDER = Comparator.comparingInt(Slot::bit);

  /** Which side of the tx a slot is on. */
  public enum Kind {
    INPUT,
    OUTPUT
  }

  public Slot {
    requireNonNull(kind, "kind");
    checkArgument(index >= 0 && index <= MAX_INDEX, "a slot index is 0..3: %s", index);
  }

  public static Slot input(int index) {
    return new Slot(Kind.INPUT, index);
  }

  public static Slot output(int index) {
    return new Slot(Kind.OUTPUT, index);
  }

  public boolean isInput() {
    return kind == Kind.INPUT;
  }

  /** The contract's piggyback bit: {@code index} for an input, {@code 4 + index} for an output. */
  public int bit() {
    return isInput() ? index : 4 + index;
  }

  @Override
  public int compareTo(Slot other) {
    return ORDER.compare(this, other);
  }

  @Override
  public String toString() {
    return (isInput() ? "input " : "output ") + index;
  }
}
