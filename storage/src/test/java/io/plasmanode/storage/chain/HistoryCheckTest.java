package io.plasmanode.storage.chain;

import static io.plasmanode.storage.chain.ChainFixture.ALICE;
import static io.plasmanode.storage.chain.ChainFixture.BOB;
import static io.plasmanode.storage.chain.ChainFixture.CAROL;
import static io.plasmanode.storage.chain.ChainFixture.ETH;
import static org.assertj.core.api.Assertions.assertThat;

import io.plasmanode.core.tx.Output;
import io.plasmanode.core.types.Address;
import io.plasmanode.storage.chain.ChainProblem.Kind;
import io.plasmanode.storage.kv.InMemoryKeyValueStore;
import io.plasmanode.storage.kv.KeyValueStore;
import java.math.BigInteger;
import java.util.List;
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

  private static HistoryKey key(Address address, long blknum, int index) {
    return new HistoryKey(address, new TxLocation(blknum, index));
  }

  private void put(HistoryKey key) {
    try (KeyValueStore.Transaction tx = kv.startTransaction()) {
      ChainColumns.HISTORY.put(tx, key, Marker.PRESENT);
      tx.commit();
    }
  }

  private void delete(HistoryKey key) {
    try (KeyValueStore.Transaction tx = kv.startTransaction()) {
      ChainColumns.HISTORY.delete(tx, key);
      tx.commit();
    }
  }

  private void keepDepositOutput(long blknum, Output output) {
    try (KeyValueStore.Transaction tx = kv.startTransaction()) {
      ChainColumns.DEPOSIT_OUTPUTS.put(tx, blknum, output);
      tx.commit();
    }
  }

  private void forgetDepositOutput(long blknum) {
    try (KeyValueStore.Transaction tx = kv.startTransaction()) {
      ChainColumns.DEPOSIT_OUTPUTS.delete(tx, blknum);
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
  void missingEntryOfASpentDeposit_isFoundByTheFullCheck() {
    delete(key(ALICE, 1, 0));

    assertThat(check(ChainCheckMode.FULL).problems())
        .containsExactly(
            new ChainProblem(
                Kind.HISTORY_MISSING,
                "history of " + ALICE.toHex(),
                "has no entry for 1:0, although it made deposit 1:0"));
  }

  @Test
  void missingDepositOutput_isFound_spentOrNot() {
    forgetDepositOutput(1);
    forgetDepositOutput(3001);

    assertThat(check(ChainCheckMode.FULL).problems())
        .extracting(ChainProblem::kind, ChainProblem::where)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(Kind.HISTORY_MISSING, "deposit output 1:0"),
            org.assertj.core.groups.Tuple.tuple(Kind.HISTORY_MISSING, "deposit output 3001:0"));
    assertThat(kinds(check(ChainCheckMode.QUICK)))
        .as("the last deposit, looked up by the quick check")
        .containsExactly(Kind.HISTORY_MISSING);
  }

  @Test
  void keptDepositOutputUnlikeTheUnspentOutput_isWrong() {
    keepDepositOutput(3001, new Output(BOB, ETH, BigInteger.valueOf(31)));

    assertThat(check(ChainCheckMode.FULL).problems())
        .singleElement()
        .satisfies(
            problem -> {
              assertThat(problem.kind()).isEqualTo(Kind.HISTORY_WRONG);
              assertThat(problem.where()).isEqualTo("history entry " + BOB.toHex() + " 3001:0");
              assertThat(problem.detail()).startsWith("keeps deposit output");
            });
  }

  @Test
  void depositEntryOfAnotherAddress_isWrong() {
    put(key(CAROL, 3001, 0));

    assertThat(check(ChainCheckMode.FULL).problems())
        .extracting(ChainProblem::detail)
        .containsExactly("is at a deposit to " + BOB);
  }

  @Test
  void entryWhereNothingHappened_isWrong() {
    put(key(CAROL, 5000, 0));
    put(key(CAROL, 4001, 0));

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

  @Test
  void historyOfTheFirstFormat_isOneProblemSayingSo() {
    TestChains.setHistoryFormat(kv, AccountHistory.ENTRIES);

    assertThat(check(ChainCheckMode.QUICK).problems())
        .singleElement()
        .satisfies(
            problem -> {
              assertThat(problem.kind()).isEqualTo(Kind.HISTORY_NOT_KEPT);
              assertThat(problem.detail()).contains("first format");
            });
  }
}
