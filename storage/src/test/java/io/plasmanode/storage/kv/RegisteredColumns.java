package io.plasmanode.storage.kv;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.List;

/** Checks that a class's columns use exactly the ids {@link ColumnId} registers for its owner. */
public final class RegisteredColumns {
  private RegisteredColumns() {}

  /** The static {@link KvColumn} fields of {@code holder} use each id of {@code owner} once. */
  public static void assertColumnsOf(Class<?> holder, ColumnId.Owner owner) {
    List<Byte> registered =
        Arrays.stream(ColumnId.values())
            .filter(column -> column.owner() == owner)
            .map(ColumnId::id)
            .toList();

    assertThat(columnIds(holder)).containsExactlyInAnyOrderElementsOf(registered);
  }

  private static List<Byte> columnIds(Class<?> holder) {
    return Arrays.stream(holder.getDeclaredFields())
        .filter(field -> Modifier.isStatic(field.getModifiers()))
        .filter(field -> field.getType() == KvColumn.class)
        .map(RegisteredColumns::column)
        .map(KvColumn::id)
        .toList();
  }

  private static KvColumn<?, ?> column(Field field) {
    try {
      field.setAccessible(true);
      return (KvColumn<?, ?>) field.get(null);
    } catch (IllegalAccessException e) {
      throw new AssertionError("cannot read column " + field, e);
    }
  }
}
