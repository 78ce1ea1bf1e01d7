package dev.countersign.verify.internal.tuf;

import com.fasterxml.jackson.databind.JsonNode;
import dev.countersign.verify.internal.json.JsonFormatException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A METAFILES entry: what a timestamp says about the snapshot, or a snapshot about the targets
 * metadata. Length and hashes are optional in TUF; when present they must match the file.
 *
 * @param name the metadata file name, e.g. {@code snapshot.json}
 * @param version the version the file must have
 * @param length the exact length in bytes, or null
 * @param hashes algorithm to digest, possibly empty
 */
record MetaFile(String name, long version, Long length, Map<String, byte[]> hashes) {
  MetaFile {
    hashes = Map.copyOf(hashes);
  }

  /** Reads {@code signed.meta[name]}, which must be present. */
  static MetaFile parse(JsonNode signed, String name) throws JsonFormatException {
    JsonNode meta = TufFields.object(signed, "meta", "signed");
    String path = "signed.meta." + name;
    JsonNode entry = meta.get(name);
    if (entry == null) {
      throw new JsonFormatException(path, "required entry is missing");
    }
    if (!entry.isObject()) {
      throw new JsonFormatException(path, "must be a JSON object");
    }
    long version = TufFields.integer(entry, "version", path, 1);
    Long length = TufFields.optionalInteger(entry, "length", path, 0);
    JsonNode hashNode = TufFields.optionalObject(entry, "hashes", path);
    Map<String, byte[]> hashes =
        hashNode == null ? new LinkedHashMap<>() : TufFields.hashes(hashNode, path + ".hashes");
    if (hashNode != null && hashes.isEmpty()) {
      throw new JsonFormatException(path + ".hashes", "must list at least one hash when present");
    }
    return new MetaFile(name, version, length, hashes);
  }
}
