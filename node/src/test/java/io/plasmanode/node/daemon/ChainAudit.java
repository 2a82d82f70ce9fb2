package io.plasmanode.node.daemon;

import com.fasterxml.jackson.databind.JsonNode;
import io.plasmanode.core.crypto.Keccak;
import io.plasmanode.core.l1.L1Event;
import io.plasmanode.core.l1.RootChain;
import io.plasmanode.core.ledger.Utxo;
import io.plasmanode.core.merkle.MerkleTree;
import io.plasmanode.core.tx.Output;
import io.plasmanode.core.tx.PaymentTransaction;
import io.plasmanode.core.tx.TxCodec;
import io.plasmanode.core.tx.UtxoPos;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Hash32;
import io.plasmanode.core.types.Hex;
import io.plasmanode.node.loadgen.RecordingLoad;
import io.plasmanode.p2p.rpc.JsonRpcClient;
import io.plasmanode.storage.chain.ChainStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Checks a restarted operator against what its users and L1 know, and keeps what it verified for
 * the next restart: every acknowledged transaction is served at its acknowledged place with the
 * same hash; blocks are contiguous from 1000 and never change once seen; each served root is the
 * Merkle root of the served transactions; L1 has every block number once, in order, with no gap,
 * and the root stored for it; the unspent outputs the operator serves for each owner are exactly
 * the ones recomputed from the L1 deposits and the served blocks. Findings are returned as
 * violations (plain sentences), so a campaign can report all of them.
 */
final class ChainAudit {
  private static final Duration SETTLE = Duration.ofSeconds(20);
  private static final Duration COMMIT = Duration.ofSeconds(60);
  private static final int EXAMPLES = 5;

  private final RootChain l1;
  private final Map<Long, Block> blocks = new TreeMap<>();
  private final Map<UtxoPos, Output> utxos = new HashMap<>();
  private final Map<Hash32, RecordingLoad.Location> held = new HashMap<>();
  private final Map<Long, Hash32> committed = new TreeMap<>();
  private long l1Cursor = -1;
  private long deposits;
  private long lastCommitChecked;

  /** A verified block: its root and transaction hashes as first served. */
  private record Block(String root, List<Hash32> txHashes) {}

  /** What one audit found, and where the operator holds each transaction. */
  record Report(
      List<String> violations,
      Map<Hash32, RecordingLoad.Location> held,
      long height,
      int newBlocks,
      long lostAcks) {}

  ChainAudit(RootChain l1) {
    this.l1 = l1;
  }

  /** Deposits seen on L1 so far. */
  long deposits() {
    return deposits;
  }

  /** Blocks verified so far. */
  int blocks() {
    return blocks.size();
  }

  /**
   * Audits the operator behind {@code rpc} against {@code acks} and the outputs of {@code owners};
   * nothing may be submitted or deposited meanwhile.
   */
  Report audit(JsonRpcClient rpc, Collection<RecordingLoad.Ack> acks, Collection<Address> owners) {
    List<String> violations = new ArrayList<>();
    long highestAck = acks.stream().mapToLong(RecordingLoad.Ack::blknum).max().orElse(0);
    settle(rpc, highestAck, violations);
    long height = rpc.call("plasma_status").path("height").asLong();
    readL1(rpc, height, violations);
    int before = blocks.size();
    readBlocks(rpc, height, violations);
    long lost = checkAcks(acks, violations);
    checkCommits(height, violations);
    checkUtxos(rpc, owners, violations);
    return new Report(violations, Map.copyOf(held), height, blocks.size() - before, lost);
  }

  /**
   * Waits until the open block is empty, every closed block is written, the acknowledged blocks are
   * closed and every block is committed on L1, as a healthy operator does within seconds.
   */
  private void settle(JsonRpcClient rpc, long highestAck, List<String> violations) {
    boolean idle =
        await(
            SETTLE,
            () -> {
              JsonNode status = rpc.call("plasma_status");
              return status.path("mempoolSize").asInt() == 0
                  && status.path("openBlock").asLong()
                      == status.path("height").asLong() + UtxoPos.CHILD_BLOCK_INTERVAL;
            });
    boolean closed =
        idle
            && await(
                Duration.ofSeconds(2),
                () -> rpc.call("plasma_status").path("height").asLong() >= highestAck);
    if (!closed) {
      JsonNode status = rpc.call("plasma_status");
      violations.add(
          "the acknowledged blocks are not all closed: height %d, open block %d with %d txs,"
                  .formatted(
                      status.path("height").asLong(),
                      status.path("openBlock").asLong(),
                      status.path("mempoolSize").asInt())
              + " highest acknowledged block %d".formatted(highestAck));
    }
    long height = rpc.call("plasma_status").path("height").asLong();
    if (!await(
        COMMIT, () -> rpc.call("plasma_status").path("lastCommittedBlock").asLong() >= height)) {
      violations.add(
          "blocks up to %d were not all committed on L1 within %s (last committed %d, alarms %s)"
              .formatted(
                  height,
                  COMMIT,
                  rpc.call("plasma_status").path("lastCommittedBlock").asLong(),
                  rpc.call("plasma_status").path("alarms")));
    }
  }

