package io.plasmanode.node.devnet;

import io.plasmanode.core.fees.FeeSpec;
import io.plasmanode.core.fees.FeeTable;
import io.plasmanode.core.tx.PaymentTransaction;
import io.plasmanode.core.types.Address;
import io.plasmanode.node.fees.FeeSpecsJson;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * The devnet's fees: a payment pays {@value #ETH_FEE_WEI} wei (0.000001 ETH) in ETH, from the
 * fee-specs file {@code .devnet/fee-specs.json}, written on the first start and kept after (edit it
 * while the devnet runs: the operator reloads it).
 */
final class DevnetFees {
  static final String FILE = "fee-specs.json";
  static final long ETH_FEE_WEI = 1_000_000_000_000L;

  /** ETH, 1e12 wei per payment. */
  static final FeeTable TABLE =
      new FeeTable(
          Map.of(
              PaymentTransaction.TX_TYPE_PAYMENT,
              Map.of(
                  Address.ZERO,
                  new FeeSpec(BigInteger.valueOf(ETH_FEE_WEI), BigInteger.TEN.pow(18), "ETH"))));

  private DevnetFees() {}

  /**
   * The operator's fee-specs file: with {@code fees}, the one {@link #writeIfAbsent} keeps in
   * {@code dir}; without (devnet --no-fees), none, so the operator charges nothing.
   */
  static Optional<Path> specs(Path dir, boolean fees) {
    return fees ? Optional.of(writeIfAbsent(dir)) : Optional.empty();
  }

  /** Writes the fee-specs file into {@code dir} unless one is there; returns its path. */
  static Path writeIfAbsent(Path dir) {
    Path file = dir.resolve(FILE);
    DevnetFiles.writePrivateFileIfAbsent(file, FeeSpecsJson.text(TABLE));
    return file;
  }
}
