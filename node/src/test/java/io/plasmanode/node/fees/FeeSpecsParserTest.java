package io.plasmanode.node.fees;

import static org.assertj.core.api.Assertions.assertThat;

import io.plasmanode.core.fees.FeeSpec;
import io.plasmanode.core.fees.FeeTable;
import io.plasmanode.core.types.Address;
import java.math.BigInteger;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FeeSpecsParserTest {
  static final Address ETH = Address.ZERO;
  static final Address DEV = Address.fromHex("0x5fbdb2315678afecb367f032d93f642f64180aa3");

  static final String GOOD =
      """
      {
        "1": {
          "0x0000000000000000000000000000000000000000": {
            "amount": "1000000000000", "subunit_to_unit": "1000000000000000000", "symbol": "ETH"
          },
          "0x5fbdb2315678afecb367f032d93f642f64180aa3": {
            "amount": "5", "subunit_to_unit": "1000000000000000000", "symbol": "DEV"
          }
        }
      }
      """;

  static FeeTable table(long ethFee) {
    return new FeeTable(
        Map.of(
            1,
            Map.of(ETH, new FeeSpec(BigInteger.valueOf(ethFee), BigInteger.TEN.pow(18), "ETH"))));
  }

  @Test
  void parse_readsEveryTokenOfTxType1() {
    FeeSpecsParser.Result result = FeeSpecsParser.parse(GOOD);

    assertThat(result).isInstanceOf(FeeSpecsParser.Parsed.class);
    FeeTable table = ((FeeSpecsParser.Parsed) result).table();
    assertThat(table.fee(1, ETH))
        .contains(
            new FeeSpec(BigInteger.valueOf(1_000_000_000_000L), BigInteger.TEN.pow(18), "ETH"));
    assertThat(table.fee(1, DEV))
        .contains(new FeeSpec(BigInteger.valueOf(5), BigInteger.TEN.pow(18), "DEV"));
    assertThat(table.fee(1, Address.fromHex("0x00000000000000000000000000000000000070c0")))
        .isEmpty();
  }

  @Test
  void text_parsesBackToTheSameTable() {
    FeeTable table = ((FeeSpecsParser.Parsed) FeeSpecsParser.parse(GOOD)).table();

    assertThat(FeeSpecsParser.parse(FeeSpecsJson.text(table)))
        .isEqualTo(new FeeSpecsParser.Parsed(table));
  }

  @ParameterizedTest(name = "{3}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          {"1": {"0x0000000000000000000000000000000000000000": {"amount": "1", "subunit_to_unit": "1", "symbol": "ETH"}}  | 1 | 111 | not JSON
          [1]                                                                                                           | 1 | 1  | must be an object
          {}                                                                                                            | 1 | 2  | no fee is listed
          {"2": {}}                                                                                                     | 1 | 2  | tx type "2" cannot pay fees
          {"1": {}}                                                                                                     | 1 | 8  | lists no token
          {"1": {"0x00": {}}}                                                                                           | 1 | 8  | is not an address
          {"1": {"0x5FBDB2315678afecb367f032d93f642f64180aa3": {}}}                                                     | 1 | 8  | wrong EIP-55 checksum
          {"1": {"0x0000000000000000000000000000000000000000": 5}}                                                      | 1 | 54 | must be an object {amount
          {"1": {"0x0000000000000000000000000000000000000000": {"amount": 5}}}                                          | 1 | 65 | "amount" must be a string
          {"1": {"0x0000000000000000000000000000000000000000": {"amount": "-5"}}}                                       | 1 | 65 | positive whole number
          {"1": {"0x0000000000000000000000000000000000000000": {"amount": "0"}}}                                        | 1 | 65 | positive whole number
          {"1": {"0x0000000000000000000000000000000000000000": {"amount": "1.5"}}}                                      | 1 | 65 | positive whole number
          {"1": {"0x0000000000000000000000000000000000000000": {"fee": "1"}}}                                           | 1 | 55 | unknown field "fee"
          {"1": {"0x0000000000000000000000000000000000000000": {"amount": "1", "amount": "2"}}}                         | 1 | 70 | "amount" is listed twice
          {"1": {"0x0000000000000000000000000000000000000000": {"amount": "1", "symbol": "ETH"}}}                       | 1 | 85 | has no "subunit_to_unit"
          {"1": {"0x0000000000000000000000000000000000000000": {"amount": "1", "subunit_to_unit": "1", "symbol": ""}}}  | 1 | 104 | symbol ""
          {"1": {"0x0000000000000000000000000000000000000000": {"amount": "1", "subunit_to_unit": "1", "symbol": "E"}}} [] | 1 | 111 | text after
          """)
  void parse_refusesMalformedSpecsNamingLineColumnAndReason(
      String text, int line, int column, String reason) {
    FeeSpecsParser.Result result = FeeSpecsParser.parse(text);

    assertThat(result).isInstanceOf(FeeSpecsParser.Malformed.class);
    FeeSpecsParser.Malformed malformed = (FeeSpecsParser.Malformed) result;
    assertThat(malformed.reason()).contains(reason);
    assertThat(malformed.line()).isEqualTo(line);
    assertThat(malformed.column()).isEqualTo(column);
    assertThat(malformed.message()).startsWith("line %d, column %d: ".formatted(line, column));
  }

  @Test
  void parse_namesTheLineOfAProblemOnALaterLine() {
    String text = GOOD.replace("\"5\"", "\"5 wei\"");

    FeeSpecsParser.Malformed malformed = (FeeSpecsParser.Malformed) FeeSpecsParser.parse(text);

    assertThat(malformed.line()).isEqualTo(7);
    assertThat(malformed.reason()).contains("\"amount\" must be a positive whole number");
  }

  @Test
  void parse_refusesATokenListedTwice() {
    String text =
        """
        {"1": {
          "0x0000000000000000000000000000000000000000": {"amount": "1", "subunit_to_unit": "1", "symbol": "ETH"},
          "0x0000000000000000000000000000000000000000": {"amount": "2", "subunit_to_unit": "1", "symbol": "ETH"}
        }}
        """;

    FeeSpecsParser.Malformed malformed = (FeeSpecsParser.Malformed) FeeSpecsParser.parse(text);

    assertThat(malformed.line()).isEqualTo(3);
    assertThat(malformed.reason()).contains("is listed twice");
  }

  @Test
  void parse_refusesAnAmountBeyondUint256() {
    String text = GOOD.replace("\"5\"", "\"" + BigInteger.TWO.pow(256) + "\"");

    assertThat(FeeSpecsParser.parse(text)).isInstanceOf(FeeSpecsParser.Malformed.class);
  }
}
