package io.plasmanode.node.loadgen;

import static com.google.common.base.Preconditions.checkArgument;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * Measures {@link MachineCosts} in well under a second: each figure is the best (lowest) of {@value
 * #ROUNDS} rounds, the one least disturbed by other work on the machine.
 */
public final class MachineCostMeter {
  private static final int ROUNDS = 3;
  private static final int PAGE = 4096;
  private static final int MAPPED_BYTES = 16 << 20;
  private static final int SYSCALLS = 20_000;
  private static final int HAND_OFFS = 5_000;

  private MachineCostMeter() {}

  /**
   * Measures, writing a temporary file of {@value #MAPPED_BYTES} bytes in {@code dir} (pass the
   * operator's data directory: its file system is the one LevelDB writes to), deleted afterwards.
   */
  public static MachineCosts measure(Path dir) {
    checkArgument(Files.isDirectory(dir), "%s is not a directory", dir);
    double pageFault = Double.MAX_VALUE;
    double syscall = Double.MAX_VALUE;
    double handOff = Double.MAX_VALUE;
    try {
      for (int round = 0; round < ROUNDS; round++) {
        Path file = Files.createTempFile(dir, "plasma-bench-machine", ".tmp");
        try (FileChannel channel =
            FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
          pageFault = Math.min(pageFault, mappedPageFaultMicros(channel));
          syscall = Math.min(syscall, syscallMicros(channel));
        } finally {
          Files.deleteIfExists(file);
        }
        handOff = Math.min(handOff, handOffMicros());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot measure the machine's costs in " + dir, e);
    }
    return new MachineCosts(pageFault, syscall, handOff);
  }

  /** Maps a fresh region of {@code channel} and writes one byte to each of its pages. */
  private static double mappedPageFaultMicros(FileChannel channel) throws IOException {
    MappedByteBuffer mapped = channel.map(FileChannel.MapMode.READ_WRITE, 0, MAPPED_BYTES);
    long start = System.nanoTime();
    for (int offset = 0; offset < MAPPED_BYTES; offset += PAGE) {
      mapped.put(offset, (byte) 1);
    }
    return (System.nanoTime() - start) / 1e3 / (MAPPED_BYTES / PAGE);
  }

  private static double syscallMicros(FileChannel channel) throws IOException {
    long start = System.nanoTime();
    long sum = 0;
    for (int i = 0; i < SYSCALLS; i++) {
      sum += channel.position(); // an lseek
    }
    checkArgument(sum == 0, "a fresh channel is at position 0");
    return (System.nanoTime() - start) / 1e3 / SYSCALLS;
  }

  /**
   * Two threads pass a turn back and forth, each parking until the other unparks it; the time per
   * one-way hand-off.
   */
  private static double handOffMicros() {
    AtomicInteger turn = new AtomicInteger();
    Thread caller = Thread.currentThread();
    Thread other =
        Thread.ofPlatform()
            .name("bench-hand-off")
            .daemon()
            .start(
                () -> {
                  for (int i = 0; i < HAND_OFFS; i++) {
                    awaitTurn(turn, 1);
                    turn.set(0);
                    LockSupport.unpark(caller);
                  }
                });
    long start = System.nanoTime();
    for (int i = 0; i < HAND_OFFS; i++) {
      turn.set(1);
      LockSupport.unpark(other);
      awaitTurn(turn, 0);
    }
    long nanos = System.nanoTime() - start;
    joinQuietly(other);
    return nanos / 1e3 / (2.0 * HAND_OFFS);
  }

  private static void awaitTurn(AtomicInteger turn, int mine) {
    while (turn.get() != mine) {
      LockSupport.park();
    }
  }

  private static void joinQuietly(Thread thread) {
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
