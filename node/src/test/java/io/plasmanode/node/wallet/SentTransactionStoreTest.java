package io.plasmanode.node.wallet;

import static io.plasmanode.node.wallet.WalletTxs.ALICE;
import static io.plasmanode.node.wallet.WalletTxs.DOMAIN;
import static io.plasmanode.node.wallet.WalletTxs.OTHER_DOMAIN;
import static io.plasmanode.node.wallet.WalletTxs.T0;
import static io.plasmanode.node.wallet.WalletTxs.pos;
import static io.plasmanode.node.wallet.WalletTxs.transfer;
import static org.assertj.core.api.Assertions.assertThat;

import io.plasmanode.core.crypto.Keccak;
import io.plasmanode.core.tx.SignedTransaction;
import io.plasmanode.core.tx.TxCodec;
import io.plasmanode.core.types.Hash32;
import io.plasmanode.node.wallet.SentTransactionStore.Recording;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SentTransactionStoreTest {
  @TempDir Path dir;

  private SentTransactionStore store() {
    return SentTransactionStore.in(dir.resolve("wallet"));
  }

  private static Hash32 hash(SignedTransaction signed) {
    return Keccak.keccak256(TxCodec.encode(signed.tx()));
  }

  private static Recording record(SentTransactionStore store, SignedTransaction tx, boolean force) {
    return store.recordSigned(tx, ALICE.address(), DOMAIN, T0, force);
  }

  @Test
  void read_ofAStoreNeverWritten_isEmptyAndCreatesNothing() {
    assertThat(store().read().all()).isEmpty();
    assertThat(dir.resolve("wallet")).doesNotExist();
  }

  @Test
  void recordSigned_writesOneOwnerOnlyLineThatReadsBack() throws IOException {
    SentTransactionStore store = store();
    SignedTransaction tx = transfer(5, pos(1000, 0, 1));

    assertThat(record(store, tx, false)).isEqualTo(new Recording.Recorded(List.of(), false));
    store.recordAnswer(hash(tx), new OperatorAnswer.Accepted(2000, 3, T0));

    assertThat(Files.readAllLines(store.file())).hasSize(2);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file())))
        .isEqualTo("rw-------");
    SentTx read = store.read().find(hash(tx)).orElseThrow();
    assertThat(read.signed()).isEqualTo(tx);
    assertThat(read.sender()).isEqualTo(ALICE.address());
    assertThat(read.domain()).isEqualTo(DOMAIN);
    assertThat(read.answers()).containsExactly(new OperatorAnswer.Accepted(2000, 3, T0));
    assertThat(read.status()).isEqualTo(SentTx.Status.ACCEPTED);
  }

  @Test
  void tornLastLine_isIgnoredWithAWarningAndEveryEarlierLineKept() throws IOException {
    SentTransactionStore store = store();
    SignedTransaction first = transfer(5, pos(1000, 0, 1));
    SignedTransaction second = transfer(6, pos(2000, 0, 0));
    record(store, first, false);
    record(store, second, false);
    byte[] whole = Files.readAllBytes(store.file());
    // a crash in the middle of the second line's write
    Files.write(store.file(), java.util.Arrays.copyOf(whole, whole.length - 40));

    SentTransactions read = store.read();

    assertThat(read.all()).extracting(SentTx::signed).containsExactly(first);
    assertThat(read.warnings())
        .singleElement()
        .asString()
        .contains("last line (2)", "incomplete", "the 1 line(s) before it are intact");
  }

  @Test
  void appendAfterATornLine_endsItFirstSoTheNewLineIsNotSwallowed() throws IOException {
    SentTransactionStore store = store();
    SignedTransaction first = transfer(5, pos(1000, 0, 1));
    record(store, first, false);
    Files.writeString(store.file(), "{\"v\":1,\"type\":\"sig", StandardOpenOption.APPEND);
    SignedTransaction third = transfer(7, pos(3000, 0, 0));

    record(store, third, false);
    store.recordAnswer(hash(third), new OperatorAnswer.Accepted(4000, 0, T0));

    SentTransactions read = store.read();
    assertThat(read.all()).extracting(SentTx::signed).containsExactly(first, third);
    assertThat(read.find(hash(third)).orElseThrow().status()).isEqualTo(SentTx.Status.ACCEPTED);
    assertThat(read.warnings()).singleElement().asString().contains("line 2", "cannot be read");
  }

  @Test
  void damagedLines_areSkippedWithAWarningEach() throws IOException {
    SentTransactionStore store = store();
    SignedTransaction tx = transfer(5, pos(1000, 0, 1));
    record(store, tx, false);
    Files.writeString(
        store.file(), "not json\n\n{\"v\":9}\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    store.recordAnswer(hash(tx), new OperatorAnswer.NoAnswer("timeout", T0));
    store.recordAnswer(Hash32.fromHex("0x" + "ee".repeat(32)), new OperatorAnswer.NoAnswer("", T0));

    SentTransactions read = store.read();

    assertThat(read.find(hash(tx)).orElseThrow().answers()).hasSize(1);
    assertThat(read.warnings())
        .hasSize(3)
        .anySatisfy(w -> assertThat(w).contains("line 2 "))
        .anySatisfy(w -> assertThat(w).contains("line 4 "))
        .anySatisfy(w -> assertThat(w).contains("answer about unknown transaction 0xeeee"));
  }

  @Test
  void recordSigned_refusesToReSpendAnInputOfAnUnansweredTransaction() throws IOException {
    SentTransactionStore store = store();
    SignedTransaction earlier = transfer(5, pos(1000, 0, 1), pos(7, 0, 0));
    record(store, earlier, false);
    long size = Files.size(store.file());

    Recording second = record(store, transfer(9, pos(7, 0, 0)), false);

    assertThat(second).isInstanceOf(Recording.Refused.class);
    RespendConflict conflict = ((Recording.Refused) second).conflicts().getFirst();
    assertThat(conflict.earlier().signed()).isEqualTo(earlier);
    assertThat(conflict.sharedInputs()).containsExactly(pos(7, 0, 0));
    assertThat(conflict.overridable()).isTrue();
    assertThat(Files.size(store.file())).isEqualTo(size);
  }

  @Test
  void recordSigned_refusesToReSpendAnInputOfAnAcceptedOneEvenWhenForced() {
    SentTransactionStore store = store();
    SignedTransaction earlier = transfer(5, pos(1000, 0, 1));
    record(store, earlier, false);
    store.recordAnswer(hash(earlier), new OperatorAnswer.Accepted(2000, 0, T0));

    Recording forced = record(store, transfer(9, pos(1000, 0, 1)), true);

    assertThat(forced).isInstanceOf(Recording.Refused.class);
    assertThat(((Recording.Refused) forced).conflicts().getFirst().overridable()).isFalse();
  }

  @Test
  void recordSigned_withForceRespend_overridesAnUnansweredOneAndSaysWhich() {
    SentTransactionStore store = store();
    SignedTransaction earlier = transfer(5, pos(1000, 0, 1));
    record(store, earlier, false);
    SignedTransaction respend = transfer(9, pos(1000, 0, 1));

    Recording forced = record(store, respend, true);

    assertThat(forced).isInstanceOf(Recording.Recorded.class);
    assertThat(((Recording.Recorded) forced).overridden())
        .singleElement()
        .satisfies(conflict -> assertThat(conflict.earlier().signed()).isEqualTo(earlier));
    assertThat(store.read().find(hash(respend)).orElseThrow().forcedRespend()).isTrue();
  }

  @Test
  void recordSigned_allowsAReSpendOnceTheEarlierOneWasRejected() {
    SentTransactionStore store = store();
    SignedTransaction earlier = transfer(5, pos(1000, 0, 1));
    record(store, earlier, false);
    store.recordAnswer(
        hash(earlier), new OperatorAnswer.Rejected(-32013, "operator_busy", "busy", T0));

    assertThat(record(store, transfer(9, pos(1000, 0, 1)), false))
        .isEqualTo(new Recording.Recorded(List.of(), false));
  }

  @Test
  void recordSigned_ignoresTransactionsOfAnotherContractOrChain() {
    SentTransactionStore store = store();
    record(store, transfer(5, pos(1000, 0, 1)), false);

    Recording other =
        store.recordSigned(
            transfer(OTHER_DOMAIN, 9, pos(1000, 0, 1)), ALICE.address(), OTHER_DOMAIN, T0, false);

    assertThat(other).isInstanceOf(Recording.Recorded.class);
  }

  @Test
  void recordSigned_ofTheSameTransactionAgain_isAResubmission() {
    SentTransactionStore store = store();
    SignedTransaction tx = transfer(5, pos(1000, 0, 1));
    record(store, tx, false);

    assertThat(record(store, tx, false)).isEqualTo(new Recording.Recorded(List.of(), true));
    assertThat(store.read().find(hash(tx)).orElseThrow().submissions()).isEqualTo(2);
    assertThat(store.read().all()).hasSize(1);
  }

  @Test
  void findByPrefix_matchesFullHashesAndPrefixesInAnyCase() {
    SentTransactionStore store = store();
    SignedTransaction tx = transfer(5, pos(1000, 0, 1));
    record(store, tx, false);
    String hex = hash(tx).toHex();

    assertThat(store.read().findByPrefix(hex)).hasSize(1);
    assertThat(store.read().findByPrefix(hex.substring(2, 12).toUpperCase())).hasSize(1);
    assertThat(store.read().findByPrefix("0x" + "f".repeat(64))).isEmpty();
  }

  @Test
  void concurrentRecords_fromManyThreads_allLandOnWholeLines() throws Exception {
    SentTransactionStore store = store();
    int threads = 4;
    int each = 25;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    List<Future<?>> done = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int thread = t;
      done.add(
          pool.submit(
              () -> {
                for (int i = 0; i < each; i++) {
                  SignedTransaction tx = transfer(1, pos(1000L * (thread * each + i + 1), 0, 0));
                  record(store, tx, false);
                  store.recordAnswer(hash(tx), new OperatorAnswer.Accepted(9000, i, T0));
                }
              }));
    }
    for (Future<?> future : done) {
      future.get();
    }
    pool.shutdown();

    SentTransactions read = store.read();
    assertThat(read.warnings()).isEmpty();
    assertThat(read.all()).hasSize(threads * each);
    assertThat(read.all()).allMatch(tx -> tx.status() == SentTx.Status.ACCEPTED);
  }

  @Test
  void concurrentConflictingRecords_onlyOneIsRecorded() throws Exception {
    SentTransactionStore store = store();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Callable<Recording>> racers = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      SignedTransaction tx = transfer(i + 1, pos(1000, 0, 1));
      racers.add(() -> record(store, tx, false));
    }
    List<Recording> outcomes = new ArrayList<>();
    for (Future<Recording> future : pool.invokeAll(racers)) {
      outcomes.add(future.get());
    }
    pool.shutdown();

    assertThat(outcomes).filteredOn(Recording.Recorded.class::isInstance).hasSize(1);
    assertThat(store.read().all()).hasSize(1);
  }
}
