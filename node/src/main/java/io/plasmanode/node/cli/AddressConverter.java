package io.plasmanode.node.cli;

import io.plasmanode.core.types.Address;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads an address option: 40 hex digits, {@code 0x} optional; a bad one is a usage error. */
public final class AddressConverter implements ITypeConverter<Address> {
  @Override
  public Address convert(String value) {
    try {
      return Address.fromHex(value.strip());
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException(
          "'" + value + "' is not an address: expected 40 hex digits, e.g. 0x70997970c518...79c8");
    }
  }
}
