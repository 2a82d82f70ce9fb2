package io.plasmanode.node.cli;

import io.plasmanode.storage.chain.ChainCheckMode;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads {@code --check-db}: {@code full}, {@code quick} or {@code off}. */
public final class ChainCheckModeConverter implements ITypeConverter<ChainCheckMode> {
  @Override
  public ChainCheckMode convert(String value) {
    try {
      return ChainCheckMode.parse(value);
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException(e.getMessage());
    }
  }
}
