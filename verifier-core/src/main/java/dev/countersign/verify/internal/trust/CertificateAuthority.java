package dev.countersign.verify.internal.trust;

import dev.countersign.verify.internal.crypto.KeyFormatException;
import dev.countersign.verify.internal.x509.ParsedCertificate;
import java.util.List;
import java.util.Optional;

/**
 * A certificate authority (Fulcio-style CA or timestamp authority) from a trust root. The chain is
 * ordered as in trusted_root.json: the issuing certificate first (for a TSA, its signing
 * certificate), the root last.
 *
 * <p>The signatures linking the chain's certificates are checked on first use rather than at load:
 * loading stays cheap (command-line start-up) and a broken chain still never validates anything.
 */
public final class CertificateAuthority {
  private final String uri;
  private final String subject;
  private final List<ParsedCertificate> chain;
  private final TimeRange validFor;
  private volatile Optional<String> linkProblem;

  public CertificateAuthority(
      String uri, String subject, List<ParsedCertificate> chain, TimeRange validFor) {
    this.uri = uri;
    this.subject = subject;
    this.chain = List.copyOf(chain);
    this.validFor = validFor;
  }

  public String uri() {
    return uri;
  }

  public String subject() {
    return subject;
  }

  public List<ParsedCertificate> chain() {
    return chain;
  }

  public TimeRange validFor() {
    return validFor;
  }

  /**
   * Empty when every certificate of the chain is signed by the next and a self-issued last
   * certificate verifies with its own key; otherwise what is wrong. Computed once.
   */
  public Optional<String> chainProblem() {
    Optional<String> p = linkProblem;
    if (p == null) {
      p = checkLinks();
      linkProblem = p;
    }
    return p;
  }

  private Optional<String> checkLinks() {
    try {
      for (int k = 0; k + 1 < chain.size(); k++) {
        ParsedCertificate child = chain.get(k);
        ParsedCertificate parent = chain.get(k + 1);
        if (!child.issuer().equals(parent.subject()) || !child.isSignedBy(parent.publicKey())) {
          return Optional.of(
              "certificate "
                  + k
                  + " ("
                  + child.subject()
                  + ") of the trust root's chain for "
                  + uri
                  + " is not issued by certificate "
                  + (k + 1)
                  + " ("
                  + parent.subject()
                  + ")");
        }
      }
      ParsedCertificate last = chain.get(chain.size() - 1);
      if (last.isSelfIssued() && !last.isSignedBy(last.publicKey())) {
        return Optional.of(
            "the trust root's self-issued root " + last.subject() + " does not verify");
      }
      return Optional.empty();
    } catch (KeyFormatException e) {
      return Optional.of(
          "a key in the trust root's chain for " + uri + " is unusable: " + e.getMessage());
    }
  }
}
