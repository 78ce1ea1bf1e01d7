package dev.countersign.testkit.oci.cosign;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.countersign.testkit.encoding.Bytes;
import dev.countersign.testkit.encoding.Json;
import dev.countersign.testkit.keys.HashAlgorithm;
import dev.countersign.testkit.rekor.RekorBody;

/**
 * The {@code intoto 0.0.1} entry body older cosign releases log for attestations: the SHA-256 of
 * the envelope exactly as submitted, the SHA-256 of its decoded payload, and the verifier as base64
 * of its PEM.
 */
final class IntotoV001Body {
  private IntotoV001Body() {}

  static RekorBody of(Bytes envelope, Bytes payload, String verifierPem) {
    ObjectNode content = Json.object();
    content.set("hash", sha256(envelope));
    content.set("payloadHash", sha256(payload));
    ObjectNode spec = Json.object();
    spec.set("content", content);
    spec.put("publicKey", Bytes.utf8(verifierPem).base64());
    ObjectNode body = Json.object();
    body.put("apiVersion", "0.0.1");
    body.put("kind", "intoto");
    body.set("spec", spec);
    return RekorBody.of(body);
  }

  private static ObjectNode sha256(Bytes data) {
    ObjectNode hash = Json.object();
    hash.put("algorithm", HashAlgorithm.SHA2_256.rekorName());
    hash.put("value", Bytes.of(HashAlgorithm.SHA2_256.digest(data.toByteArray())).hex());
    return hash;
  }
}
