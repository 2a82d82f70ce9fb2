package io.plasmanode.node.wallet;

import io.plasmanode.core.eip712.Eip712Domain;
import io.plasmanode.core.tx.SignedTransaction;
import io.plasmanode.core.types.Address;
import io.plasmanode.core.types.Hash32;
import io.plasmanode.node.keys.KeyFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The wallet's durable record of every transaction it signs, so that the user can exit any of them
 * in flight later: an append-only file of JSON lines ({@link WalletLineCodec}), by default {@value
 * #FILE_NAME} in the plasma home.
 *
 * <ul>
 *   <li>A transaction is written and synced to disk <em>before</em> it is submitted, so a crash
 *       between the submission and the record cannot lose it; its answer is appended after.
 *   <li>Each line is one write of the whole line, under an exclusive lock of the file (a {@link
 *       FileLock} between processes, a lock per file within this one): two {@code plasma} commands
 *       never interleave, and the re-spend check and the record it allows are one step.
 *   <li>A line cut off by a crash (the file does not end with a newline) is ignored, with a
 *       warning, and the next write first ends it, so it never swallows a later line; the lines
 *       before it are intact. Any other line that cannot be read is skipped with a warning too.
 *   <li>The file is created readable by its owner only (mode 0600), its directory 0700.
 * </ul>
 */
public final class SentTransactionStore {
  public static final String FILE_NAME = "sent-transactions.jsonl";

  private static final ConcurrentMap<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

  private final Path file;

  public SentTransactionStore(Path file) {
    this.file = file.toAbsolutePath().normalize();
  }

  /** The store file {@value #FILE_NAME} in {@code directory}. */
  public static SentTransactionStore in(Path directory) {
    return new SentTransactionStore(directory.resolve(FILE_NAME));
  }

  public Path file() {
    return file;
  }

  /** The outcome of {@link #recordSigned}. */
  public sealed interface Recording {
    /**
     * Written and synced; {@code overridden} lists the conflicts {@code --force-respend} overrode,
     * {@code resubmission} is true when the same transaction was already recorded.
     */
    record Recorded(List<RespendConflict> overridden, boolean resubmission) implements Recording {
      public Recorded {
        overridden = List.copyOf(overridden);
      }
    }

    /** Nothing written: the transaction re-spends inputs of earlier ones. */
    record Refused(List<RespendConflict> conflicts) implements Recording {
      public Refused {
        conflicts = List.copyOf(conflicts);
      }
    }
  }

  /** Everything recorded (empty when the file does not exist yet). */
  public SentTransactions read() {
    if (!Files.exists(file)) {
      return SentTransactions.fold(List.of(), List.of());
    }
    return locked(channel -> parse(channel).transactions());
  }

  /**
   * Records {@code signed} before its submission, unless it spends an input of an earlier
   * transaction of the same domain that is not known rejected ({@link SentTransactions#conflicts}):
   * then nothing is written, except with {@code forceRespend} for conflicts that {@link
   * RespendConflict#overridable allow it}. The same transaction again is recorded as a
   * resubmission.
   */
  public Recording recordSigned(
      SignedTransaction signed,
      Address sender,
      Eip712Domain domain,
      Instant now,
      boolean forceRespend) {
    WalletLine.Signed line = new WalletLine.Signed(signed, sender, domain, now, forceRespend);
    return locked(
        channel -> {
          SentTransactions known = parse(channel).transactions();
          List<RespendConflict> conflicts =
              known.conflicts(domain, line.txHash(), signed.tx().inputs());
          boolean allowed =
              conflicts.isEmpty()
                  || forceRespend && conflicts.stream().allMatch(RespendConflict::overridable);
          if (!allowed) {
            return new Recording.Refused(conflicts);
          }
          boolean again = known.find(line.txHash()).isPresent();
          append(channel, again ? new WalletLine.Resubmitted(line.txHash(), now) : line);
          return new Recording.Recorded(conflicts, again);
        });
  }

  /** Records another submission of {@code txHash} (already recorded), before it goes out. */
  public void recordResubmission(Hash32 txHash, Instant now) {
    appendLine(new WalletLine.Resubmitted(txHash, now));
  }

  /** Records the operator's answer to the latest submission of {@code txHash}. */
  public void recordAnswer(Hash32 txHash, OperatorAnswer answer) {
    appendLine(new WalletLine.Answered(txHash, answer));
  }

  private void appendLine(WalletLine line) {
    locked(
        channel -> {
          append(channel, line);
          return null;
        });
  }

  private interface LockedWork<T> {
    T run(FileChannel channel) throws IOException;
  }

  private <T> T locked(LockedWork<T> work) {
    ReentrantLock inProcess = IN_PROCESS.computeIfAbsent(file, path -> new ReentrantLock());
    inProcess.lock();
    try (FileChannel channel = open();
        FileLock lock = channel.lock()) {
      return work.run(channel);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot use the wallet's record of sent transactions " + file + ": " + e.getMessage(), e);
    } finally {
      inProcess.unlock();
    }
  }

  private FileChannel open() throws IOException {
    if (Files.exists(file)) {
      return FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
    }
    Path directory = file.getParent();
    KeyFiles.createOwnerOnlyDirectories(directory);
    FileChannel channel;
    try {
      channel =
          FileChannel.open(
              file,
              java.util.Set.of(
                  StandardOpenOption.READ, StandardOpenOption.WRITE, StandardOpenOption.CREATE),
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException e) {
      channel =
          FileChannel.open(
              file, StandardOpenOption.READ, StandardOpenOption.WRITE, StandardOpenOption.CREATE);
    }
    syncDirectory(directory);
    return channel;
  }

  /** Makes a new file's directory entry durable (where the platform allows syncing a directory). */
  private static void syncDirectory(Path directory) {
    try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
      dir.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // Not every platform can open a directory; the file's own sync still holds its contents.
    }
  }

  private StoreContents parse(FileChannel channel) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(Math.toIntExact(channel.size()));
    while (buffer.hasRemaining() && channel.read(buffer, buffer.position()) >= 0) {
      // read until full
    }
    return StoreContents.parse(file, new String(buffer.array(), StandardCharsets.UTF_8));
  }

  /**
   * Appends {@code line} in one write and syncs it; a cut-off last line is ended first (in the same
   * write) so it stays a line of its own.
   */
  private static void append(FileChannel channel, WalletLine line) throws IOException {
    long size = channel.size();
    boolean tornTail = size > 0 && lastByte(channel, size) != '\n';
    String text = (tornTail ? "\n" : "") + WalletLineCodec.encode(line) + "\n";
    ByteBuffer bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    long position = size;
    while (bytes.hasRemaining()) {
      position += channel.write(bytes, position);
    }
    channel.force(true);
  }

  private static byte lastByte(FileChannel channel, long size) throws IOException {
    ByteBuffer last = ByteBuffer.allocate(1);
    channel.read(last, size - 1);
    return last.get(0);
  }
}
