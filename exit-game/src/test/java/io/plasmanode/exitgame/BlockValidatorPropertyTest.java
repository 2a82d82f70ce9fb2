package io.plasmanode.exitgame;

import static io.plasmanode.exitgame.RandomChain.BLOCK;
import static org.assertj.core.api.Assertions.assertThat;

import io.plasmanode.core.l1.BlockCommitment;
import io.plasmanode.core.ledger.BlockApplier;
import io.plasmanode.core.ledger.VerifiedTransaction;
import io.plasmanode.core.testing.Cases;
import io.plasmanode.core.testing.Gen;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Random valid blocks always validate with core's delta; a block with any one byte changed never
 * validates with a different delta.
 */
class BlockValidatorPropertyTest {
  private final BlockValidator validator = new BlockValidator(ChainFixture.CHECKER);

  @Test
  void validBlock_validates_withTheDeltaOfCoresBlockApplier() {
    Cases.check(
        40,
        gen -> {
          RandomChain.Built chain = RandomChain.build(RandomChain.plan(gen));
          BlockCommitment commitment = ChainFixture.commitment(BLOCK, chain.signedTxs());

          var valid =
              (BlockValidation.Valid)
                  validator.validate(commitment, chain.signedTxs(), chain.view());

          assertThat(valid.delta())
              .isEqualTo(BlockApplier.apply(chain.view(), BLOCK, valid.transactions()).get());
          int inputs =
              valid.transactions().stream()
                  .mapToInt(vtx -> vtx.signed().tx().inputs().size())
                  .sum();
          assertThat(valid.spends()).hasSize(inputs);
          for (SpendRecord spend : valid.spends()) {
            VerifiedTransaction vtx = valid.transactions().get(spend.txIndex());
            assertThat(vtx.signers().get(spend.inputIndex()))
                .isEqualTo(chain.owners().get(spend.spentPos()));
          }
        });
  }

  @Test
  void mutatedByte_neverValidatesWithADifferentDelta() {
    Cases.check(60, this::mutatedByte_neverValidatesWithADifferentDelta);
  }

  private void mutatedByte_neverValidatesWithADifferentDelta(Gen gen) {
    RandomChain.Built chain = RandomChain.build(RandomChain.plan(gen));
    BlockCommitment commitment = ChainFixture.commitment(BLOCK, chain.signedTxs());
    var original =
        (BlockValidation.Valid) validator.validate(commitment, chain.signedTxs(), chain.view());
    List<byte[]> mutated = new ArrayList<>(chain.signedTxs());
    int txIndex = gen.intBetween(0, 1000) % mutated.size();
    byte[] tx = mutated.get(txIndex).clone();
    tx[gen.intBetween(0, 100_000) % tx.length] ^= (byte) gen.intBetween(1, 255);
    mutated.set(txIndex, tx);

    BlockValidation result = validator.validate(commitment, mutated, chain.view());

    if (result instanceof BlockValidation.Valid valid) {
      assertThat(valid.delta()).isEqualTo(original.delta());
    }
    if (result instanceof BlockValidation.InvalidTransaction invalid) {
      assertThat(invalid.txIndex()).isEqualTo(txIndex);
      assertThat(invalid.blame()).isEqualTo(BlockValidation.Blame.PEER_OR_OPERATOR);
    }
  }
}
