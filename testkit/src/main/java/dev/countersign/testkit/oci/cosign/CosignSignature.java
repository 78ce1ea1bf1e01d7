package dev.countersign.testkit.oci.cosign;

import dev.countersign.testkit.encoding.Bytes;
import dev.countersign.testkit.keys.TestKeyPair;
import dev.countersign.testkit.oci.Blob;
import dev.countersign.testkit.oci.MediaTypes;
import dev.countersign.testkit.oci.OciAnnotations;
import java.util.Collections;
import java.util.Map;

/**
 * One classic cosign image signature: a simple-signing payload layer whose annotations carry the
 * signature and, as available, the certificate, chain, Rekor bundle and RFC 3161 timestamp.
 *
 * @param payload the signed payload bytes (the layer blob)
 * @param signature the signature over {@code payload}
 * @param certificatePem the PEM leaf for keyless signatures, or null
 * @param chainPem the PEM issuing chain (intermediates, then root), or null
 * @param rekorBundle the Rekor bundle, or null when not logged
 * @param rfc3161Timestamp a DER TimeStampResp over the signature bytes, or null
 * @param signingKey the key that signed (for independent checks and tampering)
 */
public record CosignSignature(
    Bytes payload,
    Bytes signature,
    String certificatePem,
    String chainPem,
    RekorBundle rekorBundle,
    Bytes rfc3161Timestamp,
    TestKeyPair signingKey)
    implements CosignLayer {

  @Override
  public Blob blob() {
    return new Blob(MediaTypes.COSIGN_SIMPLE_SIGNING, payload);
  }

  @Override
  public Map<String, String> annotations() {
    Map<String, String> annotations =
        CosignLayer.commonAnnotations(certificatePem, chainPem, rekorBundle, rfc3161Timestamp);
    annotations.put(OciAnnotations.COSIGN_SIGNATURE, signature.base64());
    return Collections.unmodifiableMap(annotations);
  }

  /** A copy with another signature (e.g. one bit flipped). */
  public CosignSignature withSignature(Bytes newSignature) {
    return new CosignSignature(
        payload, newSignature, certificatePem, chainPem, rekorBundle, rfc3161Timestamp, signingKey);
  }

  /** A copy with another payload and the old signature. */
  public CosignSignature withPayload(Bytes newPayload) {
    return new CosignSignature(
        newPayload, signature, certificatePem, chainPem, rekorBundle, rfc3161Timestamp, signingKey);
  }

  /** A copy with another certificate (null removes it). */
  public CosignSignature withCertificatePem(String newCertificatePem) {
    return new CosignSignature(
        payload, signature, newCertificatePem, chainPem, rekorBundle, rfc3161Timestamp, signingKey);
  }

  /** A copy with another chain (null removes it). */
  public CosignSignature withChainPem(String newChainPem) {
    return new CosignSignature(
        payload, signature, certificatePem, newChainPem, rekorBundle, rfc3161Timestamp, signingKey);
  }

  /** A copy with another Rekor bundle (null removes it). */
  public CosignSignature withRekorBundle(RekorBundle newBundle) {
    return new CosignSignature(
        payload, signature, certificatePem, chainPem, newBundle, rfc3161Timestamp, signingKey);
  }

  /** A copy with another timestamp (null removes it). */
  public CosignSignature withRfc3161Timestamp(Bytes newTimestamp) {
    return new CosignSignature(
        payload, signature, certificatePem, chainPem, rekorBundle, newTimestamp, signingKey);
  }
}
