package dev.countersign.verify.internal.tuf;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.verify.internal.json.JsonFormatException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Root metadata: the keys and the thresholds of the four top-level roles, and whether the
 * repository uses consistent snapshots.
 *
 * @param metadata the envelope (version, expiry, signatures)
 * @param keys key id to key
 * @param roles role name to role, always containing the four top-level roles
 * @param consistentSnapshot whether snapshot, targets and target files carry version or hash
 *     prefixes
 */
record RootMetadata(
    SignedMetadata metadata,
    Map<String, TufKey> keys,
    Map<String, TufRole> roles,
    boolean consistentSnapshot) {

  static final String ROOT = "root";
  static final String TIMESTAMP = "timestamp";
  static final String SNAPSHOT = "snapshot";
  static final String TARGETS = "targets";
  private static final List<String> TOP_LEVEL_ROLES = List.of(ROOT, TIMESTAMP, SNAPSHOT, TARGETS);

  RootMetadata {
    keys = Map.copyOf(keys);
    roles = Map.copyOf(roles);
  }

  static RootMetadata parse(byte[] bytes, String source) {
    SignedMetadata metadata = SignedMetadata.parse(bytes, source, ROOT);
    try {
      return from(metadata);
    } catch (JsonFormatException e) {
      throw SignedMetadata.malformed(source, ROOT, e);
    }
  }

  private static RootMetadata from(SignedMetadata metadata) throws JsonFormatException {
    JsonNode signed = metadata.signed();
    Map<String, TufKey> keys = new LinkedHashMap<>();
    for (var e : TufFields.object(signed, "keys", "signed").properties()) {
      keys.put(e.getKey(), TufKey.parse(e.getKey(), e.getValue(), "signed.keys." + e.getKey()));
    }
    JsonNode roleNodes = TufFields.object(signed, "roles", "signed");
    Map<String, TufRole> roles = new LinkedHashMap<>();
    for (String name : TOP_LEVEL_ROLES) {
      String path = "signed.roles." + name;
      JsonNode node = roleNodes.get(name);
      if (node == null) {
        throw new JsonFormatException(path, "required top-level role is missing");
      }
      TufRole role = TufRole.parse(node, path);
      for (String keyId : role.keyIds()) {
        // A role naming a key the root does not define is a broken root, not a weaker role.
        if (!keys.containsKey(keyId)) {
          throw new JsonFormatException(
              path + ".keyids", "key id " + keyId + " is not defined in signed.keys");
        }
      }
      roles.put(name, role);
    }
    boolean consistent = TufFields.optionalBoolean(signed, "consistent_snapshot", "signed");
    return new RootMetadata(metadata, keys, roles, consistent);
  }

  long version() {
    return metadata.version();
  }

  TufRole role(String name) {
    return roles.get(name);
  }
}
