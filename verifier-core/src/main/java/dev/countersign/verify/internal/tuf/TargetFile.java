package dev.countersign.verify.internal.tuf;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.verify.internal.json.JsonFormatException;
import java.util.Map;

/**
 * A TARGETS entry. Unlike metadata entries, length and at least one hash are required: they are the
 * only thing binding the target file to the signed metadata.
 *
 * @param name the target path, e.g. {@code trusted_root.json}
 * @param length the exact length in bytes
 * @param hashes algorithm to digest, not empty
 */
record TargetFile(String name, long length, Map<String, byte[]> hashes) {
  TargetFile {
    hashes = Map.copyOf(hashes);
  }

  static TargetFile parse(String name, JsonNode node, String path) throws JsonFormatException {
    if (!node.isObject()) {
      throw new JsonFormatException(path, "must be a JSON object");
    }
    long length = TufFields.integer(node, "length", path, 0);
    Map<String, byte[]> hashes =
        TufFields.hashes(TufFields.object(node, "hashes", path), path + ".hashes");
    if (hashes.isEmpty()) {
      throw new JsonFormatException(path + ".hashes", "must list at least one hash");
    }
    return new TargetFile(name, length, hashes);
  }
}
