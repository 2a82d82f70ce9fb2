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

import io.plasmanode.core.ledger.PendingBlock;
import io.plasmanode.core.ledger.Utxo;
import io.plasmanode.core.ledger.UtxoStatus;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Hash32;
import io.plasmanode.storage.kv.KeyValueStore;
import java.util.List;

/**
 * A small consistent chain for integrity-check tests, and ways to damage it, for tests of other
 * packages too (the CLI, the daemon).
 *
 * <p>Deposits 1 (Alice, 100 ETH) and 2 (Alice, 50 TOKEN). Block 1000: Alice pays Bob 60 (change
 * 40), Bob pays those 60 on to Carol in the same block. Deposit 1001 (Carol, 7 ETH). Block 2000:
 * Carol splits her 60 into 30 for Bob and 30 for herself; Alice pays her 50 TOKEN to Bob. Alice's
 * change 1000:0:1 is exiting. Block 3000: Carol pays her deposit 1001 to Alice. Deposit 3001 (Bob,
 * 9 ETH). Block 1000 is committed on L1, 2000 and 3000 are pending.
 */
public final class TestChains {
  public static final UtxoPos EXITING = pos(1000, 0, 1);
  public static final UtxoPos BOBS_UNSPENT = pos(2000, 0, 0);
  public static final long HEIGHT = 3000;

  private TestChains() {}

  /** Writes the chain above into the empty {@code kv}. */
  public static void writeConsistentChain(KeyValueStore kv) {
    ChainStore chain = new ChainStore(kv);
    chain.applyDeposit(new Utxo(pos(1, 0, 0), output(ALICE, ETH, 100)), 10);
    chain.applyDeposit(new Utxo(pos(2, 0, 0), output(ALICE, TOKEN, 50)), 11);
    commit(
        chain,
        block(
            chain,
            1000,
            transfer(
                List.of(pos(1, 0, 0)),
                List.of(output(BOB, ETH, 60), output(ALICE, ETH, 40)),
                List.of(ALICE)),
            transfer(List.of(pos(1000, 0, 0)), List.of(output(CAROL, ETH, 60)), List.of(BOB))));
    chain.applyDeposit(new Utxo(pos(1001, 0, 0), output(CAROL, ETH, 7)), 12);
    commit(
        chain,
        block(
            chain,
            2000,
            transfer(
                List.of(pos(1000, 1, 0)),
                List.of(output(BOB, ETH, 30), output(CAROL, ETH, 30)),
                List.of(CAROL)),
            transfer(List.of(pos(2, 0, 0)), List.of(output(BOB, TOKEN, 50)), List.of(ALICE))));
    chain.markExiting(EXITING);
    chain.markCommitted(1000, Hash32.fromHex("0x" + "ab".repeat(32)));
    commit(
        chain,
        block(
            chain,
            3000,
            transfer(List.of(pos(1001, 0, 0)), List.of(output(ALICE, ETH, 7)), List.of(CAROL))));
    chain.applyDeposit(new Utxo(pos(3001, 0, 0), output(BOB, ETH, 9)), 13);
  }

  private static void commit(ChainStore chain, PendingBlock pending) {
    chain.commitBlock(stored(pending), pending.delta());
  }

  /** Marks the spent output at {@code pos} unspent again, as a lost write could. */
  public static void reviveSpentOutput(KeyValueStore kv, UtxoPos pos) {
    try (KeyValueStore.Transaction tx = kv.startTransaction()) {
      ChainColumns.UTXOS.put(
          tx, pos, UtxoEntry.of(new UtxoStatus.Unspent(output(ALICE, ETH, 1_000_000))));
      tx.commit();
    }
  }

  /**
   * Removes the account history and its marker, as in a database written before the history
   * existed.
   */
  public static void forgetHistory(KeyValueStore kv) {
    try (KeyValueStore.Transaction tx = kv.startTransaction()) {
      ChainColumns.META.delete(tx, MetaKey.HISTORY_INDEX);
      ChainColumns.HISTORY.forEach(kv, (key, entry) -> ChainColumns.HISTORY.delete(tx, key));
      ChainColumns.DEPOSIT_OUTPUTS.forEach(
          kv, (blknum, output) -> ChainColumns.DEPOSIT_OUTPUTS.delete(tx, blknum));
      tx.commit();
    }
  }

  /** Sets the history marker to {@code format}, as a database written with that format has it. */
  public static void setHistoryFormat(KeyValueStore kv, long format) {
    try (KeyValueStore.Transaction tx = kv.startTransaction()) {
      ChainColumns.META.put(tx, MetaKey.HISTORY_INDEX, format);
      tx.commit();
    }
  }

  /**
   * Deletes {@code address}'s history entry at {@code (blknum, txindex)}, as a lost write could.
   */
  public static void forgetHistoryEntry(
      KeyValueStore kv, Address address, long blknum, int txindex) {
    try (KeyValueStore.Transaction tx = kv.startTransaction()) {
      ChainColumns.HISTORY.delete(tx, new HistoryKey(address, new TxLocation(blknum, txindex)));
      tx.commit();
    }
  }

  /**
   * Sets the stored height of the (empty) chain in {@code kv} to {@code height} without its blocks,
   * as a chain near the end of its positions would have it: no test can close 9 * 10^9 blocks.
   */
  public static void setHeight(KeyValueStore kv, long height) {
    try (KeyValueStore.Transaction tx = kv.startTransaction()) {
      ChainColumns.META.put(tx, MetaKey.HEIGHT, height);
      tx.commit();
    }
  }
}
