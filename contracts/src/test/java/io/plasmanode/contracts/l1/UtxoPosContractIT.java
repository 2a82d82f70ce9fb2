package io.plasmanode.contracts.l1;

import static org.assertj.core.api.Assertions.assertThat;

import io.plasmanode.contracts.testing.AnvilChain;
import io.plasmanode.core.crypto.PrivateKey;
import io.plasmanode.core.testing.PositionWords;
import io.plasmanode.core.testing.TestKeys;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.web3j.abi.FunctionEncoder;
import org.web3j.abi.FunctionReturnDecoder;
import org.web3j.abi.TypeReference;
import org.web3j.abi.datatypes.Bool;
import org.web3j.abi.datatypes.DynamicArray;
import org.web3j.abi.datatypes.Function;
import org.web3j.abi.datatypes.Type;
import org.web3j.abi.datatypes.generated.Uint256;
import org.web3j.protocol.core.DefaultBlockParameterName;
import org.web3j.protocol.core.methods.request.Transaction;
import org.web3j.protocol.core.methods.response.EthCall;

/**
 * The property of docs/spec.md "Positions": a word is a position for the contract ({@code
 * UtxoPosLib.isValid}, through the test harness contract on a real anvil) exactly when it is one
 * for the Java core ({@link UtxoPos#fromBigInteger}), and both read the same fields from it, which
 * encode it back. Over seeded random words of every bit length 0..256 and the edge words.
 */
class UtxoPosContractIT {
  private static final PrivateKey DEPLOYER = TestKeys.ALICE;
  private static final Path HARNESS_BIN = Path.of("out/UtxoPosHarness.sol/UtxoPosHarness.bin");
  private static final int WORDS_PER_SEED = 2_000;
  private static final int WORDS_PER_CALL = 250;

  private static AnvilChain l1;
  private static Address harness;

  @BeforeAll
  static void deploy() throws IOException {
    l1 = AnvilChain.start(DEPLOYER, Duration.ofSeconds(100), BigInteger.ONE);
    harness = l1.deploy(DEPLOYER, Files.readString(HARNESS_BIN).strip());
  }

  @AfterAll
  static void stop() {
    if (l1 != null) {
      l1.close();
    }
  }

  @Test
  void maxBlknum_isTheCores() {
    Function max = new Function("maxBlknum", List.of(), List.of(new TypeReference<Uint256>() {}));
    assertThat(decode(call(max), max).get(0).getValue())
        .isEqualTo(BigInteger.valueOf(UtxoPos.MAX_BLKNUM));
  }

  @Test
  void contractAndCore_agreeOnTheEdgeWords() {
    List<BigInteger> words = PositionWords.edgeWords().toList();
    assertAgree(words, "edge words");
    for (long valid : PositionWords.VALID_EDGES) {
      assertThat(UtxoPos.fromLong(valid)).as("%d", valid).isPresent();
    }
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 0x504c41534d41L})
  void contractAndCore_agreeOnRandomWordsOfEveryLength(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    List<BigInteger> words = new ArrayList<>();
    for (int i = 0; i < WORDS_PER_SEED; i++) {
      words.add(PositionWords.randomWord(random));
    }
    assertAgree(words, "seed " + seed);
  }

  private static void assertAgree(List<BigInteger> words, String where) {
    for (int from = 0; from < words.size(); from += WORDS_PER_CALL) {
      List<BigInteger> chunk = words.subList(from, Math.min(words.size(), from + WORDS_PER_CALL));
      List<Verdict> verdicts = parseAll(chunk);
      for (int i = 0; i < chunk.size(); i++) {
        assertAgree(chunk.get(i), verdicts.get(i), where);
      }
    }
  }

  private static void assertAgree(BigInteger word, Verdict contract, String where) {
    Optional<UtxoPos> core = UtxoPos.fromBigInteger(word);
    assertThat(core.isPresent()).as("%s: word %s", where, word).isEqualTo(contract.valid());
    if (core.isPresent()) {
      UtxoPos pos = core.get();
      assertThat(List.of(contract.blknum(), contract.txindex(), contract.oindex()))
          .as("%s: fields of %s", where, word)
          .containsExactly(
              BigInteger.valueOf(pos.blknum()),
              BigInteger.valueOf(pos.txindex()),
              BigInteger.valueOf(pos.oindex()));
      assertThat(BigInteger.valueOf(pos.toLong())).as("%s: round trip", where).isEqualTo(word);
    }
  }

  /** The contract's verdict on one word. */
  private record Verdict(boolean valid, BigInteger blknum, BigInteger txindex, BigInteger oindex) {}

  @SuppressWarnings({"rawtypes", "unchecked"})
  private static List<Verdict> parseAll(List<BigInteger> words) {
    Function parseAll =
        new Function(
            "parseAll",
            List.of(new DynamicArray<>(Uint256.class, words.stream().map(Uint256::new).toList())),
            List.of(
                new TypeReference<DynamicArray<Bool>>() {},
                new TypeReference<DynamicArray<Uint256>>() {},
                new TypeReference<DynamicArray<Uint256>>() {},
                new TypeReference<DynamicArray<Uint256>>() {}));
    List<Type> out = decode(call(parseAll), parseAll);
    List<Bool> valid = ((DynamicArray<Bool>) out.get(0)).getValue();
    List<Uint256> blknums = ((DynamicArray<Uint256>) out.get(1)).getValue();
    List<Uint256> txindexes = ((DynamicArray<Uint256>) out.get(2)).getValue();
    List<Uint256> oindexes = ((DynamicArray<Uint256>) out.get(3)).getValue();
    List<Verdict> verdicts = new ArrayList<>(words.size());
    for (int i = 0; i < words.size(); i++) {
      verdicts.add(
          new Verdict(
              valid.get(i).getValue(),
              blknums.get(i).getValue(),
              txindexes.get(i).getValue(),
              oindexes.get(i).getValue()));
    }
    return verdicts;
  }

  private static String call(Function function) {
    try {
      EthCall result =
          l1.web3j()
              .ethCall(
                  Transaction.createEthCallTransaction(
                      DEPLOYER.address().toHex(),
                      harness.toHex(),
                      FunctionEncoder.encode(function)),
                  DefaultBlockParameterName.LATEST)
              .send();
      assertThat(result.hasError()).as("eth_call %s", function.getName()).isFalse();
      return result.getValue();
    } catch (IOException e) {
      throw new IllegalStateException("eth_call " + function.getName(), e);
    }
  }

  @SuppressWarnings("rawtypes")
  private static List<Type> decode(String data, Function function) {
    return FunctionReturnDecoder.decode(data, function.getOutputParameters());
  }
}
