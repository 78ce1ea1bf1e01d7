package dev.countersign.report.packet;

import java.util.Objects;

/**
 * One reason a packet is not as it was signed.
 *
 * @param kind what is wrong
 * @param path the file, relative to the packet, with {@code /} separators
 * @param message one sentence for people
 */
public record FileFinding(Kind kind, String path, String message) {

  /** Stable codes. */
  public enum Kind {
    /** The file's content differs from what the manifest (or hashing log) records. */
    CHANGED,
    /** The file is not in the manifest: it was added after signing. */
    ADDED,
    /** A file the manifest lists is missing. */
    REMOVED,
    /** The manifest's signature does not verify, or names another key. */
    SIGNATURE_INVALID,
    /** A file of the packet's own structure cannot be read or parsed. */
    MALFORMED
  }

  public FileFinding {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(path, "path");
    message = message == null ? "" : message;
  }

  @Override
  public String toString() {
    return kind + " " + path + (message.isEmpty() ? "" : ": " + message);
  }
}
