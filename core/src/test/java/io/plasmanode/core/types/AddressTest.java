package io.plasmanode.core.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** EIP-55 checksums, against the examples of the EIP itself. */
class AddressTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        // all caps
        "0x52908400098527886E0F7030069857D2E4169EE7",
        "0x8617E340B3D01FA5F11F306F4090FD50E238070D",
        // all lower
        "0xde709f2102306220921060314715629080e2fb77",
        "0x27b1fdb04752bbc536007a920d24acb045561c26",
        // normal
        "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
        "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
        "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB",
        "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb"
      })
  void eip55Examples_areTheirOwnChecksumAndAccepted(String example) {
    Address address = Address.fromHexChecked(example);
    assertThat(address.toChecksumHex()).isEqualTo(example);
    assertThat(address).isEqualTo(Address.fromHex(example.toLowerCase(Locale.ROOT)));
  }

  @Test
  void lowerAndUpperCase_skipTheCheck() {
    String lower = "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed";
    assertThat(Address.fromHexChecked(lower)).isEqualTo(Address.fromHex(lower));
    assertThat(Address.fromHexChecked(lower.substring(2))).isEqualTo(Address.fromHex(lower));
    assertThat(Address.fromHexChecked("0x" + lower.substring(2).toUpperCase(Locale.ROOT)))
        .isEqualTo(Address.fromHex(lower));
  }

  @Test
  void mixedCaseWithAWrongChecksum_isRefusedWithoutSuggestingAnAddress() {
    String typo = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD";
    assertThatThrownBy(() -> Address.fromHexChecked(typo))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(typo + " has a wrong EIP-55 checksum")
        .hasMessageContaining("mistyped")
        .hasMessageContaining("lower case")
        .hasMessageNotContaining(Address.fromHex(typo).toChecksumHex());
  }

  @Test
  void aDigitTypo_inAChecksummedAddressIsCaughtAlmostAlways() {
    long seed = 55;
    SplittableRandom random = new SplittableRandom(seed);
    int caught = 0;
    int tries = 2000;
    for (int i = 0; i < tries; i++) {
      byte[] bytes = new byte[Address.SIZE];
      random.nextBytes(bytes);
      String good = Address.of(bytes).toChecksumHex();
      assertThat(Address.fromHexChecked(good))
          .as("seed %s case %s", seed, i)
          .isEqualTo(Address.of(bytes));
      int at = 2 + random.nextInt(40);
      char replacement = "0123456789abcdef".charAt(random.nextInt(16));
      String typo = good.substring(0, at) + replacement + good.substring(at + 1);
      if (typo.equalsIgnoreCase(good)) {
        continue;
      }
      try {
        Address.fromHexChecked(typo);
      } catch (IllegalArgumentException e) {
        caught++;
      }
    }
    assertThat(caught).as("seed %s", seed).isGreaterThan(tries * 9 / 10);
  }
}
