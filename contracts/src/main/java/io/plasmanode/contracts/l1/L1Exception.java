package io.plasmanode.contracts.l1;

import java.util.List;
import java.util.Optional;

/**
 * An L1 call that failed: the contract reverted (with its named error and arguments, e.g. {@code
 * NotOutputOwner}), or the node could not be reached or answered nonsense.
 */
public final class L1Exception extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The most of an L1 node's error text kept in the message (alarms, logs, CLI errors). */
  static final int MAX_CAUSE_CHARS = 300;

  private final String errorName;
  private final List<Object> errorArguments;

  private L1Exception(String message, String errorName, List<Object> args, Throwable cause) {
    super(message, cause);
    this.errorName = errorName;
    this.errorArguments = args;
  }

  /** The contract reverted with custom error {@code name}. */
  public static L1Exception reverted(String function, String name, List<Object> args) {
    return new L1Exception(
        "%s reverted: %s%s".formatted(function, name, args.isEmpty() ? "" : args),
        name,
        args,
        null);
  }

  /** The contract reverted with data that matches none of its errors. */
  public static L1Exception revertedWithData(String function, String data) {
    return new L1Exception(
        "%s reverted (data %s)".formatted(function, data.isEmpty() ? "none" : data),
        null,
        List.of(),
        null);
  }

  /**
   * The L1 node failed or could not be reached. The message keeps the cause's text on one line and
   * at most {@value #MAX_CAUSE_CHARS} characters: a node or a proxy in front of it may answer a
   * whole HTML page, which would otherwise fill {@code plasma_status} alarms and log lines.
   */
  public static L1Exception io(String what, Throwable cause) {
    return new L1Exception(what + ": " + brief(cause), null, List.of(), cause);
  }

  private static String brief(Throwable cause) {
    String message = cause.getMessage();
    if (message == null || message.isBlank()) {
      return cause.getClass().getSimpleName();
    }
    String line = message.replaceAll("\\s+", " ").strip();
    return line.length() <= MAX_CAUSE_CHARS
        ? line
        : line.substring(0, MAX_CAUSE_CHARS) + "... (" + line.length() + " characters)";
  }

  /** A failure that is neither a revert nor an I/O error. */
  public static L1Exception failed(String what) {
    return new L1Exception(what, null, List.of(), null);
  }

  /** The contract's custom error name, when the call reverted with one. */
  public Optional<String> errorName() {
    return Optional.ofNullable(errorName);
  }

  /** The decoded arguments of the custom error (web3j values), empty when none. */
  public List<Object> errorArguments() {
    return List.copyOf(errorArguments);
  }
}
