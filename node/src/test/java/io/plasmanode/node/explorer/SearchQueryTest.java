package io.plasmanode.node.explorer;

import static org.assertj.core.api.Assertions.assertThat;

import io.plasmanode.core.testing.TestKeys;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Hash32;
import org.junit.jupiter.api.Test;

class SearchQueryTest {
  private static final long HEIGHT = 5000;

  @Test
  void aMultipleOf1000_upToTheHeight_isABlock() {
    assertThat(SearchQuery.parse("1000", HEIGHT)).isEqualTo(new SearchQuery.Block(1000));
    assertThat(SearchQuery.parse(" 5000 ", HEIGHT)).isEqualTo(new SearchQuery.Block(5000));
  }

  @Test
  void aNumberEncodingAPosition_isAPosition_unlessItIsAClosedBlock() {
    assertThat(SearchQuery.parse("1000000001", HEIGHT))
        .isEqualTo(new SearchQuery.Position(new UtxoPos(1000, 0, 1)));
    assertThat(SearchQuery.parse("2000000", HEIGHT))
        .as("deposit block 2's output, no block 2,000,000 is closed")
        .isEqualTo(new SearchQuery.Position(new UtxoPos(2, 0, 0)));
    assertThat(SearchQuery.parse("2000000", 2_000_000)).isEqualTo(new SearchQuery.Block(2_000_000));
  }

  @Test
  void aBlockNotClosedYet_isStillABlock() {
    assertThat(SearchQuery.parse("9000", HEIGHT)).isEqualTo(new SearchQuery.Block(9000));
  }

  @Test
  void otherNumbers_sayWhatNumbersAreTaken() {
    assertThat(SearchQuery.parse("1234", HEIGHT))
        .isInstanceOfSatisfying(
            SearchQuery.Invalid.class,
            invalid ->
                assertThat(invalid.reason()).contains("multiple of 1000").contains("position"));
    assertThat(SearchQuery.parse("0", HEIGHT)).isInstanceOf(SearchQuery.Invalid.class);
    assertThat(SearchQuery.parse("9999999999999999999", HEIGHT))
        .isInstanceOfSatisfying(
            SearchQuery.Invalid.class,
            invalid -> assertThat(invalid.reason()).contains("too large"));
  }

  @Test
  void hexOf64Digits_isATransaction_of40_anAddress() {
    Hash32 hash = Hash32.fromHex("ab".repeat(32));
    assertThat(SearchQuery.parse("0x" + "ab".repeat(32), HEIGHT))
        .isEqualTo(new SearchQuery.Transaction(hash));
    assertThat(SearchQuery.parse("AB".repeat(32), HEIGHT))
        .isEqualTo(new SearchQuery.Transaction(hash));
    Address alice = TestKeys.ALICE.address();
    assertThat(SearchQuery.parse(alice.toChecksumHex(), HEIGHT))
        .isEqualTo(new SearchQuery.Account(alice));
    assertThat(SearchQuery.parse(alice.toHex().substring(2), HEIGHT))
        .isEqualTo(new SearchQuery.Account(alice));
  }

  @Test
  void aMixedCaseAddress_withAWrongChecksum_isRefused() {
    String checksummed = TestKeys.ALICE.address().toChecksumHex();
    String flipped = checksummed.substring(0, 2) + swapCase(checksummed.substring(2));

    assertThat(SearchQuery.parse(flipped, HEIGHT))
        .isInstanceOfSatisfying(
            SearchQuery.Invalid.class,
            invalid -> assertThat(invalid.reason()).contains("EIP-55 checksum"));
  }

  @Test
  void emptyLongAndOtherText_sayWhatToType() {
    assertThat(SearchQuery.parse("  ", HEIGHT))
        .isInstanceOfSatisfying(
            SearchQuery.Invalid.class,
            invalid -> assertThat(invalid.reason()).startsWith("Type a block number"));
    assertThat(SearchQuery.parse("1".repeat(SearchQuery.MAX_LENGTH + 1), HEIGHT))
        .isInstanceOfSatisfying(
            SearchQuery.Invalid.class,
            invalid -> assertThat(invalid.reason()).contains("longer than"));
    assertThat(SearchQuery.parse("0x1234", HEIGHT))
        .isInstanceOfSatisfying(
            SearchQuery.Invalid.class, invalid -> assertThat(invalid.reason()).contains("not 4"));
    assertThat(SearchQuery.parse("<script>", HEIGHT)).isInstanceOf(SearchQuery.Invalid.class);
  }

  private static String swapCase(String s) {
    StringBuilder out = new StringBuilder();
    for (char c : s.toCharArray()) {
      out.append(Character.isUpperCase(c) ? Character.toLowerCase(c) : Character.toUpperCase(c));
    }
    return out.toString();
  }
}
