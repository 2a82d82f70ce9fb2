package io.plasmanode.core.validation;

import static java.util.Objects.requireNonNull;

import java.util.function.Function;

/**
 * The outcome of a rule: a value, or the {@link Rejection} that stopped it with a detail for
 * people. Expected failures are values, never exceptions.
 */
public sealed interface ValidationResult<T> {

  static <T> ValidationResult<T> valid(T value) {
    return new Valid<>(value);
  }

  static <T> ValidationResult<T> invalid(Rejection reason, String detail) {
    return new Invalid<>(reason, detail);
  }

  boolean isValid();

  /** The value; throws {@link IllegalStateException} naming the rejection when invalid. */
  T get();

  /** Applies {@code mapper} to a valid value; passes a rejection through. */
  <U> ValidationResult<U> map(Function<? super T, ? extends U> mapper);

  /** Chains a further rule on a valid value; passes a rejection through. */
  <U> ValidationResult<U> flatMap(Function<? super T, ValidationResult<U>> mapper);

  /** A valid value. */
  record Valid<T>(T value) implements ValidationResult<T> {
    public Valid {
      requireNonNull(value, "value");
    }

    @Override
    public boolean isValid() {
      return true;
    }

    @Override
    public T get() {
      return value;
    }

    @Override
    public <U> ValidationResult<U> map(Function<? super T, ? extends U> mapper) {
      return new Valid<>(mapper.apply(value));
    }

    @Override
    public <U> ValidationResult<U> flatMap(Function<? super T, ValidationResult<U>> mapper) {
      return mapper.apply(value);
    }
  }

  /** A rejection with its reason and a detail for people. */
  record Invalid<T>(Rejection reason, String detail) implements ValidationResult<T> {
    public Invalid {
      requireNonNull(reason, "reason");
      requireNonNull(detail, "detail");
    }

    @Override
    public boolean isValid() {
      return false;
    }

    @Override
    public T get() {
      throw new IllegalStateException(reason.code() + ": " + detail);
    }

    @Override
    public <U> ValidationResult<U> map(Function<? super T, ? extends U> mapper) {
      return new Invalid<>(reason, detail);
    }

    @Override
    public <U> ValidationResult<U> flatMap(Function<? super T, ValidationResult<U>> mapper) {
      return new Invalid<>(reason, detail);
    }

    @Override
    public String toString() {
      return reason.code() + ": " + detail;
    }
  }
}
