package dev.countersign.verify.internal.trust;

import dev.countersign.verify.internal.crypto.VerificationKey;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A transparency log or CT log the trust root trusts: its key, its log id and the period the root
 * trusts that key for.
 */
public final class LogAuthority {
  private final String baseUrl;
  private final byte[] logId;
  private final byte[] checkpointKeyId;
  private final VerificationKey key;
  private final TimeRange validFor;

  public LogAuthority(
      String baseUrl,
      byte[] logId,
      byte[] checkpointKeyId,
      VerificationKey key,
      TimeRange validFor) {
    this.baseUrl = baseUrl;
    this.logId = logId.clone();
    this.checkpointKeyId = checkpointKeyId == null ? null : checkpointKeyId.clone();
    this.key = key;
    this.validFor = validFor;
  }

  public String baseUrl() {
    return baseUrl;
  }

  public byte[] logId() {
    return logId.clone();
  }

  public String logIdHex() {
    return HexFormat.of().formatHex(logId);
  }

  public VerificationKey key() {
    return key;
  }

  public TimeRange validFor() {
    return validFor;
  }

  /** Whether an entry or SCT naming {@code id} belongs to this log. */
  public boolean hasId(byte[] id) {
    return MessageDigest.isEqual(logId, id)
        || (checkpointKeyId != null && MessageDigest.isEqual(checkpointKeyId, id));
  }

  /**
   * Whether a checkpoint signature line's name names this log: the host (or host:port) of its base
   * URL, as logs sign checkpoints under their host name. A log without a base URL is identified by
   * key alone.
   */
  public boolean matchesSignerName(String name) {
    if (baseUrl.isEmpty()) {
      return true;
    }
    try {
      java.net.URI uri = java.net.URI.create(baseUrl);
      String host = uri.getHost();
      if (host == null) {
        return baseUrl.equals(name);
      }
      return host.equalsIgnoreCase(name) || name.equalsIgnoreCase(uri.getRawAuthority());
    } catch (IllegalArgumentException e) {
      return baseUrl.equals(name);
    }
  }

  /**
   * Whether a signed-note key hint (first four bytes of the key id) names this log. Signed-note key
   * ids are derived from the same hash as the log id for both Rekor v1 (SHA-256 of the DER key) and
   * Rekor v2 (C2SP note key id), so the prefix of the log id is the hint.
   */
  public boolean matchesKeyHint(byte[] hint) {
    byte[] id = checkpointKeyId != null ? checkpointKeyId : logId;
    return hint.length == 4 && id.length >= 4 && MessageDigest.isEqual(Arrays.copyOf(id, 4), hint);
  }
}
