package io.plasmanode.contracts.l1;

import io.plasmanode.contracts.generated.Plasma;
import io.plasmanode.contracts.generated.PlasmaInFlightExits;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.web3j.abi.CustomErrorEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.datatypes.CustomError;
import org.web3j.abi.datatypes.Type;

/**
 * Turns revert data into the contract's named error. The errors come from the {@code CustomError}
 * constants that web3j generates into a contract wrapper, so they always match the compiled ABI.
 */
public final class RevertDecoder {
  /**
   * The decoder for the Plasma contract's errors, those of the in-flight exit module it runs by
   * DELEGATECALL included (their reverts come back through Plasma's address).
   */
  public static final RevertDecoder PLASMA =
      new RevertDecoder(Plasma.class, PlasmaInFlightExits.class);

  private final Map<String, CustomError> bySelector = new HashMap<>();

  /** Knows the errors of every one of {@code wrappers}. */
  public RevertDecoder(Class<?>... wrappers) {
    for (Class<?> wrapper : wrappers) {
      for (Field field : wrapper.getFields()) {
        if (Modifier.isStatic(field.getModifiers()) && field.getType() == CustomError.class) {
          CustomError error = read(field);
          bySelector.put(CustomErrorEncoder.encode(error).substring(0, 10), error);
        }
      }
    }
  }

  private static CustomError read(Field field) {
    try {
      return (CustomError) field.get(null);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("cannot read " + field, e);
    }
  }

  /** The name of the contract error that {@code data} (revert data, 0x-prefixed hex) encodes. */
  public Optional<String> errorName(String data) {
    return find(normalize(data)).map(CustomError::getName);
  }

  /** Decodes {@code data} (0x-prefixed hex) of a revert of {@code function}. */
  @SuppressWarnings("rawtypes") // web3j's decoder returns raw Type values
  L1Exception decode(String function, String data) {
    String hex = normalize(data);
    CustomError error = find(hex).orElse(null);
    if (error == null) {
      return L1Exception.revertedWithData(function, hex);
    }
    List<Type> values =
        FunctionReturnDecoder.decode("0x" + hex.substring(10), error.getParameters());
    return L1Exception.reverted(
        function, error.getName(), values.stream().<Object>map(Type::getValue).toList());
  }

  /** web3j hands over the JSON value of error.data, quotes included. */
  private static String normalize(String data) {
    return data == null ? "" : data.replace("\"", "").strip().toLowerCase(Locale.ROOT);
  }

  private Optional<CustomError> find(String hex) {
    return hex.length() >= 10
        ? Optional.ofNullable(bySelector.get(hex.substring(0, 10)))
        : Optional.empty();
  }
}
