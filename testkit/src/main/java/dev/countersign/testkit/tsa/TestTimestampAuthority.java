package dev.countersign.testkit.tsa;

import dev.countersign.testkit.ca.CertificateExtensions;
import dev.countersign.testkit.ca.CertificateTemplate;
import dev.countersign.testkit.encoding.Bytes;
import dev.countersign.testkit.keys.HashAlgorithm;
import dev.countersign.testkit.keys.KeyAlgorithm;
import dev.countersign.testkit.keys.TestKeyPair;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERSet;
import org.bouncycastle.asn1.cms.Attribute;
import org.bouncycastle.asn1.cms.AttributeTable;
import org.bouncycastle.asn1.cms.CMSAttributes;
import org.bouncycastle.asn1.cms.Time;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaCertStore;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cms.DefaultSignedAttributeTableGenerator;
import org.bouncycastle.cms.SignerInfoGenerator;
import org.bouncycastle.cms.jcajce.JcaSignerInfoGeneratorBuilder;
import org.bouncycastle.operator.DigestCalculator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.bouncycastle.tsp.TSPAlgorithms;
import org.bouncycastle.tsp.TSPException;
import org.bouncycastle.tsp.TimeStampRequestGenerator;
import org.bouncycastle.tsp.TimeStampResponseGenerator;
import org.bouncycastle.tsp.TimeStampTokenGenerator;

/**
 * An RFC 3161 timestamp authority: a self-signed root and a leaf whose only, critical extended key
 * usage is id-kp-timeStamping. Tokens carry an ESSCertIDv2 signing-certificate attribute, the
 * caller's genTime, and (by default) the signing certificate.
 *
 * <p>Immutable: {@link #withEmbeddedCertificates} returns a view sharing the same keys.
 */
public final class TestTimestampAuthority {
  /** Sigstore's TSA policy OID, used as the default policy. */
  public static final ASN1ObjectIdentifier SIGSTORE_POLICY =
      new ASN1ObjectIdentifier("1.3.6.1.4.1.57264.2");

  private static final SecureRandom RANDOM = new SecureRandom();

  private final String organization;
  private final String commonName;
  private final String uri;
  private final TestKeyPair signingKey;
  private final X509Certificate leaf;
  private final X509Certificate root;
  private final EmbeddedCertificates embedded;

  private TestTimestampAuthority(
      String organization,
      String commonName,
      String uri,
      TestKeyPair signingKey,
      X509Certificate leaf,
      X509Certificate root,
      EmbeddedCertificates embedded) {
    this.organization = organization;
    this.commonName = commonName;
    this.uri = uri;
    this.signingKey = signingKey;
    this.leaf = leaf;
    this.root = root;
    this.embedded = embedded;
  }

  /** A P-384 TSA valid from {@code notBefore} for ten years, embedding its signing certificate. */
  public static TestTimestampAuthority create(Instant notBefore) {
    return create(notBefore, notBefore.plus(Duration.ofDays(3650)), KeyAlgorithm.ECDSA_P384);
  }

