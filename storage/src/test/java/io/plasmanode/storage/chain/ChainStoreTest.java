package io.plasmanode.storage.chain;

import static io.plasmanode.storage.chain.ChainFixture.ALICE;
import static io.plasmanode.storage.chain.ChainFixture.BOB;
import static io.plasmanode.storage.chain.ChainFixture.CAROL;
import static io.plasmanode.storage.chain.ChainFixture.ETH;
import static io.plasmanode.storage.chain.ChainFixture.TOKEN;
import static io.plasmanode.storage.chain.ChainFixture.block;
import static io.plasmanode.storage.chain.ChainFixture.output;
import static io.plasmanode.storage.chain.ChainFixture.pos;
import static io.plasmanode.storage.chain.ChainFixture.stored;
import static io.plasmanode.storage.chain.ChainFixture.transfer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plasmanode.core.crypto.Keccak;
import io.plasmanode.core.ledger.PendingBlock;
import io.plasmanode.core.ledger.Utxo;
import io.plasmanode.core.ledger.UtxoStatus;
import io.plasmanode.core.ledger.VerifiedTransaction;
import io.plasmanode.core.tx.SignedTransaction;
import io.plasmanode.core.tx.TxCodec;
import io.plasmanode.core.types.Hash32;
import io.plasmanode.storage.kv.FlakyKeyValueStore;
import io.plasmanode.storage.kv.InMemoryKeyValueStore;
import io.plasmanode.storage.kv.KeyValueStore;
import io.plasmanode.storage.kv.StorageException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@link ChainStore} on each {@link KeyValueStore}; one subclass per implementation. */
abstract class ChainStoreTest {
  static final Utxo ALICE_ETH = new Utxo(pos(1, 0, 0), output(ALICE, ETH, 100));
  static final Utxo ALICE_TOKEN = new Utxo(pos(2, 0, 0), output(ALICE, TOKEN, 50));

  protected KeyValueStore kv;
  protected ChainStore chain;

  protected abstract KeyValueStore openKeyValueStore();

  @BeforeEach
  void open() {
    kv = openKeyValueStore();
    chain = new ChainStore(kv);
    assertThat(chain.applyDeposit(ALICE_ETH, 10)).isTrue();
    assertThat(chain.applyDeposit(ALICE_TOKEN, 11)).isTrue();
  }

  @AfterEach
  void close() {
    kv.close();
  }

  static VerifiedTransaction aliceSpendsHerEth() {
    return transfer(
        List.of(ALICE_ETH.pos()),
        List.of(output(BOB, ETH, 60), output(ALICE, ETH, 40)),
        List.of(ALICE));
  }

  /** Alice pays Bob 60 ETH (change 40), then Bob pays that 60 on to Carol in the same block. */
  protected PendingBlock firstBlock() {
    return block(
        chain,
        1000,
        aliceSpendsHerEth(),
        transfer(List.of(pos(1000, 0, 0)), List.of(output(CAROL, ETH, 60)), List.of(BOB)));
  }

  protected StoredBlock commitFirstBlock() {
    PendingBlock pending = firstBlock();
    StoredBlock block = stored(pending);
    chain.commitBlock(block, pending.delta());
    return block;
  }

  protected void assertFirstBlockState(StoredBlock block) {
    assertThat(chain.height()).isEqualTo(1000);
    assertThat(chain.block(1000)).hasValue(block);
    assertThat(chain.blockRoot(1000)).hasValue(block.root());
    assertThat(chain.blockRoot(2000)).isEmpty();
    assertThat(chain.latestBlock()).hasValue(block);
    assertThat(chain.status(ALICE_ETH.pos())).isEqualTo(UtxoStatus.SPENT);
    assertThat(chain.status(pos(1000, 0, 0))).isEqualTo(UtxoStatus.SPENT);
    assertThat(chain.utxosOf(BOB)).isEmpty();
    assertThat(chain.utxosOf(CAROL))
        .containsExactly(new Utxo(pos(1000, 1, 0), output(CAROL, ETH, 60)));
    assertThat(chain.utxosOf(ALICE))
        .containsExactly(ALICE_TOKEN, new Utxo(pos(1000, 0, 1), output(ALICE, ETH, 40)));
    Hash32 second = block.transactions().get(1).txHash();
    assertThat(chain.transaction(second))
        .hasValue(new StoredTransaction(new TxLocation(1000, 1), block.transactions().get(1)));
    // Who spent what, including the output created and spent within the block.
    assertThat(chain.spender(ALICE_ETH.pos()))
        .hasValue(new StoredTransaction(new TxLocation(1000, 0), block.transactions().get(0)));
    assertThat(chain.spender(pos(1000, 0, 0)))
        .hasValue(new StoredTransaction(new TxLocation(1000, 1), block.transactions().get(1)));
    assertThat(chain.spender(pos(1000, 0, 1))).isEmpty();
    assertThat(chain.spender(ALICE_TOKEN.pos())).isEmpty();
  }

