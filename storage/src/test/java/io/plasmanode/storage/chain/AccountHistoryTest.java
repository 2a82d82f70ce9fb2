package io.plasmanode.storage.chain;

import static io.plasmanode.storage.chain.ChainFixture.ALICE;
import static io.plasmanode.storage.chain.ChainFixture.BOB;
import static io.plasmanode.storage.chain.ChainFixture.CAROL;
import static io.plasmanode.storage.chain.ChainFixture.CLOSED_AT;
import static io.plasmanode.storage.chain.ChainFixture.ETH;
import static io.plasmanode.storage.chain.ChainFixture.TOKEN;
import static io.plasmanode.storage.chain.ChainFixture.address;
import static io.plasmanode.storage.chain.ChainFixture.block;
import static io.plasmanode.storage.chain.ChainFixture.output;
import static io.plasmanode.storage.chain.ChainFixture.pos;
import static io.plasmanode.storage.chain.ChainFixture.stored;
import static io.plasmanode.storage.chain.ChainFixture.transfer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plasmanode.core.ledger.PendingBlock;
import io.plasmanode.core.ledger.Utxo;
import io.plasmanode.core.types.Address;
import io.plasmanode.storage.kv.InMemoryKeyValueStore;
import io.plasmanode.storage.kv.KeyValueStore;
import io.plasmanode.storage.kv.StorageException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The account history of {@link ChainStore}, over the chain of {@link TestChains}. */
class AccountHistoryTest {
  private final KeyValueStore kv = new InMemoryKeyValueStore();

  private ChainStore chain() {
    TestChains.writeConsistentChain(kv);
    return new ChainStore(kv);
  }

  private static TxLocation at(long blknum, int txindex) {
    return new TxLocation(blknum, txindex);
  }

  /** Every item of {@code address}'s history, reading pages of {@code limit}. */
  private static List<HistoryPage.Item> all(ChainStore chain, Address address, int limit) {
    List<HistoryPage.Item> items = new ArrayList<>();
    Optional<TxLocation> after = Optional.empty();
    do {
      HistoryPage page = chain.history(address, after, limit);
      assertThat(page.items()).hasSizeLessThanOrEqualTo(limit);
      items.addAll(page.items());
      after = page.next();
    } while (after.isPresent());
    return items;
  }

  private static List<TxLocation> locations(List<HistoryPage.Item> items) {
    return items.stream().map(HistoryPage.Item::location).toList();
  }

  private static Map<Address, BigInteger> eth(long amount) {
    return Map.of(ETH, BigInteger.valueOf(amount));
  }

  @Test
  void history_listsEveryTransactionAndDepositOfTheAddress_newestFirst() {
    ChainStore chain = chain();

    HistoryPage page = chain.history(ALICE, Optional.empty(), 50);

    assertThat(locations(page.items()))
        .containsExactly(at(3000, 0), at(2000, 1), at(1000, 0), at(2, 0), at(1, 0));
    assertThat(page.next()).isEmpty();
    HistoryEntry paid = page.items().get(2).entry();
    assertThat(paid.txHash())
        .isEqualTo(Optional.of(chain.block(1000).orElseThrow().transactions().get(0).txHash()));
    assertThat(paid.sent()).isEqualTo(eth(100));
    assertThat(paid.received()).isEqualTo(eth(40));
    assertThat(paid.counterparties()).containsExactly(BOB);
    HistoryEntry token = page.items().get(1).entry();
    assertThat(token.sent()).isEqualTo(Map.of(TOKEN, BigInteger.valueOf(50)));
    assertThat(token.received()).isEmpty();
    HistoryEntry deposit = page.items().get(4).entry();
    assertThat(deposit.isDeposit()).isTrue();
    assertThat(deposit.received()).isEqualTo(eth(100));
    assertThat(deposit.counterparties()).isEmpty();
  }

