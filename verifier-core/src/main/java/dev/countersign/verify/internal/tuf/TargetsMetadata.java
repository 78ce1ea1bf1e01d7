package dev.countersign.verify.internal.tuf;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.verify.internal.json.JsonFormatException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Top-level targets metadata.
 *
 * @param metadata the envelope
 * @param targets target path to its length and hashes
 * @param delegates whether the metadata delegates to other roles (which this client does not
 *     follow)
 */
record TargetsMetadata(
    SignedMetadata metadata, Map<String, TargetFile> targets, boolean delegates) {
  TargetsMetadata {
    targets = Map.copyOf(targets);
  }

  static TargetsMetadata parse(byte[] bytes, String source) {
    SignedMetadata metadata = SignedMetadata.parse(bytes, source, RootMetadata.TARGETS);
    try {
      JsonNode signed = metadata.signed();
      Map<String, TargetFile> targets = new LinkedHashMap<>();
      for (var e : TufFields.object(signed, "targets", "signed").properties()) {
        targets.put(
            e.getKey(), TargetFile.parse(e.getKey(), e.getValue(), "signed.targets." + e.getKey()));
      }
      JsonNode delegations = TufFields.optionalObject(signed, "delegations", "signed");
      boolean delegates = delegations != null && hasRoles(delegations);
      return new TargetsMetadata(metadata, targets, delegates);
    } catch (JsonFormatException e) {
      throw SignedMetadata.malformed(source, RootMetadata.TARGETS, e);
    }
  }

  /** Delegations are listed in {@code roles} (or, since TUF 1.0.30, {@code succinct_roles}). */
  private static boolean hasRoles(JsonNode delegations) {
    JsonNode roles = delegations.get("roles");
    return (roles != null && roles.isArray() && !roles.isEmpty())
        || delegations.has("succinct_roles");
  }
}