  @Test
  void commitBlock_storesBlockTxIndexUtxosAndHeight() {
    StoredBlock block = commitFirstBlock();

    assertFirstBlockState(block);
    assertThat(chain.balanceOf(ALICE))
        .isEqualTo(Map.of(ETH, BigInteger.valueOf(40), TOKEN, BigInteger.valueOf(50)));
    assertThat(chain.commitStatus(1000)).hasValue(CommitStatus.PENDING);
    assertThat(chain.pendingCommits()).containsExactly(1000L);
  }

  @Test
  void commitBlock_keepsSignedBytesThatDecodeToTheTransactions() {
    PendingBlock pending = firstBlock();
    chain.commitBlock(stored(pending), pending.delta());

    StoredBlock block = chain.block(1000).orElseThrow();

    SignedTransaction second = pending.transactions().get(1).signed();
    assertThat(block.transactions())
        .extracting(tx -> tx.decode().get())
        .containsExactly(pending.transactions().get(0).signed(), second);
    assertThat(block.transactions().get(1).txHash())
        .isEqualTo(Keccak.keccak256(TxCodec.encode(second.tx())));
  }

  @Test
  void commitBlock_ofABlockSpanningSeveralChunks_readsBackEveryTransactionAndItsSpender() {
    // Alice's 100 ETH passes down a chain of 600 transfers, one per transaction: 3 chunks.
    int count = 600;
    List<VerifiedTransaction> chain600 = new ArrayList<>();
    chain600.add(
        transfer(List.of(ALICE_ETH.pos()), List.of(output(BOB, ETH, 100)), List.of(ALICE)));
    for (int i = 1; i < count; i++) {
      chain600.add(
          transfer(List.of(pos(1000, i - 1, 0)), List.of(output(BOB, ETH, 100)), List.of(BOB)));
    }
    PendingBlock pending = block(chain, 1000, chain600.toArray(VerifiedTransaction[]::new));
    StoredBlock block = stored(pending);

    chain.commitBlock(block, pending.delta());

    assertThat(chain.block(1000)).hasValue(block);
    for (int txindex : new int[] {0, 255, 256, 511, 512, count - 1}) {
      TxBytes tx = block.transactions().get(txindex);
      assertThat(chain.transaction(tx.txHash()))
          .as("tx %s", txindex)
          .hasValue(new StoredTransaction(new TxLocation(1000, txindex), tx));
    }
    assertThat(chain.spender(pos(1000, 300, 0)))
        .hasValue(new StoredTransaction(new TxLocation(1000, 301), block.transactions().get(301)));
    assertThat(chain.utxosOf(BOB))
        .containsExactly(new Utxo(pos(1000, count - 1, 0), output(BOB, ETH, 100)));
  }

  @Test
  void commitBlock_nextBlockSpendsOutputsOfThePrevious() {
    StoredBlock first = commitFirstBlock();
    PendingBlock pending =
        block(
            chain,
            2000,
            transfer(List.of(pos(1000, 1, 0)), List.of(output(ALICE, ETH, 59)), List.of(CAROL)));
    chain.commitBlock(stored(pending), pending.delta());

    assertThat(chain.block(1000)).hasValue(first);
    assertThat(chain.latestBlock().map(StoredBlock::blknum)).hasValue(2000L);
    assertThat(chain.utxosOf(CAROL)).isEmpty();
    assertThat(chain.balanceOf(ALICE))
        .isEqualTo(Map.of(ETH, BigInteger.valueOf(99), TOKEN, BigInteger.valueOf(50)));
    assertThat(chain.pendingCommits()).containsExactly(1000L, 2000L);
  }