  /** Reads the contract's events up to the head; waits until the operator has read them too. */
  private void readL1(JsonRpcClient rpc, long height, List<String> violations) {
    long head = l1.l1Height();
    if (!await(SETTLE, () -> rpc.call("plasma_status").path("l1HeightSeen").asLong() >= head)) {
      violations.add(
          "the operator did not read L1 up to block %d within %s".formatted(head, SETTLE));
    }
    List<L1Event> events = head > l1Cursor ? l1.events(l1Cursor + 1, head) : List.of();
    for (L1Event event : events) {
      switch (event) {
        case L1Event.Deposit deposit -> {
          deposits++;
          utxos.put(
              new UtxoPos(deposit.blknum(), 0, 0),
              new Output(deposit.owner(), deposit.token(), deposit.amount()));
        }
        case L1Event.BlockSubmitted submitted -> {
          long expected = (committed.size() + 1) * UtxoPos.CHILD_BLOCK_INTERVAL;
          if (submitted.blknum() != expected) {
            violations.add(
                "L1 block %d (tx %s) commits child block %d where %d was next: %s"
                    .formatted(
                        submitted.origin().l1Block(),
                        submitted.origin().l1TxHash().toShortHex(),
                        submitted.blknum(),
                        expected,
                        committed.containsKey(submitted.blknum()) ? "committed twice" : "a gap"));
          }
          committed.putIfAbsent(submitted.blknum(), submitted.root());
        }
        default -> {}
      }
    }
    l1Cursor = head;
    long next = l1.nextChildBlock();
    if (next != height + UtxoPos.CHILD_BLOCK_INTERVAL) {
      violations.add(
          "the contract's next child block is %d, the operator's height %d"
              .formatted(next, height));
    }
  }

  private void readBlocks(JsonRpcClient rpc, long height, List<String> violations) {
    for (long blknum = UtxoPos.CHILD_BLOCK_INTERVAL;
        blknum <= height;
        blknum += UtxoPos.CHILD_BLOCK_INTERVAL) {
      Block known = blocks.get(blknum);
      JsonNode served = rpc.call("plasma_getBlock", blknum, known == null);
      if (served.isNull()) {
        violations.add("block %d is missing below height %d".formatted(blknum, height));
      } else if (known == null) {
        blocks.put(blknum, verifyNew(blknum, served, violations));
      } else {
        List<Hash32> hashes = new ArrayList<>();
        served.path("transactions").forEach(hash -> hashes.add(Hash32.fromHex(hash.asText())));
        Block again = new Block(served.path("root").asText(), hashes);
        if (!again.equals(known)) {
          violations.add("block %d changed after a restart".formatted(blknum));
        }
      }
    }
    JsonNode above = rpc.call("plasma_getBlock", height + UtxoPos.CHILD_BLOCK_INTERVAL, false);
    if (!above.isNull()) {
      violations.add("block %d is served above height %d".formatted(height + 1000, height));
    }
  }

  /** Checks a block's root against its transactions and applies them to the recomputed UTXOs. */
  private Block verifyNew(long blknum, JsonNode served, List<String> violations) {
    List<byte[]> unsigned = new ArrayList<>();
    List<Hash32> hashes = new ArrayList<>();
    for (JsonNode signed : served.path("transactions")) {
      PaymentTransaction tx = TxCodec.decodeSigned(Hex.decode(signed.asText())).get().tx();
      byte[] encoded = TxCodec.encode(tx);
      Hash32 hash = Keccak.keccak256(encoded);
      int txIndex = unsigned.size();
      unsigned.add(encoded);
      hashes.add(hash);
      held.put(hash, new RecordingLoad.Location(blknum, txIndex));
      apply(blknum, txIndex, tx, violations);
    }
    String root = MerkleTree.of(unsigned).root().toHex();
    if (!root.equals(served.path("root").asText())) {
      violations.add(
          "block %d: served root %s, Merkle root of its transactions %s"
              .formatted(blknum, served.path("root").asText(), root));
    }
    return new Block(served.path("root").asText(), hashes);
  }

