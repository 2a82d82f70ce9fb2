package io.plasmanode.node.devnet;

import static org.assertj.core.api.Assertions.assertThat;

import io.plasmanode.core.fees.FeeSpec;
import io.plasmanode.core.types.Address;
import io.plasmanode.node.fees.FeeSpecsParser;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevnetFeesTest {
  @TempDir Path dir;

  @Test
  void writeIfAbsent_writesAnEthFeeOf1e12WeiForPayments() throws IOException {
    Path file = DevnetFees.writeIfAbsent(dir);

    var parsed = (FeeSpecsParser.Parsed) FeeSpecsParser.parse(Files.readString(file));
    assertThat(parsed.table().fee(1, Address.ZERO))
        .contains(new FeeSpec(BigInteger.TEN.pow(12), BigInteger.TEN.pow(18), "ETH"));
    assertThat(parsed.table().byTxType()).containsOnlyKeys(1);
    assertThat(parsed.table().fees(1)).hasSize(1);
  }

  @Test
  void writeIfAbsent_keepsAFileEditedOnAnEarlierRun() throws IOException {
    Path file = DevnetFees.writeIfAbsent(dir);
    Files.writeString(file, "{\"1\": {}}");

    DevnetFees.writeIfAbsent(dir);

    assertThat(Files.readString(file)).isEqualTo("{\"1\": {}}");
  }

  @Test
  void specs_withoutFees_isNoFileAndWritesNone() {
    assertThat(DevnetFees.specs(dir, false)).isEmpty();
    assertThat(dir.resolve(DevnetFees.FILE)).doesNotExist();
    assertThat(DevnetFees.specs(dir, true)).contains(dir.resolve(DevnetFees.FILE));
    assertThat(dir.resolve(DevnetFees.FILE)).exists();
  }
}
