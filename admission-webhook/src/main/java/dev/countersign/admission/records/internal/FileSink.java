package dev.countersign.admission.records.internal;

import dev.countersign.admission.records.DecisionLogException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Lines appended to a file this process holds an exclusive lock on: two writers interleaving lines
 * would break the chain, so a second writer is refused instead.
 */
public final class FileSink implements LogSink {
  private final Path path;
  private final FileChannel channel;
  private final FileLock lock;
  private long position;

  private FileSink(Path path, FileChannel channel, FileLock lock) throws IOException {
    this.path = path;
    this.channel = channel;
    this.lock = lock;
    this.position = channel.size();
  }

  /** Opens (creating if needed) and locks {@code path}; refuses a file another writer holds. */
  public static FileSink open(Path path) throws IOException {
    FileChannel ch =
        FileChannel.open(
            path, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = ch.tryLock();
    } catch (OverlappingFileLockException e) {
      ch.close();
      throw new DecisionLogException(
          "the decision log " + path + " is already open for writing in this process");
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
    if (lock == null) {
      ch.close();
      throw new DecisionLogException(
          "the decision log " + path + " is being written by another process");
    }
    return new FileSink(path, ch, lock);
  }

  public Path path() {
    return path;
  }

  public FileChannel channel() {
    return channel;
  }

  /** Cuts the file to {@code size} bytes (a torn last line) and makes that durable. */
  public void truncate(long size) throws IOException {
    channel.truncate(size);
    channel.force(true);
    position = size;
  }

  public long size() {
    return position;
  }

  @Override
  public void write(byte[] line) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(line);
    while (b.hasRemaining()) {
      position += channel.write(b, position);
    }
  }

  @Override
  public void sync() throws IOException {
    channel.force(false);
  }

  /** Makes the file's directory entry durable, after the file was created. */
  public void syncDirectory() throws IOException {
    Path dir = path.toAbsolutePath().getParent();
    if (dir == null) {
      return;
    }
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    }
  }

  @Override
  public void close() throws IOException {
    try {
      channel.force(true);
      if (lock.isValid()) {
        lock.release();
      }
    } finally {
      channel.close();
    }
  }
}
