package io.plasmanode.core.rlp;

import io.plasmanode.core.testing.fuzz.ByteMutator;
import io.plasmanode.core.testing.fuzz.FuzzCampaign;
import io.plasmanode.core.testing.fuzz.FuzzOutcome;
import io.plasmanode.core.testing.fuzz.RlpTreeMutator;
import io.plasmanode.core.types.Hex;
import io.plasmanode.core.validation.Rejection;
import io.plasmanode.core.validation.ValidationResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes {@link RlpReader#decode}: random RLP trees (deeper than {@link RlpReader#MAX_DEPTH} now
 * and then), their byte and structure mutations, and random bytes. Properties: it never throws,
 * every rejection is one of the four RLP rejections, the unmutated encoding of a tree is accepted
 * exactly when it is shallow enough, and whatever is accepted re-encodes to the input bytes.
 */
class RlpFuzzTest {
  private static final int SHORT_TRIES = 50_000;
  private static final Set<Rejection> RLP_REJECTIONS =
      EnumSet.range(Rejection.RLP_TRUNCATED, Rejection.RLP_TOO_DEEP);

  /** An input; {@code depth} is the list depth of an unmutated tree, -1 for anything else. */
  record Input(byte[] bytes, int depth) {}

  @Test
  void decode_acceptsOnlyCanonicalEncodingsAndNamesEveryRejection() {
    FuzzCampaign.of("rlp-reader", SHORT_TRIES)
        .run(RlpFuzzTest::input, RlpFuzzTest::decode, input -> Hex.encode(input.bytes()));
  }

  static Input input(Random random) {
    int roll = random.nextInt(100);
    if (roll < 8) {
      return new Input(ByteMutator.randomBytes(random, 100), -1);
    }
    Tree tree = tree(random);
    byte[] encoded = tree.item().encode();
    if (roll < 18) {
      return new Input(encoded, tree.depth());
    }
    if (roll < 35) {
      return new Input(RlpTreeMutator.mutate(encoded, random), -1);
    }
    byte[] donor = tree(random).item().encode();
    return new Input(ByteMutator.mutate(encoded, donor, random), -1);
  }

  static FuzzOutcome decode(Input input) {
    ValidationResult<RlpItem> result = RlpReader.decode(input.bytes());
    boolean shallow = input.depth() >= 0 && input.depth() <= RlpReader.MAX_DEPTH;
    if (result instanceof ValidationResult.Valid<RlpItem>(RlpItem item)) {
      if (!Arrays.equals(reencode(item).encode(), input.bytes())) {
        throw new AssertionError("accepted bytes that are not the canonical encoding");
      }
      if (input.depth() > RlpReader.MAX_DEPTH) {
        throw new AssertionError("accepted lists nested " + input.depth() + " deep");
      }
      return FuzzOutcome.accepted(item.isList() ? "list" : "string");
    }
    ValidationResult.Invalid<RlpItem> invalid = (ValidationResult.Invalid<RlpItem>) result;
    if (!RLP_REJECTIONS.contains(invalid.reason()) || invalid.detail().isBlank()) {
      throw new AssertionError("rejected with " + invalid + ", not a named RLP rejection");
    }
    if (shallow) {
      throw new AssertionError("rejected the canonical encoding of a valid tree: " + invalid);
    }
    if (input.depth() > RlpReader.MAX_DEPTH && invalid.reason() != Rejection.RLP_TOO_DEEP) {
      throw new AssertionError("a tree " + input.depth() + " deep rejected with " + invalid);
    }
    return FuzzOutcome.rejected(invalid.reason().code());
  }

  /** The item written back with the writer; also reads every string as an integer. */
  private static RlpWriter.Item reencode(RlpItem item) {
    if (!item.isList()) {
      item.asInteger();
      return RlpWriter.bytes(item.bytes());
    }
    List<RlpWriter.Item> children = new ArrayList<>();
    for (RlpItem child : item.items()) {
      children.add(reencode(child));
    }
    return RlpWriter.list(children);
  }

  /** A generated tree and the depth of its lists (0 for a string). */
  record Tree(RlpWriter.Item item, int depth) {}

  /** A tree of at most about 200 items; one in twenty is a chain of lists 6 to 12 deep. */
  private static Tree tree(Random random) {
    if (random.nextInt(20) == 0) {
      return chain(random, 6 + random.nextInt(7));
    }
    return tree(random, 0, new int[] {200});
  }

  private static Tree tree(Random random, int level, int[] budget) {
    budget[0]--;
    if (level >= 5 || budget[0] <= 0 || random.nextInt(3) == 0) {
      return new Tree(RlpWriter.bytes(leaf(random)), 0);
    }
    int count = level < 2 && random.nextInt(10) == 0 ? 20 + random.nextInt(40) : random.nextInt(5);
    List<RlpWriter.Item> children = new ArrayList<>();
    int depth = 1;
    for (int i = 0; i < count && budget[0] > 0; i++) {
      Tree child = tree(random, level + 1, budget);
      children.add(child.item());
      depth = Math.max(depth, child.depth() + 1);
    }
    return new Tree(RlpWriter.list(children), depth);
  }

  /** Lists nested {@code depth} deep, with a few strings beside the inner lists. */
  private static Tree chain(Random random, int depth) {
    RlpWriter.Item item = RlpWriter.list();
    for (int level = 1; level < depth; level++) {
      item =
          random.nextBoolean()
              ? RlpWriter.list(item)
              : RlpWriter.list(RlpWriter.bytes(leaf(random)), item);
    }
    return new Tree(item, depth);
  }

  /** Strings around the encoding's boundaries: empty, one byte either side of 0x80, 55/56... */
  private static byte[] leaf(Random random) {
    int length =
        switch (random.nextInt(8)) {
          case 0 -> 0;
          case 1, 2 -> 1;
          case 3 -> 55 + random.nextInt(2);
          case 4 -> 250 + random.nextInt(10);
          case 5 -> random.nextInt(50) == 0 ? 65_536 + random.nextInt(10) : 1024;
          default -> random.nextInt(56);
        };
    byte[] bytes = new byte[length];
    random.nextBytes(bytes);
    return bytes;
  }
}
