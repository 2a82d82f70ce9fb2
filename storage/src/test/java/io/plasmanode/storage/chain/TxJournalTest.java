package io.plasmanode.storage.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plasmanode.core.testing.TestKeys;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Hash32;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TxJournalTest {
  private static final Address ALICE = TestKeys.ALICE.address();
  private static final Address BOB = TestKeys.BOB.address();

  private static JournaledTxs.Tx tx(int seed, Address... signers) {
    byte[] bytes = new byte[40 + seed];
    bytes[0] = (byte) seed;
    Hash32 hash = Hash32.of(java.util.Arrays.copyOf(new byte[] {(byte) seed, 7}, 32));
    return new JournaledTxs.Tx(TxBytes.ofDecoded(hash, bytes), List.of(signers));
  }

  private static List<JournaledTxs> all(TxJournal journal, long above) {
    List<JournaledTxs> entries = new ArrayList<>();
    journal.forEachAbove(above, entries::add);
    return entries;
  }

  @Test
  void entriesComeBackInAcceptanceOrderWithTheirSigners(@TempDir Path dir) {
    JournaledTxs a = new JournaledTxs(1000, 0, List.of(tx(1, ALICE), tx(2, ALICE, BOB)));
    JournaledTxs b = new JournaledTxs(1000, 2, List.of(tx(3, BOB)));
    JournaledTxs c = new JournaledTxs(2000, 0, List.of(tx(4)));
    JournaledTxs d = new JournaledTxs(256_000, 300, List.of(tx(5, BOB, ALICE, BOB, ALICE)));
    try (TxJournal journal = TxJournal.open(dir)) {
      journal.append(List.of(c, a));
      journal.append(List.of(d, b));
    }
    try (TxJournal reopened = TxJournal.open(dir)) {
      assertThat(all(reopened, 0)).containsExactly(a, b, c, d);
      assertThat(all(reopened, 1000)).containsExactly(c, d);
    }
  }

  @Test
  void forgetAndForgetThrough_deleteExactlyThoseEntries() {
    TxJournal journal = TxJournal.inMemory();
    JournaledTxs a = new JournaledTxs(1000, 0, List.of(tx(1, ALICE)));
    JournaledTxs b = new JournaledTxs(2000, 0, List.of(tx(2, ALICE)));
    JournaledTxs c = new JournaledTxs(2000, 1, List.of(tx(3, ALICE)));
    JournaledTxs d = new JournaledTxs(3000, 0, List.of(tx(4, ALICE)));
    JournaledTxs e = new JournaledTxs(20_000, 0, List.of(tx(5, ALICE)));
    journal.append(List.of(a, b, c, d, e));

    journal.forget(2000, List.of(1));
    assertThat(all(journal, 0)).containsExactly(a, b, d, e);
    journal.forget(2000, List.of(0, 7));
    assertThat(all(journal, 0)).containsExactly(a, d, e);

    journal.forgetThrough(3000);
    assertThat(all(journal, 0)).containsExactly(e);
  }

  @Test
  void entries_mustBeAChildBlockWithTxsInside() {
    assertThatThrownBy(() -> new JournaledTxs(1, 0, List.of(tx(1))))
        .hasMessageContaining("not a child block");
    assertThatThrownBy(() -> new JournaledTxs(1000, 0, List.of()))
        .hasMessageContaining("no transactions");
    assertThatThrownBy(() -> new JournaledTxs(1000, 65_536, List.of(tx(1))))
        .hasMessageContaining("txindex");
  }
}
