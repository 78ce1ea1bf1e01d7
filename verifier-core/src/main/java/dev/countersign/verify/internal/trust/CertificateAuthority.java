package dev.countersign.verify.internal.trust;

import dev.countersign.verify.internal.x509.ParsedCertificate;
import java.util.List;

/**
 * A certificate authority (Fulcio-style CA or timestamp authority) from a trust root. The chain is
 * ordered as in trusted_root.json: the issuing certificate first (for a TSA, its signing
 * certificate), the root last. The chain's internal signatures were checked when it was loaded.
 */
public record CertificateAuthority(
    String uri, String subject, List<ParsedCertificate> chain, TimeRange validFor) {
  public CertificateAuthority {
    chain = List.copyOf(chain);
  }
}
