package dev.countersign.verify.internal.bundle;

import dev.countersign.verify.bundle.SigstoreBundle;
import dev.countersign.verify.bundle.TransparencyLogEntry;
import dev.countersign.verify.bundle.VerificationMaterial;
import dev.countersign.verify.internal.trust.CertificateAuthority;
import dev.countersign.verify.internal.trust.ParsedTrustRoot;
import dev.countersign.verify.internal.x509.CertificateFormatException;
import dev.countersign.verify.internal.x509.ParsedCertificate;
import java.util.List;
import java.util.Optional;

/**
 * Chooses which configured trust root a bundle is verified against: the one the request names, or
 * else the first root that knows the bundle's log and certificate issuer, or else the first root.
 * Choosing only decides which material is used; the checks that follow still verify everything.
 */
final class TrustRootSelector {
  private TrustRootSelector() {}

  /** The choice and why. */
  record Choice(ParsedTrustRoot root, String reason) {}

  static Optional<Choice> select(
      List<ParsedTrustRoot> roots, Optional<String> named, SigstoreBundle bundle) {
    if (named.isPresent()) {
      return roots.stream()
          .filter(r -> r.name().equals(named.get()))
          .findFirst()
          .map(r -> new Choice(r, "named by the request"));
    }
    if (roots.size() == 1) {
      return Optional.of(new Choice(roots.get(0), "the only configured trust root"));
    }
    for (ParsedTrustRoot r : roots) {
      if (knowsLogs(r, bundle) && knowsIssuer(r, bundle)) {
        return Optional.of(new Choice(r, "it trusts the bundle's log and certificate issuer"));
      }
    }
    return Optional.of(
        new Choice(
            roots.get(0), "no configured root knows the bundle's log; the first root is used"));
  }

  private static boolean knowsLogs(ParsedTrustRoot r, SigstoreBundle bundle) {
    for (TransparencyLogEntry e : bundle.tlogEntries()) {
      if (r.transparencyLog(e.logId()).isEmpty()) {
        return false;
      }
    }
    return !bundle.tlogEntries().isEmpty() || !r.timestampAuthorities().isEmpty();
  }

  private static boolean knowsIssuer(ParsedTrustRoot r, SigstoreBundle bundle) {
    if (!(bundle.verificationMaterial() instanceof VerificationMaterial.Certificates)) {
      return true;
    }
    ParsedCertificate leaf;
    try {
      leaf =
          ParsedCertificate.parse(
              ((VerificationMaterial.Certificates) bundle.verificationMaterial()).leaf());
    } catch (CertificateFormatException e) {
      return false;
    }
    for (CertificateAuthority ca : r.certificateAuthorities()) {
      for (ParsedCertificate c : ca.chain()) {
        if (c.subject().equals(leaf.issuer())) {
          return true;
        }
      }
    }
    return false;
  }
}
