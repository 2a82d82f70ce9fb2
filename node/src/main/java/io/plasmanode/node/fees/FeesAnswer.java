package io.plasmanode.node.fees;

import com.fasterxml.jackson.databind.JsonNode;
import io.plasmanode.core.fees.FeeTable;

/**
 * Reads a {@code plasma_getFees} answer (docs/json-rpc.md) into the fee table: the fee-specs shape
 * ({@link FeeSpecsParser}), or an empty object from an operator that charges no fees.
 */
public final class FeesAnswer {
  private FeesAnswer() {}

  /**
   * The table {@code answer} holds.
   *
   * @throws IllegalArgumentException naming what is malformed
   */
  public static FeeTable read(JsonNode answer) {
    if (answer.isObject() && answer.isEmpty()) {
      return FeeTable.NONE;
    }
    return switch (FeeSpecsParser.parse(answer.toString())) {
      case FeeSpecsParser.Parsed parsed -> parsed.table();
      case FeeSpecsParser.Malformed malformed ->
          throw new IllegalArgumentException(malformed.reason());
    };
  }
}
