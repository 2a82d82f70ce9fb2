package io.plasmanode.node.watcher;

import io.plasmanode.storage.kv.ColumnId;
import io.plasmanode.storage.kv.RegisteredColumns;
import org.junit.jupiter.api.Test;

class WatcherColumnsTest {
  @Test
  void watcherColumns_useTheRegisteredWatcherIds() {
    RegisteredColumns.assertColumnsOf(WatcherColumns.class, ColumnId.Owner.WATCHER);
  }
}
