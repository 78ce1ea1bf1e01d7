package dev.countersign.verify.bundle;

import dev.countersign.verify.EvidenceFormatException;
import dev.countersign.verify.internal.bundle.BundleParser;
import java.util.List;

/**
 * A parsed, structurally valid Sigstore bundle (v0.1 to v0.3). Parsing checks shape only; nothing
 * here is trusted until a verifier has checked it.
 *
 * @param mediaType the media type as written
 * @param version the bundle version
 * @param verificationMaterial certificate(s) or public key hint
 * @param tlogEntries transparency log entries
 * @param rfc3161Timestamps DER RFC 3161 timestamp responses
 * @param content the signed content
 */
public record SigstoreBundle(
    String mediaType,
    BundleVersion version,
    VerificationMaterial verificationMaterial,
    List<TransparencyLogEntry> tlogEntries,
    List<byte[]> rfc3161Timestamps,
    SignedContent content) {
  /** Largest bundle accepted, in bytes. */
  public static final int MAX_BUNDLE_BYTES = 64 * 1024 * 1024;

  public SigstoreBundle {
    tlogEntries = List.copyOf(tlogEntries);
    rfc3161Timestamps = rfc3161Timestamps.stream().map(byte[]::clone).toList();
  }

  /**
   * Parses bundle JSON.
   *
   * @throws EvidenceFormatException with reason EVIDENCE_MALFORMED or BUNDLE_VERSION_UNSUPPORTED
   */
  public static SigstoreBundle parse(byte[] json) throws EvidenceFormatException {
    return BundleParser.parse(json);
  }
}
