package io.plasmanode.exitgame;

import static io.plasmanode.exitgame.RandomChain.BLOCK;
import static org.assertj.core.api.Assertions.assertThat;

import io.plasmanode.core.l1.BlockCommitment;
import io.plasmanode.core.ledger.BlockApplier;
import io.plasmanode.core.ledger.VerifiedTransaction;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

/**
 * Random valid blocks always validate with core's delta; a block with any one byte changed never
 * validates with a different delta.
 */
class BlockValidatorPropertyTest {
  private final BlockValidator validator = new BlockValidator(ChainFixture.CHECKER);

  @Provide
  Arbitrary<RandomChain.Plan> plans() {
    return RandomChain.plans();
  }

  @Property(tries = 40)
  void validBlock_validates_withTheDeltaOfCoresBlockApplier(
      @ForAll("plans") RandomChain.Plan plan) {
    RandomChain.Built chain = RandomChain.build(plan);
    BlockCommitment commitment = ChainFixture.commitment(BLOCK, chain.signedTxs());

    var valid =
        (BlockValidation.Valid) validator.validate(commitment, chain.signedTxs(), chain.view());

    assertThat(valid.delta())
        .isEqualTo(BlockApplier.apply(chain.view(), BLOCK, valid.transactions()).get());
    int inputs =
        valid.transactions().stream().mapToInt(vtx -> vtx.signed().tx().inputs().size()).sum();
    assertThat(valid.spends()).hasSize(inputs);
    for (SpendRecord spend : valid.spends()) {
      VerifiedTransaction vtx = valid.transactions().get(spend.txIndex());
      assertThat(vtx.signers().get(spend.inputIndex()))
          .isEqualTo(chain.owners().get(spend.spentPos()));
    }
  }

  @Property(tries = 60)
  void mutatedByte_neverValidatesWithADifferentDelta(
      @ForAll("plans") RandomChain.Plan plan,
      @ForAll @IntRange(min = 0, max = 1000) int txPick,
      @ForAll @IntRange(min = 0, max = 100_000) int bytePick,
      @ForAll @IntRange(min = 1, max = 255) int xor) {
    RandomChain.Built chain = RandomChain.build(plan);
    BlockCommitment commitment = ChainFixture.commitment(BLOCK, chain.signedTxs());
    var original =
        (BlockValidation.Valid) validator.validate(commitment, chain.signedTxs(), chain.view());
    List<byte[]> mutated = new ArrayList<>(chain.signedTxs());
    int txIndex = txPick % mutated.size();
    byte[] tx = mutated.get(txIndex).clone();
    tx[bytePick % tx.length] ^= (byte) xor;
    mutated.set(txIndex, tx);

    BlockValidation result = validator.validate(commitment, mutated, chain.view());

    Statistics.label("outcome").collect(outcome(result));
    if (result instanceof BlockValidation.Valid valid) {
      assertThat(valid.delta()).isEqualTo(original.delta());
    }
    if (result instanceof BlockValidation.InvalidTransaction invalid) {
      assertThat(invalid.txIndex()).isEqualTo(txIndex);
      assertThat(invalid.blame()).isEqualTo(BlockValidation.Blame.PEER_OR_OPERATOR);
    }
  }

  private static String outcome(BlockValidation result) {
    return switch (result) {
      case BlockValidation.Valid valid -> "valid";
      case BlockValidation.RootMismatch mismatch -> "root_mismatch";
      case BlockValidation.InvalidTransaction invalid -> invalid.rejection().code();
    };
  }
}
