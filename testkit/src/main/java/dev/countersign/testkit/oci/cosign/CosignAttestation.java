package dev.countersign.testkit.oci.cosign;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.countersign.testkit.dsse.DsseEnvelope;
import dev.countersign.testkit.dsse.DsseSignature;
import dev.countersign.testkit.encoding.Bytes;
import dev.countersign.testkit.encoding.Json;
import dev.countersign.testkit.keys.TestKeyPair;
import dev.countersign.testkit.oci.Blob;
import dev.countersign.testkit.oci.JsonStyle;
import dev.countersign.testkit.oci.MediaTypes;
import dev.countersign.testkit.oci.OciAnnotations;
import dev.countersign.testkit.oci.OciJson;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * One classic cosign attestation: a DSSE envelope layer with an empty {@code
 * dev.cosignproject.cosign/signature} annotation (the signature is inside the envelope), the
 * statement's {@code predicateType}, and the certificate, chain, Rekor bundle and RFC 3161
 * timestamp as available.
 *
 * @param envelope the envelope JSON exactly as stored (the layer blob)
 * @param predicateType the statement's predicate type, written as the layer's {@code predicateType}
 * @param certificatePem the PEM leaf for keyless attestations, or null
 * @param chainPem the PEM issuing chain, or null
 * @param rekorBundle the Rekor bundle, or null when not logged
 * @param rfc3161Timestamp a DER TimeStampResp over the envelope bytes, or null
 * @param signingKey the key that signed
 */
public record CosignAttestation(
    Bytes envelope,
    String predicateType,
    String certificatePem,
    String chainPem,
    RekorBundle rekorBundle,
    Bytes rfc3161Timestamp,
    TestKeyPair signingKey)
    implements CosignLayer {

  @Override
  public Blob blob() {
    return new Blob(MediaTypes.DSSE_ENVELOPE, envelope);
  }

  @Override
  public Map<String, String> annotations() {
    Map<String, String> annotations =
        CosignLayer.commonAnnotations(certificatePem, chainPem, rekorBundle, rfc3161Timestamp);
    annotations.put(OciAnnotations.COSIGN_SIGNATURE, "");
    if (predicateType != null) {
      annotations.put(OciAnnotations.COSIGN_PREDICATE_TYPE, predicateType);
    }
    return Collections.unmodifiableMap(annotations);
  }

  /**
   * An envelope as cosign stores it in a layer: {@code payloadType, payload, signatures[{keyid,
   * sig}]}, compact, {@code keyid} always present.
   */
  public static Bytes serialize(DsseEnvelope envelope) {
    ObjectNode node = Json.object();
    node.put("payloadType", envelope.payloadType());
    node.put("payload", envelope.payload().base64());
    var signatures = node.putArray("signatures");
    for (DsseSignature signature : envelope.signatures()) {
      signatures
          .addObject()
          .put("keyid", signature.keyid() == null ? "" : signature.keyid())
          .put("sig", signature.sig().base64());
    }
    return OciJson.write(node, JsonStyle.GO);
  }

  /** The envelope parsed back into the testkit's model. */
  public DsseEnvelope dsseEnvelope() {
    var json = Json.parse(envelope.toByteArray());
    List<DsseSignature> signatures = new ArrayList<>();
    json.path("signatures")
        .forEach(
            s ->
                signatures.add(
                    new DsseSignature(
                        s.path("keyid").asText(), Bytes.fromBase64(s.path("sig").asText()))));
    return new DsseEnvelope(
        json.path("payloadType").asText(),
        Bytes.fromBase64(json.path("payload").asText()),
        signatures);
  }

  /** The statement bytes (the envelope's decoded payload). */
  public Bytes statement() {
    return dsseEnvelope().payload();
  }

  /** A copy with other envelope bytes and the old annotations, for tampered variants. */
  public CosignAttestation withEnvelope(Bytes newEnvelope) {
    return new CosignAttestation(
        newEnvelope,
        predicateType,
        certificatePem,
        chainPem,
        rekorBundle,
        rfc3161Timestamp,
        signingKey);
  }

  /** A copy with another Rekor bundle (null removes it). */
  public CosignAttestation withRekorBundle(RekorBundle newBundle) {
    return new CosignAttestation(
        envelope, predicateType, certificatePem, chainPem, newBundle, rfc3161Timestamp, signingKey);
  }

  /** A copy with another chain (null removes it). */
  public CosignAttestation withChainPem(String newChainPem) {
    return new CosignAttestation(
        envelope,
        predicateType,
        certificatePem,
        newChainPem,
        rekorBundle,
        rfc3161Timestamp,
        signingKey);
  }
}
