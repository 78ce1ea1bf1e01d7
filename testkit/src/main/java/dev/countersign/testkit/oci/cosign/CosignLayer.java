package dev.countersign.testkit.oci.cosign;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.countersign.testkit.encoding.Bytes;
import dev.countersign.testkit.encoding.Json;
import dev.countersign.testkit.oci.Blob;
import dev.countersign.testkit.oci.Descriptor;
import dev.countersign.testkit.oci.JsonStyle;
import dev.countersign.testkit.oci.OciAnnotations;
import dev.countersign.testkit.oci.OciJson;
import java.util.Map;
import java.util.TreeMap;

/** One layer of a cosign signature or attestation manifest: a blob and its annotations. */
public sealed interface CosignLayer permits CosignSignature, CosignAttestation {

  /** The layer blob (payload or envelope). */
  Blob blob();

  /** The layer annotations, sorted by key as Go writes a map. */
  Map<String, String> annotations();

  /** The layer descriptor with its annotations. */
  default Descriptor descriptor() {
    return blob().descriptor().withAnnotations(annotations());
  }

  /** The annotations every cosign layer may carry beyond its signature, sorted. */
  static Map<String, String> commonAnnotations(
      String certificatePem, String chainPem, RekorBundle rekorBundle, Bytes rfc3161Timestamp) {
    Map<String, String> annotations = new TreeMap<>();
    if (certificatePem != null) {
      annotations.put(OciAnnotations.COSIGN_CERTIFICATE, certificatePem);
    }
    if (chainPem != null) {
      annotations.put(OciAnnotations.COSIGN_CHAIN, chainPem);
    }
    if (rekorBundle != null) {
      annotations.put(OciAnnotations.COSIGN_BUNDLE, rekorBundle.json());
    }
    if (rfc3161Timestamp != null) {
      ObjectNode timestamp = Json.object();
      timestamp.put("SignedRFC3161Timestamp", rfc3161Timestamp.base64());
      annotations.put(
          OciAnnotations.COSIGN_RFC3161_TIMESTAMP,
          OciJson.write(timestamp, JsonStyle.GO).utf8String());
    }
    return annotations;
  }
}
