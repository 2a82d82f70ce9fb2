package io.plasmanode.bench.merkle;

import io.plasmanode.bench.fixture.TransferBlocks;
import io.plasmanode.core.merkle.MerkleTree;
import io.plasmanode.core.tx.TxCodec;
import io.plasmanode.core.types.Hash32;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The Merkle root of a full block: hashing the transactions into leaves, building the tree from the
 * leaves, and both together as the operator does when it closes a block ({@code MerkleTree.of}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(value = 2, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class MerkleRootBenchmark {
  /** Transactions in the block; 65,536 fills it. */
  @Param({"65536"})
  public int leaves;

  private List<byte[]> txBytes;
  private List<Hash32> leafHashes;

  @Setup
  public void encode() {
    txBytes = TransferBlocks.unsigned(1000, leaves, 1).stream().map(TxCodec::encode).toList();
    leafHashes = txBytes.stream().map(MerkleTree::leafHash).toList();
  }

  /** keccak(0x00 || txBytes) of every transaction. */
  @Benchmark
  public List<Hash32> leafHashes() {
    return txBytes.stream().map(MerkleTree::leafHash).toList();
  }

  /** The tree above precomputed leaves (about {@code leaves} node hashes). */
  @Benchmark
  public Hash32 rootFromLeaves() {
    return MerkleTree.fromLeaves(leafHashes).root();
  }

  /** Leaves and tree: what closing a block costs. */
  @Benchmark
  public Hash32 rootOfTxBytes() {
    return MerkleTree.of(txBytes).root();
  }
}