  private void apply(long blknum, int txIndex, PaymentTransaction tx, List<String> violations) {
    for (UtxoPos input : tx.inputs()) {
      if (utxos.remove(input) == null) {
        violations.add(
            "tx %d of block %d spends %s, which is not an unspent output"
                .formatted(txIndex, blknum, input));
      }
    }
    for (int o = 0; o < tx.outputs().size(); o++) {
      utxos.put(new UtxoPos(blknum, txIndex, o), tx.outputs().get(o));
    }
  }

  /** Returns how many acknowledged transactions are not served where they were acknowledged. */
  private long checkAcks(Collection<RecordingLoad.Ack> acks, List<String> violations) {
    List<String> lost = new ArrayList<>();
    for (RecordingLoad.Ack ack : acks) {
      Block block = blocks.get(ack.blknum());
      boolean there =
          block != null
              && ack.txIndex() < block.txHashes().size()
              && block.txHashes().get(ack.txIndex()).equals(ack.txHash());
      if (!there) {
        RecordingLoad.Location elsewhere = held.get(ack.txHash());
        lost.add(
            "%s acknowledged at (%d, %d), %s"
                .formatted(
                    ack.txHash().toShortHex(),
                    ack.blknum(),
                    ack.txIndex(),
                    elsewhere == null ? "not served at all" : "served at " + elsewhere));
      }
    }
    if (!lost.isEmpty()) {
      violations.add(
          "%d of %d acknowledged transactions are not served where they were acknowledged, e.g. %s"
              .formatted(
                  lost.size(), acks.size(), lost.subList(0, Math.min(EXAMPLES, lost.size()))));
    }
    return lost.size();
  }

  private void checkCommits(long height, List<String> violations) {
    for (long blknum = lastCommitChecked + 1000; blknum <= height; blknum += 1000) {
      Hash32 onL1 = committed.get(blknum);
      Block stored = blocks.get(blknum);
      if (onL1 == null) {
        violations.add("block %d is not committed on L1".formatted(blknum));
      } else if (stored != null && !onL1.toHex().equals(stored.root())) {
        violations.add(
            "block %d: root %s on L1, %s stored".formatted(blknum, onL1.toHex(), stored.root()));
      } else {
        lastCommitChecked = blknum;
      }
    }
  }

  private void checkUtxos(JsonRpcClient rpc, Collection<Address> owners, List<String> violations) {
    for (Address owner : owners) {
      Set<String> served = new TreeSet<>();
      for (JsonNode utxo : rpc.call("plasma_getUtxos", owner.toHex())) {
        served.add(
            "%s %s %s"
                .formatted(
                    utxo.path("utxoPos").asText(),
                    utxo.path("token").asText(),
                    utxo.path("amount").asText()));
      }
      compare("served", owner, served, violations);
    }
  }

  /**
   * Compares the outputs {@code store} (the stopped operator's database, opened offline) holds for
   * each of {@code owners} with the recomputed ones of the last audit.
   */
  List<String> checkStore(ChainStore store, Collection<Address> owners) {
    List<String> violations = new ArrayList<>();
    for (Address owner : owners) {
      Set<String> stored = new TreeSet<>();
      for (Utxo utxo : store.utxosOf(owner)) {
        stored.add(describe(utxo.pos(), utxo.output()));
      }
      compare("stored", owner, stored, violations);
    }
    return violations;
  }

  private void compare(String source, Address owner, Set<String> found, List<String> violations) {
    Set<String> recomputed = new TreeSet<>();
    utxos.forEach(
        (pos, output) -> {
          if (output.owner().equals(owner)) {
            recomputed.add(describe(pos, output));
          }
        });
    if (!found.equals(recomputed)) {
      Set<String> missing = new TreeSet<>(recomputed);
      missing.removeAll(found);
      Set<String> extra = new TreeSet<>(found);
      extra.removeAll(recomputed);
      violations.add(
          "the UTXOs %s for %s differ from the ones recomputed from L1 and the blocks:"
                  .formatted(source, owner.toHex())
              + " missing %s, extra %s".formatted(first(missing), first(extra)));
    }
  }

  private static String describe(UtxoPos pos, Output output) {
    return "%s %s %s".formatted(pos, output.token().toHex(), output.amount());
  }

  private static List<String> first(Set<String> entries) {
    return entries.stream().limit(EXAMPLES).toList();
  }

  /** Polls {@code condition} every 100 ms for up to {@code timeout}; whether it came true. */
  static boolean await(Duration timeout, BooleanSupplier condition) {
    try {
      Awaitility.await()
          .atMost(timeout)
          .dontCatchUncaughtExceptions()
          .pollDelay(Duration.ZERO)
          .pollInterval(Duration.ofMillis(100))
          .until(condition::getAsBoolean);
      return true;
    } catch (ConditionTimeoutException e) {
      return false;
    }
  }
}
