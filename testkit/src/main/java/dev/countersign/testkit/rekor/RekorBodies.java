package dev.countersign.testkit.rekor;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.countersign.testkit.dsse.DsseEnvelope;
import dev.countersign.testkit.dsse.DsseSignature;
import dev.countersign.testkit.encoding.Bytes;
import dev.countersign.testkit.encoding.Json;
import dev.countersign.testkit.keys.HashAlgorithm;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;

/**
 * The entry bodies Rekor writes, shaped after real entries: compact RFC 8785 JSON.
 *
 * <p>Rekor v1 kinds ({@code hashedrekord 0.0.1}, {@code dsse 0.0.1}, {@code intoto 0.0.2}) name the
 * verifier as base64 of a PEM certificate or public key and write hex digests; Rekor v2 kinds
 * ({@code hashedrekord 0.0.2}, {@code dsse 0.0.2}) use protobuf JSON with base64 digests and DER
 * verifiers.
 */
public final class RekorBodies {
  private RekorBodies() {}

  /** {@code hashedrekord 0.0.1}: the artifact digest and a signature by a PEM verifier. */
  public static RekorBody hashedRekordV001(
      HashAlgorithm algorithm, byte[] digest, byte[] signature, String verifierPem) {
    ObjectNode spec = Json.object();
    ObjectNode hash = spec.putObject("data").putObject("hash");
    hash.put("algorithm", algorithm.rekorName());
    hash.put("value", HexFormat.of().formatHex(digest));
    ObjectNode sig = spec.putObject("signature");
    sig.put("content", Bytes.of(signature).base64());
    sig.putObject("publicKey").put("content", base64Utf8(verifierPem));
    return RekorBody.of(envelope("hashedrekord", "0.0.1", spec));
  }

  /**
   * {@code dsse 0.0.1}: hashes of the envelope and payload, and each signature with its verifier;
   * {@code verifierPems} pairs with the envelope's signatures in order.
   */
  public static RekorBody dsseV001(DsseEnvelope envelope, List<String> verifierPems) {
    ObjectNode spec = Json.object();
    spec.set("envelopeHash", hexHash(envelopeJson(envelope, true)));
    spec.set("payloadHash", hexHash(envelope.payload().toByteArray()));
    ArrayNode signatures = spec.putArray("signatures");
    for (int i = 0; i < envelope.signatures().size(); i++) {
      ObjectNode s = signatures.addObject();
      s.put("signature", envelope.signatures().get(i).sig().base64());
      s.put("verifier", base64Utf8(verifierPems.get(i)));
    }
    return RekorBody.of(envelope("dsse", "0.0.1", spec));
  }

  /**
   * {@code intoto 0.0.2}: the envelope without its payload, each signature base64-encoded twice
   * (once by DSSE, once more by this kind), and hashes of the envelope and payload.
   */
  public static RekorBody intotoV002(DsseEnvelope envelope, List<String> verifierPems) {
    ObjectNode content = Json.object();
    ObjectNode env = content.putObject("envelope");
    env.put("payloadType", envelope.payloadType());
    ArrayNode signatures = env.putArray("signatures");
    for (int i = 0; i < envelope.signatures().size(); i++) {
      ObjectNode s = signatures.addObject();
      DsseSignature signature = envelope.signatures().get(i);
      if (signature.keyid() != null && !signature.keyid().isEmpty()) {
        s.put("keyid", signature.keyid());
      }
      s.put("publicKey", base64Utf8(verifierPems.get(i)));
      s.put("sig", base64Utf8(signature.sig().base64()));
    }
    content.set("hash", hexHash(envelopeJson(envelope, false)));
    content.set("payloadHash", hexHash(envelope.payload().toByteArray()));
    ObjectNode spec = Json.object();
    spec.set("content", content);
    return RekorBody.of(envelope("intoto", "0.0.2", spec));
  }

  /** {@code hashedrekord 0.0.2} (Rekor v2). */
  public static RekorBody hashedRekordV002(
      HashAlgorithm algorithm, byte[] digest, byte[] signature, RekorVerifier verifier) {
    ObjectNode inner = Json.object();
    ObjectNode data = inner.putObject("data");
    data.put("algorithm", algorithm.protoName());
    data.put("digest", Bytes.of(digest).base64());
    ObjectNode sig = inner.putObject("signature");
    sig.put("content", Bytes.of(signature).base64());
    sig.set("verifier", verifier.toJson());
    ObjectNode spec = Json.object();
    spec.set("hashedRekordV002", inner);
    return RekorBody.of(envelope("hashedrekord", "0.0.2", spec));
  }

  /**
   * {@code dsse 0.0.2} (Rekor v2): the payload's SHA-256 and each signature with its verifier;
   * {@code verifiers} pairs with the envelope's signatures in order.
   */
  public static RekorBody dsseV002(DsseEnvelope envelope, List<RekorVerifier> verifiers) {
    ObjectNode inner = Json.object();
    ObjectNode payloadHash = inner.putObject("payloadHash");
    payloadHash.put("algorithm", HashAlgorithm.SHA2_256.protoName());
    payloadHash.put(
        "digest",
        Bytes.of(HashAlgorithm.SHA2_256.digest(envelope.payload().toByteArray())).base64());
    ArrayNode signatures = inner.putArray("signatures");
    for (int i = 0; i < envelope.signatures().size(); i++) {
      ObjectNode s = signatures.addObject();
      s.put("content", envelope.signatures().get(i).sig().base64());
      s.set("verifier", verifiers.get(i).toJson());
    }
    ObjectNode spec = Json.object();
    spec.set("dsseV002", inner);
    return RekorBody.of(envelope("dsse", "0.0.2", spec));
  }

  /**
   * The envelope JSON Rekor hashes for {@code envelopeHash} / {@code hash}: payload, payloadType,
   * then signatures of {@code sig} and {@code keyid}. The dsse kind always writes {@code keyid}
   * (empty when absent); the intoto kind leaves an empty one out.
   */
  static byte[] envelopeJson(DsseEnvelope envelope, boolean alwaysWriteKeyid) {
    ObjectNode node = Json.object();
    node.put("payload", envelope.payload().base64());
    node.put("payloadType", envelope.payloadType());
    ArrayNode signatures = node.putArray("signatures");
    for (DsseSignature signature : envelope.signatures()) {
      ObjectNode s = signatures.addObject();
      s.put("sig", signature.sig().base64());
      String keyid = signature.keyid() == null ? "" : signature.keyid();
      if (alwaysWriteKeyid || !keyid.isEmpty()) {
        s.put("keyid", keyid);
      }
    }
    return Json.compact(node).getBytes(StandardCharsets.UTF_8);
  }

  private static ObjectNode envelope(String kind, String apiVersion, ObjectNode spec) {
    ObjectNode body = Json.object();
    body.put("apiVersion", apiVersion);
    body.put("kind", kind);
    body.set("spec", spec);
    return body;
  }

  private static ObjectNode hexHash(byte[] data) {
    ObjectNode hash = Json.object();
    hash.put("algorithm", HashAlgorithm.SHA2_256.rekorName());
    hash.put("value", HexFormat.of().formatHex(HashAlgorithm.SHA2_256.digest(data)));
    return hash;
  }

  private static String base64Utf8(String text) {
    return Bytes.utf8(text).base64();
  }
}
