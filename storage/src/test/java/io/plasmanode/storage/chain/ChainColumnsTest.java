package io.plasmanode.storage.chain;

import io.plasmanode.storage.kv.ColumnId;
import io.plasmanode.storage.kv.RegisteredColumns;
import org.junit.jupiter.api.Test;

class ChainColumnsTest {
  @Test
  void chainColumns_useTheRegisteredChainIds() {
    RegisteredColumns.assertColumnsOf(ChainColumns.class, ColumnId.Owner.CHAIN);
  }

  @Test
  void journalColumn_usesTheRegisteredJournalId() {
    RegisteredColumns.assertColumnsOf(TxJournal.class, ColumnId.Owner.JOURNAL);
  }
}