  /** A TSA whose root and leaf are valid from {@code notBefore} to {@code notAfter}. */
  public static TestTimestampAuthority create(
      Instant notBefore, Instant notAfter, KeyAlgorithm algorithm) {
    String organization = "countersign.test";
    TestKeyPair rootKey = TestKeyPair.generate(algorithm);
    TestKeyPair leafKey = TestKeyPair.generate(algorithm);
    X500Name rootName = name(organization, "countersign-test-tsa-root");
    X500Name leafName = name(organization, "countersign-test-tsa");
    X509Certificate root =
        new CertificateTemplate(
                CertificateTemplate.randomSerial(),
                rootName,
                rootName,
                notBefore,
                notAfter,
                rootKey.publicKey(),
                List.of(
                    CertificateExtensions.keyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign),
                    CertificateExtensions.basicConstraints(true, 0),
                    CertificateExtensions.subjectKeyIdentifier(rootKey.publicKey())))
            .sign(rootKey);
    X509Certificate leaf =
        new CertificateTemplate(
                CertificateTemplate.randomSerial(),
                rootName,
                leafName,
                notBefore,
                notAfter,
                leafKey.publicKey(),
                List.of(
                    CertificateExtensions.keyUsage(KeyUsage.digitalSignature),
                    CertificateExtensions.subjectKeyIdentifier(leafKey.publicKey()),
                    CertificateExtensions.authorityKeyIdentifier(rootKey.publicKey()),
                    CertificateExtensions.extendedKeyUsage(true, KeyPurposeId.id_kp_timeStamping)))
            .sign(rootKey);
    return new TestTimestampAuthority(
        organization,
        "countersign-test-tsa",
        "https://tsa.countersign.test/api/v1/timestamp",
        leafKey,
        leaf,
        root,
        EmbeddedCertificates.SIGNING_CERTIFICATE);
  }

  /** A view putting {@code which} certificates into its tokens. */
  public TestTimestampAuthority withEmbeddedCertificates(EmbeddedCertificates which) {
    return new TestTimestampAuthority(organization, commonName, uri, signingKey, leaf, root, which);
  }

  /** The organization in the certificates' subjects. */
  public String organization() {
    return organization;
  }

  /** The leaf's common name, which trust roots list as the TSA's subject. */
  public String commonName() {
    return commonName;
  }

  /** The URL a trust root lists for this TSA. */
  public String uri() {
    return uri;
  }

  /** The timestamping leaf's key. */
  public TestKeyPair signingKey() {
    return signingKey;
  }

  /** The chain for a trust root: the leaf first, the root last. */
  public List<X509Certificate> chain() {
    return List.of(leaf, root);
  }

  /**
   * Timestamps {@code data}: the message imprint is its SHA-256 (Sigstore timestamps the signature
   * bytes), genTime is {@code genTime} to the second. Returns the DER TimeStampResp.
   */
  public Bytes timestamp(byte[] data, Instant genTime) {
    return timestamp(data, genTime, null);
  }

  /** As {@link #timestamp(byte[], Instant)}, echoing a request nonce. */
  public Bytes timestamp(byte[] data, Instant genTime, BigInteger nonce) {
    try {
      TimeStampRequestGenerator requests = new TimeStampRequestGenerator();
      // The token generator embeds its certificates exactly when the request asks for them.
      requests.setCertReq(embedded != EmbeddedCertificates.NONE);
      var request =
          nonce == null
              ? requests.generate(TSPAlgorithms.SHA256, HashAlgorithm.SHA2_256.digest(data))
              : requests.generate(TSPAlgorithms.SHA256, HashAlgorithm.SHA2_256.digest(data), nonce);
      TimeStampTokenGenerator tokens =
          new TimeStampTokenGenerator(signerInfo(genTime), sha256Calculator(), SIGSTORE_POLICY);
      tokens.addCertificates(
          new JcaCertStore(embedded == EmbeddedCertificates.CHAIN ? chain() : List.of(leaf)));
      Date time = Date.from(genTime);
      var response =
          new TimeStampResponseGenerator(tokens, TSPAlgorithms.ALLOWED)
              .generateGrantedResponse(request, new BigInteger(64, RANDOM), time);
      return Bytes.of(response.getEncoded(ASN1Encoding.DER));
    } catch (TSPException | OperatorCreationException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot produce timestamp", e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private SignerInfoGenerator signerInfo(Instant genTime)
      throws OperatorCreationException, GeneralSecurityException {
    // The CMS signing-time attribute would otherwise be read from the wall clock; pin it to
    // genTime so tokens depend only on the caller's instants.
    AttributeTable signedAttributes =
        new AttributeTable(
            new Attribute(CMSAttributes.signingTime, new DERSet(new Time(Date.from(genTime)))));
    return new JcaSignerInfoGeneratorBuilder(new JcaDigestCalculatorProviderBuilder().build())
        .setSignedAttributeGenerator(new DefaultSignedAttributeTableGenerator(signedAttributes))
        .build(
            new JcaContentSignerBuilder(signingKey.algorithm().signatureAlgorithm())
                .build(signingKey.privateKey()),
            new JcaX509CertificateHolder(leaf));
  }

  private static DigestCalculator sha256Calculator() throws OperatorCreationException {
    return new JcaDigestCalculatorProviderBuilder()
        .build()
        .get(new org.bouncycastle.asn1.x509.AlgorithmIdentifier(HashAlgorithm.SHA2_256.oid()));
  }

  private static X500Name name(String organization, String commonName) {
    return new X500NameBuilder(BCStyle.INSTANCE)
        .addRDN(BCStyle.O, organization)
        .addRDN(BCStyle.CN, commonName)
        .build();
  }
}
