package io.plasmanode.core.types;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BytesTest {
  @Test
  void copiesInAndOut_andComparesByContent() {
    byte[] source = {1, 2, 3};
    Bytes bytes = Bytes.of(source);
    source[0] = 9;
    bytes.toArray()[1] = 9;

    assertThat(bytes.toArray()).containsExactly(1, 2, 3);
    assertThat(bytes)
        .isEqualTo(Bytes.fromHex("0x010203"))
        .hasSameHashCodeAs(Bytes.fromHex("010203"));
    assertThat(bytes).isNotEqualTo(Bytes.of(new byte[] {1, 2}));
    assertThat(bytes.toHex()).isEqualTo("0x010203");
    assertThat(Bytes.of(new byte[0])).isSameAs(Bytes.EMPTY);
    assertThat(Bytes.of(new byte[20]).toString()).endsWith("(20 bytes)");
  }
}
