package dev.countersign.admission.records;

import java.util.Objects;

/**
 * Where a line was written: its sequence number and SHA-256 hex of its bytes. Keeping the last
 * position somewhere else (an audit packet, a ticket) pins the log's length at that moment.
 */
public record LogPosition(long seq, String hash) {
  public LogPosition {
    Objects.requireNonNull(hash, "hash");
  }
}
