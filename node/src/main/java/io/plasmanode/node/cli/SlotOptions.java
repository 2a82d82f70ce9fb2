package io.plasmanode.node.cli;

import io.plasmanode.core.tx.PaymentTransaction;
import picocli.CommandLine.Option;

/**
 * Which slot of an in-flight exit's transaction: exactly one of {@code --input} and {@code
 * --output}.
 */
final class SlotOptions {
  @Option(names = "--input", paramLabel = "N", description = "Input N (0..3).")
  Integer input;

  @Option(names = "--output", paramLabel = "N", description = "Output N (0..3).")
  Integer output;

  boolean isInput() {
    return input != null;
  }

  int index() {
    return isInput() ? input : output;
  }

  /** {@code input 0}, {@code output 1}. */
  String name() {
    return (isInput() ? "input " : "output ") + index();
  }

  /** The slot, if {@code tx} has it; else a refusal naming how many it has. */
  void requireIn(PaymentTransaction tx) {
    int count = isInput() ? tx.inputs().size() : tx.outputs().size();
    if (index() < 0 || index() >= count) {
      throw new CliException(
          "the transaction has %d %s(s), numbered from 0: there is no %s (SlotNotFound)"
              .formatted(count, isInput() ? "input" : "output", name()));
    }
  }
}
