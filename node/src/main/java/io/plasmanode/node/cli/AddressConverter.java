package io.plasmanode.node.cli;

import io.plasmanode.core.types.Address;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads an address option: 40 hex digits, {@code 0x} optional, and in mixed case only with the
 * right EIP-55 checksum (a mistyped address would send money to nobody's account); a bad one is a
 * usage error.
 */
public final class AddressConverter implements ITypeConverter<Address> {
  @Override
  public Address convert(String value) {
    String text = value.strip();
    try {
      Address.fromHex(text);
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException(
          "'" + value + "' is not an address: expected 40 hex digits, e.g. 0x70997970c518...79c8");
    }
    try {
      return Address.fromHexChecked(text);
    } catch (IllegalArgumentException e) {
      throw new TypeConversionException(e.getMessage());
    }
  }
}
