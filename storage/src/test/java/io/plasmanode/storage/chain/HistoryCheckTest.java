package io.plasmanode.storage.chain;

import static io.plasmanode.storage.chain.ChainFixture.ALICE;
import static io.plasmanode.storage.chain.ChainFixture.BOB;
import static io.plasmanode.storage.chain.ChainFixture.CAROL;
import static io.plasmanode.storage.chain.ChainFixture.ETH;
import static org.assertj.core.api.Assertions.assertThat;

import io.plasmanode.core.types.Hash32;
import io.plasmanode.storage.chain.ChainProblem.Kind;
import io.plasmanode.storage.kv.InMemoryKeyValueStore;
import io.plasmanode.storage.kv.KeyValueStore;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@link ChainCheck} of the account history, on the chain of {@link TestChains}. */
class HistoryCheckTest {
  private final InMemoryKeyValueStore kv = new InMemoryKeyValueStore();

  HistoryCheckTest() {
    TestChains.writeConsistentChain(kv);
  }

  private ChainCheckReport check(ChainCheckMode mode) {
    return ChainCheck.run(kv, mode, 100);
  }

  private static List<Kind> kinds(ChainCheckReport report) {
    return report.problems().stream().map(ChainProblem::kind).toList();
  }

  private static HistoryKey key(io.plasmanode.core.types.Address address, long blknum, int index) {
    return new HistoryKey(address, new TxLocation(blknum, index));
  }

  private HistoryEntry entry(HistoryKey key) {
    return ChainColumns.HISTORY.get(kv, key).orElseThrow();
  }

  private void put(HistoryKey key, HistoryEntry entry) {
    try (KeyValueStore.Transaction tx = kv.startTransaction()) {
      ChainColumns.HISTORY.put(tx, key, entry);
      tx.commit();
    }
  }

  private void delete(HistoryKey key) {
    try (KeyValueStore.Transaction tx = kv.startTransaction()) {
      ChainColumns.HISTORY.delete(tx, key);
      tx.commit();
    }
  }

  @Test
  void consistentChain_hasNoHistoryProblem_inEitherCheck() {
    assertThat(check(ChainCheckMode.FULL).problems()).isEmpty();
    assertThat(check(ChainCheckMode.QUICK).problems()).isEmpty();
  }

  @Test
  void missingEntryOfTheLastBlock_isFoundByTheFullAndTheQuickCheck() {
    delete(key(ALICE, 3000, 0));

    for (ChainCheckMode mode : List.of(ChainCheckMode.FULL, ChainCheckMode.QUICK)) {
      assertThat(check(mode).problems())
          .as("%s check", mode)
          .containsExactly(
              new ChainProblem(
                  Kind.HISTORY_MISSING,
                  "history of " + ALICE.toHex(),
                  "has no entry for 3000:0, although it received an output of tx 3000:0"));
    }
  }

  @Test
  void missingEntryOfAnOlderBlock_isFoundByTheFullCheck() {
    delete(key(BOB, 1000, 0));

    assertThat(kinds(check(ChainCheckMode.FULL))).containsExactly(Kind.HISTORY_MISSING);
  }

  @Test
  void missingEntryOfAnUnspentDeposit_isFoundByBothChecks() {
    delete(key(BOB, 3001, 0));

    assertThat(kinds(check(ChainCheckMode.FULL))).containsExactly(Kind.HISTORY_MISSING);
    assertThat(kinds(check(ChainCheckMode.QUICK))).containsExactly(Kind.HISTORY_MISSING);
  }

  @Test
  void entryWithAnotherAmount_isWrong() {
    HistoryKey bobs = key(BOB, 2000, 0);
    HistoryEntry stored = entry(bobs);
    put(
        bobs,
        new HistoryEntry(
            stored.txHash(),
            stored.sent(),
            new java.util.TreeMap<>(Map.of(ETH, BigInteger.valueOf(31))),
            stored.counterparties()));

    assertThat(check(ChainCheckMode.FULL).problems())
        .singleElement()
        .satisfies(
            problem -> {
              assertThat(problem.kind()).isEqualTo(Kind.HISTORY_WRONG);
              assertThat(problem.where()).isEqualTo("history entry " + BOB.toHex() + " 2000:0");
              assertThat(problem.detail()).startsWith("says it received");
            });
  }

  @Test
  void entryNamingAnotherTransaction_isWrong_inBothChecks() {
    nameAnotherTransaction(key(CAROL, 3000, 0));

    assertThat(kinds(check(ChainCheckMode.FULL))).containsExactly(Kind.HISTORY_WRONG);
    nameAnotherTransaction(key(ALICE, 3000, 0));
    assertThat(kinds(check(ChainCheckMode.QUICK)))
        .as("the receiver's entry, looked up by the quick check")
        .containsExactly(Kind.HISTORY_WRONG);
  }

  private void nameAnotherTransaction(HistoryKey key) {
    HistoryEntry stored = entry(key);
    put(
        key,
        new HistoryEntry(
            Optional.of(Hash32.ZERO), stored.sent(), stored.received(), stored.counterparties()));
  }

  @Test
  void entryWhereNothingHappened_isWrong() {
    HistoryEntry carols = entry(key(CAROL, 3000, 0));
    put(key(CAROL, 5000, 0), carols);
    put(key(CAROL, 4001, 0), entry(key(BOB, 3001, 0)));

    assertThat(check(ChainCheckMode.FULL).problems())
        .extracting(ChainProblem::detail)
        .containsExactlyInAnyOrder("is at no stored transaction", "is at no applied deposit");
  }

  @Test
  void corruptEntry_isReportedAsUnreadable() {
    byte[] rawKey = ChainColumns.HISTORY.key(key(BOB, 1000, 1));
    try (KeyValueStore.Transaction tx = kv.startTransaction()) {
      tx.put(rawKey, new byte[] {1, 1, 7});
      tx.commit();
    }

    ChainCheckReport report = check(ChainCheckMode.FULL);

    assertThat(kinds(report)).containsExactly(Kind.UNREADABLE_ENTRY);
    assertThat(kinds(check(ChainCheckMode.QUICK))).isEmpty();
    assertThat(report.problems().getFirst().where()).startsWith("history ");
  }

  @Test
  void corruptEntryOfTheLastBlock_isReportedOnceByTheQuickCheck() {
    byte[] rawKey = ChainColumns.HISTORY.key(key(ALICE, 3000, 0));
    try (KeyValueStore.Transaction tx = kv.startTransaction()) {
      tx.put(rawKey, new byte[] {1, 0});
      tx.commit();
    }

    assertThat(kinds(check(ChainCheckMode.QUICK))).containsExactly(Kind.UNREADABLE_ENTRY);
    assertThat(kinds(check(ChainCheckMode.FULL))).containsExactly(Kind.UNREADABLE_ENTRY);
  }

  @Test
  void chainWrittenBeforeTheHistory_isOneProblemSayingSo() {
    TestChains.forgetHistory(kv);

    for (ChainCheckMode mode : List.of(ChainCheckMode.FULL, ChainCheckMode.QUICK)) {
      assertThat(check(mode).problems())
          .as("%s check", mode)
          .singleElement()
          .satisfies(
              problem -> {
                assertThat(problem.kind()).isEqualTo(Kind.HISTORY_NOT_KEPT);
                assertThat(problem.detail()).contains("written before the account history");
              });
    }
  }
}
