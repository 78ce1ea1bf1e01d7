package dev.countersign.admission.records.internal;

/** A hash shortened for a message: enough to tell hashes apart, short enough to read. */
final class ShortHash {
  private ShortHash() {}

  static String of(String hash) {
    return hash.length() > 16 ? hash.substring(0, 16) + "…" : hash;
  }
}
