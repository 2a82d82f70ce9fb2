package io.plasmanode.node.wallet;

import io.plasmanode.core.eip712.Eip712Domain;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Hash32;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The wallet's sent transactions, as its store's lines tell them (pure: no I/O), oldest first, with
 * the warnings about lines that could not be read.
 */
public final class SentTransactions {
  private final Map<Hash32, SentTx> byHash;
  private final List<String> warnings;

  private SentTransactions(Map<Hash32, SentTx> byHash, List<String> warnings) {
    this.byHash = byHash;
    this.warnings = List.copyOf(warnings);
  }

  /**
   * Folds {@code lines} in order; {@code warnings} (about unreadable lines) are kept and extended
   * with lines about transactions never recorded as signed.
   */
  static SentTransactions fold(List<WalletLine> lines, List<String> warnings) {
    Map<Hash32, SentTx> byHash = new LinkedHashMap<>();
    List<String> all = new ArrayList<>(warnings);
    for (WalletLine line : lines) {
      SentTx known = byHash.get(line.txHash());
      switch (line) {
        case WalletLine.Signed signed ->
            byHash.put(line.txHash(), known == null ? signed.toSentTx() : known.withSubmission());
        case WalletLine.Resubmitted resubmitted -> {
          if (known == null) {
            all.add("a resubmission of unknown transaction " + line.txHash() + " is ignored");
          } else {
            byHash.put(line.txHash(), known.withSubmission());
          }
        }
        case WalletLine.Answered answered -> {
          if (known == null) {
            all.add("an answer about unknown transaction " + line.txHash() + " is ignored");
          } else {
            byHash.put(line.txHash(), known.withAnswer(answered.answer()));
          }
        }
      }
    }
    return new SentTransactions(byHash, all);
  }

  /** Every sent transaction, oldest first. */
  public List<SentTx> all() {
    return List.copyOf(byHash.values());
  }

  /** Those signed by {@code sender}, oldest first. */
  public List<SentTx> sentBy(Address sender) {
    return byHash.values().stream().filter(tx -> tx.sender().equals(sender)).toList();
  }

  public Optional<SentTx> find(Hash32 txHash) {
    return Optional.ofNullable(byHash.get(txHash));
  }

  /**
   * The transactions whose hash starts with {@code prefix} (hex digits, {@code 0x} optional, any
   * case): one for a full hash or an unambiguous prefix.
   */
  public List<SentTx> findByPrefix(String prefix) {
    String digits = prefix.toLowerCase(Locale.ROOT).replaceFirst("^0x", "");
    return byHash.entrySet().stream()
        .filter(entry -> entry.getKey().toHex().substring(2).startsWith(digits))
        .map(Map.Entry::getValue)
        .toList();
  }

  /** What could not be read (a torn last line, damaged lines), in words. */
  public List<String> warnings() {
    return warnings;
  }

  /**
   * The inputs that transactions of {@code domain} not known rejected spend: a new transaction
   * should spend none of them ({@link #conflicts}).
   */
  public Set<UtxoPos> spentInputs(Eip712Domain domain) {
    return byHash.values().stream()
        .filter(tx -> tx.domain().equals(domain) && tx.status() != SentTx.Status.REJECTED)
        .flatMap(tx -> tx.inputs().stream())
        .collect(Collectors.toUnmodifiableSet());
  }

  /**
   * The earlier transactions of {@code domain} that spend one of {@code inputs} and are not known
   * to have been rejected, the transaction {@code txHash} itself aside (sending the same bytes
   * again is always safe).
   */
  public List<RespendConflict> conflicts(Eip712Domain domain, Hash32 txHash, List<UtxoPos> inputs) {
    List<RespendConflict> conflicts = new ArrayList<>();
    for (SentTx earlier : byHash.values()) {
      if (!earlier.domain().equals(domain)
          || earlier.txHash().equals(txHash)
          || earlier.status() == SentTx.Status.REJECTED) {
        continue;
      }
      List<UtxoPos> shared = earlier.inputs().stream().filter(inputs::contains).toList();
      if (!shared.isEmpty()) {
        conflicts.add(new RespendConflict(earlier, shared));
      }
    }
    return conflicts;
  }
}
