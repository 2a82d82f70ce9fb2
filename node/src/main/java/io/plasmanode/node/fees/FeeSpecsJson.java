package io.plasmanode.node.fees;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.plasmanode.core.fees.FeeSpec;
import io.plasmanode.core.fees.FeeTable;
import io.plasmanode.core.types.Address;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;

/**
 * A fee table in the fee-specs shape ({@link FeeSpecsParser}): the answer of {@code plasma_getFees}
 * and the text of a fee-specs file. Tx types and tokens are sorted, tokens in lower-case hex.
 */
public final class FeeSpecsJson {
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private FeeSpecsJson() {}

  /** One fee spec, amounts as decimal strings. */
  public record Spec(
      String amount, @JsonProperty("subunit_to_unit") String subunitToUnit, String symbol) {
    static Spec of(FeeSpec spec) {
      return new Spec(spec.amount().toString(), spec.subunitToUnit().toString(), spec.symbol());
    }
  }

  /** Tx type to token to spec, for Jackson. */
  public static Map<String, Map<String, Spec>> tree(FeeTable table) {
    return tree(table, null);
  }

  /**
   * As {@link #tree(FeeTable)}, with only the tokens in {@code tokens} (all when null); a tx type
   * left without a token is left out.
   */
  public static Map<String, Map<String, Spec>> tree(FeeTable table, Collection<Address> tokens) {
    Map<String, Map<String, Spec>> byTxType = new TreeMap<>();
    table
        .byTxType()
        .forEach(
            (txType, byToken) -> {
              Map<String, Spec> specs = new TreeMap<>();
              byToken.forEach(
                  (token, spec) -> {
                    if (tokens == null || tokens.contains(token)) {
                      specs.put(token.toHex(), Spec.of(spec));
                    }
                  });
              if (!specs.isEmpty()) {
                byTxType.put(Integer.toString(txType), specs);
              }
            });
    return byTxType;
  }

  /** The fee-specs file text of {@code table}, which {@link FeeSpecsParser} parses back. */
  public static String text(FeeTable table) {
    try {
      return JSON.writeValueAsString(tree(table)) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a fee table always serializes", e);
    }
  }
}
