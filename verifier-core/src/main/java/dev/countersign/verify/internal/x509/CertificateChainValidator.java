package dev.countersign.verify.internal.x509;

import dev.countersign.verify.internal.crypto.KeyFormatException;
import dev.countersign.verify.internal.trust.CertificateAuthority;
import dev.countersign.verify.verdict.ReasonCode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;

/**
 * Validates an end-entity certificate against the certificate authorities of a trust root, at a
 * given (verified) time rather than now: signing certificates live for minutes, so what matters is
 * that they were valid when the signature was made.
 *
 * <p>Only trust-root certificates can be issuers: certificates a bundle carries besides the leaf
 * are never used to build the path.
 */
public final class CertificateChainValidator {
  /** Critical extensions this validator understands; any other critical extension fails. */
  private static final Set<ASN1ObjectIdentifier> KNOWN_CRITICAL =
      Set.of(
          Extension.keyUsage,
          Extension.basicConstraints,
          Extension.subjectAlternativeName,
          Extension.extendedKeyUsage);

  private CertificateChainValidator() {}

  /**
   * Finds an authority valid at {@code at} whose chain issued {@code leaf}, and validates the path.
   */
  public static ChainValidation validate(
      ParsedCertificate leaf,
      List<CertificateAuthority> authorities,
      Instant at,
      CertificateProfile profile) {
    Optional<String> profileProblem = checkProfile(leaf, profile);
    if (profileProblem.isPresent()) {
      return ChainValidation.invalid(ReasonCode.CERT_CHAIN_INVALID, profileProblem.get());
    }
    List<CertificateAuthority> current = new ArrayList<>();
    for (CertificateAuthority ca : authorities) {
      if (ca.validFor().contains(at)) {
        current.add(ca);
      }
    }
    if (current.isEmpty()) {
      return ChainValidation.invalid(
          ReasonCode.CERT_CHAIN_INVALID,
          "no certificate authority of the trust root is valid at " + at);
    }
    ChainValidation best = null;
    for (CertificateAuthority ca : current) {
      ChainValidation r = validateAgainst(leaf, ca, at);
      if (r.valid()) {
        return r;
      }
      // Prefer the failure from a CA that did issue the leaf: it explains more than "no issuer".
      if (best == null || r.reason() == ReasonCode.CERT_NOT_VALID_AT_SIGNING_TIME) {
        best = r;
      }
    }
    return best;
  }

  private static ChainValidation validateAgainst(
      ParsedCertificate leaf, CertificateAuthority ca, Instant at) {
    List<ParsedCertificate> chain = ca.chain();
    for (int k = 0; k < chain.size(); k++) {
      ParsedCertificate issuer = chain.get(k);
      if (!leaf.issuer().equals(issuer.subject())) {
        continue;
      }
      try {
        if (!leaf.isSignedBy(issuer.publicKey())) {
          continue;
        }
      } catch (KeyFormatException e) {
        continue;
      }
      Optional<String> broken = ca.chainProblem();
      if (broken.isPresent()) {
        return ChainValidation.invalid(ReasonCode.CERT_CHAIN_INVALID, broken.get());
      }
      List<ParsedCertificate> path = new ArrayList<>();
      path.add(leaf);
      path.addAll(chain.subList(k, chain.size()));
      Optional<ChainValidation> problem = checkPath(path, at);
      if (problem.isPresent()) {
        return problem.get();
      }
      return ChainValidation.ok(
          path,
          ca,
          "issued by "
              + issuer.subject()
              + " of "
              + (ca.uri().isEmpty() ? ca.subject() : ca.uri()));
    }
    return ChainValidation.invalid(
        ReasonCode.CERT_CHAIN_INVALID,
        "certificate issued by '"
            + leaf.issuer()
            + "' does not chain to a certificate authority of the trust root");
  }

  private static Optional<ChainValidation> checkPath(List<ParsedCertificate> path, Instant at) {
    for (int i = 0; i < path.size(); i++) {
      ParsedCertificate c = path.get(i);
      if (!c.validAt(at)) {
        return Optional.of(
            ChainValidation.invalid(
                ReasonCode.CERT_NOT_VALID_AT_SIGNING_TIME,
                (i == 0 ? "signing certificate" : "CA certificate '" + c.subject() + "'")
                    + " is valid from "
                    + c.notBefore()
                    + " to "
                    + c.notAfter()
                    + ", not at the signing time "
                    + at));
      }
      for (ASN1ObjectIdentifier oid : c.criticalExtensionOids()) {
        if (!KNOWN_CRITICAL.contains(oid)) {
          return Optional.of(
              ChainValidation.invalid(
                  ReasonCode.CERT_CHAIN_INVALID,
                  "certificate '"
                      + c.subject()
                      + "' has an unsupported critical extension "
                      + oid));
        }
      }
      if (i == 0) {
        continue;
      }
      if (!c.isCa()) {
        return Optional.of(
            ChainValidation.invalid(
                ReasonCode.CERT_CHAIN_INVALID, "issuer '" + c.subject() + "' is not a CA"));
      }
      Optional<KeyUsage> ku = c.keyUsage();
      if (ku.isPresent() && !ku.get().hasUsages(KeyUsage.keyCertSign)) {
        return Optional.of(
            ChainValidation.invalid(
                ReasonCode.CERT_CHAIN_INVALID,
                "issuer '" + c.subject() + "' may not sign certificates (keyUsage)"));
      }
      // Intermediate CA certificates below this one, not counting self-issued ones (RFC 5280
      // 6.1.4).
      int below = 0;
      for (int j = 1; j < i; j++) {
        if (!path.get(j).isSelfIssued()) {
          below++;
        }
      }
      if (c.pathLength() >= 0 && below > c.pathLength()) {
        return Optional.of(
            ChainValidation.invalid(
                ReasonCode.CERT_CHAIN_INVALID,
                "path length constraint of '" + c.subject() + "' is exceeded"));
      }
    }
    return Optional.empty();
  }

  /** End-entity requirements that do not depend on time or issuer. */
  public static Optional<String> checkProfile(ParsedCertificate leaf, CertificateProfile profile) {
    if (leaf.isCa()) {
      return Optional.of("the end-entity certificate is a CA certificate");
    }
    if (profile == CertificateProfile.CODE_SIGNING) {
      Optional<KeyUsage> ku = leaf.keyUsage();
      if (ku.isEmpty() || !ku.get().hasUsages(KeyUsage.digitalSignature)) {
        return Optional.of("the signing certificate's keyUsage does not allow digitalSignature");
      }
    }
    if (!leaf.extendedKeyUsages().contains(profile.purpose())) {
      return Optional.of(
          "the certificate's extendedKeyUsage does not include "
              + (profile == CertificateProfile.CODE_SIGNING ? "codeSigning" : "timeStamping"));
    }
    return Optional.empty();
  }
}
