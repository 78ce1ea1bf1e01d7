package dev.countersign.testkit.ca;

import static org.assertj.core.api.Assertions.assertThat;

import dev.countersign.testkit.ct.TestCtLog;
import dev.countersign.testkit.keys.KeyAlgorithm;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509CertificateHolder;
import org.junit.jupiter.api.Test;

/** Leaves laid out as Fulcio lays them out, checked with the platform's own PKIX validator. */
class TestCertificateAuthorityTest {
  private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
  private static final Instant SIGNED_AT = Instant.parse("2025-06-01T12:00:00Z");
  private static final String ISSUER = "https://token.actions.githubusercontent.com";
  private static final String SAN =
      "https://github.com/acme/app/.github/workflows/r.yml@refs/heads/main";

  private final TestCertificateAuthority ca = TestCertificateAuthority.create(T0);

  @Test
  void leafIsAShortLivedCodeSigningCertificateWithAnEmptySubject() throws Exception {
    IssuedCertificate issued = ca.issueLeaf(LeafRequest.forUri(SAN, ISSUER), SIGNED_AT);
    X509Certificate leaf = issued.certificate();

    assertThat(leaf.getSubjectX500Principal().getEncoded()).hasSize(2); // SEQUENCE {}
    assertThat(leaf.getIssuerX500Principal())
        .isEqualTo(ca.intermediate().orElseThrow().getSubjectX500Principal());
    assertThat(leaf.getNotBefore().toInstant()).isEqualTo(SIGNED_AT);
    assertThat(leaf.getNotAfter().toInstant()).isEqualTo(SIGNED_AT.plus(Duration.ofMinutes(10)));
    assertThat(leaf.getKeyUsage())
        .containsExactly(true, false, false, false, false, false, false, false, false);
    assertThat(leaf.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.3");
    assertThat(leaf.getBasicConstraints()).isEqualTo(-1);
    assertThat(leaf.getCriticalExtensionOIDs()).containsExactlyInAnyOrder("2.5.29.15", "2.5.29.17");
    assertThat(leaf.getSubjectAlternativeNames()).containsExactly(List.of(6, SAN));
    assertThat(leaf.getPublicKey().getAlgorithm()).isEqualTo("EC");
    assertThat(issued.keyPair().publicKey()).isEqualTo(leaf.getPublicKey());

    X509CertificateHolder holder = new X509CertificateHolder(leaf.getEncoded());
    assertThat(holder.getExtension(Extension.subjectKeyIdentifier)).isNotNull();
    byte[] aki = holder.getExtension(Extension.authorityKeyIdentifier).getExtnValue().getOctets();
    byte[] intermediateSki =
        new X509CertificateHolder(ca.intermediate().orElseThrow().getEncoded())
            .getExtension(Extension.subjectKeyIdentifier)
            .getExtnValue()
            .getOctets();
    assertThat(aki).endsWith(ASN1OctetString.getInstance(intermediateSki).getOctets());
    assertThat(issued.sct()).isNull();
  }

  @Test
  void issuerExtensionsUseRawBytesForTheOldOidAndUtf8StringForTheNew() throws Exception {
    X509Certificate leaf = ca.issueLeaf(LeafRequest.forUri(SAN, ISSUER), SIGNED_AT).certificate();
    assertThat(rawValue(leaf, "1.3.6.1.4.1.57264.1.1"))
        .isEqualTo(ISSUER.getBytes(StandardCharsets.UTF_8));
    assertThat(utf8Value(leaf, "1.3.6.1.4.1.57264.1.8")).isEqualTo(ISSUER);
  }

  @Test
  void githubActionsLeavesCarryEveryWorkflowExtension() throws Exception {
    GithubActionsClaims claims =
        GithubActionsClaims.of(
            "acme/app", ".github/workflows/release.yml", "refs/tags/v1", "ab".repeat(20));
    X509Certificate leaf =
        ca.issueLeaf(LeafRequest.forGithubActions(claims), SIGNED_AT).certificate();

    assertThat(leaf.getSubjectAlternativeNames())
        .containsExactly(
            List.of(6, "https://github.com/acme/app/.github/workflows/release.yml@refs/tags/v1"));
    assertThat(new String(rawValue(leaf, "1.3.6.1.4.1.57264.1.2"), StandardCharsets.UTF_8))
        .isEqualTo("push");
    assertThat(new String(rawValue(leaf, "1.3.6.1.4.1.57264.1.5"), StandardCharsets.UTF_8))
        .isEqualTo("acme/app");
    assertThat(new String(rawValue(leaf, "1.3.6.1.4.1.57264.1.6"), StandardCharsets.UTF_8))
        .isEqualTo("refs/tags/v1");
    assertThat(utf8Value(leaf, "1.3.6.1.4.1.57264.1.12")).isEqualTo("https://github.com/acme/app");
    assertThat(utf8Value(leaf, "1.3.6.1.4.1.57264.1.21"))
        .isEqualTo("https://github.com/acme/app/actions/runs/9000000001/attempts/1");
    assertThat(utf8Value(leaf, "1.3.6.1.4.1.57264.1.22")).isEqualTo("public");
    for (int arc = 1; arc <= 22; arc++) {
      boolean present = leaf.getExtensionValue("1.3.6.1.4.1.57264.1." + arc) != null;
      assertThat(present).as("extension .%d", arc).isEqualTo(arc != 7);
    }
  }

  @Test
  void emailAndOtherNameIdentitiesAreEncodedAsFulcioDoes() throws Exception {
    X509Certificate email =
        ca.issueLeaf(LeafRequest.forEmail("dev@acme.test", ISSUER), SIGNED_AT).certificate();
    assertThat(email.getSubjectAlternativeNames()).containsExactly(List.of(1, "dev@acme.test"));

    X509Certificate other =
        ca.issueLeaf(LeafRequest.forOtherName("dev!acme", ISSUER), SIGNED_AT).certificate();
    GeneralNames names =
        GeneralNames.getInstance(
            new X509CertificateHolder(other.getEncoded())
                .getExtension(Extension.subjectAlternativeName)
                .getParsedValue());
    GeneralName name = names.getNames()[0];
    assertThat(name.getTagNo()).isEqualTo(GeneralName.otherName);
    ASN1Sequence otherName = ASN1Sequence.getInstance(name.getName());
    assertThat(otherName.getObjectAt(0).toString()).isEqualTo("1.3.6.1.4.1.57264.1.7");
    ASN1TaggedObject value = ASN1TaggedObject.getInstance(otherName.getObjectAt(1));
    assertThat(value.getTagNo()).isZero();
    assertThat(DERUTF8String.getInstance(value.getExplicitBaseObject()).getString())
        .isEqualTo("dev!acme");
  }

  @Test
  void chainValidatesWithThePlatformPkixValidatorAtTheSigningTime() throws Exception {
    for (LeafRequest request :
        List.of(LeafRequest.forUri(SAN, ISSUER), LeafRequest.forUri(SAN, ISSUER).fromRoot())) {
      IssuedCertificate issued = ca.issueLeaf(request, SIGNED_AT);
      PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(ca.root(), null)));
      parameters.setRevocationEnabled(false);
      parameters.setDate(Date.from(SIGNED_AT.plusSeconds(60)));
      List<X509Certificate> path = issued.fullChain().subList(0, issued.fullChain().size() - 1);
      CertPathValidator.getInstance("PKIX")
          .validate(CertificateFactory.getInstance("X.509").generateCertPath(path), parameters);
    }
    assertThat(ca.intermediate().orElseThrow().getBasicConstraints()).isZero();
    assertThat(ca.chain()).containsExactly(ca.intermediate().orElseThrow(), ca.root());
    assertThat(ca.issueLeaf(LeafRequest.forUri(SAN, ISSUER).fromRoot(), SIGNED_AT).issuerChain())
        .containsExactly(ca.root());
  }

  @Test
  void aCaWithoutIntermediateIssuesFromItsRoot() {
    TestCertificateAuthority rootOnly =
        TestCertificateAuthority.builder(T0).withoutIntermediate().build();
    IssuedCertificate issued = rootOnly.issueLeaf(LeafRequest.forUri(SAN, ISSUER), SIGNED_AT);
    assertThat(rootOnly.chain()).containsExactly(rootOnly.root());
    assertThat(issued.certificate().getIssuerX500Principal())
        .isEqualTo(rootOnly.root().getSubjectX500Principal());
  }

  @Test
  void certifiesEveryKeyAlgorithm() throws Exception {
    for (KeyAlgorithm algorithm : KeyAlgorithm.values()) {
      IssuedCertificate issued =
          ca.issueLeaf(LeafRequest.forUri(SAN, ISSUER).withKeyAlgorithm(algorithm), SIGNED_AT);
      issued.certificate().verify(ca.intermediate().orElseThrow().getPublicKey());
      assertThat(issued.certificate().getPublicKey()).isEqualTo(issued.keyPair().publicKey());
    }
  }

  @Test
  void defectiveLeavesHaveExactlyTheirDefect() throws Exception {
    LeafRequest base = LeafRequest.forUri(SAN, ISSUER);
    X509Certificate wrongEku =
        ca.issueLeaf(base.withDefect(LeafDefect.WRONG_EXTENDED_KEY_USAGE), SIGNED_AT).certificate();
    assertThat(wrongEku.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
    X509Certificate isCa =
        ca.issueLeaf(base.withDefect(LeafDefect.CA_CERTIFICATE), SIGNED_AT).certificate();
    assertThat(isCa.getBasicConstraints()).isGreaterThanOrEqualTo(0);
    assertThat(isCa.getKeyUsage()[5]).isTrue();
    X509Certificate noSan =
        ca.issueLeaf(base.withDefect(LeafDefect.NO_SUBJECT_ALTERNATIVE_NAME), SIGNED_AT)
            .certificate();
    assertThat(noSan.getSubjectAlternativeNames()).isNull();
    X509Certificate expired =
        ca.issueLeaf(base.withDefect(LeafDefect.EXPIRED), SIGNED_AT).certificate();
    assertThat(expired.getNotAfter().toInstant()).isBefore(SIGNED_AT);
    assertThat(
            Duration.between(expired.getNotBefore().toInstant(), expired.getNotAfter().toInstant()))
        .isEqualTo(Duration.ofMinutes(10));
  }

  @Test
  void embedsAnSctOnlyWhenAskedTo() {
    TestCtLog log = TestCtLog.create("https://ct.test");
    IssuedCertificate with = ca.issueLeaf(LeafRequest.forUri(SAN, ISSUER).withSct(log), SIGNED_AT);
    IssuedCertificate without =
        ca.issueLeaf(LeafRequest.forUri(SAN, ISSUER).withSct(log).withoutSct(), SIGNED_AT);
    assertThat(with.certificate().getExtensionValue("1.3.6.1.4.1.11129.2.4.2")).isNotNull();
    assertThat(with.sct().timestamp()).isEqualTo(SIGNED_AT);
    assertThat(without.certificate().getExtensionValue("1.3.6.1.4.1.11129.2.4.2")).isNull();
  }

  private static byte[] rawValue(X509Certificate certificate, String oid) {
    return ASN1OctetString.getInstance(certificate.getExtensionValue(oid)).getOctets();
  }

  private static String utf8Value(X509Certificate certificate, String oid) throws Exception {
    return DERUTF8String.getInstance(ASN1Primitive.fromByteArray(rawValue(certificate, oid)))
        .getString();
  }
}
