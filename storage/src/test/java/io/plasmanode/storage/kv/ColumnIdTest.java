package io.plasmanode.storage.kv;

import static org.assertj.core.api.Assertions.assertThat;

import io.plasmanode.storage.kv.ColumnId.Database;
import io.plasmanode.storage.kv.ColumnId.Owner;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ColumnIdTest {
  @ParameterizedTest
  @EnumSource(Database.class)
  void ids_areUniqueWithinEachDatabase(Database database) {
    List<Byte> ids = idsIn(database);

    assertThat(ids).isNotEmpty().doesNotHaveDuplicates();
  }

  @Test
  void noColumn_usesTheFormatMarkerKey() {
    assertThat(ColumnId.values()).extracting(ColumnId::id).doesNotContain(ColumnId.FORMAT_MARKER);
  }

  @Test
  void chainIds_stayBelowTheWatchers() {
    assertThat(idsOf(Owner.CHAIN)).allMatch(id -> id >= 1 && id <= 31);
    assertThat(idsOf(Owner.WATCHER)).allMatch(id -> id >= 32);
  }

  @Test
  void everyOwner_hasColumns() {
    EnumSet<Owner> owners = EnumSet.noneOf(Owner.class);
    Arrays.stream(ColumnId.values()).forEach(column -> owners.add(column.owner()));

    assertThat(owners).containsExactlyInAnyOrder(Owner.values());
  }

  private static List<Byte> idsIn(Database database) {
    return Arrays.stream(ColumnId.values())
        .filter(column -> column.owner().database() == database)
        .map(ColumnId::id)
        .toList();
  }

  private static List<Integer> idsOf(Owner owner) {
    return Arrays.stream(ColumnId.values())
        .filter(column -> column.owner() == owner)
        .map(column -> Byte.toUnsignedInt(column.id()))
        .toList();
  }
}
