package dev.countersign.testkit.trustroot;

import java.util.ArrayList;
import java.util.List;

/**
 * A Sigstore trusted root: the transparency logs, certificate authorities, CT logs and timestamp
 * authorities a verifier trusts. Built up with the {@code with...} methods; each returns a copy.
 */
public record TrustedRoot(
    List<LogInstance> tlogs,
    List<CertificateAuthorityInstance> certificateAuthorities,
    List<LogInstance> ctlogs,
    List<CertificateAuthorityInstance> timestampAuthorities) {

  /** The media type written into the file. */
  public static final String MEDIA_TYPE =
      "application/vnd.dev.sigstore.trustedroot+json;version=0.1";

  public TrustedRoot {
    tlogs = List.copyOf(tlogs);
    certificateAuthorities = List.copyOf(certificateAuthorities);
    ctlogs = List.copyOf(ctlogs);
    timestampAuthorities = List.copyOf(timestampAuthorities);
  }

  /** A root that trusts nothing. */
  public static TrustedRoot empty() {
    return new TrustedRoot(List.of(), List.of(), List.of(), List.of());
  }

  /** A copy also trusting a transparency log. */
  public TrustedRoot withTlog(LogInstance log) {
    return new TrustedRoot(plus(tlogs, log), certificateAuthorities, ctlogs, timestampAuthorities);
  }

  /** A copy also trusting a certificate authority. */
  public TrustedRoot withCertificateAuthority(CertificateAuthorityInstance ca) {
    return new TrustedRoot(tlogs, plus(certificateAuthorities, ca), ctlogs, timestampAuthorities);
  }

  /** A copy also trusting a CT log. */
  public TrustedRoot withCtlog(LogInstance log) {
    return new TrustedRoot(tlogs, certificateAuthorities, plus(ctlogs, log), timestampAuthorities);
  }

  /** A copy also trusting a timestamp authority. */
  public TrustedRoot withTimestampAuthority(CertificateAuthorityInstance tsa) {
    return new TrustedRoot(tlogs, certificateAuthorities, ctlogs, plus(timestampAuthorities, tsa));
  }

  /** A copy with exactly these transparency logs. */
  public TrustedRoot withTlogs(List<LogInstance> logs) {
    return new TrustedRoot(logs, certificateAuthorities, ctlogs, timestampAuthorities);
  }

  /** A copy with exactly these certificate authorities. */
  public TrustedRoot withCertificateAuthorities(List<CertificateAuthorityInstance> cas) {
    return new TrustedRoot(tlogs, cas, ctlogs, timestampAuthorities);
  }

  /** A copy with exactly these CT logs. */
  public TrustedRoot withCtlogs(List<LogInstance> logs) {
    return new TrustedRoot(tlogs, certificateAuthorities, logs, timestampAuthorities);
  }

  /** A copy with exactly these timestamp authorities. */
  public TrustedRoot withTimestampAuthorities(List<CertificateAuthorityInstance> tsas) {
    return new TrustedRoot(tlogs, certificateAuthorities, ctlogs, tsas);
  }

  private static <T> List<T> plus(List<T> list, T item) {
    List<T> more = new ArrayList<>(list);
    more.add(item);
    return more;
  }
}
