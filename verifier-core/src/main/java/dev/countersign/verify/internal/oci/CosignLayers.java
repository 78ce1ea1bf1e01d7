package dev.countersign.verify.internal.oci;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.verify.EvidenceFormatException;
import dev.countersign.verify.attest.DsseEnvelope;
import dev.countersign.verify.bundle.BundleVersion;
import dev.countersign.verify.bundle.MessageSignature;
import dev.countersign.verify.bundle.SignedContent;
import dev.countersign.verify.bundle.SigstoreBundle;
import dev.countersign.verify.bundle.TransparencyLogEntry;
import dev.countersign.verify.bundle.VerificationMaterial;
import dev.countersign.verify.internal.attest.DsseParser;
import dev.countersign.verify.internal.crypto.HashAlgorithm;
import dev.countersign.verify.internal.crypto.KeyFormatException;
import dev.countersign.verify.internal.crypto.Pem;
import dev.countersign.verify.internal.json.Json;
import dev.countersign.verify.internal.json.JsonFormatException;
import dev.countersign.verify.oci.StoredEvidence;
import dev.countersign.verify.verdict.ReasonCode;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Reads cosign's classic OCI layers (signature and attestation layers with their annotations) into
 * the bundle model, so they go through exactly the checks a Sigstore bundle does. The layer's
 * certificate annotation becomes the signing certificate; the chain annotation is not used, since
 * issuers come only from the trust root; the "Rekor bundle" annotation becomes a log entry with its
 * signed entry timestamp.
 */
public final class CosignLayers {
  private CosignLayers() {}

  public static SigstoreBundle toBundle(StoredEvidence e) throws EvidenceFormatException {
    try {
      SignedContent content;
      if (e.kind() == StoredEvidence.Kind.COSIGN_SIGNATURE) {
        String sig = e.annotations().get(OciMediaTypes.ANNOTATION_SIGNATURE);
        if (sig == null || sig.isEmpty()) {
          throw new JsonFormatException(
              OciMediaTypes.ANNOTATION_SIGNATURE, "signature layer has no signature");
        }
        byte[] payload = e.content();
        content =
            new MessageSignature(
                Optional.of("sha256"),
                Optional.of(HashAlgorithm.SHA2_256.digest(payload)),
                Json.base64(sig, OciMediaTypes.ANNOTATION_SIGNATURE));
      } else if (e.kind() == StoredEvidence.Kind.COSIGN_ATTESTATION) {
        DsseEnvelope env =
            DsseParser.read(Json.parseObject(e.content(), "DSSE envelope"), "envelope");
        content = env;
      } else {
        throw new IllegalArgumentException("not a cosign layer: " + e.kind());
      }
      return new SigstoreBundle(
          "cosign "
              + (e.kind() == StoredEvidence.Kind.COSIGN_SIGNATURE ? "signature" : "attestation")
              + " layer",
          BundleVersion.V0_1,
          material(e),
          tlogEntries(e),
          timestamps(e),
          content);
    } catch (JsonFormatException ex) {
      throw new EvidenceFormatException(
          ReasonCode.EVIDENCE_MALFORMED, ex.path(), ex.getMessage(), ex);
    }
  }

  private static VerificationMaterial material(StoredEvidence e) throws JsonFormatException {
    String pem = e.annotations().get(OciMediaTypes.ANNOTATION_CERTIFICATE);
    if (pem == null || pem.isBlank()) {
      return new VerificationMaterial.PublicKeyHint("");
    }
    try {
      List<Pem.Block> blocks = Pem.all(pem);
      if (blocks.isEmpty() || !blocks.get(0).type().equals("CERTIFICATE")) {
        throw new JsonFormatException(
            OciMediaTypes.ANNOTATION_CERTIFICATE, "not a PEM certificate");
      }
      return new VerificationMaterial.Certificates(List.of(blocks.get(0).der()), false);
    } catch (KeyFormatException ex) {
      throw new JsonFormatException(OciMediaTypes.ANNOTATION_CERTIFICATE, ex.getMessage(), ex);
    }
  }

  /**
   * The Rekor bundle annotation: {@code {"SignedEntryTimestamp": b64, "Payload": {"body": b64,
   * "integratedTime": n, "logIndex": n, "logID": hex}}}.
   */
  private static List<TransparencyLogEntry> tlogEntries(StoredEvidence e)
      throws JsonFormatException {
    String text = e.annotations().get(OciMediaTypes.ANNOTATION_REKOR_BUNDLE);
    if (text == null || text.isBlank()) {
      return List.of();
    }
    String path = OciMediaTypes.ANNOTATION_REKOR_BUNDLE;
    JsonNode root = Json.parseObject(text.getBytes(StandardCharsets.UTF_8), "Rekor bundle");
    byte[] set = Json.bytes(root, "SignedEntryTimestamp", path);
    JsonNode payload = Json.object(root, "Payload", path);
    String ppath = Json.join(path, "Payload");
    byte[] body = Json.base64(Json.string(payload, "body", ppath), Json.join(ppath, "body"));
    long integrated = Json.int64(payload, "integratedTime", ppath);
    long index = Json.int64(payload, "logIndex", ppath);
    String logIdHex = Json.string(payload, "logID", ppath);
    byte[] logId;
    try {
      logId = HexFormat.of().parseHex(logIdHex);
    } catch (IllegalArgumentException ex) {
      throw new JsonFormatException(Json.join(ppath, "logID"), "log id is not hex");
    }
    if (index < 0 || integrated < 0) {
      throw new JsonFormatException(ppath, "log index and integrated time must not be negative");
    }
    JsonNode bodyJson = Json.parseObject(body, "Rekor entry body");
    String kind = Json.string(bodyJson, "kind", Json.join(ppath, "body"));
    String version = Json.string(bodyJson, "apiVersion", Json.join(ppath, "body"));
    return List.of(
        new TransparencyLogEntry(
            index, logId, kind, version, integrated, Optional.of(set), Optional.empty(), body));
  }

  /** The RFC 3161 annotation: {@code {"SignedRFC3161Timestamp": b64 DER}}. */
  private static List<byte[]> timestamps(StoredEvidence e) throws JsonFormatException {
    String text = e.annotations().get(OciMediaTypes.ANNOTATION_RFC3161);
    if (text == null || text.isBlank()) {
      return List.of();
    }
    JsonNode root = Json.parseObject(text.getBytes(StandardCharsets.UTF_8), "RFC 3161 timestamp");
    return List.of(Json.bytes(root, "SignedRFC3161Timestamp", OciMediaTypes.ANNOTATION_RFC3161));
  }
}
