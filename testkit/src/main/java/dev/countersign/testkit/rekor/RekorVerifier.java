package dev.countersign.testkit.rekor;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.countersign.testkit.ca.Certificates;
import dev.countersign.testkit.encoding.Bytes;
import dev.countersign.testkit.encoding.Json;
import dev.countersign.testkit.keys.KeyAlgorithm;
import dev.countersign.testkit.keys.TestKeyPair;
import java.security.cert.X509Certificate;

/**
 * The {@code verifier} of a Rekor v2 entry: key details plus either the signing certificate or the
 * bare public key.
 *
 * @param keyDetails the protobuf-specs {@code PublicKeyDetails} name
 * @param x509Certificate the DER certificate, or null
 * @param publicKey the DER SubjectPublicKeyInfo, or null
 */
public record RekorVerifier(String keyDetails, Bytes x509Certificate, Bytes publicKey) {

  /** A verifier naming a certificate whose key has {@code algorithm}. */
  public static RekorVerifier certificate(X509Certificate certificate, KeyAlgorithm algorithm) {
    return new RekorVerifier(algorithm.keyDetails(), Certificates.der(certificate), null);
  }

  /** A verifier naming a bare public key. */
  public static RekorVerifier publicKey(TestKeyPair key) {
    return new RekorVerifier(key.algorithm().keyDetails(), null, key.spki());
  }

  /** The JSON object. */
  public ObjectNode toJson() {
    ObjectNode node = Json.object();
    node.put("keyDetails", keyDetails);
    if (x509Certificate != null) {
      node.putObject("x509Certificate").put("rawBytes", x509Certificate.base64());
    }
    if (publicKey != null) {
      node.putObject("publicKey").put("rawBytes", publicKey.base64());
    }
    return node;
  }
}
