package dev.countersign.testkit.ca;

import dev.countersign.testkit.ct.SctList;
import dev.countersign.testkit.ct.SignedCertificateTimestamp;
import dev.countersign.testkit.keys.KeyAlgorithm;
import dev.countersign.testkit.keys.TestKeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;

/**
 * A Fulcio-like certificate authority: a self-signed root, an optional intermediate (pathLen 0),
 * both P-384 by default, issuing code-signing leaves laid out exactly as Fulcio lays them out.
 */
public final class TestCertificateAuthority {
  private final String organization;
  private final String commonName;
  private final String uri;
  private final TestKeyPair rootKey;
  private final X509Certificate root;
  private final TestKeyPair intermediateKey;
  private final X509Certificate intermediate;

  private TestCertificateAuthority(Builder b) {
    this.organization = b.organization;
    this.commonName = b.rootCommonName;
    this.uri = b.uri;
    this.rootKey = TestKeyPair.generate(b.keyAlgorithm);
    X500Name rootName = name(b.organization, b.rootCommonName);
    this.root =
        new CertificateTemplate(
                CertificateTemplate.randomSerial(),
                rootName,
                rootName,
                b.notBefore,
                b.notAfter,
                rootKey.publicKey(),
                List.of(
                    CertificateExtensions.keyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign),
                    CertificateExtensions.basicConstraints(true, 1),
                    CertificateExtensions.subjectKeyIdentifier(rootKey.publicKey())))
            .sign(rootKey);
    if (b.intermediateCommonName == null) {
      this.intermediateKey = null;
      this.intermediate = null;
    } else {
      this.intermediateKey = TestKeyPair.generate(b.keyAlgorithm);
      this.intermediate =
          new CertificateTemplate(
                  CertificateTemplate.randomSerial(),
                  rootName,
                  name(b.organization, b.intermediateCommonName),
                  b.notBefore,
                  b.notAfter,
                  intermediateKey.publicKey(),
                  List.of(
                      CertificateExtensions.keyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign),
                      CertificateExtensions.extendedKeyUsage(false, KeyPurposeId.id_kp_codeSigning),
                      CertificateExtensions.basicConstraints(true, 0),
                      CertificateExtensions.subjectKeyIdentifier(intermediateKey.publicKey()),
                      CertificateExtensions.authorityKeyIdentifier(rootKey.publicKey())))
              .sign(rootKey);
    }
  }

  /** A builder whose certificates are valid from {@code notBefore} for ten years. */
  public static Builder builder(Instant notBefore) {
    return new Builder(notBefore);
  }

  /** A CA with a root and an intermediate, valid from {@code notBefore} for ten years. */
  public static TestCertificateAuthority create(Instant notBefore) {
    return builder(notBefore).build();
  }

  /** The organization in the CA certificates' subjects. */
  public String organization() {
    return organization;
  }

  /** The root's common name, which trust roots list as the CA's subject. */
  public String commonName() {
    return commonName;
  }

  /** The URL a trust root lists for this CA. */
  public String uri() {
    return uri;
  }

  /** The self-signed root. */
  public X509Certificate root() {
    return root;
  }

  /** The root's key. */
  public TestKeyPair rootKey() {
    return rootKey;
  }

  /** The intermediate, if the CA has one. */
  public Optional<X509Certificate> intermediate() {
    return Optional.ofNullable(intermediate);
  }

  /** The intermediate's key, if the CA has one. */
  public Optional<TestKeyPair> intermediateKey() {
    return Optional.ofNullable(intermediateKey);
  }

  /** The CA's chain for a trust root: the issuing certificate first, the root last. */
  public List<X509Certificate> chain() {
    return intermediate == null ? List.of(root) : List.of(intermediate, root);
  }

  /** Issues a leaf whose validity starts at {@code notBefore} (truncated to the second). */
  public IssuedCertificate issueLeaf(LeafRequest request, Instant notBefore) {
    boolean fromRoot = request.issuedByRoot() || intermediate == null;
    TestKeyPair issuerKey = fromRoot ? rootKey : intermediateKey;
    X509Certificate issuer = fromRoot ? root : intermediate;
    TestKeyPair subjectKey =
        Objects.requireNonNullElseGet(
            request.subjectKey(), () -> TestKeyPair.generate(request.keyAlgorithm()));

    Instant start = notBefore;
    Instant end = notBefore.plus(request.validity());
    if (request.defects().contains(LeafDefect.EXPIRED)) {
      end = notBefore.minusSeconds(1);
      start = end.minus(request.validity());
    }
    CertificateTemplate template =
        new CertificateTemplate(
            CertificateTemplate.randomSerial(),
            X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded()),
            new X500Name(new RDN[0]),
            start,
            end,
            subjectKey.publicKey(),
            leafExtensions(request, subjectKey, issuer));

    SignedCertificateTimestamp sct = null;
    if (request.ctLog() != null) {
      Instant sctTime = Objects.requireNonNullElse(request.sctTimestamp(), template.notBefore());
      sct =
          request
              .ctLog()
              .signPrecertificate(
                  Certificates.spki(issuer),
                  template.tbsDer(issuerKey),
                  sctTime,
                  request.sctExtensions());
      template = template.withExtension(SctList.extension(List.of(sct)));
    }
    List<X509Certificate> issuerChain = fromRoot ? List.of(root) : List.of(intermediate, root);
    return new IssuedCertificate(template.sign(issuerKey), subjectKey, issuerChain, sct);
  }

  private static List<Extension> leafExtensions(
      LeafRequest request, TestKeyPair subjectKey, X509Certificate issuer) {
    boolean ca = request.defects().contains(LeafDefect.CA_CERTIFICATE);
    List<Extension> extensions = new ArrayList<>();
    extensions.add(
        CertificateExtensions.keyUsage(
            ca ? KeyUsage.digitalSignature | KeyUsage.keyCertSign : KeyUsage.digitalSignature));
    extensions.add(
        CertificateExtensions.extendedKeyUsage(
            false,
            request.defects().contains(LeafDefect.WRONG_EXTENDED_KEY_USAGE)
                ? KeyPurposeId.id_kp_serverAuth
                : KeyPurposeId.id_kp_codeSigning));
    if (ca) {
      extensions.add(CertificateExtensions.basicConstraints(true, null));
    }
    extensions.add(CertificateExtensions.subjectKeyIdentifier(subjectKey.publicKey()));
    extensions.add(CertificateExtensions.authorityKeyIdentifier(issuer.getPublicKey()));
    if (!request.defects().contains(LeafDefect.NO_SUBJECT_ALTERNATIVE_NAME)) {
      // An empty subject makes the SAN the whole identity, so RFC 5280 requires it critical.
      extensions.add(
          CertificateExtensions.subjectAlternativeName(
              request.subjectAlternativeName().toGeneralName(), true));
    }
    for (Map.Entry<FulcioExtension, String> e : request.extensions().entrySet()) {
      extensions.add(e.getKey().toExtension(e.getValue()));
    }
    return extensions;
  }

  private static X500Name name(String organization, String commonName) {
    return new X500NameBuilder(BCStyle.INSTANCE)
        .addRDN(BCStyle.O, organization)
        .addRDN(BCStyle.CN, commonName)
        .build();
  }

  /** Configures a {@link TestCertificateAuthority}; {@link #build} generates the keys. */
  public static final class Builder {
    private final Instant notBefore;
    private Instant notAfter;
    private String organization = "countersign.test";
    private String rootCommonName = "countersign-test-root";
    private String intermediateCommonName = "countersign-test-intermediate";
    private String uri = "https://fulcio.countersign.test";
    private KeyAlgorithm keyAlgorithm = KeyAlgorithm.ECDSA_P384;

    private Builder(Instant notBefore) {
      this.notBefore = notBefore;
      this.notAfter = notBefore.plus(Duration.ofDays(3650));
    }

    /** When the CA certificates expire. */
    public Builder notAfter(Instant value) {
      this.notAfter = value;
      return this;
    }

    /** The organization (O) of the CA certificates. */
    public Builder organization(String value) {
      this.organization = value;
      return this;
    }

    /** The root's common name. */
    public Builder rootCommonName(String value) {
      this.rootCommonName = value;
      return this;
    }

    /** The intermediate's common name. */
    public Builder intermediateCommonName(String value) {
      this.intermediateCommonName = value;
      return this;
    }

    /** No intermediate: leaves are issued by the root. */
    public Builder withoutIntermediate() {
      this.intermediateCommonName = null;
      return this;
    }

    /** The URL a trust root lists for the CA. */
    public Builder uri(String value) {
      this.uri = value;
      return this;
    }

    /** The CA keys' algorithm (P-384 by default, as Fulcio's). */
    public Builder keyAlgorithm(KeyAlgorithm value) {
      this.keyAlgorithm = value;
      return this;
    }

    /** Generates the keys and certificates. */
    public TestCertificateAuthority build() {
      if (!notAfter.isAfter(notBefore)) {
        throw new IllegalStateException("notAfter must follow notBefore");
      }
      Objects.requireNonNull(organization, "organization");
      Objects.requireNonNull(rootCommonName, "rootCommonName");
      return new TestCertificateAuthority(this);
    }
  }
}
