package dev.countersign.testkit.trustroot;

import dev.countersign.testkit.ca.Certificates;
import dev.countersign.testkit.ca.TestCertificateAuthority;
import dev.countersign.testkit.encoding.Bytes;
import dev.countersign.testkit.tsa.TestTimestampAuthority;
import java.util.List;

/**
 * A {@code CertificateAuthority} of a trust root's {@code certificateAuthorities} or {@code
 * timestampAuthorities}.
 *
 * @param organization the subject's organization
 * @param commonName the subject's common name
 * @param uri the authority's URL
 * @param certChain DER certificates, the issuing (or signing) certificate first, the root last
 * @param validFor when the authority is trusted
 */
public record CertificateAuthorityInstance(
    String organization,
    String commonName,
    String uri,
    List<Bytes> certChain,
    ValidityPeriod validFor) {

  public CertificateAuthorityInstance {
    certChain = List.copyOf(certChain);
  }

  /** The entry for a test CA. */
  public static CertificateAuthorityInstance of(
      TestCertificateAuthority ca, ValidityPeriod validFor) {
    return new CertificateAuthorityInstance(
        ca.organization(), ca.commonName(), ca.uri(), Certificates.der(ca.chain()), validFor);
  }

  /** The entry for a test TSA. */
  public static CertificateAuthorityInstance of(
      TestTimestampAuthority tsa, ValidityPeriod validFor) {
    return new CertificateAuthorityInstance(
        tsa.organization(), tsa.commonName(), tsa.uri(), Certificates.der(tsa.chain()), validFor);
  }

  /** A copy trusted for a different period. */
  public CertificateAuthorityInstance withValidFor(ValidityPeriod period) {
    return new CertificateAuthorityInstance(organization, commonName, uri, certChain, period);
  }
}
