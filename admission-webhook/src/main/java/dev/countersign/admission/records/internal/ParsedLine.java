package dev.countersign.admission.records.internal;

import dev.countersign.admission.records.DecisionRecord;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * A line split into what was signed and the signature over it.
 *
 * @param seq the line's sequence number
 * @param time when the line was written
 * @param prev SHA-256 hex of the line before (or of the genesis value)
 * @param entry what the line says
 * @param sig the signature
 * @param signed the exact bytes the signature is over
 */
public record ParsedLine(long seq, Instant time, String prev, Entry entry, Sig sig, byte[] signed) {

  /** What a line says: one of the four line types. */
  public sealed interface Entry permits Genesis, RecordEntry, Close, Recovery {}

  /**
   * The first line of a file: who signs it, and where it continues from.
   *
   * @param previousFile the file this one continues (rotation), empty for a new log
   */
  public record Genesis(
      String format, String alg, String keyId, byte[] publicKey, String previousFile)
      implements Entry {}

  /** A decision; {@code record} is empty when the line was parsed without reading records. */
  public record RecordEntry(Optional<DecisionRecord> record) implements Entry {}

  /** The writer stopped ({@code shutdown}) or moved to {@code nextFile} ({@code rotated}). */
  public record Close(String reason, String nextFile) implements Entry {}

  /** A resumed writer found an incomplete last line and cut it off; its size and hash. */
  public record Recovery(long discardedBytes, String discardedSha256) implements Entry {}

  /** The {@code sig} object; {@code value} as written (base64). */
  public record Sig(String alg, String keyId, String value) {
    /** The signature bytes, empty unless {@code value} is canonical standard base64. */
    public Optional<byte[]> bytes() {
      try {
        byte[] b = Base64.getDecoder().decode(value);
        // The signature is not covered by itself: only one encoding of it is accepted.
        return Base64.getEncoder().encodeToString(b).equals(value)
            ? Optional.of(b)
            : Optional.empty();
      } catch (IllegalArgumentException e) {
        return Optional.empty();
      }
    }
  }

  public boolean isGenesis() {
    return entry instanceof Genesis;
  }

  /** The name of the line's type, as its entry field is called. */
  public String type() {
    return typeOf(entry);
  }

  static String typeOf(Entry entry) {
    if (entry instanceof Genesis) {
      return "genesis";
    }
    if (entry instanceof RecordEntry) {
      return "record";
    }
    return entry instanceof Close ? "close" : "recovery";
  }
}
