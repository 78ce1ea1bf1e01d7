package dev.countersign.testkit.ca;

import static org.assertj.core.api.Assertions.assertThat;

import dev.countersign.testkit.ct.TestCtLog;
import dev.countersign.testkit.encoding.Bytes;
import dev.countersign.testkit.keys.HashAlgorithm;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.Certificate;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.asn1.x509.V3TBSCertificateGenerator;
import org.junit.jupiter.api.Test;

/**
 * Verifies embedded SCTs the way a CT-aware verifier does, reading only the final certificate:
 * parse the TLS list, strip the SCT extension from the TBS, rebuild RFC 6962's signed structure.
 */
class EmbeddedSctTest {
  private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
  private static final Instant SIGNED_AT = Instant.parse("2025-06-01T12:00:00.123Z");
  private static final ASN1ObjectIdentifier SCT_OID =
      new ASN1ObjectIdentifier("1.3.6.1.4.1.11129.2.4.2");

  private final TestCertificateAuthority ca = TestCertificateAuthority.create(T0);
  private final TestCtLog log = TestCtLog.create("https://ct.test");

  @Test
  void sctSignsTheFinalTbsWithoutItsOwnExtension() throws Exception {
    LeafRequest request =
        LeafRequest.forUri("https://id.test", "https://issuer.test")
            .withSct(log)
            .withSctTimestamp(SIGNED_AT);
    IssuedCertificate issued = ca.issueLeaf(request, SIGNED_AT);
    assertThat(
            verifyEmbeddedSct(issued.certificate(), ca.intermediate().orElseThrow(), Bytes.empty()))
        .isTrue();
  }

  @Test
  void sctExtensionsAreSignedToo() throws Exception {
    Bytes extensions = Bytes.fromHex("0000050001020304");
    IssuedCertificate issued =
        ca.issueLeaf(
            LeafRequest.forUri("https://id.test", "https://issuer.test")
                .withSct(log)
                .withSctTimestamp(SIGNED_AT)
                .withSctExtensions(extensions),
            SIGNED_AT);
    assertThat(verifyEmbeddedSct(issued.certificate(), ca.intermediate().orElseThrow(), extensions))
        .isTrue();
  }

  @Test
  void rootIssuedLeavesHashTheRootKey() throws Exception {
    IssuedCertificate issued =
        ca.issueLeaf(
            LeafRequest.forUri("https://id.test", "https://issuer.test")
                .withSct(log)
                .withSctTimestamp(SIGNED_AT)
                .fromRoot(),
            SIGNED_AT);
    assertThat(verifyEmbeddedSct(issued.certificate(), ca.root(), Bytes.empty())).isTrue();
    assertThat(
            verifyEmbeddedSct(issued.certificate(), ca.intermediate().orElseThrow(), Bytes.empty()))
        .isFalse();
  }

  private boolean verifyEmbeddedSct(
      X509Certificate leaf, X509Certificate issuer, Bytes expectedExtensions) throws Exception {
    byte[] extensionValue =
        ASN1OctetString.getInstance(leaf.getExtensionValue(SCT_OID.getId())).getOctets();
    ByteBuffer list = ByteBuffer.wrap(ASN1OctetString.getInstance(extensionValue).getOctets());
    assertThat(list.getShort() & 0xffff).isEqualTo(list.remaining());
    int sctLength = list.getShort() & 0xffff;
    assertThat(sctLength).isEqualTo(list.remaining());
    assertThat(list.get()).isZero();
    byte[] logId = new byte[32];
    list.get(logId);
    assertThat(logId)
        .isEqualTo(MessageDigest.getInstance("SHA-256").digest(log.key().publicKey().getEncoded()));
    long timestamp = list.getLong();
    assertThat(timestamp).isEqualTo(SIGNED_AT.toEpochMilli());
    byte[] extensions = new byte[list.getShort() & 0xffff];
    list.get(extensions);
    assertThat(extensions).isEqualTo(expectedExtensions.toByteArray());
    assertThat(list.get()).isEqualTo((byte) 4);
    assertThat(list.get()).isEqualTo((byte) 3);
    byte[] signature = new byte[list.getShort() & 0xffff];
    list.get(signature);
    assertThat(list.hasRemaining()).isFalse();

    TBSCertificate tbs = Certificate.getInstance(leaf.getEncoded()).getTBSCertificate();
    List<Extension> kept = new ArrayList<>();
    for (ASN1ObjectIdentifier oid : tbs.getExtensions().getExtensionOIDs()) {
      if (!oid.equals(SCT_OID)) {
        kept.add(tbs.getExtensions().getExtension(oid));
      }
    }
    V3TBSCertificateGenerator precert = new V3TBSCertificateGenerator();
    precert.setSerialNumber(tbs.getSerialNumber());
    precert.setSignature(tbs.getSignature());
    precert.setIssuer(tbs.getIssuer());
    precert.setStartDate(tbs.getStartDate());
    precert.setEndDate(tbs.getEndDate());
    precert.setSubject(tbs.getSubject());
    precert.setSubjectPublicKeyInfo(tbs.getSubjectPublicKeyInfo());
    precert.setExtensions(new Extensions(kept.toArray(Extension[]::new)));
    byte[] precertTbs = precert.generateTBSCertificate().getEncoded("DER");

    ByteArrayOutputStream signed = new ByteArrayOutputStream();
    signed.write(0);
    signed.write(0);
    signed.writeBytes(ByteBuffer.allocate(8).putLong(timestamp).array());
    signed.write(0);
    signed.write(1);
    signed.writeBytes(HashAlgorithm.SHA2_256.digest(issuer.getPublicKey().getEncoded()));
    signed.write(precertTbs.length >>> 16);
    signed.write(precertTbs.length >>> 8);
    signed.write(precertTbs.length);
    signed.writeBytes(precertTbs);
    signed.write(extensions.length >>> 8);
    signed.write(extensions.length);
    signed.writeBytes(extensions);

    Signature verifier = Signature.getInstance("SHA256withECDSA");
    verifier.initVerify(log.key().publicKey());
    verifier.update(signed.toByteArray());
    return verifier.verify(signature);
  }
}
