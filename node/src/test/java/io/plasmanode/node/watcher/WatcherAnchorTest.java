package io.plasmanode.node.watcher;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plasmanode.core.eip712.Eip712Domain;
import io.plasmanode.core.eip712.TransactionSigner;
import io.plasmanode.core.l1.BlockCommitment;
import io.plasmanode.core.ledger.UtxoDelta;
import io.plasmanode.core.testing.TestKeys;
import io.plasmanode.core.tx.Output;
import io.plasmanode.core.tx.PaymentTransaction;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Hash32;
import io.plasmanode.exitgame.WithholdingDetector.PendingRoot;
import io.plasmanode.storage.chain.ChainStore;
import io.plasmanode.storage.chain.StoredBlock;
import io.plasmanode.storage.kv.InMemoryKeyValueStore;
import java.math.BigInteger;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class WatcherAnchorTest {
  private static final Address CONTRACT =
      Address.fromHex("0x5fbdb2315678afecb367f032d93f642f64180aa3");
  private static final Instant T = Instant.parse("2025-06-07T08:09:10Z");

  private final InMemoryKeyValueStore kv = new InMemoryKeyValueStore();
  private final ChainStore chain = new ChainStore(kv);
  private final WatcherStore store = new WatcherStore(kv);
  private final Map<Long, BlockCommitment> l1 = new HashMap<>();

  private void check() {
    WatcherAnchor.check(chain, store, CONTRACT, blknum -> Optional.ofNullable(l1.get(blknum)));
  }

  /** Validates block 1000 (one transfer) and returns its root. */
  private Hash32 validateBlock1000() {
    PaymentTransaction tx =
        new PaymentTransaction(
            List.of(new UtxoPos(1, 0, 0)),
            List.of(new Output(TestKeys.BOB.address(), Address.ZERO, BigInteger.TEN)),
            Hash32.ZERO);
    StoredBlock block =
        StoredBlock.of(
            1000,
            List.of(
                new TransactionSigner(new Eip712Domain(CONTRACT, 31337))
                    .sign(tx, List.of(TestKeys.ALICE))),
            T);
    chain.commitBlock(block, new UtxoDelta(List.of(), List.of()));
    return block.root();
  }

  private void seeRootPending(long blknum, Hash32 root) {
    store.save(
        new WatcherStore.Update(
            OptionalLong.empty(),
            List.of(new BlockCommitment(blknum, root, T)),
            List.of(),
            List.of(new PendingRoot(blknum, T, T, false)),
            List.of(),
            Map.of(),
            List.of()));
  }

  @Test
  void anEmptyDatabase_fitsAnyContract() {
    assertThatCode(this::check).doesNotThrowAnyException();
  }

  @Test
  void validatedBlockAndPendingRootsOnL1_pass() {
    Hash32 root = validateBlock1000();
    Hash32 next = Hash32.fromHex("0x" + "22".repeat(32));
    seeRootPending(2000, next);
    l1.put(1000L, new BlockCommitment(1000, root, T));
    l1.put(2000L, new BlockCommitment(2000, next, T));

    assertThatCode(this::check).doesNotThrowAnyException();
  }

  @Test
  void aValidatedBlockTheContractDoesNotHave_refuses() {
    validateBlock1000();

    assertThatThrownBy(this::check)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("validated block 1000")
        .hasMessageContaining("has no block 1000")
        .hasMessageContaining("fresh --data-dir");
  }

  @Test
  void aValidatedBlockWithAnotherRootOnL1_refuses() {
    validateBlock1000();
    Hash32 other = Hash32.fromHex("0x" + "33".repeat(32));
    l1.put(1000L, new BlockCommitment(1000, other, T));

    assertThatThrownBy(this::check)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("validated block 1000 with root")
        .hasMessageContaining("holds root " + other.toShortHex())
        .hasMessageContaining("finality-margin");
  }

  @Test
  void aPendingRootL1NoLongerHolds_refuses() {
    Hash32 root = validateBlock1000();
    l1.put(1000L, new BlockCommitment(1000, root, T));
    seeRootPending(2000, Hash32.fromHex("0x" + "44".repeat(32)));

    assertThatThrownBy(this::check)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("root seen for block 2000")
        .hasMessageContaining("has no block 2000");
  }
}
