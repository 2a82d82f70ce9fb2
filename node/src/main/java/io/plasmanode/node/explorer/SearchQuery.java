package io.plasmanode.node.explorer;

import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Hash32;
import java.util.regex.Pattern;

/**
 * What the search box's text names: a child block number, a transaction hash, an address or an
 * output's position; or why it names none of them, in words for the user.
 */
sealed interface SearchQuery {
  /** The longest query read; longer ones are refused before any parsing. */
  int MAX_LENGTH = 100;

  Pattern DIGITS = Pattern.compile("[0-9]{1,19}");
  Pattern HEX = Pattern.compile("(0[xX])?[0-9a-fA-F]+");

  /** A child block. */
  record Block(long blknum) implements SearchQuery {}

  /** A transaction. */
  record Transaction(Hash32 txHash) implements SearchQuery {}

  /** An account. */
  record Account(Address address) implements SearchQuery {}

  /** An output, by its position. */
  record Position(UtxoPos pos) implements SearchQuery {}

  /** Text that names nothing the explorer shows, and why. */
  record Invalid(String reason) implements SearchQuery {}

  /**
   * Reads {@code text} (trimmed). A number is a child block when it is a multiple of 1000 at most
   * {@code height} (the last closed block), else a position when it encodes one, else a block
   * number if a multiple of 1000 (a block not closed yet); 64 hex digits are a transaction hash and
   * 40 an address (a mixed-case one must match its EIP-55 checksum).
   */
  static SearchQuery parse(String text, long height) {
    String query = text.strip();
    if (query.isEmpty()) {
      return new Invalid(
          "Type a block number, a transaction hash, an address or an output's position.");
    }
    if (query.length() > MAX_LENGTH) {
      return new Invalid("The search text is longer than " + MAX_LENGTH + " characters.");
    }
    if (DIGITS.matcher(query).matches()) {
      return number(query, height);
    }
    if (HEX.matcher(query).matches()) {
      return hex(query);
    }
    return new Invalid(
        "Not a block number, a transaction hash (64 hex digits), an address (40 hex digits) or a"
            + " position (a number).");
  }

  private static SearchQuery number(String digits, long height) {
    long value;
    try {
      value = Long.parseLong(digits);
    } catch (NumberFormatException e) {
      return new Invalid("The number is too large to be a block number or a position.");
    }
    boolean blockNumber = value > 0 && value % UtxoPos.CHILD_BLOCK_INTERVAL == 0;
    if (blockNumber && value <= height) {
      return new Block(value);
    }
    var pos = UtxoPos.fromLong(value).filter(p -> value >= UtxoPos.BLOCK_OFFSET);
    if (pos.isPresent()) {
      return new Position(pos.get());
    }
    if (blockNumber && value <= UtxoPos.MAX_BLKNUM) {
      return new Block(value);
    }
    return new Invalid(
        value
            + " is neither a child block number (a positive multiple of 1000) nor an output's"
            + " position (blknum * 1000000 + txindex * 10 + oindex).");
  }

  private static SearchQuery hex(String query) {
    String digits = query.startsWith("0x") || query.startsWith("0X") ? query.substring(2) : query;
    if (digits.length() == 2 * Hash32.SIZE) {
      return new Transaction(Hash32.fromHex(digits));
    }
    if (digits.length() == 2 * Address.SIZE) {
      try {
        return new Account(Address.fromHexChecked(digits));
      } catch (IllegalArgumentException e) {
        return new Invalid(
            "That address has a wrong EIP-55 checksum (its upper and lower case letters do not"
                + " match its digits): it is probably mistyped. Type it all in lower case to skip"
                + " the check.");
      }
    }
    return new Invalid(
        "Hex text must be a transaction hash (64 hex digits) or an address (40 hex digits), not "
            + digits.length()
            + " digits.");
  }
}
