package io.plasmanode.storage.chain;

import static io.plasmanode.storage.chain.ChainFixture.ALICE;
import static io.plasmanode.storage.chain.ChainFixture.output;
import static io.plasmanode.storage.chain.ChainFixture.pos;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.plasmanode.core.ledger.Utxo;
import io.plasmanode.core.ledger.UtxoStatus;
import io.plasmanode.storage.kv.KeyValueStore;
import io.plasmanode.storage.kv.LevelDbKeyValueStore;
import io.plasmanode.storage.kv.StorageException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link ChainStore} on LevelDB in a temporary directory, including restarts and crashes. */
class LevelDbChainStoreTest extends ChainStoreTest {
  @TempDir Path dataDir;

  @Override
  protected KeyValueStore openKeyValueStore() {
    return LevelDbKeyValueStore.open(dataDir);
  }

  private void reopen() {
    kv.close();
    kv = LevelDbKeyValueStore.open(dataDir);
    chain = new ChainStore(kv);
  }

  @Test
  void reopen_seesTheSameBlocksIndexAndUtxos() {
    StoredBlock block = commitFirstBlock();
    chain.setLastL1Block(77);

    reopen();

    assertFirstBlockState(block);
    assertThat(chain.lastL1Block()).hasValue(77);
    assertThat(chain.isDepositApplied(2)).isTrue();
    assertThat(chain.applyDeposit(ALICE_TOKEN, 11)).isFalse();
  }

  @Test
  void reopen_keepsTheHistory_andACursorFromBeforeTheRestartGoesOn() {
    commitFirstBlock();
    List<HistoryPage.Item> before = chain.history(ALICE, Optional.empty(), 50).items();
    HistoryPage first = chain.history(ALICE, Optional.empty(), 1);

    reopen();

    assertThat(before).hasSize(3);
    assertThat(chain.history(ALICE, Optional.empty(), 50).items()).isEqualTo(before);
    assertThat(chain.history(ALICE, first.next(), 50).items())
        .isEqualTo(before.subList(1, before.size()));
  }

  @Test
  void reopen_ofAChainWrittenBeforeTheHistory_refusesIt() {
    commitFirstBlock();
    TestChains.forgetHistory(kv);

    kv.close();
    kv = LevelDbKeyValueStore.open(dataDir);

    assertThatThrownBy(() -> new ChainStore(kv))
        .isInstanceOf(StorageException.class)
        .hasMessageContaining("written before the account history");
  }

  @Test
  void reopen_keepsExitLocksAndTheirReleases() {
    chain.markExiting(ALICE_ETH.pos());
    chain.markExiting(ALICE_TOKEN.pos());
    chain.releaseExiting(ALICE_ETH.pos());

    reopen();

    assertThat(chain.status(ALICE_ETH.pos())).isEqualTo(new UtxoStatus.Unspent(ALICE_ETH.output()));
    assertThat(chain.status(ALICE_TOKEN.pos()))
        .isEqualTo(new UtxoStatus.Exiting(ALICE_TOKEN.output()));
    assertThat(chain.utxosOf(ALICE)).containsExactly(ALICE_ETH);
  }

  @Test
  void crashWithAnOpenTransaction_losesNothingCommitted() {
    StoredBlock block = commitFirstBlock();
    KeyValueStore.Transaction interrupted = kv.startTransaction();
    ChainColumns.UTXOS.put(
        interrupted, pos(3, 0, 0), UtxoEntry.of(new UtxoStatus.Unspent(output(ALICE, ALICE, 1))));
    ChainColumns.META.put(interrupted, MetaKey.HEIGHT, 5000L);
    ChainColumns.UTXOS.delete(interrupted, pos(1000, 1, 0));

    reopen();

    assertFirstBlockState(block);
    assertThat(chain.status(pos(3, 0, 0))).isEqualTo(UtxoStatus.UNKNOWN);
    assertThat(chain.utxosOf(ALICE))
        .doesNotContain(new Utxo(pos(3, 0, 0), output(ALICE, ALICE, 1)));
  }
}
