package dev.countersign.admission.records.internal;

/**
 * The key a file's lines are checked with, and the id of the key they must be signed with.
 *
 * <p>The id can be known without the key: when the genesis line is missing or not trustworthy and
 * the lines name a key that is not an expected one, the lines must still all name that one key, but
 * their signatures cannot be checked.
 */
final class KeyInUse {
  private final ExpectedKeys expected;
  private final FileFindings findings;
  private LogKey genesisKey;
  private LogKey key;
  private String keyId;
  private boolean uncheckableNoted;
  private boolean genesisDistrusted;

  KeyInUse(ExpectedKeys expected, FileFindings findings) {
    this.expected = expected;
    this.findings = findings;
  }

  /** The key to check signatures with; null when none can be trusted. */
  LogKey key() {
    return key;
  }

  /** The id of the key the lines must name; null until the genesis line or another names one. */
  String keyId() {
    return keyId;
  }

  /** Starts with the key the genesis line names; null when it names no usable key. */
  void startWith(LogKey genesis) {
    genesisKey = genesis;
    key = genesis;
    keyId = genesis == null ? null : genesis.keyId();
  }

  /**
   * The genesis line is missing or has a problem, so it does not vouch for a key: the lines after
   * it say which key is the log's.
   */
  void distrustGenesis() {
    genesisDistrusted = true;
  }

  boolean genesisDistrusted() {
    return genesisDistrusted;
  }

  /** Use the key a line names: an expected key, or the genesis key, or none (unverifiable). */
  void adopt(String id) {
    keyId = id;
    key =
        expected
            .withId(id)
            .orElse(genesisKey != null && genesisKey.keyId().equals(id) ? genesisKey : null);
    if (key == null && !uncheckableNoted) {
      uncheckableNoted = true;
      findings.note(
          "the signatures in "
              + findings.file()
              + " cannot be checked: its genesis line is missing or not trustworthy and key "
              + ShortHash.of(id)
              + " is not an expected key");
    }
  }
}
