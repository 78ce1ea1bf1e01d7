package dev.countersign.testkit.tsa;

import static org.assertj.core.api.Assertions.assertThat;

import dev.countersign.testkit.encoding.Bytes;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.ASN1GeneralizedTime;
import org.bouncycastle.asn1.ASN1UTCTime;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.tsp.TimeStampResponse;
import org.bouncycastle.tsp.TimeStampToken;
import org.junit.jupiter.api.Test;

/** RFC 3161 responses checked with Bouncy Castle's own token validation. */
class TestTimestampAuthorityTest {
  private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
  private static final Instant GEN_TIME = Instant.parse("2025-06-01T12:00:07Z");
  private static final byte[] SIGNATURE = "signature bytes".getBytes(StandardCharsets.UTF_8);

  private final TestTimestampAuthority tsa = TestTimestampAuthority.create(T0);

  @Test
  void grantedTokenStampsTheSha256OfTheDataAtGenTime() throws Exception {
    TimeStampToken token = token(tsa.timestamp(SIGNATURE, GEN_TIME));

    assertThat(token.getTimeStampInfo().getGenTime()).isEqualTo(Date.from(GEN_TIME));
    assertThat(token.getTimeStampInfo().getMessageImprintAlgOID().getId())
        .isEqualTo("2.16.840.1.101.3.4.2.1");
    assertThat(token.getTimeStampInfo().getMessageImprintDigest())
        .isEqualTo(MessageDigest.getInstance("SHA-256").digest(SIGNATURE));
    assertThat(token.getTimeStampInfo().getPolicy())
        .isEqualTo(TestTimestampAuthority.SIGSTORE_POLICY);
    assertThat(token.getTimeStampInfo().getNonce()).isNull();
    X509Certificate leaf = tsa.chain().get(0);
    // validate() also checks the ESSCertIDv2 attribute against the certificate.
    token.validate(new JcaSimpleSignerInfoVerifierBuilder().build(leaf));
    assertThat(token.getSignedAttributes().get(PKCSObjectIdentifiers.id_aa_signingCertificateV2))
        .isNotNull();
    Attribute signingTime = token.getSignedAttributes().get(CMSAttributes.signingTime);
    assertThat(time(signingTime)).isEqualTo(GEN_TIME);
  }

  @Test
  void embedsTheSigningCertificateOnlyWhenConfiguredTo() throws Exception {
    TimeStampToken embedded = token(tsa.timestamp(SIGNATURE, GEN_TIME));
    assertThat(embedded.getCertificates().getMatches(null))
        .containsExactly(new X509CertificateHolder(tsa.chain().get(0).getEncoded()));
    TimeStampToken chain =
        token(
            tsa.withEmbeddedCertificates(EmbeddedCertificates.CHAIN)
                .timestamp(SIGNATURE, GEN_TIME));
    assertThat(chain.getCertificates().getMatches(null)).hasSize(2);
    TimeStampToken bare =
        token(
            tsa.withEmbeddedCertificates(EmbeddedCertificates.NONE).timestamp(SIGNATURE, GEN_TIME));
    assertThat(bare.getCertificates().getMatches(null)).isEmpty();
    bare.validate(new JcaSimpleSignerInfoVerifierBuilder().build(tsa.chain().get(0)));
  }

  @Test
  void echoesTheNonce() throws Exception {
    TimeStampToken token = token(tsa.timestamp(SIGNATURE, GEN_TIME, BigInteger.valueOf(1234567)));
    assertThat(token.getTimeStampInfo().getNonce()).isEqualTo(BigInteger.valueOf(1234567));
  }

  @Test
  void leafIsATimestampingOnlyCertificateUnderItsRoot() throws Exception {
    X509Certificate leaf = tsa.chain().get(0);
    X509Certificate root = tsa.chain().get(1);
    assertThat(leaf.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.8");
    assertThat(leaf.getCriticalExtensionOIDs()).contains("2.5.29.37");
    leaf.verify(root.getPublicKey());
    root.verify(root.getPublicKey());
    assertThat(root.getBasicConstraints()).isGreaterThanOrEqualTo(0);
  }

  private static TimeStampToken token(Bytes response) throws Exception {
    TimeStampResponse parsed = new TimeStampResponse(response.toByteArray());
    assertThat(parsed.getStatus()).isZero();
    return parsed.getTimeStampToken();
  }

  private static Instant time(Attribute attribute) throws Exception {
    var value = attribute.getAttrValues().getObjectAt(0);
    return value instanceof ASN1UTCTime utc
        ? utc.getAdjustedDate().toInstant()
        : ASN1GeneralizedTime.getInstance(value).getDate().toInstant();
  }
}
