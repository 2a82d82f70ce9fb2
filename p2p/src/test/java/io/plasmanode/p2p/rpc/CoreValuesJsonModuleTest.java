package io.plasmanode.p2p.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.plasmanode.core.tx.Signature;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Hash32;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Core's values in JSON-RPC answers: written as docs/json-rpc.md says, read back to the same. */
class CoreValuesJsonModuleTest {
  /** A record as a server answers it. */
  record Answer(Address owner, Hash32 txHash, UtxoPos utxoPos, Signature signature) {}

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
  void values_roundTrip_asLowerCaseHexAndDecimalStrings(long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    for (int i = 0; i < 200; i++) {
      Answer answer =
          new Answer(
              Address.of(bytes(random, Address.SIZE)),
              Hash32.of(bytes(random, Hash32.SIZE)),
              new UtxoPos(
                  random.nextLong(1, UtxoPos.MAX_BLKNUM + 1),
                  random.nextInt(UtxoPos.MAX_TXS_PER_BLOCK),
                  random.nextInt(UtxoPos.MAX_OUTPUTS)),
              Signature.of(bytes(random, Signature.SIZE)));

      JsonNode json = JsonRpcJson.MAPPER.valueToTree(answer);

      assertThat(json.get("owner").textValue())
          .as("seed %s", seed)
          .isEqualTo(answer.owner().toHex());
      assertThat(json.get("txHash").textValue()).isEqualTo(answer.txHash().toHex());
      assertThat(json.get("utxoPos").textValue()).isEqualTo(answer.utxoPos().toString());
      assertThat(json.get("signature").textValue()).isEqualTo(answer.signature().toHex());
      assertThat(JsonRpcClient.read("m", json, Answer.class)).as("seed %s", seed).isEqualTo(answer);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"0x12", "12", "not hex", "0x" + "zz"})
  void aMalformedAddress_isAResultError(String text) {
    assertThatThrownBy(() -> JsonRpcClient.read("m", new TextNode(text), Address.class))
        .isInstanceOf(JsonRpcResultException.class)
        .hasMessageContaining("which is not a Address");
  }

  @ParameterizedTest
  @ValueSource(strings = {"-1", "1.5", "x", "99999999999999999999", "1000000004"})
  void aMalformedUtxoPos_isAResultError(String text) {
    assertThatThrownBy(() -> JsonRpcClient.read("m", new TextNode(text), UtxoPos.class))
        .isInstanceOf(JsonRpcResultException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"1000000", "0"})
  void aUtxoPosAsANumber_isAResultError_forTheDocsSayDecimalString(String number) {
    JsonNode json = JsonRpcJson.MAPPER.valueToTree(List.of(Long.parseLong(number))).get(0);
    assertThatThrownBy(() -> JsonRpcClient.read("m", json, UtxoPos.class))
        .isInstanceOf(JsonRpcResultException.class);
  }

  private static byte[] bytes(SplittableRandom random, int size) {
    byte[] bytes = new byte[size];
    random.nextBytes(bytes);
    return bytes;
  }
}
