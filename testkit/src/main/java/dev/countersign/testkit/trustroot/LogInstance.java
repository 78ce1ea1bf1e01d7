package dev.countersign.testkit.trustroot;

import dev.countersign.testkit.ct.TestCtLog;
import dev.countersign.testkit.encoding.Bytes;
import dev.countersign.testkit.rekor.TransparencyLog;

/**
 * A {@code TransparencyLogInstance} of a trust root's {@code tlogs} or {@code ctlogs}.
 *
 * @param baseUrl the log's URL
 * @param hashAlgorithm the tree's hash, {@code SHA2_256}
 * @param publicKey the DER SubjectPublicKeyInfo
 * @param keyDetails the protobuf-specs {@code PublicKeyDetails} name
 * @param validFor when the key is trusted
 * @param logId the log ID bundles refer to
 */
public record LogInstance(
    String baseUrl,
    String hashAlgorithm,
    Bytes publicKey,
    String keyDetails,
    ValidityPeriod validFor,
    Bytes logId) {

  /** The entry for a Rekor v1 or v2 log. */
  public static LogInstance of(TransparencyLog log, ValidityPeriod validFor) {
    return new LogInstance(
        log.baseUrl(),
        "SHA2_256",
        log.key().spki(),
        log.key().algorithm().keyDetails(),
        validFor,
        log.logId());
  }

  /** The entry for a CT log. */
  public static LogInstance of(TestCtLog log, ValidityPeriod validFor) {
    return new LogInstance(
        log.baseUrl(),
        "SHA2_256",
        log.key().spki(),
        log.key().algorithm().keyDetails(),
        validFor,
        log.logId());
  }

  /** A copy trusted for a different period. */
  public LogInstance withValidFor(ValidityPeriod period) {
    return new LogInstance(baseUrl, hashAlgorithm, publicKey, keyDetails, period, logId);
  }
}
