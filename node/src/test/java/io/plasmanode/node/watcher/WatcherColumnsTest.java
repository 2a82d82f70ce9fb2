package io.plasmanode.node.watcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import io.plasmanode.storage.kv.ColumnId;
import io.plasmanode.storage.kv.RegisteredColumns;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class WatcherColumnsTest {
  private static final HexFormat HEX = HexFormat.of();

  @Test
  void watcherColumns_useTheRegisteredWatcherIds() {
    RegisteredColumns.assertColumnsOf(WatcherColumns.class, ColumnId.Owner.WATCHER);
  }

  /** Numbers and positions keep the bytes existing watcher databases hold. */
  @Test
  void numberAndPositionEncodings_keepTheirOnDiskBytes() {
    UtxoPos pos = new UtxoPos(2000, 3, 1);
    Address signer = Address.of(HEX.parseHex("11".repeat(20)));

    assertThat(HEX.formatHex(WatcherColumns.META.key(3L))).isEqualTo("240000000000000003");
    assertThat(HEX.formatHex(WatcherColumns.META.valueSerializer().serialize(7L)))
        .isEqualTo("010000000000000007");
    assertThat(HEX.formatHex(WatcherColumns.EXITS.key(pos))).isEqualTo("21000000007735941f");
    assertThat(WatcherColumns.EXITS.keySerializer().deserialize(HEX.parseHex("000000007735941f")))
        .isEqualTo(pos);
    assertThat(
            HEX.formatHex(WatcherCodec.SPEND_KEY.serialize(new WatcherCodec.SpendKey(pos, signer))))
        .isEqualTo("000000007735941f" + "11".repeat(20));
  }
}
