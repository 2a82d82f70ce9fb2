package io.plasmanode.node.cli;

import io.plasmanode.core.tx.UtxoPos;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads a utxoPos or exit id (the same number): decimal digits, {@code blknum * 1e6 + txIndex * 10
 * + oindex}; anything else is a usage error.
 */
final class ExitIdConverter implements ITypeConverter<UtxoPos> {
  @Override
  public UtxoPos convert(String value) {
    String digits = value.strip();
    if (!digits.matches("[1-9][0-9]{0,18}")) {
      throw new TypeConversionException(
          "'" + value + "' is not a utxoPos: expected decimal digits, e.g. 1000000001");
    }
    try {
      return UtxoPos.fromLong(Long.parseLong(digits)).orElseThrow(() -> invalid(value));
    } catch (NumberFormatException e) {
      throw invalid(value);
    }
  }

  private static TypeConversionException invalid(String value) {
    return new TypeConversionException(
        "'"
            + value
            + "' is not a valid utxoPos (blknum * 1000000 + txIndex * 10 + oindex,"
            + " 1 <= blknum <= "
            + UtxoPos.MAX_BLKNUM
            + ", txIndex < 65536, oindex < 4)");
  }
}
