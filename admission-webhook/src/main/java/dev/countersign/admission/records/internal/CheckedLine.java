package dev.countersign.admission.records.internal;

/**
 * One line of a file, read, hashed and parsed, and what its check found so far.
 *
 * <p>A line is hashed as it is, even when it does not parse: the next line's {@code prev} names
 * these exact bytes, whatever they say.
 */
final class CheckedLine {
  private final RawLine raw;
  private final String hash;
  private final ParsedLine parsed;
  private final String parseError;
  private boolean problem;
  private boolean signatureVerified;

  private CheckedLine(RawLine raw, String hash, ParsedLine parsed, String parseError) {
    this.raw = raw;
    this.hash = hash;
    this.parsed = parsed;
    this.parseError = parseError;
  }

  /** Hashes and parses a line; decision records are read from it only when asked for. */
  static CheckedLine of(RawLine raw, boolean readRecords) {
    if (raw.tooLong()) {
      return new CheckedLine(
          raw, "", null, "the line is longer than " + LogFormat.MAX_LINE_BYTES + " bytes");
    }
    String hash = LogFormat.sha256Hex(raw.bytes());
    try {
      return new CheckedLine(
          raw, hash, LineParser.parse(raw.bytes(), raw.bytes().length, readRecords), null);
    } catch (LineFormatException e) {
      return new CheckedLine(raw, hash, null, e.getMessage());
    }
  }

  RawLine raw() {
    return raw;
  }

  /** The 1-based line number. */
  long number() {
    return raw.number();
  }

  /** SHA-256 hex of the line's bytes; empty for a line too long to have been kept. */
  String hash() {
    return hash;
  }

  /** The line's content, or null when it is not a decision-log line ({@link #parseError}). */
  ParsedLine parsed() {
    return parsed;
  }

  /** Why the line is not a decision-log line; null when it parsed. */
  String parseError() {
    return parseError;
  }

  boolean hasProblem() {
    return problem;
  }

  void markProblem() {
    problem = true;
  }

  /** Whether the line's own signature was checked and verified. */
  boolean signatureVerified() {
    return signatureVerified;
  }

  void signatureVerified(boolean verified) {
    signatureVerified = verified;
  }
}
