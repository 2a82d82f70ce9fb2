package io.plasmanode.core.eip712;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;

import io.plasmanode.core.crypto.Keccak;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Hash32;
import java.math.BigInteger;

/**
 * Solidity's {@code abi.encode} of static values, one 32-byte word each: numbers and {@code
 * address} right-aligned, {@code bytesN} left-aligned.
 */
final class AbiWords {
  private static final int WORD = 32;

  private final byte[] bytes;
  private int offset;

  AbiWords(int wordCount) {
    this.bytes = new byte[wordCount * WORD];
  }

  AbiWords uint256(long value) {
    checkArgument(value >= 0, "uint256 cannot be negative: %s", value);
    return uint256(BigInteger.valueOf(value));
  }

  AbiWords uint256(BigInteger value) {
    checkArgument(value.signum() >= 0 && value.bitLength() <= 256, "not a uint256: %s", value);
    byte[] raw = value.toByteArray();
    int length = Math.min(raw.length, WORD);
    System.arraycopy(raw, raw.length - length, bytes, offset + WORD - length, length);
    return advance();
  }

  AbiWords bytes32(Hash32 value) {
    value.copyTo(bytes, offset);
    return advance();
  }

  /** An {@code address}: 12 zero bytes, then the 20 address bytes. */
  AbiWords address(Address value) {
    value.copyTo(bytes, offset + WORD - Address.SIZE);
    return advance();
  }

  /** A {@code bytes20}: the 20 bytes, then 12 zero bytes. */
  AbiWords bytes20(Address value) {
    value.copyTo(bytes, offset);
    return advance();
  }

  /** keccak256 of the encoding; every word must have been written. */
  Hash32 keccak256() {
    checkState(offset == bytes.length, "wrote %s of %s bytes", offset, bytes.length);
    return Keccak.keccak256(bytes);
  }

  private AbiWords advance() {
    offset += WORD;
    return this;
  }
}
