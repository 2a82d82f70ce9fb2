package io.plasmanode.node.wallet;

import static io.plasmanode.node.wallet.WalletTxs.ALICE;
import static io.plasmanode.node.wallet.WalletTxs.DOMAIN;
import static io.plasmanode.node.wallet.WalletTxs.T0;
import static io.plasmanode.node.wallet.WalletTxs.pos;
import static io.plasmanode.node.wallet.WalletTxs.transfer;
import static org.assertj.core.api.Assertions.assertThat;

import io.plasmanode.core.types.Hash32;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class WalletLineCodecTest {
  private static final Hash32 HASH = Hash32.fromHex("0x" + "ab".repeat(32));

  static List<WalletLine> lines() {
    return List.of(
        new WalletLine.Signed(
            transfer(5, pos(1000, 0, 1), pos(7, 0, 0)), ALICE.address(), DOMAIN, T0, false),
        new WalletLine.Signed(transfer(5, pos(1000, 0, 1)), ALICE.address(), DOMAIN, T0, true),
        new WalletLine.Resubmitted(HASH, T0),
        new WalletLine.Answered(HASH, new OperatorAnswer.Accepted(2000, 65535, T0)),
        new WalletLine.Answered(
            HASH, new OperatorAnswer.Rejected(-32012, "utxo_not_found", "utxo \"x\"\n", T0)),
        new WalletLine.Answered(HASH, new OperatorAnswer.NoAnswer("timeout", T0)));
  }

  @ParameterizedTest
  @MethodSource("lines")
  void encodeDecode_roundTripsOnOneLine(WalletLine line) {
    String text = WalletLineCodec.encode(line);
    assertThat(text).doesNotContain("\n");
    assertThat(WalletLineCodec.decode(text)).contains(line);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "{",
        "[]",
        "{\"v\":2,\"type\":\"resubmitted\",\"txHash\":\"0xabab\",\"at\":\"2026-12-07T08:00:00Z\"}",
        "{\"v\":1,\"type\":\"mystery\",\"txHash\":\"0x" + "ab" + "\",\"at\":\"x\"}",
        "{\"v\":1,\"type\":\"answer\",\"outcome\":\"maybe\",\"txHash\":\"0x"
            + "abababababababababababababababababababababababababababababababab"
            + "\",\"at\":\"2026-12-07T08:00:00Z\"}"
      })
  void decode_refusesWhatItDidNotWrite(String text) {
    assertThat(WalletLineCodec.decode(text)).isEmpty();
  }

  @org.junit.jupiter.api.Test
  void decode_refusesASignedLineWhoseHashIsNotItsTransactions() {
    String text =
        WalletLineCodec.encode(
            new WalletLine.Signed(
                transfer(5, pos(1000, 0, 1)), ALICE.address(), DOMAIN, T0, false));
    String tampered =
        text.replaceFirst("\"txHash\":\"0x[0-9a-f]{64}\"", "\"txHash\":\"" + HASH.toHex() + "\"");
    assertThat(tampered).isNotEqualTo(text);
    assertThat(WalletLineCodec.decode(tampered)).isEmpty();
  }
}
