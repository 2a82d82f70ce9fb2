package io.plasmanode.core.eip712;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plasmanode.core.crypto.Keccak;
import io.plasmanode.core.testing.TestKeys;
import io.plasmanode.core.tx.Output;
import io.plasmanode.core.tx.PaymentTransaction;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Hash32;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Golden values were computed by an independent Python keccak256 and hand-written abi.encode
 * (bytes20 left-aligned, address right-aligned); the hand-assembled test re-derives them in Java
 * from hex text, without the production encoder.
 */
class PaymentEip712Test {
  static final Eip712Domain DOMAIN =
      new Eip712Domain(Address.fromHex("0x5FbDB2315678afecb367f032d93F642f64180aa3"), 31337);
  static final Address TOKEN = Address.fromHex("0x1111111111111111111111111111111111111111");
  static final PaymentTransaction TX =
      new PaymentTransaction(
          List.of(new UtxoPos(2000, 3, 1), new UtxoPos(1001, 0, 0)),
          List.of(
              new Output(TestKeys.BOB.address(), Address.ZERO, BigInteger.TEN.pow(18)),
              new Output(TestKeys.ALICE.address(), TOKEN, BigInteger.valueOf(5))),
          Hash32.fromHex("ab".repeat(32)));

  @Test
  void typeHashes_matchGoldenValues() {
    assertThat(PaymentEip712.TX_TYPE_HASH)
        .isEqualTo(hash("241c8cf311f10d9082cd3aa8f912df0fe9d65d95571fa11b7ac8833ea3dcf40a"));
    assertThat(PaymentEip712.INPUT_TYPE_HASH)
        .isEqualTo(hash("5f0e06e50b513a68a090818949172483acfec769d9b7756cad7c00b26b52178c"));
    assertThat(PaymentEip712.OUTPUT_TYPE_HASH)
        .isEqualTo(hash("9fd642c2bbaa2f3431add55df5d3932807048fb41b6b07d65c59e0f9ad3a8eb7"));
  }

  @Test
  void separator_matchesGoldenValue() {
    assertThat(DOMAIN.separator())
        .isEqualTo(hash("cde8ae45e501f45c922d058ef83f4823ee638e56d35eabd879c357dfc7f8cbbb"));
  }

  @Test
  void hashStructAndSigningHash_matchGoldenValues() {
    assertThat(PaymentEip712.hashStruct(TX))
        .isEqualTo(hash("ef3b467d1d7029ff9294d3c93596837c33c912f73a2b88259c64692a61f44e4c"));
    assertThat(PaymentEip712.signingHash(DOMAIN, TX))
        .isEqualTo(hash("87f8edb2563e2a6463b54825283308c58313755507b2ed58d946bf33c35b8b7a"));
  }

  @Test
  void signingHash_ofDeposit_matchesHandAssembledAbiEncoding() {
    String owner = "2c7536e3605d9c16a7a3d7b1898e529396a65c23";
    String token = "1111111111111111111111111111111111111111";
    PaymentTransaction deposit =
        PaymentTransaction.deposit(
            new Output(Address.fromHex(owner), Address.fromHex(token), BigInteger.valueOf(0x1234)));
    String outputTypeHash = keccakHex(text(PaymentEip712.OUTPUT_TYPE));
    String inputTypeHash = keccakHex(text(PaymentEip712.INPUT_TYPE));
    String output0 =
        keccakHex(
            outputTypeHash
                + uint("1")
                + owner
                + "00".repeat(12)
                + "00".repeat(12)
                + token
                + uint("1234"));
    String noOutput = keccakHex(outputTypeHash + "00".repeat(128));
    String noInput = keccakHex(inputTypeHash + "00".repeat(96));
    String struct =
        keccakHex(
            keccakHex(text(PaymentEip712.TX_TYPE))
                + uint("1")
                + noInput.repeat(4)
                + output0
                + noOutput.repeat(3)
                + uint("0")
                + "00".repeat(32));
    String domain =
        keccakHex(
            keccakHex(text(Eip712Domain.DOMAIN_TYPE))
                + keccakHex(text("Plasma Node"))
                + keccakHex(text("1"))
                + "00".repeat(12)
                + "5fbdb2315678afecb367f032d93f642f64180aa3"
                + uint("7a69"));

    assertThat(PaymentEip712.hashStruct(deposit)).isEqualTo(hash(struct));
    assertThat(PaymentEip712.signingHash(DOMAIN, deposit))
        .isEqualTo(hash(keccakHex("1901" + domain + struct)));
  }

  @Test
  void domain_rejectsNonPositiveChainId() {
    assertThatThrownBy(() -> new Eip712Domain(TOKEN, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static Hash32 hash(String hex) {
    return Hash32.fromHex(hex);
  }

  private static String text(String ascii) {
    return HexFormat.of().formatHex(ascii.getBytes(StandardCharsets.UTF_8));
  }

  private static String uint(String hex) {
    return "0".repeat(64 - hex.length()) + hex;
  }

  private static String keccakHex(String hex) {
    return HexFormat.of().formatHex(Keccak.keccak256(HexFormat.of().parseHex(hex)).toArray());
  }
}