  @Test
  void history_ofAnAddressWithSeveralTxsInOneBlock_hasAnItemForEach() {
    ChainStore chain = chain();

    List<HistoryPage.Item> bobs = all(chain, BOB, 50);

    assertThat(locations(bobs))
        .containsExactly(at(3001, 0), at(2000, 1), at(2000, 0), at(1000, 1), at(1000, 0));
    HistoryEntry spentInItsBlock = bobs.get(3).entry();
    assertThat(spentInItsBlock.sent()).as("an output of the same block").isEqualTo(eth(60));
    assertThat(spentInItsBlock.counterparties()).containsExactly(CAROL);
    assertThat(bobs.get(4).entry().received()).isEqualTo(eth(60));
    assertThat(bobs.get(4).entry().counterparties()).containsExactly(ALICE);
  }

  @Test
  void history_pagesAcrossBlockBoundaries_withoutGapsOrRepeats() {
    ChainStore chain = chain();
    List<HistoryPage.Item> whole = chain.history(BOB, Optional.empty(), 50).items();

    for (int limit = 1; limit <= whole.size(); limit++) {
      assertThat(all(chain, BOB, limit)).as("pages of %s", limit).isEqualTo(whole);
    }
    HistoryPage first = chain.history(BOB, Optional.empty(), 2);
    assertThat(first.next()).hasValue(at(2000, 1));
    HistoryPage second = chain.history(BOB, first.next(), 2);
    assertThat(locations(second.items())).containsExactly(at(2000, 0), at(1000, 1));
  }

  @Test
  void cursor_keepsItsPlaceWhenNewBlocksArrive() {
    ChainStore chain = chain();
    HistoryPage first = chain.history(CAROL, Optional.empty(), 2);
    List<HistoryPage.Item> rest = all(chain, CAROL, 50).subList(2, 4);

    PendingBlock next =
        block(
            chain,
            4000,
            transfer(List.of(pos(2000, 0, 1)), List.of(output(BOB, ETH, 30)), List.of(CAROL)));
    chain.commitBlock(stored(next), next.delta());

    assertThat(chain.history(CAROL, first.next(), 2).items()).isEqualTo(rest);
    assertThat(chain.history(CAROL, Optional.empty(), 1).items().getFirst().location())
        .isEqualTo(at(4000, 0));
  }

  @Test
  void selfTransfer_isOneItem_withTheAmountSentAndReceived() {
    ChainStore chain = new ChainStore(kv);
    chain.applyDeposit(new Utxo(pos(1, 0, 0), output(ALICE, ETH, 10)), 3);
    PendingBlock toSelf =
        block(
            chain,
            1000,
            transfer(
                List.of(pos(1, 0, 0)),
                List.of(output(ALICE, ETH, 4), output(ALICE, ETH, 6)),
                List.of(ALICE)));
    chain.commitBlock(stored(toSelf), toSelf.delta());

    List<HistoryPage.Item> items = all(chain, ALICE, 50);

    assertThat(locations(items)).containsExactly(at(1000, 0), at(1, 0));
    assertThat(items.getFirst().entry().sent()).isEqualTo(eth(10));
    assertThat(items.getFirst().entry().received()).isEqualTo(eth(10));
    assertThat(items.getFirst().entry().counterparties()).isEmpty();
  }

  @Test
  void history_ofAnAddressThatNeverTookPart_isEmpty() {
    ChainStore chain = chain();

    HistoryPage page = chain.history(address(0x42), Optional.empty(), 10);

    assertThat(page.items()).isEmpty();
    assertThat(page.next()).isEmpty();
  }

  @Test
  void blockHeaderTimestamp_isTheClosingTime_ofStoredBlocksOnly() {
    ChainStore chain = chain();

    assertThat(chain.blockHeader(2000).map(BlockHeader::timestamp)).hasValue(CLOSED_AT);
    assertThat(chain.blockHeader(4000)).isEmpty();
  }

