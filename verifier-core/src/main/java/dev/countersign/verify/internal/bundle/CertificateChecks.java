package dev.countersign.verify.internal.bundle;

import dev.countersign.verify.bundle.VerificationMaterial;
import dev.countersign.verify.internal.crypto.KeyFormatException;
import dev.countersign.verify.internal.crypto.PublicKeys;
import dev.countersign.verify.internal.trust.CertificateAuthority;
import dev.countersign.verify.internal.x509.CertificateChainValidator;
import dev.countersign.verify.internal.x509.CertificateFormatException;
import dev.countersign.verify.internal.x509.CertificateProfile;
import dev.countersign.verify.internal.x509.ChainValidation;
import dev.countersign.verify.internal.x509.ParsedCertificate;
import dev.countersign.verify.internal.x509.SctVerifier;
import dev.countersign.verify.internal.x509.SignerIdentity;
import dev.countersign.verify.policy.Authority;
import dev.countersign.verify.policy.CertificateIdentity;
import dev.countersign.verify.policy.FulcioExtension;
import dev.countersign.verify.policy.StringMatcher;
import dev.countersign.verify.verdict.CheckId;
import dev.countersign.verify.verdict.CheckResult;
import dev.countersign.verify.verdict.ReasonCode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Certificate chain at the signing time(s), embedded SCTs, and the signer's identity. */
final class CertificateChecks {
  private CertificateChecks() {}

  static void verifyChain(VerificationContext ctx) {
    VerificationMaterial.Certificates material =
        (VerificationMaterial.Certificates) ctx.bundle.verificationMaterial();
    List<byte[]> certs = material.certificates();
    for (int i = 1; i < certs.size(); i++) {
      // Trust anchors come only from the trust root. A bundle that ships a root is malformed,
      // except
      // that bundles signed before the bundle specification said so carry one routinely (the npm
      // CLI and cosign wrote the whole chain until mid-2023); theirs is ignored, never used.
      try {
        ParsedCertificate c = ParsedCertificate.parse(certs.get(i));
        if (c.isSelfIssued() && c.isSignedBy(c.publicKey()) && !signedBeforeRootRule(ctx)) {
          ctx.add(
              CheckResult.fail(
                  CheckId.CERTIFICATE_CHAIN,
                  "",
                  ReasonCode.CERT_CHAIN_INVALID,
                  "the bundle's certificate chain includes a root certificate ("
                      + c.subject()
                      + "); roots must come from the trust root"));
          return;
        }
      } catch (CertificateFormatException | KeyFormatException e) {
        ctx.add(
            CheckResult.fail(
                CheckId.CERTIFICATE_CHAIN,
                "",
                ReasonCode.EVIDENCE_MALFORMED,
                "certificate " + i + " of the bundle's chain cannot be parsed: " + e.getMessage()));
        return;
      }
    }
    if (ctx.signingTimes.isEmpty()) {
      if (!issuedByTrustRoot(ctx)) {
        ctx.add(
            CheckResult.fail(
                CheckId.CERTIFICATE_CHAIN,
                "",
                ReasonCode.CERT_CHAIN_INVALID,
                "the signing certificate (issuer '"
                    + ctx.leaf.issuer()
                    + "') is not issued by a certificate"
                    + " authority of trust root '"
                    + ctx.root.name()
                    + "'"));
      } else {
        ctx.add(
            CheckResult.skipped(
                CheckId.CERTIFICATE_CHAIN,
                "",
                "no verified signing time to validate the certificate chain at"));
      }
      return;
    }
    ChainValidation last = null;
    for (VerificationContext.SigningTime t : ctx.signingTimes) {
      ChainValidation v =
          CertificateChainValidator.validate(
              ctx.leaf,
              ctx.root.certificateAuthorities(),
              t.time(),
              CertificateProfile.CODE_SIGNING);
      if (!v.valid()) {
        ctx.add(
            CheckResult.fail(
                CheckId.CERTIFICATE_CHAIN,
                "",
                v.reason(),
                v.detail() + " (time from " + t.source() + ")",
                certificateEvidence(ctx)));
        return;
      }
      last = v;
    }
    ctx.chain = last;
    Map<String, String> ev = certificateEvidence(ctx);
    ev.put("ca.uri", last.authority().uri());
    ctx.add(
        CheckResult.pass(
            CheckId.CERTIFICATE_CHAIN,
            "",
            "the signing certificate is " + last.detail() + " and was valid at the signing time",
            ev));
  }

  /**
   * Whether every verified signing time precedes {@link #ROOT_IN_CHAIN_FORBIDDEN_FROM}, the date
   * from which bundles must not carry the root (protobuf-specs issue 75, resolved April 2023, with
   * producers updated by mid-2023).
   */
  private static boolean signedBeforeRootRule(VerificationContext ctx) {
    return !ctx.signingTimes.isEmpty()
        && ctx.signingTimes.stream().allMatch(t -> t.time().isBefore(ROOT_IN_CHAIN_FORBIDDEN_FROM));
  }

  static final java.time.Instant ROOT_IN_CHAIN_FORBIDDEN_FROM =
      java.time.Instant.parse("2023-07-01T00:00:00Z");

  private static boolean issuedByTrustRoot(VerificationContext ctx) {
    for (CertificateAuthority ca : ctx.root.certificateAuthorities()) {
      for (ParsedCertificate c : ca.chain()) {
        try {
          if (c.subject().equals(ctx.leaf.issuer()) && ctx.leaf.isSignedBy(c.publicKey())) {
            return true;
          }
        } catch (KeyFormatException e) {
          // an unusable CA key cannot have issued it
        }
      }
    }
    return false;
  }