  @Test
  void commitBlock_acceptsAnEmptyBlock() {
    PendingBlock empty = new PendingBlock(chain, 1000);
    chain.commitBlock(stored(empty), empty.delta());

    assertThat(chain.block(1000).orElseThrow().transactions()).isEmpty();
    assertThat(chain.height()).isEqualTo(1000);
  }

  @Test
  void commitBlock_rejectsABlockThatIsNotNext() {
    PendingBlock skipping = new PendingBlock(chain, 2000);

    assertThatThrownBy(() -> chain.commitBlock(stored(skipping), skipping.delta()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("next child block is 1000");
  }

  @Test
  void commitBlock_thatFailsToWrite_leavesNoTrace() {
    FlakyKeyValueStore flaky = new FlakyKeyValueStore(kv);
    flaky.failCommits(true);
    ChainStore failing = new ChainStore(flaky);
    PendingBlock pending = firstBlock();

    assertThatThrownBy(() -> failing.commitBlock(stored(pending), pending.delta()))
        .isInstanceOf(StorageException.class);

    assertThat(chain.height()).isZero();
    assertThat(chain.block(1000)).isEmpty();
    assertThat(chain.status(ALICE_ETH.pos())).isEqualTo(new UtxoStatus.Unspent(ALICE_ETH.output()));
    assertThat(chain.utxosOf(ALICE)).containsExactly(ALICE_ETH, ALICE_TOKEN);
    assertThat(chain.pendingCommits()).isEmpty();
    assertThat(chain.history(ALICE, Optional.empty(), 10).items())
        .as("the block's history entries are in its batch")
        .extracting(HistoryPage.Item::location)
        .containsExactly(new TxLocation(2, 0), new TxLocation(1, 0));
  }

  @Test
  void applyDeposit_appliesEachDepositOnce() {
    Utxo again = new Utxo(ALICE_ETH.pos(), output(BOB, ETH, 1));

    assertThat(chain.applyDeposit(again, 12)).isFalse();

    assertThat(chain.isDepositApplied(1)).isTrue();
    assertThat(chain.isDepositApplied(3)).isFalse();
    assertThat(chain.status(ALICE_ETH.pos())).isEqualTo(new UtxoStatus.Unspent(ALICE_ETH.output()));
    assertThat(chain.utxosOf(BOB)).isEmpty();
  }

  @Test
  void applyDeposit_afterItsOutputWasSpent_doesNotRevive() {
    commitFirstBlock();

    assertThat(chain.applyDeposit(ALICE_ETH, 10)).isFalse();
    assertThat(chain.status(ALICE_ETH.pos())).isEqualTo(UtxoStatus.SPENT);
  }

  @Test
  void applyDeposit_rejectsAChildBlockPosition() {
    Utxo notDeposit = new Utxo(pos(1000, 0, 0), output(ALICE, ETH, 1));

    assertThatThrownBy(() -> chain.applyDeposit(notDeposit, 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void markExiting_locksAnUnspentOutputOnce() {
    assertThat(chain.markExiting(ALICE_ETH.pos())).isTrue();

    assertThat(chain.status(ALICE_ETH.pos())).isEqualTo(new UtxoStatus.Exiting(ALICE_ETH.output()));
    assertThat(chain.utxosOf(ALICE)).containsExactly(ALICE_TOKEN);
    assertThat(chain.markExiting(ALICE_ETH.pos())).isFalse();
    assertThat(new PendingBlock(chain, 1000).add(aliceSpendsHerEth()).isValid()).isFalse();
  }

  @Test
  void releaseExiting_makesAnExitingOutputUnspentAndItsOwnersAgain_once() {
    chain.markExiting(ALICE_ETH.pos());

    assertThat(chain.releaseExiting(ALICE_ETH.pos())).isTrue();

    assertThat(chain.status(ALICE_ETH.pos())).isEqualTo(new UtxoStatus.Unspent(ALICE_ETH.output()));
    assertThat(chain.utxosOf(ALICE)).containsExactlyInAnyOrder(ALICE_ETH, ALICE_TOKEN);
    assertThat(new PendingBlock(chain, 1000).add(aliceSpendsHerEth()).isValid()).isTrue();
    assertThat(chain.releaseExiting(ALICE_ETH.pos())).isFalse();
  }

  @Test
  void releaseExiting_ignoresUnspentSpentAndUnknownOutputs() {
    assertThat(chain.releaseExiting(ALICE_TOKEN.pos())).isFalse();
    commitFirstBlock();

    assertThat(chain.releaseExiting(ALICE_ETH.pos())).isFalse();
    assertThat(chain.status(ALICE_ETH.pos())).isEqualTo(UtxoStatus.SPENT);
    assertThat(chain.releaseExiting(pos(5, 0, 0))).isFalse();
    assertThat(chain.status(pos(5, 0, 0))).isEqualTo(UtxoStatus.UNKNOWN);
  }

  @Test
  void markExiting_ignoresSpentAndUnknownOutputs() {
    commitFirstBlock();

    assertThat(chain.markExiting(ALICE_ETH.pos())).isFalse();
    assertThat(chain.markExiting(pos(5, 0, 0))).isFalse();
    assertThat(chain.status(pos(5, 0, 0))).isEqualTo(UtxoStatus.UNKNOWN);
  }

  @Test
  void markCommitted_recordsTheL1TransactionSeparately() {
    StoredBlock block = commitFirstBlock();
    Hash32 l1Tx = Keccak.keccak256(new byte[] {1});

    chain.markCommitted(1000, l1Tx);

    assertThat(chain.commitStatus(1000)).hasValue(new CommitStatus.Committed(l1Tx));
    assertThat(chain.pendingCommits()).isEmpty();
    assertThat(chain.block(1000)).hasValue(block);
  }

  @Test
  void markCommitted_rejectsAnUnknownBlock() {
    assertThatThrownBy(() -> chain.markCommitted(1000, Hash32.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void reopenCommits_makesTheCommittedBlocksFromOneOnPendingAgain() {
    commitFirstBlock();
    for (long blknum = 2000; blknum <= 4000; blknum += 1000) {
      PendingBlock empty = block(chain, blknum);
      chain.commitBlock(stored(empty), empty.delta());
    }
    Hash32 l1Tx = Keccak.keccak256(new byte[] {1});
    chain.markCommitted(1000, l1Tx);
    chain.markCommitted(2000, l1Tx);
    chain.markCommitted(3000, l1Tx);

    assertThat(chain.reopenCommits(2000)).containsExactly(2000L, 3000L);

    assertThat(chain.pendingCommits()).containsExactly(2000L, 3000L, 4000L);
    assertThat(chain.commitStatus(1000)).hasValue(new CommitStatus.Committed(l1Tx));
    assertThat(chain.commitStatus(2000)).hasValue(CommitStatus.PENDING);
    assertThat(chain.reopenCommits(1000)).containsExactly(1000L);
    assertThatThrownBy(() -> chain.reopenCommits(1500))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void lastL1Block_isWhatWasLastSet() {
    assertThat(chain.lastL1Block()).isEmpty();

    chain.setLastL1Block(42);
    chain.setLastL1Block(43);

    assertThat(chain.lastL1Block()).hasValue(43);
  }

  @Test
  void emptyStore_hasNoBlocksOrTransactions() {
    ChainStore empty = new ChainStore(new InMemoryKeyValueStore());

    assertThat(empty.height()).isZero();
    assertThat(empty.latestBlock()).isEmpty();
    assertThat(empty.transaction(Hash32.ZERO)).isEmpty();
    assertThat(empty.utxosOf(ALICE)).isEmpty();
    assertThat(empty.balanceOf(ALICE)).isEmpty();
  }
}
