package io.plasmanode.node.watcher;

import static io.plasmanode.core.testing.TestKeys.ALICE;
import static io.plasmanode.node.watcher.InFlightWatcherFixture.A;
import static io.plasmanode.node.watcher.InFlightWatcherFixture.A_OUT;
import static io.plasmanode.node.watcher.InFlightWatcherFixture.B;
import static io.plasmanode.node.watcher.InFlightWatcherFixture.BOBS_DOUBLE_SPEND;
import static io.plasmanode.node.watcher.InFlightWatcherFixture.B_OUT;
import static io.plasmanode.node.watcher.InFlightWatcherFixture.CONFIG;
import static io.plasmanode.node.watcher.InFlightWatcherFixture.EXIT_TX;
import static io.plasmanode.node.watcher.InFlightWatcherFixture.ID;
import static io.plasmanode.node.watcher.InFlightWatcherFixture.T0;
import static io.plasmanode.node.watcher.InFlightWatcherFixture.eth;
import static io.plasmanode.node.watcher.InFlightWatcherFixture.sign;
import static org.assertj.core.api.Assertions.assertThat;

import io.plasmanode.core.l1.BlockCommitment;
import io.plasmanode.core.ledger.Utxo;
import io.plasmanode.core.ledger.UtxoDelta;
import io.plasmanode.core.tx.PaymentTransaction;
import io.plasmanode.core.tx.SignedTransaction;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Hash32;
import io.plasmanode.core.validation.Rejection;
import io.plasmanode.exitgame.ByzantineEvent;
import io.plasmanode.exitgame.inflight.ChainPosition;
import io.plasmanode.storage.chain.ChainStore;
import io.plasmanode.storage.chain.StoredBlock;
import io.plasmanode.storage.kv.InMemoryKeyValueStore;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * W2: a spend of an in-flight exit's input by another tx, in a block committed once no canonicity
 * challenge can land, while L1 holds the exit canonical, is {@code invalid_block} ({@code
 * utxo_exiting}), once; the exit's own tx, an earlier block, or an exit L1 holds non-canonical is
 * not.
 */
class ExitingSpendCheckTest {
  private static final Instant DEADLINE = CONFIG.phaseOneDeadline(T0);

  private final InMemoryKeyValueStore kv = new InMemoryKeyValueStore();
  private final ChainStore chain = new ChainStore(kv);
  private WatcherState state;
  private ExitingSpendCheck check;

  @BeforeEach
  void setUp() {
    state = InFlightWatcherFixture.state(kv);
    check = new ExitingSpendCheck(chain, state, new WatcherStore(kv));
    chain.applyDeposit(new Utxo(A, A_OUT), 10);
    chain.applyDeposit(new Utxo(B, B_OUT), 11);
    state.inFlight().started(ID, EXIT_TX, List.of(A_OUT, B_OUT), T0);
    state.save();
  }

  private void commit(long blknum, Instant committedAt, SignedTransaction tx) {
    List<Utxo> created = List.of(new Utxo(new UtxoPos(blknum, 0, 0), tx.tx().outputs().get(0)));
    Map<UtxoPos, Integer> spentBy = Map.of(tx.tx().inputs().get(0), 0);
    chain.commitBlock(
        StoredBlock.of(blknum, List.of(tx), committedAt),
        new UtxoDelta(tx.tx().inputs(), created, spentBy));
    state.saveL1Progress(
        blknum, List.of(new BlockCommitment(blknum, Hash32.ZERO, committedAt)), List.of());
  }

  private List<ByzantineEvent> events() {
    return new WatcherStore(kv).events().stream().map(s -> s.recorded().event()).toList();
  }

  @Test
  void otherSpendOfAnInput_committedAfterTheDeadline_isInvalidBlock_once() {
    commit(1000, DEADLINE, BOBS_DOUBLE_SPEND);
    check.check(DEADLINE);
    check.check(DEADLINE.plusSeconds(1));
    new ExitingSpendCheck(chain, state, new WatcherStore(kv)).check(DEADLINE.plusSeconds(2));

    assertThat(events())
        .singleElement()
        .isInstanceOfSatisfying(
            ByzantineEvent.InvalidBlock.class,
            invalid -> {
              assertThat(invalid.blknum()).isEqualTo(1000);
              assertThat(invalid.rejection()).isEqualTo(Rejection.UTXO_EXITING);
              assertThat(invalid.detail()).contains(ID.toString());
            });
    assertThat(state.halted()).isTrue();
  }

  @Test
  void otherSpendCommittedBeforeTheDeadline_isTheCanonicityGamesBusiness() {
    commit(1000, DEADLINE.minusSeconds(1), BOBS_DOUBLE_SPEND);
    check.check(DEADLINE.plusSeconds(60));

    assertThat(events()).isEmpty();
  }

  @Test
  void theExitsOwnTx_mayBeIncludedAnyTime() {
    commit(1000, DEADLINE.plusSeconds(60), EXIT_TX);
    check.check(DEADLINE.plusSeconds(60));

    assertThat(events()).isEmpty();
  }

  @Test
  void aLateSpend_ofAnExitL1HoldsNonCanonical_paysNoOutputTwice() {
    state.inFlight().challenged(ID, 1, ChainPosition.IN_FLIGHT);
    SignedTransaction alicesOther =
        sign(PaymentTransaction.transfer(List.of(A), List.of(eth(ALICE, 100))), ALICE);
    commit(1000, DEADLINE.plusSeconds(60), alicesOther);
    check.check(DEADLINE.plusSeconds(60));

    assertThat(events()).isEmpty();
  }
}
