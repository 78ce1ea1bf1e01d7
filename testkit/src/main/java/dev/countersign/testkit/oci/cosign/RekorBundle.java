package dev.countersign.testkit.oci.cosign;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.countersign.testkit.bundle.TlogEntry;
import dev.countersign.testkit.encoding.Bytes;
import dev.countersign.testkit.encoding.Json;
import dev.countersign.testkit.oci.JsonStyle;
import dev.countersign.testkit.oci.OciJson;
import java.util.Objects;

/**
 * The "Rekor bundle" of a cosign layer annotation ({@code dev.sigstore.cosign/bundle}): a Rekor v1
 * entry's signed entry timestamp and the payload that timestamp signs.
 *
 * @param signedEntryTimestamp the log's signature over the canonical payload
 * @param body the canonicalized entry body
 * @param integratedTime seconds since the epoch
 * @param logIndex the entry's index
 * @param logId the log ID in lowercase hex
 */
public record RekorBundle(
    Bytes signedEntryTimestamp, Bytes body, long integratedTime, long logIndex, String logId) {

  /** The bundle of a Rekor v1 entry (which must carry a signed entry timestamp). */
  public static RekorBundle of(TlogEntry entry) {
    Objects.requireNonNull(entry.signedEntryTimestamp(), "entry has no signed entry timestamp");
    Objects.requireNonNull(entry.integratedTime(), "entry has no integrated time");
    return new RekorBundle(
        entry.signedEntryTimestamp(),
        entry.canonicalizedBody(),
        entry.integratedTime(),
        entry.logIndex(),
        entry.logId().hex());
  }

  /** A copy with another signed entry timestamp, for tampered variants. */
  public RekorBundle withSignedEntryTimestamp(Bytes newSet) {
    return new RekorBundle(newSet, body, integratedTime, logIndex, logId);
  }

  /** A copy with another integrated time (the timestamp no longer covers it). */
  public RekorBundle withIntegratedTime(long newIntegratedTime) {
    return new RekorBundle(signedEntryTimestamp, body, newIntegratedTime, logIndex, logId);
  }

  /**
   * The annotation value as cosign writes it: {@code
   * {"SignedEntryTimestamp","Payload":{"body","integratedTime","logIndex","logID"}}}, compact.
   */
  public String json() {
    ObjectNode root = Json.object();
    root.put("SignedEntryTimestamp", signedEntryTimestamp.base64());
    ObjectNode payload = root.putObject("Payload");
    payload.put("body", body.base64());
    payload.put("integratedTime", integratedTime);
    payload.put("logIndex", logIndex);
    payload.put("logID", logId);
    return OciJson.write(root, JsonStyle.GO).utf8String();
  }

  /** Reads an annotation value. */
  public static RekorBundle parse(String json) {
    JsonNode root = Json.parse(json);
    JsonNode payload = root.path("Payload");
    return new RekorBundle(
        Bytes.fromBase64(root.path("SignedEntryTimestamp").asText()),
        Bytes.fromBase64(payload.path("body").asText()),
        payload.path("integratedTime").asLong(),
        payload.path("logIndex").asLong(),
        payload.path("logID").asText());
  }
}
