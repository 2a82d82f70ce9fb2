package io.plasmanode.contracts.l1;

import java.util.List;
import java.util.Optional;

/**
 * An L1 call that failed: the contract reverted (with its named error and arguments, e.g. {@code
 * NotOutputOwner}), or the node could not be reached or answered nonsense.
 */
public final class L1Exception extends RuntimeException {
  private static final long serialVersionUID = 1L;

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

  /** The L1 node failed or could not be reached. */
  public static L1Exception io(String what, Throwable cause) {
    return new L1Exception(what + ": " + cause.getMessage(), null, List.of(), cause);
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
