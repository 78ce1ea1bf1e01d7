package dev.countersign.verify.internal.x509;

import dev.countersign.verify.internal.trust.CertificateAuthority;
import dev.countersign.verify.verdict.ReasonCode;
import java.util.List;

/**
 * The result of validating a certificate path.
 *
 * @param valid whether a valid path was found
 * @param reason the failure reason (CERT_CHAIN_INVALID or CERT_NOT_VALID_AT_SIGNING_TIME); OK when
 *     valid
 * @param detail what was found, for people
 * @param path the validated path, end-entity first, trust anchor last; empty when invalid
 * @param authority the trust root authority the path ends in; null when invalid
 */
public record ChainValidation(
    boolean valid,
    ReasonCode reason,
    String detail,
    List<ParsedCertificate> path,
    CertificateAuthority authority) {
  public ChainValidation {
    path = List.copyOf(path);
  }

  static ChainValidation ok(List<ParsedCertificate> path, CertificateAuthority ca, String detail) {
    return new ChainValidation(true, ReasonCode.OK, detail, path, ca);
  }

  static ChainValidation invalid(ReasonCode reason, String detail) {
    return new ChainValidation(false, reason, detail, List.of(), null);
  }

  /** The certificate that issued the end-entity certificate. */
  public ParsedCertificate issuer() {
    return path.get(1);
  }
}