  @Test
  void aChainWrittenBeforeTheHistory_isRefusedWithTheReason() {
    TestChains.writeConsistentChain(kv);
    TestChains.forgetHistory(kv);

    assertThatThrownBy(() -> new ChainStore(kv))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("written before the account history")
        .hasMessageContaining("cannot be rebuilt")
        .hasMessageContaining("move it away");
  }

  @Test
  void aChainWithTheFirstHistoryFormat_isRefusedWithTheReason() {
    TestChains.writeConsistentChain(kv);
    TestChains.setHistoryFormat(kv, AccountHistory.ENTRIES);

    assertThatThrownBy(() -> new ChainStore(kv))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("first format")
        .hasMessageContaining("start a new chain");
  }

  @Test
  void history_storesOnlyKeys_andDepositOutputs_andReadsTheRestFromTheChain() {
    ChainStore chain = chain();
    List<byte[]> values = new ArrayList<>();
    kv.forEachWithPrefix(
        new byte[] {io.plasmanode.storage.kv.ColumnId.HISTORY.id()},
        (key, value) -> values.add(value));

    assertThat(values)
        .as("4 deposits' owners, 2 parties of each of 5 txs")
        .hasSize(14)
        .allSatisfy(value -> assertThat(value).hasSize(1));
    assertThat(ChainColumns.DEPOSIT_OUTPUTS.get(kv, 1L))
        .as("a spent deposit's output, kept")
        .hasValue(output(ALICE, ETH, 100));
    assertThat(chain.status(pos(1, 0, 0))).isEqualTo(io.plasmanode.core.ledger.UtxoStatus.SPENT);
  }

  @Test
  void aDeltaThatDoesNotCarryTheSpentOutputs_stillIndexesTheSenders() {
    ChainStore chain = new ChainStore(kv);
    chain.applyDeposit(new Utxo(pos(1, 0, 0), output(ALICE, ETH, 10)), 3);
    PendingBlock pays =
        block(
            chain,
            1000,
            transfer(List.of(pos(1, 0, 0)), List.of(output(BOB, ETH, 10)), List.of(ALICE)),
            transfer(List.of(pos(1000, 0, 0)), List.of(output(CAROL, ETH, 10)), List.of(BOB)));
    io.plasmanode.core.ledger.UtxoDelta full = pays.delta();
    chain.commitBlock(
        stored(pays),
        new io.plasmanode.core.ledger.UtxoDelta(full.spent(), full.created(), full.spentBy()));

    assertThat(locations(all(chain, ALICE, 50))).containsExactly(at(1000, 0), at(1, 0));
    assertThat(locations(all(chain, BOB, 50))).containsExactly(at(1000, 1), at(1000, 0));
    assertThat(chain.utxosOf(ALICE)).as("the spent deposit left its owner's outputs").isEmpty();
  }

  @Test
  void aKeyNamingNoParty_failsThePageWithTheReason() {
    ChainStore chain = chain();
    try (KeyValueStore.Transaction tx = kv.startTransaction()) {
      ChainColumns.HISTORY.put(tx, new HistoryKey(address(0x42), at(2000, 0)), Marker.PRESENT);
      tx.commit();
    }

    assertThatThrownBy(() -> chain.history(address(0x42), Optional.empty(), 5))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("corrupt account history")
        .hasMessageContaining("2000:0")
        .hasMessageContaining("owns none of its outputs");
  }

  @Test
  void anEmptyDatabase_keepsTheHistoryFromItsStart_andOpensAgain() {
    new ChainStore(kv);
    assertThat(AccountHistory.isKept(kv)).isTrue();

    new ChainStore(kv).applyDeposit(new Utxo(pos(1, 0, 0), output(ALICE, ETH, 10)), 3);

    assertThat(new ChainStore(kv).history(ALICE, Optional.empty(), 5).items()).hasSize(1);
  }
}
