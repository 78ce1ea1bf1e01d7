package dev.countersign.testkit.ca;

import dev.countersign.testkit.ct.SignedCertificateTimestamp;
import dev.countersign.testkit.encoding.Bytes;
import dev.countersign.testkit.encoding.Pem;
import dev.countersign.testkit.keys.TestKeyPair;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A leaf certificate with its private key and the chain that issued it.
 *
 * @param certificate the leaf
 * @param keyPair the certified key pair
 * @param issuerChain the issuing certificate first, the root last
 * @param sct the embedded SCT, or null when the leaf has none
 */
public record IssuedCertificate(
    X509Certificate certificate,
    TestKeyPair keyPair,
    List<X509Certificate> issuerChain,
    SignedCertificateTimestamp sct) {

  public IssuedCertificate {
    issuerChain = List.copyOf(issuerChain);
  }

  /** The leaf's DER. */
  public Bytes der() {
    return Certificates.der(certificate);
  }

  /** The leaf as a PEM block. */
  public String pem() {
    return Pem.certificate(certificate);
  }

  /** The leaf followed by its issuer chain. */
  public List<X509Certificate> fullChain() {
    List<X509Certificate> chain = new ArrayList<>();
    chain.add(certificate);
    chain.addAll(issuerChain);
    return List.copyOf(chain);
  }

  /** The embedded SCT, if any. */
  public Optional<SignedCertificateTimestamp> embeddedSct() {
    return Optional.ofNullable(sct);
  }
}
