package dev.countersign.testkit.bundle;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.countersign.testkit.encoding.Bytes;
import dev.countersign.testkit.encoding.Json;
import java.nio.charset.StandardCharsets;

/**
 * Writes {@link Bundle}s in the protobuf JSON mapping Sigstore uses: camelCase names, {@code bytes}
 * as padded standard base64, {@code int64} as decimal strings, absent fields omitted.
 */
public final class BundleWriter {
  private BundleWriter() {}

  /** The bundle as a mutable JSON tree, for tampering below the model's level. */
  public static ObjectNode toJson(Bundle bundle) {
    ObjectNode root = Json.object();
    root.put("mediaType", bundle.mediaType());
    root.set("verificationMaterial", material(bundle.verificationMaterial()));
    if (bundle.messageSignature() != null) {
      MessageSignature ms = bundle.messageSignature();
      ObjectNode node = root.putObject("messageSignature");
      ObjectNode digest = node.putObject("messageDigest");
      digest.put("algorithm", ms.digestAlgorithm().protoName());
      digest.put("digest", ms.digest().base64());
      node.put("signature", ms.signature().base64());
    }
    if (bundle.dsseEnvelope() != null) {
      root.set("dsseEnvelope", bundle.dsseEnvelope().toJson());
    }
    return root;
  }

  /** The bundle as indented JSON text. */
  public static String write(Bundle bundle) {
    return Json.pretty(toJson(bundle));
  }

  /** The bundle as UTF-8 bytes of {@link #write}. */
  public static byte[] writeBytes(Bundle bundle) {
    return write(bundle).getBytes(StandardCharsets.UTF_8);
  }

  /** One tlog entry as JSON. */
  public static ObjectNode toJson(TlogEntry entry) {
    ObjectNode node = Json.object();
    node.put("logIndex", Long.toString(entry.logIndex()));
    node.putObject("logId").put("keyId", entry.logId().base64());
    ObjectNode kindVersion = node.putObject("kindVersion");
    kindVersion.put("kind", entry.kind());
    kindVersion.put("version", entry.version());
    if (entry.integratedTime() != null) {
      node.put("integratedTime", Long.toString(entry.integratedTime()));
    }
    if (entry.signedEntryTimestamp() != null) {
      node.putObject("inclusionPromise")
          .put("signedEntryTimestamp", entry.signedEntryTimestamp().base64());
    }
    if (entry.inclusionProof() != null) {
      TlogInclusionProof proof = entry.inclusionProof();
      ObjectNode p = node.putObject("inclusionProof");
      p.put("logIndex", Long.toString(proof.logIndex()));
      p.put("rootHash", proof.rootHash().base64());
      p.put("treeSize", Long.toString(proof.treeSize()));
      ArrayNode hashes = p.putArray("hashes");
      proof.hashes().forEach(h -> hashes.add(h.base64()));
      if (proof.checkpoint() != null) {
        p.putObject("checkpoint").put("envelope", proof.checkpoint());
      }
    }
    node.put("canonicalizedBody", entry.canonicalizedBody().base64());
    return node;
  }

  private static ObjectNode material(VerificationMaterial material) {
    ObjectNode node = Json.object();
    if (material.certificateChain() != null) {
      ArrayNode certificates = node.putObject("x509CertificateChain").putArray("certificates");
      for (Bytes der : material.certificateChain()) {
        certificates.addObject().put("rawBytes", der.base64());
      }
    }
    if (material.certificate() != null) {
      node.putObject("certificate").put("rawBytes", material.certificate().base64());
    }
    if (material.publicKeyHint() != null) {
      node.putObject("publicKey").put("hint", material.publicKeyHint());
    }
    ArrayNode entries = node.putArray("tlogEntries");
    material.tlogEntries().forEach(e -> entries.add(toJson(e)));
    if (!material.rfc3161Timestamps().isEmpty()) {
      ArrayNode timestamps =
          node.putObject("timestampVerificationData").putArray("rfc3161Timestamps");
      for (Bytes timestamp : material.rfc3161Timestamps()) {
        timestamps.addObject().put("signedTimestamp", timestamp.base64());
      }
    }
    return node;
  }
}