  static void verifySct(VerificationContext ctx) {
    if (ctx.root.ctLogs().isEmpty()) {
      ctx.add(
          CheckResult.skipped(
              CheckId.CERTIFICATE_SCT,
              "",
              "trust root '" + ctx.root.name() + "' declares no CT log"));
      return;
    }
    if (ctx.chain == null) {
      ctx.add(
          CheckResult.skipped(
              CheckId.CERTIFICATE_SCT, "", "no validated chain to bind the SCT to"));
      return;
    }
    SctVerifier.Result r = SctVerifier.verify(ctx.leaf, ctx.chain.path(), ctx.root.ctLogs());
    switch (r.status()) {
      case VERIFIED:
        ctx.add(
            CheckResult.pass(
                CheckId.CERTIFICATE_SCT,
                "",
                r.detail(),
                Map.of("sct.logId", r.logIdHex(), "sct.timestamp", r.timestamp().toString())));
        break;
      case MISSING:
        ctx.add(CheckResult.fail(CheckId.CERTIFICATE_SCT, "", ReasonCode.SCT_MISSING, r.detail()));
        break;
      default:
        ctx.add(CheckResult.fail(CheckId.CERTIFICATE_SCT, "", ReasonCode.SCT_INVALID, r.detail()));
        break;
    }
  }

  static void verifyIdentity(VerificationContext ctx) {
    SignerIdentity id;
    try {
      id = SignerIdentity.read(ctx.leaf);
    } catch (CertificateFormatException e) {
      ctx.add(
          CheckResult.fail(
              CheckId.IDENTITY,
              "",
              ReasonCode.EVIDENCE_MALFORMED,
              "the signing certificate's identity cannot be read: " + e.getMessage()));
      return;
    }
    Map<String, String> ev = new LinkedHashMap<>();
    ev.put("certificate.san", id.subjectAlternativeName());
    ev.put("certificate.issuer", id.issuer());
    id.extensions().forEach((k, v) -> ev.put("certificate." + k.policyName(), v));
    List<Authority.Keyless> keyless = ctx.authoritiesOf(Authority.Keyless.class);
    for (Authority.Keyless a : keyless) {
      for (CertificateIdentity expected : a.identities()) {
        if (matches(expected, id)) {
          ev.put("authority", a.name());
          ctx.add(
              CheckResult.pass(
                  CheckId.IDENTITY,
                  "",
                  "signed by " + id.subjectAlternativeName() + " (issuer " + id.issuer() + ")",
                  ev));
          return;
        }
      }
    }
    for (Authority.PublicKey k : ctx.authoritiesOf(Authority.PublicKey.class)) {
      if (PublicKeys.sameKey(k.verificationKey(), ctx.signerKey)) {
        ev.put("authority", k.name());
        ctx.add(
            CheckResult.pass(
                CheckId.IDENTITY,
                "",
                "the certificate's key is the key of authority '" + k.name() + "'",
                ev));
        return;
      }
    }
    if (keyless.isEmpty()) {
      ctx.add(
          CheckResult.fail(
              CheckId.IDENTITY,
              "",
              ReasonCode.KEY_MISMATCH,
              "the bundle is signed with a certificate whose key is not an expected key",
              ev));
      return;
    }
    ctx.add(
        CheckResult.fail(
            CheckId.IDENTITY,
            "",
            ReasonCode.IDENTITY_MISMATCH,
            "certificate identity (SAN '"
                + id.subjectAlternativeName()
                + "', issuer '"
                + id.issuer()
                + "') is not an expected identity: "
                + describeExpected(keyless, id),
            ev));
  }

  static boolean matches(CertificateIdentity expected, SignerIdentity id) {
    if (!expected.subjectAlternativeName().matches(id.subjectAlternativeName())
        || !expected.issuer().matches(id.issuer())) {
      return false;
    }
    for (Map.Entry<FulcioExtension, StringMatcher> e : expected.extensions().entrySet()) {
      if (!e.getValue().matches(id.extensions().get(e.getKey()))) {
        return false;
      }
    }
    return true;
  }

  /** Names the first expectation and, where only an extension differs, which one. */
  private static String describeExpected(List<Authority.Keyless> keyless, SignerIdentity id) {
    CertificateIdentity first = keyless.get(0).identities().get(0);
    StringBuilder sb =
        new StringBuilder(
            "expected SAN " + first.subjectAlternativeName() + ", issuer " + first.issuer());
    if (first.subjectAlternativeName().matches(id.subjectAlternativeName())
        && first.issuer().matches(id.issuer())) {
      for (Map.Entry<FulcioExtension, StringMatcher> e : first.extensions().entrySet()) {
        if (!e.getValue().matches(id.extensions().get(e.getKey()))) {
          sb.append("; ")
              .append(e.getKey().policyName())
              .append(" is '")
              .append(id.extensions().getOrDefault(e.getKey(), "<absent>"))
              .append("', expected ")
              .append(e.getValue());
          break;
        }
      }
    }
    int total = keyless.stream().mapToInt(a -> a.identities().size()).sum();
    if (total > 1) {
      sb.append(" (and ")
          .append(total - 1)
          .append(" other identit")
          .append(total == 2 ? "y)" : "ies)");
    }
    return sb.toString();
  }

  private static Map<String, String> certificateEvidence(VerificationContext ctx) {
    Map<String, String> ev = new LinkedHashMap<>();
    ev.put("certificate.sha256", ctx.leaf.sha256Hex());
    ev.put("certificate.notBefore", ctx.leaf.notBefore().toString());
    ev.put("certificate.notAfter", ctx.leaf.notAfter().toString());
    return ev;
  }
}
