package dev.countersign.report.aws;

import dev.countersign.report.aws.internal.DirectoryEvidenceSink;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Where raw AWS responses go, each with the exact query that produced it. Implementations must be
 * thread-safe: collectors may write from several threads.
 */
public interface EvidenceSink extends AutoCloseable {

  /**
   * Stores one file.
   *
   * @param relativePath a relative path with {@code /} separators, such as {@code
   *     ecr/us-east-1/describe-repositories/page-0001.json}; never absolute, never with {@code ..}
   * @param content the bytes exactly as received
   * @param query the request that produced them
   */
  void write(String relativePath, byte[] content, Query query) throws IOException;

  @Override
  default void close() throws IOException {}

  /**
   * Files under {@code root}, plus {@code queries.jsonl} there: one JSON line per file with its
   * path, SHA-256 and query.
   */
  static EvidenceSink directory(Path root) throws IOException {
    return new DirectoryEvidenceSink(root);
  }

  /** Discards everything; for runs that want the records only. */
  static EvidenceSink discard() {
    return (path, content, query) -> {};
  }
}
